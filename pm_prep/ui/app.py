"""Start the desktop app: one QApplication, friendly start-up errors, the event loop."""

from __future__ import annotations

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
from pm_prep.ui.first_paint import FirstPaintHook

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
    """For benchmarks: write the wall-clock time of the first paint where asked to."""
    target = os.environ.get(READY_FILE_ENV)
    if target:
        Path(target).write_text(repr(time.time()), encoding="ascii")


def run_app(data_dir: Path, *, exit_when_ready: bool = False) -> int:
    """Show the window at once, then open the data folder and fill it in.

    The first frame (navigation and a dashboard skeleton, in the saved theme) needs neither
    the database layer nor the banks; the folder is opened right after it is painted.
    """
    qInstallMessageHandler(_quiet_platform_noise)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("PM Prep")
    app.setApplicationDisplayName("PM Prep")
    app.setOrganizationName("PM Prep")
    from pm_prep.services.theme_preference import peek_theme
    from pm_prep.ui.main_window import MainWindow
    from pm_prep.ui.theme import apply_theme

    theme = peek_theme(data_dir)
    apply_theme(app, theme)
    window = MainWindow()
    failed = False

    def open_folder() -> None:
        nonlocal failed
        _note_ready()
        ws = _open_or_explain(data_dir, window, quiet=exit_when_ready)
        if ws is None:
            failed = True
            window.close()
            app.quit()
            return
        window.attach(ws, defer_pages=True)  # pages are built after this returns
        if window.settings.theme != theme:
            apply_theme(app, window.settings.theme)
        if exit_when_ready:
            app.quit()
        else:
            window.backup_in_background()

    window.show()
    FirstPaintHook(window.pages.widget(0), open_folder)
    code = app.exec()
    if exit_when_ready:
        window.close()
    return 1 if failed else code


def _open_or_explain(data_dir: Path, parent: QWidget, *, quiet: bool) -> Workspace | None:
    """Open the data folder, or tell the user plainly why not (None)."""
    from pm_prep.services.workspace import open_workspace

    try:
        return open_workspace(data_dir)
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
