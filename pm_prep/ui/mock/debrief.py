"""`mockDebrief`: each round's prompt, answer, time and insights, rated with its rubric; then
its outline and example answers, and the loop summary with one concrete next practice."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Question
from pm_prep.domain.insights import analyse_answer, format_duration
from pm_prep.services import mock
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.insights_view import InsightsView
from pm_prep.ui.level_selector import LevelSelector
from pm_prep.ui.outline_text import examples_markdown, outline_markdown
from pm_prep.ui.page_layout import (
    READING_WIDTH,
    card,
    card_title,
    page_title,
    plain_label,
    scrolling_body,
)
from pm_prep.ui.rubric_panel import bring_into_view, chain_tab_order, note_and_save_row

# GitHub Markdown (tables for the summary) with every kind of HTML shown as text.
MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)
STATUS_WORDS = {
    mock.ANSWERED: "answered",
    mock.TIMED_OUT: "timed out",
    mock.SKIPPED: "skipped",
    mock.OPEN: "not reached",
}


class MarkdownView(QTextBrowser):
    """Read-only Markdown (never HTML), as tall as its content: the page scrolls, not the box."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().contentsChanged.connect(self._fit)

    def set_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, MARKDOWN)
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        height = int(self.document().size().height()) + margins.top() + margins.bottom() + 4
        self.setFixedHeight(max(40, height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def _readable(r: mock.RoundState, follow_up_prompt: str | None) -> str:
    """The round's words for reading: the first answer, then the follow-up and its answer."""
    first = r.text.rstrip()
    second = r.follow_up_text.strip()
    if not second:
        return first
    asked = f"Follow-up: {follow_up_prompt}" if follow_up_prompt else "Follow-up"
    return f"{first}\n\n— {asked}\n\n{second}" if first else f"— {asked}\n\n{second}"


class DebriefView(QWidget):
    """Rate each round of a finished loop; asks the page to export or to practise next."""

    practiceRequested = Signal(str)  # a question id
    exportRequested = Signal(str)  # "md" or "pdf"
    backRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, ws: Workspace, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockDebrief")
        self._ws = ws
        self._runner = runner
        self._state: mock.MockState | None = None
        self._summary: mock.MockSummary | None = None
        self._criteria: dict[str, LevelSelector] = {}
        self._next_question: str | None = None
        self._build()
        self._connect_signals()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolling_body(self, max_width=READING_WIDTH)
        header = QHBoxLayout()
        self.title = page_title("Debrief")
        self.title.setWordWrap(True)  # a long loop name wraps rather than push the buttons out
        header.addWidget(self.title, 1)
        self.back_button = QPushButton("Back to the loops")
        self.back_button.setObjectName("backToLoopsButton")
        self.export_md_button = QPushButton("Export Markdown…")
        self.export_md_button.setObjectName("exportDebriefMarkdownButton")
        self.export_pdf_button = QPushButton("Export PDF…")
        self.export_pdf_button.setObjectName("exportDebriefPdfButton")
        for button in (self.export_md_button, self.export_pdf_button, self.back_button):
            header.addWidget(button)
        layout.addLayout(header)
        self.meta = plain_label(muted=True, wrap=True)
        self.meta.setObjectName("debriefMeta")
        layout.addWidget(self.meta)

        # -- the loop summary first: it is what the user came for
        summary_card = card()
        sl = QVBoxLayout(summary_card)
        sl.setContentsMargins(18, 14, 18, 14)
        sl.addWidget(card_title("Loop summary"))
        self.summary = MarkdownView("mockSummary")
        self.summary.setAccessibleName("Loop summary")
        sl.addWidget(self.summary)
        self.practise_button = QPushButton("Practise it now")
        self.practise_button.setObjectName("nextPracticeButton")
        self.practise_button.hide()
        sl.addWidget(self.practise_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(summary_card)

        choose = QHBoxLayout()
        caption = QLabel("Round")
        self.round_combo = QComboBox()
        self.round_combo.setObjectName("debriefRound")
        self.round_combo.setAccessibleName("Round to debrief")
        self.round_combo.setMinimumContentsLength(30)
        caption.setBuddy(self.round_combo)
        choose.addWidget(caption)
        choose.addWidget(self.round_combo, 1)
        layout.addLayout(choose)

        round_card = card()
        rl = QVBoxLayout(round_card)
        rl.setContentsMargins(18, 14, 18, 14)
        rl.setSpacing(8)
        self.round_meta = plain_label(muted=True, wrap=True)
        self.round_meta.setObjectName("debriefRoundMeta")
        self.prompt = plain_label(wrap=True)
        self.prompt.setObjectName("debriefPrompt")
        self.prompt.setStyleSheet("font-size: 15px;")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.follow_up = plain_label(wrap=True)
        self.follow_up.setObjectName("debriefFollowUp")
        self.follow_up.setStyleSheet("font-weight: 600;")
        self.time_used = plain_label(wrap=True)
        self.time_used.setObjectName("debriefTime")
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("debriefAnswer")
        self.answer.setAccessibleName("Your answer in this round")
        self.answer.setReadOnly(True)
        self.answer.setTabChangesFocus(True)
        self.answer.setMinimumHeight(120)
        self.answer.setMaximumHeight(260)
        for widget in (self.round_meta, self.prompt, self.follow_up, self.time_used):
            rl.addWidget(widget)
        rl.addWidget(plain_label("Your answer", muted=True))
        rl.addWidget(self.answer)
        layout.addWidget(round_card)

        self.insights_card = card()
        il = QVBoxLayout(self.insights_card)
        il.setContentsMargins(18, 14, 18, 14)
        il.addWidget(card_title("Evidence from your answer"))
        self.insights = InsightsView()
        il.addWidget(self.insights)
        layout.addWidget(self.insights_card)

        self.rubric_card = card()
        self.rubric_layout = QGridLayout(self.rubric_card)
        self.rubric_layout.setContentsMargins(18, 14, 18, 14)
        self.rubric_layout.setHorizontalSpacing(14)
        layout.addWidget(self.rubric_card)
        self.descriptor = plain_label(wrap=True)
        self.descriptor.setObjectName("levelDescriptor")
        self.descriptor.setMinimumHeight(36)
        layout.addWidget(self.descriptor)
        note_row, self.note, self.save_button = note_and_save_row(
            "debriefNote", "saveDebriefButton", "Save this round's rating (Ctrl+S)"
        )
        self.rating_row = QWidget()
        self.rating_row.setLayout(note_row)
        note_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rating_row)
        self.message = plain_label(wrap=True)
        self.message.setObjectName("debriefMessage")
        layout.addWidget(self.message)

        self.outline_card = card()
        ol = QVBoxLayout(self.outline_card)
        ol.setContentsMargins(18, 14, 18, 14)
        ol.addWidget(card_title("One strong outline"))
        self.outline = MarkdownView("debriefOutline")
        self.outline.setAccessibleName("One strong outline")
        ol.addWidget(self.outline)
        self.examples_title = card_title("Example answers, to calibrate your rating")
        ol.addWidget(self.examples_title)
        self.examples = MarkdownView("debriefExamples")
        self.examples.setAccessibleName("Example answers")
        ol.addWidget(self.examples)
        layout.addWidget(self.outline_card)
        self.outline_card.hide()
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        # currentIndexChanged, not activated: a round chosen from code shows exactly as a click.
        self.round_combo.currentIndexChanged.connect(self._on_round_chosen)
        self.save_button.clicked.connect(self._on_save)
        self.practise_button.clicked.connect(self._on_practise)
        self.back_button.clicked.connect(self.backRequested)
        self.export_md_button.clicked.connect(partial(self.exportRequested.emit, "md"))
        self.export_pdf_button.clicked.connect(partial(self.exportRequested.emit, "pdf"))
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_save)

    # -- public --------------------------------------------------------------------------
    @property
    def session_id(self) -> int | None:
        return self._state.session_id if self._state is not None else None

    @property
    def summary_value(self) -> mock.MockSummary | None:
        return self._summary

    def clear(self) -> None:
        self._state = None
        self._summary = None
        blocked = self.round_combo.blockSignals(True)
        self.round_combo.clear()
        self.round_combo.blockSignals(blocked)

    def show_session(self, session_id: int, round_index: int | None = None) -> None:
        """Show a finished loop, on `round_index` (default: the first round to rate)."""
        state = mock.mock_state(self._ws, session_id)
        self._state = state
        self._summary = mock.mock_summary(self._ws, session_id)
        started = state.started_at.astimezone().strftime("%a %d %b %Y, %H:%M")
        self.title.setText(f"Debrief: {state.template_name}")
        self.meta.setText(
            f"{started} · {len(state.plan)} rounds · "
            f"{format_duration(state.loop_elapsed_s)} used of "
            f"{format_duration(state.total_seconds)}. Rate each answered round against its "
            "rubric; its outline and example answers open once it is rated."
        )
        if round_index is None:
            round_index = next(
                (r.index for r in state.rounds if r.attempt_id is not None and r.score is None),
                0,
            )
        blocked = self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in state.rounds:
            self.round_combo.addItem(self._round_item(r), r.index)
        self.round_combo.setCurrentIndex(max(0, min(round_index, len(state.rounds) - 1)))
        self.round_combo.blockSignals(blocked)
        self._show_summary()
        self._show_round(self.round_combo.currentIndex())

    def refresh(self) -> None:
        """Read the shown loop again (a rating may have been saved elsewhere)."""
        if self._state is not None:
            self.show_session(self._state.session_id, self.round_combo.currentIndex())

    # -- showing -------------------------------------------------------------------------
    def _round_item(self, r: mock.RoundState) -> str:
        assert self._state is not None
        status = STATUS_WORDS.get(r.status, r.status)
        if r.score is not None:
            status = f"{r.score:.0f}/100"
        elif r.attempt_id is not None:
            status += ", to rate"
        return f"{self._state.round_label(r.index)} ({status})"

    def _show_summary(self) -> None:
        summary = self._summary
        if summary is None:
            return
        self.summary.set_markdown("\n".join(mock.summary_markdown(summary)))
        nxt = summary.next_practice
        self._next_question = nxt.question_id if nxt is not None else None
        self.practise_button.setVisible(self._next_question is not None)

    def _question(self, index: int) -> Question | None:
        state = self._state
        if state is None or not 0 <= index < len(state.rounds):
            return None
        return self._ws.catalog.questions.get(state.rounds[index].question_id)

    def _show_round(self, index: int) -> None:
        state = self._state
        summary = self._summary
        if state is None or summary is None or not 0 <= index < len(state.rounds):
            return
        r = state.rounds[index]
        planned = state.plan[index]
        rs = summary.rounds[index]
        question = self._question(index)
        self.round_meta.setText(
            f"{state.round_label(index)} · {rs.skill_name}"
            + (f" · {question.type_name}" if question is not None else "")
        )
        gone = f"({r.question_id} is no longer in the question bank)"
        self.prompt.setText(question.prompt if question is not None else gone)
        asked = planned.follow_up_prompt if (r.follow_up_shown or r.follow_up_text) else None
        self.follow_up.setText(f"Follow-up: {asked}" if asked else "")
        self.follow_up.setVisible(bool(asked))
        self.time_used.setText(f"Time used: {rs.time_used}, {rs.timing_note}.")
        warn = rs.timing in ("timed out", "over", "under")
        self.time_used.setStyleSheet(f"color: {theme.pick(theme.WARNING).name()};" if warn else "")
        answer = mock.combined_answer(r.text, r.follow_up_text, planned.follow_up_prompt)
        self.answer.setPlainText(_readable(r, asked) or "(nothing was written in this round)")
        rated = r.score is not None
        has_attempt = r.attempt_id is not None and question is not None
        if has_attempt and question is not None:
            self.insights.show_insights(
                analyse_answer(answer, question), planned.seconds, r.elapsed_s
            )
        self.insights_card.setVisible(has_attempt)
        self._build_rubric(question if has_attempt else None, r)
        self.rubric_card.setVisible(has_attempt)
        self.descriptor.setVisible(has_attempt and not rated)
        self.rating_row.setVisible(has_attempt)
        self.note.setText(r.self_note)
        self.note.setEnabled(has_attempt and not rated)
        self.save_button.setEnabled(has_attempt and not rated)
        if r.attempt_id is None:
            self._say("This round was skipped: there is nothing to rate.")
        elif rated:
            self._say(f"Rated {r.score:.0f}/100. Compare with the outline and examples below.")
        else:
            self._say(
                "Rate each criterion (click a level, or focus it and press 1 to 5), then save."
            )
        self._show_outline(question if rated else None)

    def _build_rubric(self, question: Question | None, r: mock.RoundState) -> None:
        while self.rubric_layout.count():
            item = self.rubric_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach now so lookups by objectName never find another round's controls.
                widget.setParent(None)
                widget.deleteLater()
        self._criteria = {}
        rubric = self._ws.catalog.rubric_for(question) if question is not None else None
        if rubric is None:
            return
        heading = plain_label(f"Rate your answer: {rubric.name} (1 very weak … 5 very strong)")
        heading.setStyleSheet("font-weight: 600;")
        self.rubric_layout.addWidget(heading, 0, 0, 1, 2)
        stored = r.criterion_scores
        for row, criterion in enumerate(rubric.criteria, start=1):
            label = plain_label(criterion.name)  # no tooltip: it covered the next row
            selector = LevelSelector(criterion.name)
            selector.setObjectName(f"criterion_{criterion.id}")
            if criterion.id in stored:
                selector.setValue(stored[criterion.id])
            selector.setEnabled(r.score is None)
            label.setBuddy(selector)
            show = partial(self._show_descriptor, criterion.id)
            selector.valueChanged.connect(show)
            selector.focused.connect(show)
            selector.focused.connect(partial(bring_into_view, selector, self.descriptor))
            selector.levelHovered.connect(partial(self._preview_level, criterion.id))
            self.rubric_layout.addWidget(label, row, 0)
            self.rubric_layout.addWidget(selector, row, 1, Qt.AlignmentFlag.AlignLeft)
            self._criteria[criterion.id] = selector
        self.rubric_layout.setColumnStretch(1, 1)
        if rubric.criteria:
            self._show_descriptor(rubric.criteria[0].id)
        # Tab: the answer, each criterion, the note, Save (the criteria are made last).
        chain_tab_order([self.answer, *self._criteria.values(), self.note, self.save_button])

    def _preview_level(self, criterion_id: str, level: int) -> None:
        """Pointing at a level shows its descriptor; leaving shows the focused criterion's."""
        if level == 0:
            focused = next((c for c, s in self._criteria.items() if s.hasFocus()), criterion_id)
            self._show_descriptor(focused)
            return
        question = self._question(self.round_combo.currentIndex())
        rubric = self._ws.catalog.rubric_for(question) if question is not None else None
        criterion = rubric.criterion(criterion_id) if rubric is not None else None
        if criterion is not None:
            self.descriptor.setText(
                f"{criterion.name}, level {level}: {criterion.descriptor(level)}"
            )

    def _show_descriptor(self, criterion_id: str, *_signal_args: object) -> None:
        question = self._question(self.round_combo.currentIndex())
        rubric = self._ws.catalog.rubric_for(question) if question is not None else None
        criterion = rubric.criterion(criterion_id) if rubric is not None else None
        selector = self._criteria.get(criterion_id)
        if criterion is None or selector is None:
            return
        level = selector.value()
        self.descriptor.setText(f"{criterion.name}, level {level}: {criterion.descriptor(level)}")

    def _show_outline(self, question: Question | None) -> None:
        if question is None:
            self.outline_card.hide()
            return
        self.outline.set_markdown(outline_markdown(question, with_examples=False))
        has_examples = bool(question.examples)
        self.examples_title.setVisible(has_examples)
        self.examples.setVisible(has_examples)
        if has_examples:
            self.examples.set_markdown(examples_markdown(question, heading=False))
        self.outline_card.show()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {theme.pick(theme.DANGER).name()};" if error else "")
        self.message.setText(text)
        if error:
            self.statusMessage.emit(text)

    # -- slots ---------------------------------------------------------------------------
    @Slot(int)
    def _on_round_chosen(self, index: int) -> None:
        self._show_round(index)

    @Slot()
    def _on_save(self) -> None:
        state = self._state
        index = self.round_combo.currentIndex()
        if state is None or not self.save_button.isEnabled() or not self.save_button.isVisible():
            return
        scores = {cid: selector.value() for cid, selector in self._criteria.items()}
        outcome = self._runner.run(
            mock.rate_round,
            self._ws,
            state.session_id,
            index,
            scores,
            self_note=self.note.text().strip(),
            quiet=True,
        )
        score = outcome.value
        if score is None:
            self._say(f"Rating not saved: {outcome.error}", error=True)
            return
        # Committed: only now does the debrief say so and open the outline.
        self.show_session(state.session_id, index)
        self._say(f"Saved: {score:.0f}/100. Compare with the outline and examples below.")
        self.statusMessage.emit(f"Round {index + 1} rated: {score:.0f}/100")
        following = next(
            (
                r.index
                for r in (self._state.rounds if self._state else ())
                if r.attempt_id is not None and r.score is None
            ),
            None,
        )
        if following is not None:
            self.message.setText(self.message.text() + f" Round {following + 1} is still to rate.")

    @Slot()
    def _on_practise(self) -> None:
        if self._next_question is not None:
            self.practiceRequested.emit(self._next_question)
