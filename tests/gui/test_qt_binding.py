"""The Qt binding itself must not corrupt the interpreter: a guard against a known bad release."""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calling_qt_methods_keeps_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every call of a void Qt method must leave None's reference count as it was.

    PySide6 6.12.0 on Python 3.11 drops one reference to None per call, so the app aborts
    ("none_dealloc: deallocating None") once those add up: after about 12,000 ticks of the
    practice timer, or a few dozen full repaints of the dashboard while the window is resized.
    """
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(100):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    assert lost < 10, (
        f"PySide6 {PySide6.__version__} lost {lost} references to None in 100 calls: "
        "this release corrupts Python 3.11; pin another PySide6 release"
    )
