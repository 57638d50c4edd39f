"""Layering (DESIGN section 7): only pm_prep/ui may use Qt."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "pm_prep"
UI = PACKAGE / "ui"
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def qt_imports(path: Path) -> list[str]:
    """Qt modules imported anywhere in a file, at any depth (functions, TYPE_CHECKING, ...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [
            f"{name} (line {node.lineno})" for name in names if name.split(".")[0] in QT_PACKAGES
        ]
    return found


def non_ui_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if UI not in p.parents)


def test_the_scan_covers_every_layer() -> None:
    layers = {p.relative_to(PACKAGE).parts[0] for p in non_ui_modules()}
    assert {"domain", "storage", "services", "cli.py", "paths.py"} <= layers
    # ... and it does find Qt where Qt is expected.
    assert qt_imports(UI / "__init__.py")


def test_the_scan_sees_nested_and_dynamic_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\n"
        "def f():\n"
        "    from PySide6.QtCore import QTimer\n"
        "    import importlib\n"
        "    importlib.import_module('PySide6.QtWidgets')\n"
        "if False:\n"
        "    import shiboken6\n",
        encoding="utf-8",
    )
    assert len(qt_imports(sample)) == 3


@pytest.mark.parametrize("path", non_ui_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_outside_ui_imports_qt(path: Path) -> None:
    assert qt_imports(path) == []


def test_cli_and_services_load_without_qt() -> None:
    services = sorted(
        f"pm_prep.services.{p.stem}"
        for p in (PACKAGE / "services").glob("*.py")
        if p.stem != "__init__"
    )
    domain = sorted(
        f"pm_prep.domain.{p.stem}"
        for p in (PACKAGE / "domain").glob("*.py")
        if p.stem != "__init__"
    )
    storage = sorted(
        f"pm_prep.storage.{p.stem}"
        for p in (PACKAGE / "storage").glob("*.py")
        if p.stem != "__init__"
    )
    modules = ["pm_prep.cli", "pm_prep.paths", *domain, *storage, *services]
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "# Build the parser too: it must not reach for the UI either.\n"
        "import pm_prep.cli\n"
        "pm_prep.cli.build_parser()\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert len(services) >= 6


def test_a_cli_command_runs_without_loading_qt(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from pm_prep.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, 'stats', '--json'])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print(json.dumps({'code': code, 'qt': qt}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
        check=False,
    )
    assert json.loads(done.stderr.splitlines()[-1]) == {"code": 0, "qt": []}
