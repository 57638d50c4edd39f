"""File > Open data folder and the restore confirmation: what the user is told about files.

Opening a folder needs a file manager. On Linux and the BSDs PM Prep runs `xdg-open` itself
and watches its exit status, so a system without a file manager is noticed; elsewhere (and
where `xdg-open` is missing) Qt's `QDesktopServices.openUrl` is asked and its answer checked.
When the folder cannot be shown, a dialog says so and shows the path to copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pm_prep.storage import backup

# How long xdg-open is watched: a launcher that hands the folder to a file manager exits
# within a second; one still running after this is taken to have worked.
WATCH_SECONDS = 10.0
_POLL_MS = 100

_REASONS = {
    "daily": "the daily backup",
    "manual": "a backup you made",
    "pre-restore": "the safety backup made before a restore",
    "pre-migration": "the backup made before an upgrade",
}


def when_text(moment: datetime) -> str:
    """A moment in local time, as the rest of the app writes it: 'Sun 03 May 2026, 11:15'."""
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M")


def restore_confirmation(source: Path, data_dir: Path) -> str:
    """The question asked before a restore: which backup, from when, and what happens to now."""
    try:
        taken = f" from {when_text(backup.taken_at(source))}"
    except OSError:
        taken = ""
    reason = _REASONS.get(backup.reason_of(source) or "")
    kind = f" ({reason})" if reason else ""
    return (
        f"Restore the backup{taken}{kind}?\n\n"
        f"Backup file: {source}\n\n"
        "Everything PM Prep holds now (answers, ratings, drafts, settings) is replaced by "
        "what this backup holds. First, a safety backup of your current data is saved in "
        f"{backup.backup_dir(data_dir)}, so you can restore it again with File > Restore "
        "backup."
    )


# -- opening the data folder -------------------------------------------------------------------
def _launcher() -> str | None:
    """xdg-open on Linux and the BSDs, if installed; None means: ask Qt."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return shutil.which("xdg-open")
    return None


def open_data_folder(parent: QWidget, folder: Path) -> None:
    """Show `folder` in the file manager; when that fails, a dialog shows the path to copy."""
    launcher = _launcher()
    if launcher is None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            FolderPathDialog.show_for(
                parent, folder, "No file manager was found on this system to open it."
            )
        return
    try:
        process = subprocess.Popen(
            [launcher, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a file manager it starts outlives PM Prep
        )
    except OSError as exc:
        FolderPathDialog.show_for(parent, folder, f"xdg-open could not be started ({exc}).")
        return
    _LauncherWatch(parent, folder, process)


class _LauncherWatch(QObject):
    """Waits, without blocking the window, for xdg-open's exit status."""

    def __init__(self, parent: QWidget, folder: Path, process: subprocess.Popen[bytes]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._folder = folder
        self._process = process
        self._polls_left = int(WATCH_SECONDS * 1000 / _POLL_MS)
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    @Slot()
    def _poll(self) -> None:
        code = self._process.poll()
        self._polls_left -= 1
        if code is None and self._polls_left > 0:
            return
        self._timer.stop()
        self.deleteLater()
        if code:  # 0 is success; None (still running) is taken as success too
            FolderPathDialog.show_for(
                self._parent,
                self._folder,
                f"xdg-open found no file manager to open it (exit status {code}).",
            )


class FolderPathDialog(QDialog):
    """'Could not open the data folder': why, and the path in a field to select or copy."""

    def __init__(self, folder: Path, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataFolderDialog")
        self.setWindowTitle("Could not open the data folder")
        layout = QVBoxLayout(self)
        self.message = QLabel(
            f"PM Prep could not show your data folder. {reason}\n\n"
            "Your answers, settings and backups are in this folder:"
        )
        self.message.setObjectName("dataFolderMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.path_field = QLineEdit(str(folder))
        self.path_field.setObjectName("dataFolderPath")
        self.path_field.setReadOnly(True)
        self.path_field.setAccessibleName("Data folder path")
        self.path_field.setMinimumWidth(min(640, max(360, 8 * len(str(folder)))))
        layout.addWidget(self.path_field)
        self.message.setBuddy(self.path_field)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy path")
        self.copy_button.setObjectName("copyDataFolderPath")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeDataFolderDialog")
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        self.path_field.selectAll()
        self.path_field.setFocus()

    def text(self) -> str:
        """Everything the dialog says, the path included."""
        return f"{self.message.text()}\n{self.path_field.text()}"

    @Slot()
    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.path_field.text())
        self.copy_button.setText("Copied")

    @classmethod
    def show_for(cls, parent: QWidget, folder: Path, reason: str) -> FolderPathDialog:
        dialog = cls(folder, reason, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal; the event loop keeps running
        return dialog
