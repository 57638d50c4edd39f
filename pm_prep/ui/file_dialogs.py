"""Every file dialog of the app: it starts in the folder last used for that kind of file.

The folder is remembered per kind (backups, question files, answer exports, mock debriefs)
in the database's settings table, so it survives a restart. A folder that no longer exists
falls back to the kind's default: the home folder, or the data folder's backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from pm_prep.services.settings import last_folder, remember_folder
from pm_prep.storage.errors import StorageError

if TYPE_CHECKING:
    from pm_prep.services.workspace import Workspace
    from pm_prep.ui.actions import ActionRunner

BACKUPS = "backups"  # File > Restore backup
QUESTIONS = "questions"  # importing and exporting question banks
ANSWERS = "answers"  # File > Export answers and the History page's export
DEBRIEFS = "debriefs"  # a mock interview's debrief (Markdown or PDF)
KINDS = (BACKUPS, QUESTIONS, ANSWERS, DEBRIEFS)


def start_folder(ws: Workspace, kind: str) -> Path:
    """Where a dialog for `kind` of file opens: the last folder used, else the default."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file '{kind}'")
    try:
        remembered = last_folder(ws, kind)
    except StorageError:
        remembered = None  # the database cannot be read: the dialog still opens
    if remembered is not None:
        return remembered
    if kind == BACKUPS:
        from pm_prep.storage.backup import backup_dir

        folder = backup_dir(ws.data_dir)
        return folder if folder.is_dir() else ws.data_dir
    return Path.home()


def remember(runner: ActionRunner, ws: Workspace, kind: str, chosen: Path) -> None:
    """Remember the folder of `chosen`; a failure to write it is not worth a message."""
    runner.run(remember_folder, ws, kind, chosen.parent, quiet=True)


def open_file_name(
    parent: QWidget,
    ws: Workspace,
    runner: ActionRunner,
    kind: str,
    title: str,
    name_filter: str,
) -> tuple[str, str]:
    """QFileDialog.getOpenFileName starting in the last folder for `kind`; ("", "") if cancelled."""
    path, chosen = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(ws, kind)), name_filter
    )
    if path:
        remember(runner, ws, kind, Path(path))
    return path, chosen


def save_file_name(
    parent: QWidget,
    ws: Workspace,
    runner: ActionRunner,
    kind: str,
    title: str,
    file_name: str,
    name_filter: str,
) -> tuple[str, str]:
    """QFileDialog.getSaveFileName offering `file_name` in the last folder for `kind`."""
    suggested = start_folder(ws, kind) / file_name
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    if path:
        remember(runner, ws, kind, Path(path))
    return path, chosen
