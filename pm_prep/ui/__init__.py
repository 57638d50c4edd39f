"""The Qt front end. Everything that imports PySide6 lives under this package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow


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
