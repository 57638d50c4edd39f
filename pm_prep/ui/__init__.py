"""The Qt front end. Everything that imports PySide6 lives under this package."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtWidgets import QApplication, QMainWindow


def _scan_sources_directly() -> None:
    """Let PySide6 find "PySide6" in a module's file without `inspect.getsource`.

    For its `__feature__` switches PySide6 asks of every module imported after it whether
    its source mentions PySide6, through `inspect.getsource` (linecache, tokenize): about
    0.3 ms a module, some 15 ms for the modules of the first frame. Reading the file's bytes
    gives the same answer for a module with a source file; any other module (built in,
    frozen, from a zip) still gets PySide6's own check. Nothing changes if a PySide6 release
    renames the function (tests/unit/ui/test_ui_package.py holds the answers equal).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "_pm_prep", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside._pm_prep = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_scan_sources_directly()


def build_main_window(data_dir: Path) -> QMainWindow:
    """Open (and migrate) the database in `data_dir`, load the banks, show the main window.

    The caller owns the QApplication and the event loop. Closing the window releases the
    database and the data-folder lock.
    """
    from pm_prep.services.workspace import open_workspace
    from pm_prep.ui.main_window import MainWindow
    from pm_prep.ui.theme import apply_theme

    ws = open_workspace(Path(data_dir))
    try:
        from pm_prep.services.dashboard_view import dashboard_view

        view = dashboard_view(ws)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, view.settings.theme)
        window = MainWindow(ws, dashboard=view)
    except BaseException:
        ws.close()
        raise
    window.show()
    window.install_keyboard()  # as after the first paint in the app (no idle page building)
    return window
