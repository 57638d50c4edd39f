"""Start the desktop app: one QApplication, friendly start-up errors, the event loop."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from pm_prep.storage.errors import DatabaseDamagedError, StorageError
from pm_prep.ui.first_paint import FirstPaintHook, begin_first_frame, finish_first_frame

if TYPE_CHECKING:
    from pm_prep.services.workspace import Workspace

_PLATFORM_NOISE = (
    "This plugin does not support propagateSizeHints",
    # Qt Graphs probes for OpenGL to size textures; without it, it draws in software.
    "QRhiGles2: Failed to create",
)


def _quiet_platform_noise(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform warns about window hints it cannot apply; nothing a user can act on.
    if not message.startswith(_PLATFORM_NOISE):
        sys.stderr.write(message + "\n")


READY_FILE_ENV = "PM_PREP_READY_FILE"


def _note_ready() -> None:
    """For benchmarks: write the wall-clock time at which the dashboard's readiness is painted."""
    target = os.environ.get(READY_FILE_ENV)
    if target:
        Path(target).write_text(repr(time.time()), encoding="ascii")


def run_app(data_dir: Path, *, exit_when_ready: bool = False) -> int:
    """Open the data folder, show the dashboard with the user's own numbers, run the loop.

    The first frame is the real dashboard: its figures are read with stdlib sqlite3 (no
    SQLAlchemy, no fsrs, no Qt Quick). The chart, the other pages and the daily backup follow
    in idle time after that first paint.
    """
    from pm_prep.ui import theme

    qInstallMessageHandler(_quiet_platform_noise)
    app = QApplication.instance() or QApplication([*sys.argv[:1], *theme.fusion_arguments()])
    assert isinstance(app, QApplication)
    app.setApplicationName("PM Prep")
    app.setApplicationDisplayName("PM Prep")
    app.setOrganizationName("PM Prep")
    from pm_prep.ui.actions import install_excepthook
    from pm_prep.ui.main_window import MainWindow

    ws = _open_or_explain(data_dir, None, quiet=exit_when_ready)
    if ws is None:
        return 1
    try:
        from pm_prep.services.dashboard_view import dashboard_view

        view = dashboard_view(ws)
        # The theme before any widget exists: restyling a built window costs ~100 ms.
        theme.apply_theme(app, view.settings.theme)
        begin_first_frame()  # cursors, focus and shortcuts wait for the paint (qt_values)
        window = MainWindow(ws, dashboard=view)
    except BaseException:
        finish_first_frame(run=False)
        ws.close()
        raise
    install_excepthook(lambda: window if window.isVisible() else None)

    def on_dashboard_painted() -> None:
        _note_ready()
        finish_first_frame()  # the rest of the dashboard, cursors, focus, shortcuts
        # The collector was paused for start-up (cli.main); what start-up built stays for
        # the whole session, so it is frozen out of every later collection.
        gc.freeze()
        gc.enable()
        if exit_when_ready:
            app.quit()
        else:
            window.load_rest_when_idle()

    FirstPaintHook(window.dashboard_page.gauge, on_dashboard_painted)
    window.show()
    code = app.exec()
    window.close()
    return code


def _open_or_explain(data_dir: Path, parent: QWidget | None, *, quiet: bool) -> Workspace | None:
    """Open the data folder, or tell the user plainly why not (None)."""
    from pm_prep.services.workspace import open_workspace

    try:
        # The banks wait for the first paint when their stored index is still valid.
        return open_workspace(data_dir, defer_catalog=True)
    except DatabaseDamagedError as exc:
        return _recover_damaged(data_dir, exc, quiet=quiet, parent=parent)
    except StorageError as exc:
        if quiet:
            print(f"pm-prep: {exc}", file=sys.stderr)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(parent, "PM Prep cannot start", str(exc))
        return None


def _recover_damaged(
    data_dir: Path, exc: DatabaseDamagedError, *, quiet: bool, parent: QWidget | None = None
) -> Workspace | None:
    """Move the damaged file aside (never delete it) and offer the newest good backup."""
    from PySide6.QtWidgets import QMessageBox

    from pm_prep.services.workspace import (
        database_path,
        move_damaged_aside,
        open_workspace,
        restore_from,
    )
    from pm_prep.storage.backup import integrity_problems, list_backups

    moved = move_damaged_aside(database_path(data_dir))
    good = next((b for b in list_backups(data_dir) if not integrity_problems(b)), None)
    message = (
        f"Your PM Prep database could not be read ({exc.detail}). It was moved aside, "
        f"not deleted:\n{moved}\n\n"
    )
    if quiet:
        print(f"pm-prep: database damaged; moved aside to {moved}", file=sys.stderr)
        return None
    if good is not None:
        choice = QMessageBox.question(
            parent,
            "PM Prep: database damaged",
            message + f"Restore the newest good backup ({good.name})?\n"
            "Choose No to start with an empty database.",
        )
        if choice == QMessageBox.StandardButton.Yes:
            restore_from(data_dir, good)
    else:
        QMessageBox.warning(
            parent,
            "PM Prep: database damaged",
            message + "No good backup was found; starting with an empty database.",
        )
    try:
        return open_workspace(data_dir)
    except StorageError as again:
        QMessageBox.critical(parent, "PM Prep cannot start", str(again))
        return None
