"""The main window: navigation between pages, the menus, and the data-changed broadcast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from pm_prep import __version__
from pm_prep.storage.errors import StorageError
from pm_prep.ui.first_paint import DEFERRED_WORK_MS

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from pm_prep.services.settings import Settings
    from pm_prep.services.workspace import Workspace
    from pm_prep.ui.dashboard_page import DashboardPage
    from pm_prep.ui.practice_page import PracticePage
    from pm_prep.ui.settings_page import SettingsPage
from pm_prep.ui.theme import apply_theme

# Qt.ItemDataRole.UserRole as a plain number: the first touch of any `Qt` enum builds the
# whole namespace (about 14 ms), which the first paint can do without.
PAGE_ROLE = 0x0100


class MainWindow(QMainWindow):
    """Owns the workspace; closing the window releases the database and the folder lock."""

    dataChanged = Signal()

    def __init__(self, ws: Workspace | None = None, *, parent: QWidget | None = None) -> None:
        """Without `ws`, the window shows its frame and a dashboard skeleton straight away;
        `attach()` gives it the data folder later and builds the pages.
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("PM Prep")
        self.resize(1180, 820)
        self._ws: Workspace | None = None
        self._background: ThreadPoolExecutor | None = None
        self._pending: list[Future[object]] = []
        self._settings: Settings | None = None
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self._dashboard_page: DashboardPage | None = None
        self._practice_page: PracticePage | None = None
        self._settings_page: SettingsPage | None = None
        from pm_prep.ui.dashboard_shell import DashboardShell

        self._add_page("Dashboard", DashboardShell(), "dashboardPage")
        # Empty stand-ins keep the navigation complete until the real pages exist.
        self._add_page("Practice", QWidget(), "practicePage")
        self._add_page("Settings", QWidget(), "settingsPage")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._connect_signals()
        self.navigation.setCurrentRow(0)
        if ws is not None:
            self.attach(ws)

    @property
    def ws(self) -> Workspace:
        """The open data folder (after `attach`)."""
        assert self._ws is not None, "the window has no data folder yet"
        return self._ws

    @property
    def settings(self) -> Settings:
        """The settings as last loaded or saved (after `attach`)."""
        assert self._settings is not None, "the window has no data folder yet"
        return self._settings

    def attach(self, ws: Workspace, *, defer_pages: bool = False) -> None:
        """Take the open data folder and build the pages (now, or just after this returns)."""
        from pm_prep.services.settings import load_settings

        self._ws = ws
        self._settings = load_settings(ws)
        # Set here, not in __init__: parsing a key sequence builds PySide6's whole `Qt`
        # namespace (about 14 ms), which the first frame does without.
        self.quit_action.setShortcut("Ctrl+Q")
        for action in self._data_actions:
            action.setEnabled(True)
        self.problems_action.setEnabled(bool(ws.bank_problems))
        if ws.bank_problems:
            files = {p.file for p in ws.bank_problems}
            self.statusBar().showMessage(
                f"{len(files)} question bank file(s) have problems and were skipped: "
                "see Help > Question bank problems."
            )
        if defer_pages:
            QTimer.singleShot(DEFERRED_WORK_MS, self._ensure_pages)
        else:
            self._ensure_pages()

    def _add_page(self, title: str, page: QWidget, object_name: str | None = None) -> None:
        self.pages.addWidget(page)
        item = QListWidgetItem(title)
        item.setData(PAGE_ROLE, object_name or page.objectName())
        self.navigation.addItem(item)

    def _ensure_pages(self) -> None:
        """Build the pages (the first paint shows only a light dashboard skeleton)."""
        if self._practice_page is not None or self._ws is None or self._settings is None:
            return
        from pm_prep.ui.dashboard_page import DashboardPage
        from pm_prep.ui.practice_page import PracticePage
        from pm_prep.ui.settings_page import SettingsPage

        current = self.pages.currentIndex()
        self._dashboard_page = DashboardPage(self.ws, self._settings)
        self._practice_page = PracticePage(self.ws, self._settings.track)
        self._settings_page = SettingsPage(self.ws, self._settings)
        pages = ((0, self._dashboard_page), (1, self._practice_page), (2, self._settings_page))
        for index, page in pages:
            stand_in = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        self.pages.setCurrentIndex(current)
        self._dashboard_page.practiceRequested.connect(self._on_practice_requested)
        self._dashboard_page.settingsRequested.connect(self._on_settings_requested)
        self._practice_page.statusMessage.connect(self._on_status)
        self._practice_page.attemptSaved.connect(self.dataChanged)
        self._settings_page.settingsChanged.connect(self._on_settings_changed)

    @property
    def dashboard_page(self) -> DashboardPage:
        self._ensure_pages()
        assert self._dashboard_page is not None
        return self._dashboard_page

    @property
    def practice_page(self) -> PracticePage:
        self._ensure_pages()
        assert self._practice_page is not None
        return self._practice_page

    @property
    def settings_page(self) -> SettingsPage:
        self._ensure_pages()
        assert self._settings_page is not None
        return self._settings_page

    def _flush_practice(self) -> None:
        """Write the Practice page's pending draft, if the page exists yet."""
        if self._practice_page is not None:
            self._practice_page.flush()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import question bank…", self)
        self.export_action = QAction("&Export answers…", self)
        self.backup_action = QAction("&Back up now", self)
        self.restore_action = QAction("&Restore backup…", self)
        self.open_folder_action = QAction("Open &data folder", self)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setObjectName("quitAction")
        for action in (self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.backup_action, self.restore_action, self.open_folder_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.problems_action = QAction("Question bank &problems…", self)
        self.problems_action.setEnabled(False)
        # Usable once the data folder is open (an instant after the window appears).
        self._data_actions = (
            self.import_action,
            self.export_action,
            self.backup_action,
            self.restore_action,
            self.open_folder_action,
        )
        for action in self._data_actions:
            action.setEnabled(False)
        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.about_action = QAction("&About PM Prep", self)
        for action in (self.shortcuts_action, self.problems_action, self.about_action):
            help_menu.addAction(action)

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self.quit_action.triggered.connect(self.close)
        self.import_action.triggered.connect(self._on_import_bank)
        self.export_action.triggered.connect(self._on_export)
        self.backup_action.triggered.connect(self._on_backup_now)
        self.restore_action.triggered.connect(self._on_restore)
        self.open_folder_action.triggered.connect(self._on_open_data_folder)
        self.problems_action.triggered.connect(self._on_show_bank_problems)
        self.shortcuts_action.triggered.connect(self._on_show_shortcuts)
        self.about_action.triggered.connect(self._on_about)
        self.dataChanged.connect(self._on_data_changed)

    def show_page(self, object_name: str) -> None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(PAGE_ROLE) == object_name:
                self.navigation.setCurrentRow(row)
                return

    # -- background work -----------------------------------------------------------------
    def backup_in_background(self) -> None:
        """The daily backup, off the UI thread, once per day."""
        from pm_prep.storage import backup

        if backup.backed_up_today(self.ws.data_dir):
            return
        if self._background is None:
            from concurrent.futures import ThreadPoolExecutor

            self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pm-prep-bg")
        self._pending.append(
            self._background.submit(
                backup.make_backup, self.ws.data_dir, self.ws.database_path, reason="daily"
            )
        )

    # -- slots ---------------------------------------------------------------------------
    @Slot(int)
    def _on_navigate(self, row: int) -> None:
        if row > 0:  # the dashboard's skeleton may stand until its page is built
            self._ensure_pages()
        self.pages.setCurrentIndex(row)

    @Slot(str)
    def _on_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot()
    def _on_data_changed(self) -> None:
        # A restored backup brings its own settings; an attempt saved leaves them alone.
        before = self.settings_page.settings
        self.settings_page.reload()
        if self.settings_page.settings != before:
            self._on_settings_changed(self.settings_page.settings)
        else:
            self.dashboard_page.refresh()

    @Slot(str, str)
    def _on_practice_requested(self, skill: str, mode: str) -> None:
        self.practice_page.preselect(skill, mode)
        self.show_page(self.practice_page.objectName())

    @Slot()
    def _on_settings_requested(self) -> None:
        self.show_page(self.settings_page.objectName())

    @Slot(object)
    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)
        self.practice_page.set_track(settings.track)
        self.dashboard_page.refresh()

    @Slot()
    def _on_import_bank(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from pm_prep.domain.bank_problems import BankError

        path, _ = QFileDialog.getOpenFileName(
            self, "Import question bank", str(Path.home()), "Question banks (*.toml *.json)"
        )
        if not path:
            return
        try:
            from pm_prep.services import bank_import

            result = bank_import.import_bank(self.ws, Path(path))
        except BankError as exc:
            lines = "\n".join(str(p) for p in exc.problems[:20])
            more = f"\n… and {len(exc.problems) - 20} more" if len(exc.problems) > 20 else ""
            QMessageBox.warning(
                self,
                "Bank not imported",
                f"Nothing was imported. Fix these problems first:\n\n{lines}{more}",
            )
            return
        except (StorageError, OSError) as exc:
            QMessageBox.critical(self, "Bank not imported", str(exc))
            return
        QMessageBox.information(
            self,
            "Bank imported",
            f"Imported {result.questions} questions for "
            f"{self.ws.catalog.skills[result.skill].name}.",
        )
        self.dataChanged.emit()

    @Slot()
    def _on_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export answers",
            str(Path.home() / "pm-prep-answers.md"),
            "Markdown (*.md);;CSV (*.csv);;JSON (*.json)",
        )
        if not path:
            return
        from pm_prep.services import export

        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = (
            suffix
            if suffix in export.FORMATS
            else {"CSV": "csv", "JSON": "json"}.get(chosen.split(" ")[0], "md")
        )
        try:
            count = export.export_answers(self.ws, fmt, Path(path))
        except (StorageError, OSError) as exc:
            QMessageBox.critical(self, "Export failed", f"Nothing was written: {exc}")
            return
        self.statusBar().showMessage(f"Exported {count} answers to {path}", 8000)

    @Slot()
    def _on_backup_now(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from pm_prep.storage import backup

        self._flush_practice()
        try:
            target = backup.make_backup(self.ws.data_dir, self.ws.database_path, reason="manual")
        except (StorageError, OSError) as exc:
            QMessageBox.critical(self, "Backup failed", str(exc))
            return
        self.statusBar().showMessage(f"Backed up to {target}", 8000)

    @Slot()
    def _on_restore(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from pm_prep.storage import backup

        start = backup.backup_dir(self.ws.data_dir)
        path, _ = QFileDialog.getOpenFileName(
            self, "Restore backup", str(start), "PM Prep backups (*.sqlite3)"
        )
        if not path:
            return
        answer = QMessageBox.question(
            self,
            "Restore backup",
            "Replace your current data with this backup? Your current data is backed up first.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._flush_practice()
        from pm_prep.services.workspace import reopen_after_restore

        try:
            safety = reopen_after_restore(self.ws, Path(path))
        except (StorageError, OSError) as exc:
            QMessageBox.critical(self, "Restore failed", f"Nothing was changed: {exc}")
            return
        QMessageBox.information(
            self,
            "Backup restored",
            f"Restored. Your previous data was kept as {safety}. PM Prep will now reload.",
        )
        self.dataChanged.emit()

    @Slot()
    def _on_open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ws.data_dir)))

    @Slot()
    def _on_show_bank_problems(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        lines = "\n".join(str(p) for p in self.ws.bank_problems[:40])
        QMessageBox.warning(
            self,
            "Question bank problems",
            "These bank files were skipped or partly skipped:\n\n" + lines,
        )

    @Slot()
    def _on_show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "Ctrl+Enter  submit your answer\nCtrl+H  show the next hint\n"
            "1–5  rate the focused rubric criterion (Tab moves between criteria)\n"
            "Ctrl+S  save your rating\nCtrl+N  next question\nCtrl+Q  quit",
        )

    @Slot()
    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About PM Prep",
            f"PM Prep {__version__}\n\nOffline practice for product-manager and product-intern "
            f"interviews. Everything stays on this computer.\n\nData folder: {self.ws.data_dir}",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_practice()
        for future in self._pending:
            future.result()
        if self._background is not None:
            self._background.shutdown(wait=True)
        if self._ws is not None:
            self._ws.close()
        super().closeEvent(event)
