"""Start the desktop app: one QApplication, friendly start-up errors, the event loop."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from pm_prep.storage.errors import DatabaseDamagedError, StorageError
from pm_prep.ui.first_paint import FirstPaintHook

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
    qInstallMessageHandler(_quiet_platform_noise)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("PM Prep")
    app.setApplicationDisplayName("PM Prep")
    app.setOrganizationName("PM Prep")
    from pm_prep.ui import open_main_window

    try:
        window = open_main_window(data_dir, defer_pages=True)
    except DatabaseDamagedError as exc:
        window = _recover_damaged(data_dir, exc, quiet=exit_when_ready)
        if window is None:
            return 1
    except StorageError as exc:
        from PySide6.QtWidgets import QMessageBox

        if exit_when_ready:
            print(f"pm-prep: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "PM Prep cannot start", str(exc))
        return 1
    if exit_when_ready:
        pages = getattr(window, "pages", None)
        page = pages.currentWidget() if pages is not None else window
        FirstPaintHook(page, lambda: (_note_ready(), app.quit()))
        code = app.exec()
        window.close()
        return code
    window.backup_in_background()  # type: ignore[attr-defined]
    return app.exec()


def _recover_damaged(data_dir: Path, exc: DatabaseDamagedError, *, quiet: bool):  # type: ignore[no-untyped-def]
    """Move the damaged file aside (never delete it) and offer the newest good backup."""
    from PySide6.QtWidgets import QMessageBox

    from pm_prep.services.workspace import database_path, move_damaged_aside, restore_from
    from pm_prep.storage.backup import integrity_problems, list_backups
    from pm_prep.ui import open_main_window

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
            None,
            "PM Prep: database damaged",
            message + f"Restore the newest good backup ({good.name})?\n"
            "Choose No to start with an empty database.",
        )
        if choice == QMessageBox.StandardButton.Yes:
            restore_from(data_dir, good)
    else:
        QMessageBox.warning(
            None,
            "PM Prep: database damaged",
            message + "No good backup was found; starting with an empty database.",
        )
    try:
        return open_main_window(data_dir, defer_pages=True)
    except StorageError as again:
        QMessageBox.critical(None, "PM Prep cannot start", str(again))
        return None
