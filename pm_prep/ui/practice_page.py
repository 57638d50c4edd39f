"""Practice: answer a question under a timer, see insights, rate it, see one strong outline."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Question
from pm_prep.domain.insights import (
    analyse_answer,
    clarification_for,
    format_duration,
    words_of,
)
from pm_prep.services import practice
from pm_prep.services.changes import Changes
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.insights_view import InsightsView
from pm_prep.ui.level_selector import LevelSelector
from pm_prep.ui.outline_text import outline_markdown
from pm_prep.ui.page_layout import READING_WIDTH, card, page_title, scrolling_body
from pm_prep.ui.pages import Page
from pm_prep.ui.question_card import NO_CLARIFICATION, QuestionCard
from pm_prep.ui.rubric_panel import RubricPanel, note_and_save_row

DRAFT_DEBOUNCE_MS = 800  # a draft is on disk well within 2 s of the last keystroke
ALL = ""


class _GrowingBrowser(QTextBrowser):
    """A read-only rich-text view as tall as its content: the page scrolls, not the box."""

    def __init__(self) -> None:
        super().__init__()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().contentsChanged.connect(self._fit)

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        height = int(self.document().size().height()) + margins.top() + margins.bottom() + 4
        self.setFixedHeight(max(60, height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


@contextmanager
def _signals_blocked(*widgets: QObject) -> Iterator[None]:
    """Set several controls from code and react once, not once per control."""
    previous = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for widget, was in zip(widgets, previous, strict=True):
            widget.blockSignals(was)


class PracticePage(Page):
    """Answer, rate and review one question at a time; every write goes through `runner`.

    The answer timer counts only while the question is on screen in the active window: it
    pauses when another page is shown, the window is minimised or a dialog is in front.
    """

    statusMessage = Signal(str)
    relevant = Changes.CATALOG | Changes.RESTORE

    def __init__(
        self, ws: Workspace, track: str, runner: ActionRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("practicePage")
        self._ws = ws
        self._runner = runner
        self._clock = time.monotonic  # tests replace it to move time on
        self._counted = 0.0  # seconds counted on this question in this session
        self._running_since: float | None = None
        self._watched_window: QWidget | None = None
        self._question: Question | None = None
        self._attempt_id: int | None = None
        self._started_at = datetime.now(UTC)
        self._elapsed_before = 0  # seconds spent on this question in earlier sessions
        self._hints_shown = 0
        self._asked: list[tuple[str, str]] = []
        self._recent: list[str] = []
        self._loading = False
        self._criteria: dict[str, LevelSelector] = {}
        self._build(track)
        self._connect_signals()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self._tick.start()
        self._open_first_question()

    # -- building ------------------------------------------------------------------------
    def _build(self, track: str) -> None:
        layout = scrolling_body(self, max_width=READING_WIDTH)

        layout.addWidget(page_title("Practice"))

        # The three filters wrap onto a second line in a narrow window; Next stays top right.
        top_row = QHBoxLayout()
        filters = FlowBox(spacing=16)
        filters.setObjectName("practiceFilters")
        self.skill_filter = QComboBox()
        self.skill_filter.setObjectName("skillFilter")
        self.skill_filter.setAccessibleName("Skill")
        self.skill_filter.addItem("All skills", ALL)
        for skill in self._ws.catalog.skills.values():
            if self._ws.catalog.questions_for(skill.id):
                self.skill_filter.addItem(skill.name, skill.id)
        self.track_filter = QComboBox()
        self.track_filter.setObjectName("trackFilter")
        self.track_filter.setAccessibleName("Track")
        for t in self._ws.catalog.tracks.values():
            self.track_filter.addItem(t.name, t.id)
        self.track_filter.setCurrentIndex(max(0, self.track_filter.findData(track)))
        self.mode_filter = QComboBox()
        self.mode_filter.setObjectName("modeFilter")
        self.mode_filter.setAccessibleName("Practice mode")
        for mode_id, label in practice.MODES.items():
            self.mode_filter.addItem(label, mode_id)
        self.mode_filter.setCurrentIndex(self.mode_filter.findData("new"))
        for label, combo in (
            ("Skill", self.skill_filter),
            ("Track", self.track_filter),
            ("Mode", self.mode_filter),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(caption)
            pair_layout.addWidget(combo)
            filters.add(pair)
        top_row.addWidget(filters, 1)
        self.next_button = QPushButton("Next question")
        self.next_button.setObjectName("nextQuestionButton")
        self.next_button.setToolTip("Move to another question (Ctrl+N); your draft is kept")
        top_row.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top_row)

        self.question_card = QuestionCard()
        self.meta_label = self.question_card.meta_label
        self.prompt_label = self.question_card.prompt_label
        self.hint_button = self.question_card.hint_button
        self.timer_label = self.question_card.timer_label
        self.hints_label = self.question_card.hints_label
        layout.addWidget(self.question_card)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answerEditor")
        self.editor.setAccessibleName("Your answer")
        self.editor.setPlaceholderText(
            "Type your answer as you would say it. Markdown is fine: # headings, - bullets, "
            "1. steps.\nCtrl+Enter submits. Your draft is saved as you type."
        )
        self.editor.setMinimumHeight(220)
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor, 1)  # the answer takes the height a bigger window gives

        submit_row = QHBoxLayout()
        self.words_label = QLabel("0 words")
        self.words_label.setProperty("role", "muted")
        self.draft_label = QLabel("")
        self.draft_label.setObjectName("draftStatus")
        self.draft_label.setProperty("role", "muted")
        self.submit_button = QPushButton("Submit answer")
        self.submit_button.setObjectName("submitAnswerButton")
        self.submit_button.setToolTip("Submit (Ctrl+Enter)")
        self.submit_button.setDefault(True)
        submit_row.addWidget(self.words_label)
        submit_row.addSpacing(12)
        submit_row.addWidget(self.draft_label)
        submit_row.addStretch(1)
        submit_row.addWidget(self.submit_button)
        layout.addLayout(submit_row)
        self.message_label = QLabel("")
        self.message_label.setObjectName("practiceMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message_label)

        # -- after submit: insights, rubric, outline
        self.review_panel = QWidget()
        review = QVBoxLayout(self.review_panel)
        review.setContentsMargins(0, 0, 0, 0)
        review.setSpacing(12)
        insights_card = card()
        il = QVBoxLayout(insights_card)
        il.setContentsMargins(18, 14, 18, 14)
        heading = QLabel("Evidence from your answer")
        heading.setStyleSheet("font-weight: 600;")
        il.addWidget(heading)
        self.insights = InsightsView()
        il.addWidget(self.insights)
        review.addWidget(insights_card)

        self.rubric_panel = RubricPanel()
        review.addWidget(self.rubric_panel)
        self.descriptor_label = self.rubric_panel.descriptor_label
        note_row, self.self_note, self.save_button = note_and_save_row(
            "selfNote", "saveRatingButton"
        )
        review.addLayout(note_row)
        # Tab: answer, Submit, each criterion, the note, Save; never off to the sidebar.
        self.rubric_panel.set_tab_chain(self.submit_button, (self.self_note, self.save_button))

        self.outline_card = card()
        ol = QVBoxLayout(self.outline_card)
        ol.setContentsMargins(18, 14, 18, 14)
        outline_title = QLabel("One strong outline")
        outline_title.setStyleSheet("font-weight: 600;")
        ol.addWidget(outline_title)
        self.outline = _GrowingBrowser()
        self.outline.setObjectName("sampleOutline")
        self.outline.setOpenLinks(False)
        self.outline.setAccessibleName("One strong outline")
        ol.addWidget(self.outline)
        review.addWidget(self.outline_card)
        self.outline_card.hide()
        layout.addWidget(self.review_panel)
        self.review_panel.hide()

    def _connect_signals(self) -> None:
        self.hint_button.clicked.connect(self._on_hint)
        self.question_card.asked.connect(self._on_asked)
        self.submit_button.clicked.connect(self._on_submit)
        self.save_button.clicked.connect(self._on_save_rating)
        self.next_button.clicked.connect(self._on_next)
        self.editor.textChanged.connect(self._on_text_changed)
        # currentIndexChanged, not activated: a filter set from code (an accessibility tool,
        # the dashboard's recommendation) chooses the question exactly as a click does.
        for combo in (self.skill_filter, self.track_filter, self.mode_filter):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self._on_submit),
            ("Ctrl+Enter", self._on_submit),
            ("Ctrl+N", self._on_next),
            ("Ctrl+H", self._on_hint),
            ("Ctrl+S", self._on_save_rating),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- public --------------------------------------------------------------------------
    @property
    def question(self) -> Question | None:
        return self._question

    @property
    def attempt_id(self) -> int | None:
        return self._attempt_id

    def preselect(self, skill: str | None, mode: str | None = None) -> None:
        """Open on a skill (and mode), e.g. from the dashboard's recommendation."""
        self._flush_draft()
        with _signals_blocked(self.skill_filter, self.mode_filter):
            self.skill_filter.setCurrentIndex(max(0, self.skill_filter.findData(skill or ALL)))
            if mode:
                self.mode_filter.setCurrentIndex(max(0, self.mode_filter.findData(mode)))
        self._show_next(exclude_current=False)

    def set_track(self, track: str) -> None:
        """Follow the target track; a question outside it makes way for one inside it."""
        index = self.track_filter.findData(track)
        if index < 0 or index == self.track_filter.currentIndex():
            return
        with _signals_blocked(self.track_filter):
            self.track_filter.setCurrentIndex(index)
        question = self._question
        if question is None or (track not in question.tracks and self._attempt_id is None):
            self._flush_draft()
            self._show_next(exclude_current=False)

    def first_focus(self) -> QWidget:
        """Where the keys go when the page is shown: the answer, the rating, or Next."""
        if not self.editor.isReadOnly():
            return self.editor
        if self.has_unrated_answer() and self.rubric_panel.selectors:
            return next(iter(self.rubric_panel.selectors.values()))
        return self.next_button

    def has_unrated_answer(self) -> bool:
        """A submitted answer whose rating is not saved yet."""
        return self._attempt_id is not None and self.save_button.isEnabled()

    def confirm_leave(self, *, closing: bool) -> bool:
        """Leaving with a submitted, unrated answer: say so, and offer to rate it now."""
        if not self.has_unrated_answer():
            return True
        from PySide6.QtWidgets import QMessageBox

        where = "closing PM Prep" if closing else "leaving Practice"
        choice = QMessageBox.question(
            self,
            "Rate your answer?",
            f"Your answer is saved but not rated yet. Rate it now, before {where}?\n\n"
            "Choose No to rate it later: it waits for you on the History page, and counts "
            "towards readiness once rated.",
        )
        if choice == QMessageBox.StandardButton.Yes:
            self.rubric_panel.focus_first()
            return False
        return True

    def forget(self) -> None:
        """After a restore: nothing of the old database's question or attempt is kept."""
        self._draft_timer.stop()
        self._pause_clock()
        self._attempt_id = None
        self._question = None
        self._recent = []
        self._loading = True
        self.editor.clear()
        self._loading = False

    def reload(self, changes: Changes) -> None:
        if self._attempt_id is None or changes & Changes.RESTORE:
            self._open_first_question()

    def open_question(self, question_id: str) -> bool:
        """Show a given question (the bank's "Practise this"); False if it is not known.

        A submitted answer waiting for its rating stays reachable from History.
        """
        question = self._ws.catalog.questions.get(question_id)
        if question is None:
            return False
        self._flush_draft()
        self._load_question(question)
        return True

    def flush(self) -> None:
        """Write any pending draft now (the window calls this before closing)."""
        self._flush_draft()

    # -- question flow ---------------------------------------------------------------------
    def _open_first_question(self) -> None:
        draft = practice.latest_draft(self._ws)
        if draft is not None:
            self._load_question(self._ws.catalog.questions[draft.question_id])
            return
        self._show_next(exclude_current=False)

    def _filters(self) -> tuple[str | None, str | None, str]:
        skill = self.skill_filter.currentData() or None
        return skill, self.track_filter.currentData(), self.mode_filter.currentData()

    def _show_next(self, *, exclude_current: bool) -> None:
        skill, track, mode = self._filters()
        # Everything shown this session is skipped until the filters run out of questions.
        exclude = set(self._recent) if exclude_current else set()
        try:
            question = practice.pick_question(
                self._ws, skill=skill, track=track, mode=mode, exclude=exclude
            )
            if question is None and exclude:
                current = {self._question.id} if self._question else set()
                question = practice.pick_question(
                    self._ws, skill=skill, track=track, mode=mode, exclude=current
                ) or practice.pick_question(self._ws, skill=skill, track=track, mode=mode)
        except StorageError as exc:
            self._show_message(str(exc), error=True)
            return
        if question is None:
            self._question = None
            self.prompt_label.setText(
                "No questions match these filters. Choose another skill or track."
            )
            self.meta_label.setText("")
            self._set_answering_enabled(False)
            return
        self._load_question(question)

    def _load_question(self, question: Question) -> None:
        self._loading = True
        self._question = question
        self._attempt_id = None
        self._recent.append(question.id)
        skill = self._ws.catalog.skills.get(question.skill)
        minutes = format_duration(question.time_limit_s)
        tracks = " & ".join(
            self._ws.catalog.tracks[t].name for t in question.tracks if t in self._ws.catalog.tracks
        )
        self.meta_label.setText(
            f"{skill.name if skill else question.skill} · {question.difficulty_name} · "
            f"{minutes} suggested · {tracks}"
        )
        self.prompt_label.setText(question.prompt)
        draft = practice.get_draft(self._ws, question.id)
        self._hints_shown = 0
        self._asked = list(draft.clarifications) if draft is not None else []
        self.question_card.show_clarifications(self._asked)
        if draft is not None:
            self.editor.setPlainText(draft.text)
            self._started_at = draft.started_at
            self._elapsed_before = draft.elapsed_s
            self._hints_shown = min(draft.hints_used, len(question.hints))
            self.draft_label.setText("Draft restored")
        else:
            self.editor.clear()
            self._started_at = datetime.now(UTC)
            self._elapsed_before = 0
            self.draft_label.setText("")
        self._counted = 0.0
        self._running_since = None
        self._render_hints()
        self._set_answering_enabled(True)
        self.review_panel.hide()
        self.outline_card.hide()
        # Laid out now, hidden until the rating is saved, so that saving only shows it.
        self._prepare_outline()
        self.message_label.setText("")
        self._build_rubric()
        self._update_timer()
        self._update_word_count()
        self._loading = False
        self._sync_clock()
        self.editor.setFocus()

    def _set_answering_enabled(self, enabled: bool) -> None:
        self.editor.setReadOnly(not enabled)
        self.question_card.set_asking_enabled(enabled and self._question is not None)
        self.hint_button.setEnabled(
            enabled and self._question is not None and self._hints_shown < len(self._question.hints)
        )
        self._update_submit_enabled()

    # -- the answer timer -------------------------------------------------------------------
    def _elapsed(self) -> int:
        running = 0.0 if self._running_since is None else self._clock() - self._running_since
        return self._elapsed_before + int(self._counted + running)

    def _clock_should_run(self) -> bool:
        window = self.window()
        return (
            self._question is not None
            and self._attempt_id is None
            and self.isVisible()
            and window.isActiveWindow()
            and not window.isMinimized()
        )

    def _pause_clock(self) -> None:
        if self._running_since is not None:
            self._counted += self._clock() - self._running_since
            self._running_since = None

    def _sync_clock(self) -> None:
        """Start or stop counting to match what is on screen."""
        if self._clock_should_run():
            if self._running_since is None:
                self._running_since = self._clock()
        else:
            self._pause_clock()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window
        self._sync_clock()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync_clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() in (
            QEvent.Type.ActivationChange,
            QEvent.Type.WindowStateChange,
            QEvent.Type.WindowActivate,
            QEvent.Type.WindowDeactivate,
        ):
            self._sync_clock()
        return False

    # -- slots -----------------------------------------------------------------------------
    @Slot()
    def _on_filters_changed(self) -> None:
        self._flush_draft()
        self._show_next(exclude_current=False)

    @Slot()
    def _on_next(self) -> None:
        self._flush_draft()
        self._show_next(exclude_current=True)

    @Slot(str)
    def _on_asked(self, text: str) -> None:
        """The interviewer answers from the question's clarifications, or says: assume."""
        question = self._question
        if question is None or self._attempt_id is not None:
            return
        found = clarification_for(text, question)
        self._asked.append((text, found.answer if found else NO_CLARIFICATION))
        self.question_card.show_clarifications(self._asked)
        self._draft_timer.start()  # what was asked is kept with the draft

    @Slot()
    def _on_hint(self) -> None:
        if self._question is None or self._attempt_id is not None:
            return
        if self._hints_shown < len(self._question.hints):
            self._hints_shown += 1
            self._render_hints()
            self._draft_timer.start()

    def _render_hints(self) -> None:
        question = self._question
        if question is None or self._hints_shown == 0:
            self.hints_label.hide()
        else:
            shown = question.hints[: self._hints_shown]
            self.hints_label.setText(
                "\n".join(f"Hint {i}: {h}" for i, h in enumerate(shown, start=1))
            )
            self.hints_label.show()
        total = len(question.hints) if question else 0
        remaining = total - self._hints_shown
        self.hint_button.setText(
            f"Show a hint ({self._hints_shown}/{total} used)"
            if remaining
            else f"All {total} hints shown"
            if total
            else "No hints for this question"  # one of your own, written without hints
        )
        self.hint_button.setEnabled(remaining > 0 and self._attempt_id is None)

    @Slot()
    def _on_text_changed(self) -> None:
        if self._loading or self._attempt_id is not None:
            return
        self._update_submit_enabled()
        self.draft_label.setText("Editing…")
        self._draft_timer.start()

    def _update_submit_enabled(self) -> None:
        doc = self.editor.document()
        # Cheap for huge answers: only short texts need the whitespace check.
        has_text = not doc.isEmpty() and (
            doc.characterCount() > 10_000 or bool(self.editor.toPlainText().strip())
        )
        self.submit_button.setEnabled(
            has_text and self._question is not None and self._attempt_id is None
        )

    @Slot()
    def _on_draft_timer(self) -> None:
        self._flush_draft()
        self._update_word_count()

    def _flush_draft(self) -> None:
        self._draft_timer.stop()
        if self._question is None or self._attempt_id is not None:
            return
        outcome = self._runner.run(
            practice.save_draft,
            self._ws,
            self._question.id,
            self.editor.toPlainText(),
            started_at=self._started_at,
            elapsed_s=self._elapsed(),
            hints_used=self._hints_shown,
            clarifications=self._asked,
            quiet=True,
        )
        if not outcome.ok:
            self.draft_label.setText("Draft NOT saved")
            self._show_message(
                f"Your draft could not be saved: {outcome.error} Keep this window open.",
                error=True,
            )
            return
        if self.editor.toPlainText().strip():
            self.draft_label.setText(f"Draft saved {datetime.now().strftime('%H:%M:%S')}")

    def _update_word_count(self) -> None:
        # Same counting as the answer insights, so the two numbers always agree.
        self.words_label.setText(f"{len(words_of(self.editor.toPlainText())):,} words")

    @Slot()
    def _update_timer(self) -> None:
        self._sync_clock()  # also catches a modal dialog that took the focus away
        if self._question is None:
            return
        if self._attempt_id is None:
            self._shown_elapsed = self._elapsed()
        elapsed = getattr(self, "_shown_elapsed", 0)
        limit = self._question.time_limit_s
        over = elapsed > limit
        self.timer_label.setText(f"{format_duration(elapsed)} / {format_duration(limit)}")
        colour = theme.pick(theme.WARNING).name() if over else ""
        self.timer_label.setStyleSheet(
            f"color: {colour}; font-weight: 700;" if over else "font-weight: 600;"
        )
        self.timer_label.setProperty("overtime", over)
        self.timer_label.setToolTip("Over the suggested time" if over else "Time spent")
        # A screen reader reads the time itself, not only what the label is.
        spent, suggested = format_duration(elapsed), format_duration(limit)
        self.timer_label.setAccessibleName(f"Time spent on this answer: {spent} of {suggested}")
        self.timer_label.setAccessibleDescription(
            f"Over the suggested {suggested}" if over else f"Within the suggested {suggested}"
        )

    @Slot()
    def _on_submit(self) -> None:
        question = self._question
        if question is None or self._attempt_id is not None:
            return
        answer = self.editor.toPlainText()
        if not answer.strip():
            self._show_message("Write an answer before submitting.", error=True)
            return
        self._draft_timer.stop()
        elapsed = self._elapsed()
        outcome = self._runner.run(
            practice.submit_answer,
            self._ws,
            question.id,
            answer,
            started_at=self._started_at,
            duration_s=elapsed,
            hints_used=self._hints_shown,
            clarifications=self._asked,
            quiet=True,
        )
        if outcome.value is None:
            self._show_message(
                f"Not submitted: {outcome.error} Your answer is still here.", error=True
            )
            return
        self._attempt_id = outcome.value
        self._pause_clock()
        self._shown_elapsed = elapsed
        self._update_word_count()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        self.hint_button.setEnabled(False)
        self.question_card.set_asking_enabled(False)
        self.draft_label.setText("Submitted")
        self.insights.show_insights(
            analyse_answer(answer, question), question.time_limit_s, elapsed
        )
        self.review_panel.show()
        self._show_message(
            "Answer saved. Now rate it against the rubric below: be honest, "
            "the evidence above helps."
        )
        self.rubric_panel.focus_first()

    def _build_rubric(self) -> None:
        question = self._question
        self.rubric_panel.set_rubric(self._ws.catalog.rubric_for(question) if question else None)
        self._criteria = self.rubric_panel.selectors
        self.save_button.setEnabled(True)
        self.self_note.clear()
        self.self_note.setEnabled(True)

    @Slot()
    def _on_save_rating(self) -> None:
        if self._attempt_id is None or not self.save_button.isEnabled():
            return
        scores = self.rubric_panel.scores()
        outcome = self._runner.run(
            practice.rate_attempt,
            self._ws,
            self._attempt_id,
            scores,
            self_note=self.self_note.text().strip(),
            quiet=True,
        )
        score = outcome.value
        if score is None:
            self._show_message(f"Rating not saved: {outcome.error}", error=True)
            return
        # Committed: only now does the page say so.
        self.save_button.setEnabled(False)
        self.self_note.setEnabled(False)
        self.rubric_panel.set_locked(True)
        self._show_message(
            f"Saved. Score {score:.0f}/100. Compare with one strong outline below, then press "
            "Ctrl+N for the next question."
        )
        self._reveal_outline()
        self.statusMessage.emit(f"Rating saved: {score:.0f}/100")
        self.next_button.setFocus()

    def _prepare_outline(self) -> None:
        question = self._question
        markdown = outline_markdown(question) if question is not None else ""
        self.outline.document().setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownNoHTML)

    def _reveal_outline(self) -> None:
        if self._question is not None:
            self.outline_card.show()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER).name() if error else ""
        self.message_label.setStyleSheet(f"color: {colour};" if error else "")
        self.message_label.setText(text)
        if error:
            self.statusMessage.emit(text)
