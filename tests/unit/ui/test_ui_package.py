"""pm_prep.ui's start-up shortcut for PySide6's feature scan gives PySide6's own answers."""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import pytest

import pm_prep.ui  # noqa: F401  (installs the scan)


def _pyside_answer(module: ModuleType) -> bool:
    """What PySide6's own `_mod_uses_pyside` returns: its check, written out."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_scan_is_installed() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no feature scan to speed up")
    assert getattr(feature._mod_uses_pyside, "_pm_prep", False)


def test_it_answers_as_pyside6_does_for_every_loaded_module() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None:
        pytest.skip("this PySide6 has no feature scan")
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    checked = [m for m in modules if getattr(m, "__file__", None)]
    assert len(checked) > 100
    differing = [m.__name__ for m in checked if feature._mod_uses_pyside(m) != _pyside_answer(m)]
    assert differing == []
    assert feature._mod_uses_pyside(sys.modules["pm_prep.ui"]) is True
    assert feature._mod_uses_pyside(sys.modules["json"]) is False
