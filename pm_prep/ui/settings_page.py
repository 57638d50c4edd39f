"""Settings: target track, interview date, daily goal and theme, saved as soon as they change."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from pm_prep.services.changes import Changes
from pm_prep.services.settings import THEMES, Settings, load_settings, save_settings
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.page_layout import READING_WIDTH, page_title, scrolling_body
from pm_prep.ui.pages import Page

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
# A new interview date starts four weeks out: a typical preparation window.
DEFAULT_LEAD_DAYS = 28


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setProperty("role", "muted")
    return label


class SettingsPage(Page):
    """Saves each change at once through the action runner (which announces SETTINGS)."""

    relevant = Changes.SETTINGS | Changes.RESTORE

    def __init__(
        self,
        ws: Workspace,
        settings: Settings,
        runner: ActionRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._ws = ws
        self._runner = runner
        self._settings = settings
        self._loading = False
        self._build()
        self._show(settings)
        self._connect_signals()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolling_body(self, max_width=READING_WIDTH)
        layout.addWidget(page_title("Settings"))

        card = QFrame()
        card.setProperty("role", "card")
        card.setMaximumWidth(760)
        grid = QGridLayout(card)
        grid.setContentsMargins(22, 18, 22, 18)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)

        self.track_combo = QComboBox()
        self.track_combo.setObjectName("trackSetting")
        self.track_combo.setAccessibleName("Target track")
        for track in self._ws.catalog.tracks.values():
            self.track_combo.addItem(track.name, track.id)

        date_row = QHBoxLayout()
        date_row.setSpacing(12)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("interviewDateSetting")
        self.date_edit.setAccessibleName("Interview date")
        self.date_edit.setCalendarPopup(True)
        # Day first: the arrow keys step the day, the section the cursor starts in.
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setKeyboardTracking(False)
        self.date_edit.setMinimumWidth(170)
        self.no_date = QCheckBox("No date yet")
        self.no_date.setObjectName("noInterviewDateSetting")
        self.no_date.setToolTip("Tick while you do not have an interview date")
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)

        self.goal_spin = QSpinBox()
        self.goal_spin.setObjectName("dailyGoalSetting")
        self.goal_spin.setAccessibleName("Daily goal, questions a day")
        self.goal_spin.setRange(1, 50)
        self.goal_spin.setSuffix(" questions a day")
        # Save once the number is complete, not on every digit typed.
        self.goal_spin.setKeyboardTracking(False)
        self.goal_spin.setMinimumWidth(170)

        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeSetting")
        self.theme_combo.setAccessibleName("Theme")
        for theme_id in THEMES:
            self.theme_combo.addItem(THEME_LABELS.get(theme_id, theme_id), theme_id)

        rows = (
            (
                "Target &track",
                self.track_combo,
                "Which skills count towards overall readiness, and which questions Practice "
                "offers first.",
            ),
            ("&Interview date", date_row, "The dashboard counts down to it."),
            (
                "Daily &goal",
                self.goal_spin,
                "How many questions make a full day on the activity heatmap.",
            ),
            ("T&heme", self.theme_combo, "Follow the system's light or dark mode, or choose one."),
        )
        row = 0
        for caption, field, hint in rows:
            label = QLabel(caption)
            label.setStyleSheet("font-weight: 600;")
            buddy = self.date_edit if field is date_row else field
            assert isinstance(buddy, QWidget)
            label.setBuddy(buddy)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft)
            else:
                grid.addLayout(field, row, 1)
            grid.addWidget(_hint(hint), row + 1, 1)
            grid.setRowMinimumHeight(row + 2, 10)
            row += 3
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)

        self.status = QLabel("")
        self.status.setObjectName("settingsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(24)
        layout.addWidget(self.status)
        layout.addWidget(
            _hint(
                f"Settings are stored with your practice data in {self._ws.data_dir}"
                ", so backups keep them too."
            )
        )
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.track_combo.currentIndexChanged.connect(self._on_changed)
        self.theme_combo.currentIndexChanged.connect(self._on_changed)
        self.goal_spin.valueChanged.connect(self._on_changed)
        self.date_edit.dateChanged.connect(self._on_changed)
        self.no_date.toggled.connect(self._on_no_date_toggled)

    # -- public --------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    def reload(self, changes: Changes = Changes.EVERYTHING) -> None:
        """Show what the database holds (e.g. after a backup was restored)."""
        self._settings = load_settings(self._ws)
        self._show(self._settings)
        if changes & Changes.RESTORE:
            self.status.setText("")  # "Saved at ..." spoke of the data that was replaced

    def current(self) -> Settings:
        """The settings as the controls show them."""
        return Settings(
            track=self.track_combo.currentData(),
            interview_date=None if self.no_date.isChecked() else _pydate(self.date_edit.date()),
            daily_goal=self.goal_spin.value(),
            theme=self.theme_combo.currentData(),
        )

    # -- internals -----------------------------------------------------------------------
    def _show(self, settings: Settings) -> None:
        self._loading = True
        try:
            self.track_combo.setCurrentIndex(max(0, self.track_combo.findData(settings.track)))
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(settings.theme)))
            self.goal_spin.setValue(settings.daily_goal)
            shown = settings.interview_date or date.today() + timedelta(days=DEFAULT_LEAD_DAYS)
            self.date_edit.setDate(_qdate(shown))
            self.no_date.setChecked(settings.interview_date is None)
            self.date_edit.setEnabled(settings.interview_date is not None)
        finally:
            self._loading = False

    @Slot(bool)
    def _on_no_date_toggled(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        if not checked and not self._loading:
            self.date_edit.setFocus()
        self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        if self._loading:
            return
        wanted = self.current()
        if wanted == self._settings:
            return
        # Set before the runner announces the change, so this page's own reload is a no-op.
        previous, self._settings = self._settings, wanted
        outcome = self._runner.run(save_settings, self._ws, wanted, quiet=True)
        if not outcome.ok:
            self._settings = previous
            self._show_status(f"Not saved: {outcome.error}", error=True)
            return
        self._show_status(f"Saved at {datetime.now().strftime('%H:%M:%S')}.")

    def _show_status(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER if error else theme.SUCCESS).name()
        self.status.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.status.setText(("" if error else "✓ ") + text)
