"""The main window: navigation between pages, the menus, and the data-changed broadcast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QWidget,
)

from pm_prep import __version__

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from pm_prep.services.dashboard_view import DashboardView
    from pm_prep.services.settings import Settings
    from pm_prep.services.workspace import Workspace
    from pm_prep.ui.dashboard.page import DashboardPage
    from pm_prep.ui.practice_page import PracticePage
    from pm_prep.ui.settings_page import SettingsPage
from pm_prep.services.changes import Changes
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.first_paint import after_first_paint
from pm_prep.ui.pages import PAGE_ROLE, Page, PageContainer, PageSpec
from pm_prep.ui.theme import apply_theme

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "PAGE_ROLE", "MainWindow"]

MIN_WIDTH, MIN_HEIGHT = 900, 540


class MainWindow(QMainWindow):
    """Owns the workspace; closing the window releases the database and the folder lock.

    Pages are registered once in `_register_pages` and built by the page container when
    first needed. Every write goes through `self.runner`, whose `changed(Changes)` the
    window hands to every page (`_on_changed`).
    """

    def __init__(
        self,
        ws: Workspace,
        *,
        dashboard: DashboardView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Open on the dashboard (built now, from `dashboard` if it was read already)."""
        from pm_prep.services.settings import load_settings

        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("PM Prep")
        self.resize(1180, 820)
        # Every page is laid out and tested down to 900 px wide (docs/layout.md); narrower,
        # some would have to scroll sideways. Pages scroll vertically, so the height can give.
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self._ws: Workspace | None = ws
        self._background: ThreadPoolExecutor | None = None
        self._pending: list[Future[object]] = []
        self._settings: Settings = dashboard.settings if dashboard else load_settings(ws)
        self._early_view = dashboard
        self.runner = ActionRunner(self, lambda: self._ws.database_path if self._ws else None)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setFixedWidth(190)
        self.pages = PageContainer(self.navigation)
        self._register_pages()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._connect_signals()
        self.pages.show_page("dashboardPage")
        # Problems are known once the banks are read: after the first paint (ws.loaded).
        after_first_paint(self._show_bank_problems_notice)

    # -- pages -----------------------------------------------------------------------------
    def _register_pages(self) -> None:
        """Every page, in navigation order. Adding a page is one line here."""
        register = self.pages.register
        register(PageSpec("dashboardPage", "Dashboard", self._make_dashboard))
        register(PageSpec("practicePage", "Practice", self._make_practice))
        register(PageSpec("historyPage", "History", self._make_history))
        register(PageSpec("selfAssessmentPage", "Self-assessment", self._make_self_assessment))
        register(PageSpec("mockPage", "Mock interview", self._make_mock))
        register(PageSpec("bankPage", "Question bank", self._make_bank))
        register(PageSpec("settingsPage", "Settings", self._make_settings))

    def _make_dashboard(self) -> Page:
        from pm_prep.ui.dashboard.page import DashboardPage

        view, self._early_view = self._early_view, None
        page = DashboardPage(self.ws, view)
        page.practiceRequested.connect(self._on_practice_requested)
        page.settingsRequested.connect(self._on_settings_requested)
        page.assessmentRequested.connect(self._on_assessment_requested)
        return page

    def _make_practice(self) -> Page:
        from pm_prep.ui.practice_page import PracticePage

        page = PracticePage(self.ws, self.settings.track, self.runner)
        page.statusMessage.connect(self._on_status)
        return page

    def _make_mock(self) -> Page:
        from pm_prep.ui.mock.page import MockPage

        page = MockPage(self.ws, self.runner, lambda: self.settings.track)
        page.statusMessage.connect(self._on_status)

        def practise(question_id: str) -> None:
            if self.practice_page.open_question(question_id):
                self.show_page("practicePage")

        page.practiceRequested.connect(practise)
        return page

    def _make_history(self) -> Page:
        from pm_prep.ui.history.page import HistoryPage

        page = HistoryPage(self.ws, self.runner)
        page.statusMessage.connect(self._on_status)
        return page

    def _make_bank(self) -> Page:
        from pm_prep.ui.bank.page import BankPage

        page = BankPage(self.ws, self.runner)
        page.statusMessage.connect(self._on_status)

        def practise(question_id: str) -> None:
            if self.practice_page.open_question(question_id):
                self.show_page("practicePage")

        page.practiceRequested.connect(practise)
        return page

    def _make_self_assessment(self) -> Page:
        from pm_prep.ui.self_assessment.page import SelfAssessmentPage

        page = SelfAssessmentPage(self.ws, self.runner, lambda: self.settings.track)
        page.statusMessage.connect(self._on_status)
        return page

    @Slot(str)
    def _on_assessment_requested(self, skill: str) -> None:
        self.pages.page("selfAssessmentPage").open_skill(skill)  # type: ignore[attr-defined]
        self.show_page("selfAssessmentPage")

    def _make_settings(self) -> Page:
        from pm_prep.ui.settings_page import SettingsPage

        return SettingsPage(self.ws, self.settings, self.runner)

    @property
    def ws(self) -> Workspace:
        """The open data folder."""
        assert self._ws is not None, "the window was closed"
        return self._ws

    @property
    def settings(self) -> Settings:
        """The settings as last loaded or saved."""
        return self._settings

    @property
    def dashboard_page(self) -> DashboardPage:
        return self.pages.page("dashboardPage")  # type: ignore[return-value]

    @property
    def practice_page(self) -> PracticePage:
        return self.pages.page("practicePage")  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self.pages.page("settingsPage")  # type: ignore[return-value]

    def load_rest_when_idle(self) -> None:
        """After the dashboard's first real paint: the chart, the other pages, the backup."""
        from pm_prep.ui import accessibility

        accessibility.install()  # roles and names for screen readers (idempotent)
        self.pages.build_rest_when_idle()
        self.backup_in_background()
        from pm_prep.ui.mock.resume import offer_resume_when_idle

        offer_resume_when_idle(self)  # a mock interview left running: resume or end it
        self.install_keyboard()

    def install_keyboard(self) -> None:
        """Ctrl+1...Ctrl+7, focus into each page shown, the focus ring (after first paint)."""
        from pm_prep.ui import keyboard

        keyboard.install(self)

    def _flush_practice(self) -> None:
        """Write the Practice page's pending draft, if the page exists yet."""
        if self.pages.is_built("practicePage"):
            self.practice_page.flush()

    def _show_bank_problems_notice(self) -> None:
        problems = self.ws.bank_problems
        self.problems_action.setEnabled(bool(problems))
        if problems:
            files = {p.file for p in problems}
            self.statusBar().showMessage(
                f"{len(files)} question bank file(s) have problems and were skipped: "
                "see Help > Question bank problems."
            )

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
        # A key sequence builds PySide6's `Qt` namespace: after the first paint (qt_values).
        after_first_paint(lambda: self.quit_action.setShortcut("Ctrl+Q"))
        self.problems_action.setEnabled(False)  # until the banks are read
        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.about_action = QAction("&About PM Prep", self)
        for action in (self.shortcuts_action, self.problems_action, self.about_action):
            help_menu.addAction(action)

    def _connect_signals(self) -> None:
        self.runner.changed.connect(self._on_changed)
        self.quit_action.triggered.connect(self.close)
        self.import_action.triggered.connect(self._on_import_bank)
        self.export_action.triggered.connect(self._on_export)
        self.backup_action.triggered.connect(self._on_backup_now)
        self.restore_action.triggered.connect(self._on_restore)
        self.open_folder_action.triggered.connect(self._on_open_data_folder)
        self.problems_action.triggered.connect(self._on_show_bank_problems)
        self.shortcuts_action.triggered.connect(self._on_show_shortcuts)
        self.about_action.triggered.connect(self._on_about)

    def show_page(self, object_name: str) -> Page:
        """Show a page by its objectName (building it if needed)."""
        return self.pages.show_page(object_name)

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
    @Slot(str)
    def _on_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        """A write finished: settings and theme first, then every page hears of it."""
        if changes & (Changes.SETTINGS | Changes.RESTORE):
            from pm_prep.services.settings import load_settings

            self._settings = load_settings(self.ws)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, self._settings.theme)
            if self.pages.is_built("practicePage"):
                self.practice_page.set_track(self._settings.track)
        self.pages.notify_all(changes)

    @Slot(str, str)
    def _on_practice_requested(self, skill: str, mode: str) -> None:
        self.practice_page.preselect(skill, mode)
        self.show_page(self.practice_page.objectName())

    @Slot()
    def _on_settings_requested(self) -> None:
        self.show_page(self.settings_page.objectName())

    @Slot()
    def _on_import_bank(self) -> None:
        from pm_prep.ui.bank.import_dialog import QuestionImport

        QuestionImport(self, self.ws, self.runner).start()  # any format; asks a list's skill

    @Slot()
    def _on_export(self) -> None:
        from pm_prep.ui import file_dialogs

        path, chosen = file_dialogs.save_file_name(
            self,
            self.ws,
            self.runner,
            file_dialogs.ANSWERS,
            "Export answers",
            "pm-prep-answers.md",
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
        outcome = self.runner.run(
            export.export_answers, self.ws, fmt, Path(path), title="Export failed"
        )
        count = outcome.value
        if count is None:
            return
        self.statusBar().showMessage(f"Exported {count} answers to {path}", 8000)

    @Slot()
    def _on_backup_now(self) -> None:

        from pm_prep.storage import backup

        self._flush_practice()
        outcome = self.runner.run(
            backup.make_backup,
            self.ws.data_dir,
            self.ws.database_path,
            reason="manual",
            title="Backup failed",
        )
        target = outcome.value
        if target is None:
            return
        self.statusBar().showMessage(f"Backed up to {target}", 8000)

    @Slot()
    def _on_restore(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from pm_prep.ui import file_dialogs
        from pm_prep.ui.data_folder import restore_confirmation

        path, _ = file_dialogs.open_file_name(
            self,
            self.ws,
            self.runner,
            file_dialogs.BACKUPS,
            "Restore backup",
            "PM Prep backups (*.sqlite3)",
        )
        if not path:
            return
        answer = QMessageBox.question(
            self, "Restore backup", restore_confirmation(Path(path), self.ws.data_dir)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._flush_practice()
        from pm_prep.services.workspace import reopen_after_restore

        outcome = self.runner.run(reopen_after_restore, self.ws, Path(path), title="Restore failed")
        safety = outcome.value
        if safety is None:
            return
        # The restored database did not know where this backup came from.
        file_dialogs.remember(self.runner, self.ws, file_dialogs.BACKUPS, Path(path))
        QMessageBox.information(
            self,
            "Backup restored",
            f"Restored. Your previous data was kept as {safety}. Every page now shows the "
            "restored data.",
        )

    @Slot()
    def _on_open_data_folder(self) -> None:
        from pm_prep.ui.data_folder import open_data_folder

        open_data_folder(self, self.ws.data_dir)  # says so, with the path, if it cannot

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
        from pm_prep.ui import keyboard

        keyboard.show_shortcuts(self)  # made from the one table in pm_prep/ui/shortcuts.py

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
        if self._ws is None:
            super().closeEvent(event)
            return
        if not all(page.confirm_leave(closing=True) for page in self.pages.built_pages()):
            event.ignore()  # a page has something unfinished and the user chose to stay
            return
        self._flush_practice()
        for future in self._pending:
            future.result()
        if self._background is not None:
            self._background.shutdown(wait=True)
        self._ws.close()
        self._ws = None
        super().closeEvent(event)
