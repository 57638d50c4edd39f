"""The home page: how ready you are, per skill, over time, and what to practise next."""

from __future__ import annotations

from datetime import date

from PySide6 import QtCore
from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pm_prep.services.changes import Changes
from pm_prep.services.dashboard_view import DashboardView, dashboard_view
from pm_prep.services.readiness import ReadinessReport
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.dashboard.assessment_reminder import AssessmentReminder
from pm_prep.ui.dashboard.gauge import BandScale, ReadinessGauge
from pm_prep.ui.dashboard.skills_panel import SkillReadinessPanel, SkillRowData
from pm_prep.ui.first_paint import after_first_paint
from pm_prep.ui.page_layout import card, card_title, page_title, plain_label, scrolling_body
from pm_prep.ui.pages import Page
from pm_prep.ui.qt_values import (
    ALIGN_BOTTOM,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    TEXT_SELECTABLE_BY_MOUSE,
    set_enum,
)
from pm_prep.ui.readiness_text import (
    countdown_text,
    disagreement,
    overall_explanation,
    plain_tooltip,
    skill_explanation,
    track_skills,
)

_PAGE_STYLE = """
QLabel#cardTitle { font-size: 15px; font-weight: 600; }
QLabel#interviewCountdown { font-size: 14px; font-weight: 600; }
QLabel#skillDetailTitle { font-size: 13px; font-weight: 600; }
QLabel[role="detailKey"] { color: palette(placeholder-text); font-size: 11px; }
QPushButton#recommendButton, QPushButton#emptyStartButton {
    background: palette(highlight); color: palette(highlighted-text);
    border: none; border-radius: 6px; padding: 8px 18px; font-weight: 600;
}
QPushButton#recommendButton:hover, QPushButton#emptyStartButton:hover { background: %s; }
QPushButton#recommendButton:disabled { background: palette(mid); }
QPushButton#emptySettingsButton {
    background: palette(button); border: 1px solid palette(mid); border-radius: 6px;
    padding: 7px 16px;
}
QPushButton#emptySettingsButton:hover { border-color: palette(highlight); }
QPushButton[role="link"] {
    border: none; background: transparent; color: palette(link); padding: 0; text-align: left;
}
QPushButton[role="link"]:hover { text-decoration: underline; }
QToolButton[role="legend"] { border: none; padding: 2px 6px; border-radius: 4px; }
QToolButton[role="legend"]:!checked { color: palette(placeholder-text); }
QToolButton[role="legend"]:checked { background: transparent; color: palette(text); }
QFrame#skillDetail { background: palette(alternate-base); border-radius: 6px; }
QLabel[role="stepNumber"] {
    background: palette(highlight); color: palette(highlighted-text); border-radius: 13px;
    font-weight: 700;
}
QLabel[role="stepNumber"][done="true"] { background: %s; }
"""


OVERALL_CARD_WIDTH = 328
# The page widths (sidebar excluded) from which the cards sit side by side: the overall card
# and the skills need 926 px, the chart and the heatmap 859, plus the margins and a scrollbar.
SKILLS_BESIDE_WIDTH = 990
HEATMAP_BESIDE_WIDTH = 925


class DashboardPage(Page):
    """Asks the window to open Practice (`practiceRequested(skill, mode)`) or Settings.

    Built in two steps. What the user opens the app for (the overall readiness, the
    countdown, the skill rows and the next practice) is built and painted first, without
    touching PySide6's `Qt` namespace (see qt_values); the new-user guide, the mock card, the
    progress chart and the heatmap are added right after that first paint (`finish_building`),
    below what is already on screen, so nothing painted moves.
    """

    practiceRequested = Signal(str, str)
    settingsRequested = Signal()
    assessmentRequested = Signal(str)  # skill id: open the self-assessment on it
    relevant = (
        Changes.ATTEMPTS
        | Changes.RATINGS
        | Changes.SETTINGS
        | Changes.CATALOG
        | Changes.SELF_ASSESSMENT
        | Changes.MOCK
        | Changes.RESTORE
    )

    def __init__(
        self, ws: Workspace, view: DashboardView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._ws = ws
        self._view: DashboardView | None = None
        self._report: ReadinessReport | None = None
        self._recommended: tuple[str, str] | None = None
        self._restyling = False
        self._rest_built = False
        self._build()
        self._connect_signals()
        self._apply_style()
        self.show_view(view or dashboard_view(ws))
        after_first_paint(self.finish_building)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolling_body(self, body_name="dashboardBody")
        self._body_layout = layout

        header = QHBoxLayout()
        header.addWidget(page_title("Dashboard"))
        header.addSpacing(12)
        self.track_label = plain_label(muted=True)
        self.track_label.setObjectName("dashboardTrack")
        # Labels fill the header's height; their text sits on its bottom edge.
        set_enum(self.track_label, "alignment", ALIGN_LEFT | ALIGN_BOTTOM)
        header.addWidget(self.track_label)
        header.addStretch(1)
        # The countdown sits top right, where the eye lands after the title.
        self.countdown = plain_label()
        self.countdown.setObjectName("interviewCountdown")
        set_enum(self.countdown, "alignment", ALIGN_RIGHT | ALIGN_BOTTOM)
        self.set_date_button = QPushButton("Set your interview date")
        self.set_date_button.setObjectName("setInterviewDateButton")
        self.set_date_button.setProperty("role", "link")
        header.addWidget(self.countdown)
        header.addSpacing(8)
        header.addLayout(_at_bottom(self.set_date_button))
        layout.addLayout(header)

        self.assessment_reminder = AssessmentReminder()
        self.assessment_reminder.assessRequested.connect(self.assessmentRequested)
        layout.addWidget(self.assessment_reminder)

        # The overall card, then (after the first paint) the skills beside it, or below it
        # on a narrow window (`_arrange`).
        top = QHBoxLayout()
        top.setSpacing(14)
        self._overall_card = self._build_overall_card()
        top.addWidget(self._overall_card, 0)
        top.addStretch(1)  # where the skills go
        layout.addLayout(top)
        self._top_row = top

        # `finish_building` inserts the rest here, above the trailing stretch.
        layout.addStretch(1)

    def _build_rest(self) -> None:
        """The new-user guide, the mock card, the chart and the heatmap (after the first paint)."""
        from pm_prep.ui.activity_heatmap import ActivityHeatmap
        from pm_prep.ui.dashboard.empty_state import EmptyState
        from pm_prep.ui.dashboard.mock_summary import MockSummaryCard
        from pm_prep.ui.progress_chart import ProgressChart

        self.skills = SkillReadinessPanel()
        self._top_row.takeAt(1)  # the stretch that kept its place
        self._top_row.addWidget(self.skills, 1)
        layout = self._body_layout
        at = layout.count() - 1  # before the trailing stretch
        self.empty_state = EmptyState()
        layout.insertWidget(at, self.empty_state)
        self.mock_summary = MockSummaryCard()
        layout.insertWidget(at + 1, self.mock_summary)

        bottom = QHBoxLayout()
        bottom.setSpacing(14)
        self.chart = ProgressChart(self._ws, "pm")
        self.chart.setMinimumHeight(300)
        bottom.addWidget(self.chart, 1)
        self.heatmap = ActivityHeatmap()
        self.heatmap.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.heatmap, 0)
        self._history_layout = bottom
        self.history_row = QWidget()
        self.history_row.setLayout(bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        # The chart takes the spare height; with the row hidden the trailing stretch does.
        layout.insertWidget(at + 2, self.history_row, 100)
        self.empty_state.settingsRequested.connect(self.settingsRequested)
        self.empty_state.startRequested.connect(self._on_recommend)
        pointer = QtCore.Qt.CursorShape.PointingHandCursor
        for button in (self.set_date_button, self.explain_button, self.recommend_button):
            button.setCursor(pointer)
        self._rest_built = True
        self._arrange()

    def finish_building(self) -> None:
        """Add what follows the first paint (once), showing the figures already read."""
        if self._rest_built:
            return
        self._build_rest()
        if self._view is not None:
            self._show_rest(self._view)

    def _build_overall_card(self) -> QFrame:
        overall = card("overallCard")
        overall.setMinimumWidth(OVERALL_CARD_WIDTH)
        overall.setMaximumWidth(OVERALL_CARD_WIDTH)
        layout = QVBoxLayout(overall)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(card_title("Overall readiness"))
        row = QHBoxLayout()
        row.setSpacing(14)
        self.gauge = ReadinessGauge()
        ring = QVBoxLayout()
        ring.addWidget(self.gauge)
        ring.addStretch(1)
        row.addLayout(ring)
        facts = QVBoxLayout()
        facts.setSpacing(6)
        self.cap_note = plain_label(muted=True, wrap=True)
        self.cap_note.setObjectName("overallCapNote")
        self.explain_button = QPushButton("How is this worked out?")
        self.explain_button.setObjectName("overallExplainButton")
        self.explain_button.setProperty("role", "link")
        self.explain_button.setCheckable(True)
        self.evidence_note = plain_label(muted=True, wrap=True)
        self.evidence_note.setObjectName("overallEvidence")
        self.band_scale = BandScale()
        facts.addSpacing(8)
        facts.addWidget(self.evidence_note)
        facts.addWidget(self.band_scale)
        facts.addWidget(self.cap_note)
        facts.addStretch(1)
        row.addLayout(facts, 1)
        layout.addLayout(row)
        layout.addLayout(_at_left(self.explain_button))
        self.overall_explanation = plain_label(muted=True, wrap=True)
        self.overall_explanation.setObjectName("overallExplanation")
        set_enum(self.overall_explanation, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.overall_explanation.hide()
        layout.addWidget(self.overall_explanation)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: palette(mid);")
        layout.addSpacing(4)
        layout.addWidget(line)
        next_title = plain_label("Next practice")
        next_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(next_title)
        self.recommend_reason = plain_label(muted=True, wrap=True)
        self.recommend_reason.setObjectName("recommendReason")
        layout.addWidget(self.recommend_reason)
        self.recommend_button = QPushButton("Practise")
        self.recommend_button.setObjectName("recommendButton")
        layout.addLayout(_at_left(self.recommend_button))
        layout.addStretch(1)
        return overall

    def _connect_signals(self) -> None:
        self.recommend_button.clicked.connect(self._on_recommend)
        self.gauge.clicked.connect(self._on_gauge_clicked)
        self.explain_button.toggled.connect(self._on_explain_toggled)
        self.set_date_button.clicked.connect(self.settingsRequested)

    def _apply_style(self) -> None:
        hover = theme.pick(theme.ACCENT).darker(115 if not theme.is_dark() else 85).name()
        self.setStyleSheet(_PAGE_STYLE % (hover, theme.pick(theme.SUCCESS).name()))

    # -- public --------------------------------------------------------------------------
    def first_focus(self) -> QWidget:
        """Where the keys go when the page is shown: the next practice (Enter starts it)."""
        return self.recommend_button

    @property
    def report(self) -> ReadinessReport | None:
        """The figures on screen, as computed at the last refresh."""
        return self._report

    @property
    def recommendation(self) -> tuple[str, str] | None:
        """(skill id, practice mode) that the recommend button opens, if any."""
        return self._recommended

    @property
    def view(self) -> DashboardView | None:
        return self._view

    def reload(self, changes: Changes = Changes.EVERYTHING) -> None:
        """Read every figure again (one connection); the chart follows after the next paint."""
        self.show_view(dashboard_view(self._ws))

    @Slot()
    def refresh(self) -> None:
        """Reload now, whether shown or not (the page counts it as a refresh)."""
        self._reload(Changes.EVERYTHING)

    def show_view(self, view: DashboardView) -> None:
        """Put a view's figures on screen."""
        self._view = view
        settings = view.settings
        catalog = view.index  # skills and tracks (the full catalog may still be loading)
        summary = view.summary
        report = summary.report
        self._report = report
        today = view.today
        track = catalog.tracks[report.track]
        self.track_label.setText(f"{track.name} track")

        started = any(s.started for s in report.skills.values())
        self.gauge.set_value(report.overall.score, report.overall.band, started=started)
        self.band_scale.set_value(report.overall.score if started else None)
        names = {s: k.name for s, k in catalog.skills.items()}
        explanation = overall_explanation(
            report.overall, report.skills, track.weights, names, track.name
        )
        self.gauge.setToolTip(plain_tooltip(explanation + "\n\nClick for details."))
        self.overall_explanation.setText(explanation)
        self._show_countdown(settings.interview_date, today)
        seen = sum(s.questions_seen for s in report.skills.values())
        self.evidence_note.setText(
            f"{report.attempts:,} rated answer{'s' if report.attempts != 1 else ''} "
            f"on {seen:,} question{'s' if seen != 1 else ''}."
            if report.attempts
            else "No rated answers yet."
        )
        if report.overall.capped_by is not None:
            self.cap_note.setText(
                f"Held back by {names[report.overall.capped_by]}: overall can be at most your "
                "weakest required skill + 25."
            )
            self.cap_note.show()
        else:
            self.cap_note.hide()

        self._show_recommendation(view.weakest, report, names)
        self.assessment_reminder.set_due(view.assessments_due, names)
        if self._rest_built:
            self._show_rest(view)

    def _show_skills(self, view: DashboardView) -> None:
        report = view.summary.report
        catalog = view.index
        names = {s: k.name for s, k in catalog.skills.items()}
        per_track = view.questions_in_track
        skills = track_skills(catalog, report.track)
        # Colours follow the catalog order, so a skill keeps its colour when the track changes.
        order = list(catalog.skills)
        rows = [
            SkillRowData(
                skill=s,
                name=names[s],
                readiness=report.skills[s],
                colour_index=order.index(s),
                questions_in_track=per_track.get(s, 0),
                explanation=skill_explanation(names[s], report.skills[s], per_track.get(s, 0)),
                gap=disagreement(report.skills[s]) is not None,
            )
            for s in skills
            if s in report.skills
        ]
        self.skills.set_rows(rows, view.weakest)

    def _show_rest(self, view: DashboardView) -> None:
        """The figures of what `finish_building` added."""
        self._show_skills(view)
        settings = view.settings
        summary = view.summary
        report = summary.report
        self.heatmap.set_data(view.activity, view.today, settings.daily_goal, summary.streaks)
        self.mock_summary.set_results(view.mocks)
        new_user = report.attempts == 0
        submitted = report.attempts + summary.unrated > 0
        self.empty_state.set_progress(
            (settings.interview_date is not None, submitted, report.attempts > 0)
        )
        self.empty_state.setVisible(new_user)
        self.history_row.setVisible(not new_user)
        self.chart.set_track(report.track)
        self.chart.reload()

    def _show_countdown(self, interview: date | None, today: date) -> None:
        self.countdown.setText(countdown_text(interview, today))
        self.set_date_button.setVisible(interview is None)
        overdue = interview is not None and interview < today
        self.countdown.setStyleSheet(
            f"color: {theme.pick(theme.WARNING).name()};" if overdue else ""
        )

    def _show_recommendation(
        self, weakest: str | None, report: ReadinessReport, names: dict[str, str]
    ) -> None:
        if weakest is None:
            self._recommended = None
            self.recommend_button.setText("Nothing to practise")
            self.recommend_button.setEnabled(False)
            self.recommend_reason.setText("No questions match your track.")
            return
        skill = report.skills.get(weakest)
        name = names[weakest]
        started = skill is not None and skill.started
        self._recommended = (weakest, "weakest" if started else "new")
        self.recommend_button.setEnabled(True)
        self.recommend_button.setText(f"Practise {name}")
        self.recommend_button.setToolTip(plain_tooltip(f"Open Practice on a question in {name}"))
        self.recommend_button.setAccessibleDescription(f"Open Practice on a question in {name}")
        if skill is None or not started:
            self.recommend_reason.setText(
                f"{name} is a required skill you have not started yet: start there."
            )
        elif report.overall.capped_by == weakest:
            self.recommend_reason.setText(
                f"{name} is your weakest required skill ({skill.readiness:.0f}) and is holding "
                "your overall score back."
            )
        else:
            self.recommend_reason.setText(
                f"{name} is your weakest required skill ({skill.readiness:.0f})."
            )

    # -- slots ---------------------------------------------------------------------------
    @Slot()
    def _on_recommend(self) -> None:
        if self._recommended is not None:
            self.practiceRequested.emit(*self._recommended)

    @Slot()
    def _on_gauge_clicked(self) -> None:
        self.explain_button.toggle()

    @Slot(bool)
    def _on_explain_toggled(self, shown: bool) -> None:
        self.overall_explanation.setVisible(shown)
        self.explain_button.setText("Hide the explanation" if shown else "How is this worked out?")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Cards side by side where they fit, one above the other on a narrow window."""
        width = self.width()
        across = QBoxLayout.Direction.LeftToRight
        down = QBoxLayout.Direction.TopToBottom
        beside = width >= SKILLS_BESIDE_WIDTH
        if self._top_row.direction() != (across if beside else down):
            self._top_row.setDirection(across if beside else down)
        # Beside the skills the overall card keeps its width; above them it takes the row's.
        self._overall_card.setMaximumWidth(OVERALL_CARD_WIDTH if beside else 16777215)
        if self._rest_built:
            chart_beside = width >= HEATMAP_BESIDE_WIDTH
            wanted = across if chart_beside else down
            if self._history_layout.direction() != wanted:
                self._history_layout.setDirection(wanted)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and hasattr(self, "skills")
            and not self._restyling
        ):
            # Setting the style sheet can itself announce a palette change: do not recurse.
            self._restyling = True
            try:
                self._apply_style()
            finally:
                self._restyling = False
            selected = self.skills.selected()
            if selected is not None:
                self.skills.select(selected)


def _at_bottom(widget: QWidget) -> QVBoxLayout:
    """`widget` at the bottom of its row (a layout, not an alignment flag: see qt_values)."""
    column = QVBoxLayout()
    column.addStretch(1)
    column.addWidget(widget)
    return column


def _at_left(widget: QWidget) -> QHBoxLayout:
    """`widget` at its natural width on the left of its column."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row
