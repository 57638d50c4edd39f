"""Self-assessment: rate yourself per skill, see your past assessments and how well they match
your answers (calibration)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.calibration import level_text
from pm_prep.services import self_assessment
from pm_prep.services.calibration import (
    CalibrationData,
    CoverageCache,
    analyse_pending,
    load_calibration,
)
from pm_prep.services.changes import Changes
from pm_prep.services.self_assessment import (
    AssessmentRecord,
    SelfAssessmentContent,
    assessment_history,
    assessments_due,
    load_self_assessment,
)
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.first_paint import DEFERRED_WORK_MS
from pm_prep.ui.page_layout import (
    WIDE_WIDTH,
    card,
    card_title,
    page_title,
    plain_label,
    scrolling_body,
)
from pm_prep.ui.pages import Page
from pm_prep.ui.self_assessment.calibration_chart import CalibrationChart
from pm_prep.ui.self_assessment.history_model import AssessmentHistoryModel, local_when
from pm_prep.ui.self_assessment.statement_list import StatementList

# Answers read per idle turn for the evidence: a few milliseconds each keeps the page lively.
ANALYSE_PER_TURN = 4
# The chart is redrawn after this many answers read (and once at the end).
REDRAW_EVERY = 40
# Below this body width the calibration and history cards stack.
SIDE_BY_SIDE_WIDTH = 1040


class SelfAssessmentPage(Page):
    """One skill at a time; levels changed and not saved are kept per skill until saved.

    Saving goes through the action runner (`record_self_assessment`, committed before the
    page says "Saved"), which announces SELF_ASSESSMENT to every page.
    """

    statusMessage = Signal(str)
    relevant = (
        Changes.SELF_ASSESSMENT
        | Changes.ATTEMPTS
        | Changes.RATINGS
        | Changes.CATALOG
        | Changes.RESTORE
    )

    def __init__(
        self,
        ws: Workspace,
        runner: ActionRunner,
        track: Callable[[], str],
        content: SelfAssessmentContent | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("selfAssessmentPage")
        self._ws = ws
        self._runner = runner
        self._track = track
        self._content = content or load_self_assessment()
        self._cache = CoverageCache.for_workspace(ws)
        self._skill: str | None = None
        self._history: list[AssessmentRecord] = []
        self._baseline: dict[str, int] = {}  # levels as last saved (or the defaults)
        self._unsaved: dict[str, dict[str, int]] = {}  # skill -> levels changed, not saved
        self._data: CalibrationData | None = None
        self._showing = False  # filling controls from code: not a change by the user
        self._status_error = False
        self._build()
        self._connect_signals()
        first = self.skill_combo.currentData()
        if first:
            # Rows are made now (the page is built in idle time) and only filled when shown.
            self._showing = True
            self.statements.set_statements(self._content.for_skill(first), self._content.scale)
            self._showing = False
        self._analysis = QTimer(self)
        self._analysis.setInterval(0)
        self._analysis.timeout.connect(self._on_analysis_turn)
        self._since_redraw = 0
        # Nothing is read until the page is first shown (it may be built in idle time).
        self._stale = Changes.SELF_ASSESSMENT | Changes.ATTEMPTS

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        # Wider than a reading column: the chart and the past assessments share the row.
        layout = scrolling_body(self, body_name="selfAssessmentBody", max_width=WIDE_WIDTH)
        header = QHBoxLayout()
        header.addWidget(page_title("Self-assessment"))
        header.addStretch(1)
        caption = QLabel("Skill")
        self.skill_combo = QComboBox()
        self.skill_combo.setObjectName("assessmentSkill")
        self.skill_combo.setAccessibleName("Skill to assess")
        self.skill_combo.setMinimumWidth(220)
        caption.setBuddy(self.skill_combo)
        for skill in self._ws.catalog.skills.values():
            if self._content.for_skill(skill.id):
                self.skill_combo.addItem(skill.name, skill.id)
        header.addWidget(caption)
        header.addWidget(self.skill_combo)
        layout.addLayout(header)

        statements = card("assessmentCard")
        sl = QVBoxLayout(statements)
        sl.setContentsMargins(18, 14, 18, 14)
        sl.setSpacing(8)
        self.statements_title = card_title("How well can you do each of these today?")
        sl.addWidget(self.statements_title)
        scale = " · ".join(f"{i} {label}" for i, label in enumerate(self._content.scale, start=1))
        self.scale_label = plain_label(
            f"{scale}. Click a level, or press 1 to 5 on the highlighted statement; Tab or the "
            "arrow keys move between statements.",
            muted=True,
            wrap=True,
        )
        sl.addWidget(self.scale_label)
        self.baseline_label = plain_label(muted=True, wrap=True)
        self.baseline_label.setObjectName("assessmentBaseline")
        sl.addWidget(self.baseline_label)
        self.statements = StatementList()
        sl.addWidget(self.statements)
        save_row = QHBoxLayout()
        self.status_label = plain_label(wrap=True)
        self.status_label.setObjectName("assessmentStatus")
        self.save_button = QPushButton("Save assessment")
        self.save_button.setObjectName("saveAssessmentButton")
        self.save_button.setToolTip("Save this self-assessment (Ctrl+S)")
        save_row.addWidget(self.status_label, 1)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        sl.addLayout(save_row)
        layout.addWidget(statements)

        self._lower = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._lower.setSpacing(14)
        calibration = card("calibrationCard")
        cl = QVBoxLayout(calibration)
        cl.setContentsMargins(18, 14, 18, 14)
        cl.setSpacing(8)
        cl.addWidget(card_title("Does your view match your answers?"))
        self.note = plain_label(wrap=True)
        self.note.setObjectName("calibrationNote")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cl.addWidget(self.note)
        self.chart = CalibrationChart()
        self.chart.setMinimumHeight(260)
        cl.addWidget(self.chart, 1)
        self.progress_label = plain_label(muted=True, wrap=True)
        self.progress_label.setObjectName("calibrationProgress")
        cl.addWidget(self.progress_label)
        self.explain_label = plain_label(
            "All three on one scale: level 1 is 0 and level 5 is 100, so 4/5 stands next to "
            "covering 75% of a question's talking points. Your ratings are the scores you gave "
            "your answers; the evidence is read from the answers themselves.",
            muted=True,
            wrap=True,
        )
        cl.addWidget(self.explain_label)
        self._lower.addWidget(calibration, 3)

        history = card("assessmentHistoryCard")
        hl = QVBoxLayout(history)
        hl.setContentsMargins(18, 14, 18, 14)
        hl.setSpacing(8)
        hl.addWidget(card_title("Your past assessments"))
        self.history_model = AssessmentHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setObjectName("assessmentHistory")
        self.history_view.setAccessibleName("Past self-assessments of this skill")
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.verticalHeader().hide()
        self.history_view.setShowGrid(False)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setMinimumHeight(180)
        header_view = self.history_view.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hl.addWidget(self.history_view, 1)
        self.history_empty = plain_label(muted=True, wrap=True)
        self.history_empty.setObjectName("assessmentHistoryEmpty")
        hl.addWidget(self.history_empty)
        hl.addStretch()  # with no rows (the table hidden), the words sit under the title
        self._lower.addWidget(history, 2)
        layout.addLayout(self._lower, 1)

    def _connect_signals(self) -> None:
        # currentIndexChanged, not activated: a skill chosen from code acts like a click.
        self.skill_combo.currentIndexChanged.connect(self._on_skill_changed)
        self.statements.changed.connect(self._on_levels_changed)
        self.save_button.clicked.connect(self._on_save)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_save)
        self.chart.updated.connect(self._on_chart_updated)

    # -- public --------------------------------------------------------------------------
    @property
    def skill(self) -> str | None:
        return self._skill

    @property
    def calibration_data(self) -> CalibrationData | None:
        return self._data

    @property
    def analysing(self) -> bool:
        """Whether answers are still being read for the evidence."""
        return self._analysis.isActive()

    def open_skill(self, skill: str) -> bool:
        """Show a skill's statements (the dashboard's reminder); False if it has none."""
        index = self.skill_combo.findData(skill)
        if index < 0:
            return False
        if index == self.skill_combo.currentIndex() and self._skill == skill:
            return True
        self.skill_combo.setCurrentIndex(index)  # -> _on_skill_changed
        return True

    def has_unsaved(self) -> bool:
        self._remember_unsaved()
        return bool(self._unsaved)

    def forget(self) -> None:
        """After a restore: no assessment, level or evidence of the old database is kept."""
        self._analysis.stop()
        self._data = None
        self._history = []
        self._baseline = {}
        self._unsaved = {}
        self.history_model.set_rows([])
        self.note.setText("")
        self.status_label.setText("")

    def reload(self, changes: Changes) -> None:
        if self._skill is None:
            self._choose_first_skill()
        elif changes & (Changes.SELF_ASSESSMENT | Changes.CATALOG | Changes.RESTORE):
            # Skill ids belong to the catalog, not the database: a restore keeps the skill.
            self._show_skill(self._skill, keep_status=not changes & Changes.RESTORE)
        else:
            self._load_calibration_soon()

    def confirm_leave(self, *, closing: bool) -> bool:
        """Changed levels survive a visit to another page; closing the app asks first."""
        if not closing or not self.has_unsaved():
            return True
        from PySide6.QtWidgets import QMessageBox

        names = ", ".join(self._ws.catalog.skills[s].name for s in self._unsaved)
        answer = QMessageBox.question(
            self,
            "Unsaved self-assessment",
            f"You changed your self-assessment of {names} but did not save it. Save it now?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._unsaved = {}
            return True
        return all(self._save(skill, levels) for skill, levels in list(self._unsaved.items()))

    # -- showing a skill -----------------------------------------------------------------
    def _choose_first_skill(self) -> None:
        """Open where the dashboard's reminder would: the first skill due, else the first."""
        due = assessments_due(self._ws, self._track())
        wanted = next((d.skill for d in due if self.skill_combo.findData(d.skill) >= 0), None)
        index = self.skill_combo.findData(wanted) if wanted else 0
        if self.skill_combo.count() == 0:
            self.note.setText("There are no self-assessment statements to rate.")
            self.save_button.setEnabled(False)
            return
        if index != self.skill_combo.currentIndex():
            self.skill_combo.setCurrentIndex(max(0, index))  # -> _on_skill_changed
        else:
            self._show_skill(self.skill_combo.currentData())

    def _skill_name(self, skill: str) -> str:
        found = self._ws.catalog.skills.get(skill)
        return found.name if found else skill

    def _show_skill(self, skill: str, *, keep_status: bool = False) -> None:
        if self._skill != skill:
            self._remember_unsaved()
        self._skill = skill
        self._history = assessment_history(self._ws, skill)
        latest = self._history[-1] if self._history else None
        statements = self._content.for_skill(skill)
        ids = {s.id for s in statements}
        self._baseline = {s.id: (latest.levels.get(s.id, 3) if latest else 3) for s in statements}
        levels = self._unsaved.get(skill, self._baseline)
        self._showing = True
        try:
            if set(self.statements.rows) != ids:
                self.statements.set_statements(statements, self._content.scale, levels)
            else:
                self.statements.set_values(levels)
        finally:
            self._showing = False
        name = self._skill_name(skill)
        self.statements_title.setText(f"{name}: how well can you do each of these today?")
        if latest is None:
            self.baseline_label.setText(
                f"You have not assessed {name} yet. Every statement starts at 3; move each to "
                "where you honestly are."
            )
        elif latest.levels.keys() & ids:
            self.baseline_label.setText(
                f"Starting from your last assessment ({local_when(latest.taken_at)}, "
                f"{latest.score:.0f}/100): change what has changed."
            )
        else:
            self.baseline_label.setText(
                f"Your last assessment ({local_when(latest.taken_at)}, {latest.score:.0f}/100) "
                "kept no levels per statement; every statement starts at 3."
            )
        self.history_model.set_rows(self._history)
        self.history_empty.setText(
            "" if self._history else f"No assessments of {name} yet: save one above."
        )
        self.history_empty.setVisible(not self._history)
        self.history_view.setVisible(bool(self._history))
        if not keep_status:
            self._show_status()
        self._load_calibration_soon()

    def _remember_unsaved(self) -> None:
        if self._skill is None or not self.statements.rows:
            return
        levels = self.statements.values()
        if levels != self._baseline:
            self._unsaved[self._skill] = levels
        else:
            self._unsaved.pop(self._skill, None)

    def _show_status(self, text: str = "", *, error: bool = False) -> None:
        if not text and self._skill in self._unsaved:
            text = "Changed, not saved yet."
        self._status_error = error
        self._colour_status()
        self.status_label.setText(text)

    def _colour_status(self) -> None:
        colour = theme.pick(theme.DANGER).name() if self._status_error else ""
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")

    # -- calibration ---------------------------------------------------------------------
    def _load_calibration_soon(self) -> None:
        """After the next paint: the page shows its statements first, the evidence next."""
        self._analysis.stop()
        QTimer.singleShot(DEFERRED_WORK_MS, self._load_calibration)

    @Slot()
    def _load_calibration(self) -> None:
        skill = self._skill
        if skill is None or not self.isVisible():
            if skill is not None:
                self._stale |= Changes.ATTEMPTS  # read when next shown
            return
        self._data = load_calibration(self._ws, skill, self._cache)
        self._show_calibration(redraw=True)
        if self._data.pending:
            self._since_redraw = 0
            self._analysis.start()

    def _show_calibration(self, *, redraw: bool) -> None:
        data = self._data
        if data is None:
            return
        self.note.setText(data.note(self._skill_name(data.skill)))
        pending = len(data.pending)
        self.progress_label.setVisible(bool(pending))
        self.progress_label.setText(
            f"Reading your answers for the evidence… {pending} to go." if pending else ""
        )
        if redraw:
            self.chart.set_data(
                [(a.taken_at, a.score) for a in data.assessments],
                data.performance,
                data.evidence(),
                datetime.now(UTC),
            )

    @Slot()
    def _on_analysis_turn(self) -> None:
        data = self._data
        if data is None or not self.isVisible():
            self._analysis.stop()
            return
        done = analyse_pending(self._ws, data, self._cache, limit=ANALYSE_PER_TURN)
        self._since_redraw += done
        finished = not data.pending
        if finished:
            self._analysis.stop()
        redraw = finished or self._since_redraw >= REDRAW_EVERY
        if redraw:
            self._since_redraw = 0
        self._show_calibration(redraw=redraw)

    @Slot()
    def _on_chart_updated(self) -> None:
        self.chart.setAccessibleDescription(self.note.text())

    # -- slots ---------------------------------------------------------------------------
    @Slot(int)
    def _on_skill_changed(self, index: int) -> None:
        skill = self.skill_combo.itemData(index)
        if skill:
            self._show_skill(skill)

    @Slot()
    def _on_levels_changed(self) -> None:
        if self._showing:
            return
        self._remember_unsaved()
        self._show_status()

    @Slot()
    def _on_save(self) -> None:
        if self._skill is None or not self.save_button.isEnabled() or not self.statements.rows:
            return
        self._save(self._skill, self.statements.values())

    def _save(self, skill: str, levels: dict[str, int]) -> bool:
        outcome = self._runner.run(
            self_assessment.record_self_assessment, self._ws, skill, levels, quiet=True
        )
        score = outcome.value
        if score is None:
            if skill == self._skill:
                self._show_status(
                    f"Not saved: {outcome.error} Your levels are still here.", error=True
                )
            return False
        # Committed: only now does the page say so.
        self._unsaved.pop(skill, None)
        if skill == self._skill:
            self._baseline = dict(levels)
            name = self._skill_name(skill)
            self._show_status(
                f"Saved at {datetime.now():%H:%M}: {name} {score:.0f}/100 "
                f"({level_text(score)}). The dashboard uses it now."
            )
        self.statusMessage.emit(f"Self-assessment saved: {self._skill_name(skill)} {score:.0f}/100")
        return True

    # -- events --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._data is not None and self._data.pending and not self._analysis.isActive():
            self._analysis.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # A hidden page costs nothing: the reading resumes when the page is shown again.
        self._analysis.stop()
        self._remember_unsaved()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._lower.direction() != direction:
            self._lower.setDirection(direction)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "status_label"):
            self._colour_status()  # the error colour follows the theme
