"""Practice: answer a question under a timer, see insights, rate it, see one strong outline."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Question
from pm_prep.domain.insights import analyse_answer, format_duration, words_of
from pm_prep.services import practice
from pm_prep.services.practice import PracticeError
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError
from pm_prep.ui import theme
from pm_prep.ui.insights_view import InsightsView
from pm_prep.ui.level_selector import LevelSelector
from pm_prep.ui.page_layout import page_title, scrolling_body

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


def _card() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    return frame


class PracticePage(QWidget):
    """Emits `attemptSaved` after a rating is committed, so other pages can refresh."""

    attemptSaved = Signal()
    statusMessage = Signal(str)

    def __init__(self, ws: Workspace, track: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePage")
        self._ws = ws
        self._question: Question | None = None
        self._attempt_id: int | None = None
        self._started_at = datetime.now(UTC)
        self._elapsed_before = 0  # seconds spent on this question in earlier sessions
        self._clock_start = time.monotonic()
        self._hints_shown = 0
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
        layout = scrolling_body(self)

        layout.addWidget(page_title("Practice"))

        filters = QHBoxLayout()
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
            filters.addWidget(caption)
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.next_button = QPushButton("Next question")
        self.next_button.setObjectName("nextQuestionButton")
        self.next_button.setToolTip("Move to another question (Ctrl+N); your draft is kept")
        filters.addWidget(self.next_button)
        layout.addLayout(filters)

        question_card = _card()
        qlayout = QVBoxLayout(question_card)
        qlayout.setContentsMargins(18, 14, 18, 14)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("questionMeta")
        self.meta_label.setProperty("role", "muted")
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("questionPrompt")
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        qlayout.addWidget(self.meta_label)
        qlayout.addWidget(self.prompt_label)
        hint_row = QHBoxLayout()
        self.hint_button = QPushButton("Show a hint")
        self.hint_button.setObjectName("hintButton")
        self.hint_button.setToolTip("Reveal the next hint (Ctrl+H). Hints used are recorded.")
        self.timer_label = QLabel("0:00")
        self.timer_label.setObjectName("timerLabel")
        self.timer_label.setAccessibleName("Time spent on this answer")
        self.timer_label.setTextFormat(Qt.TextFormat.PlainText)
        hint_row.addWidget(self.hint_button)
        hint_row.addStretch(1)
        hint_row.addWidget(self.timer_label)
        qlayout.addLayout(hint_row)
        self.hints_label = QLabel()
        self.hints_label.setObjectName("hintsShown")
        self.hints_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hints_label.setWordWrap(True)
        self.hints_label.hide()
        qlayout.addWidget(self.hints_label)
        layout.addWidget(question_card)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answerEditor")
        self.editor.setAccessibleName("Your answer")
        self.editor.setPlaceholderText(
            "Type your answer as you would say it. Markdown is fine: # headings, - bullets, "
            "1. steps.\nCtrl+Enter submits. Your draft is saved as you type."
        )
        self.editor.setMinimumHeight(220)
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)

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
        insights_card = _card()
        il = QVBoxLayout(insights_card)
        il.setContentsMargins(18, 14, 18, 14)
        heading = QLabel("Evidence from your answer")
        heading.setStyleSheet("font-weight: 600;")
        il.addWidget(heading)
        self.insights = InsightsView()
        il.addWidget(self.insights)
        review.addWidget(insights_card)

        rubric_card = _card()
        self.rubric_layout = QGridLayout(rubric_card)
        self.rubric_layout.setContentsMargins(18, 14, 18, 14)
        self.rubric_layout.setHorizontalSpacing(14)
        review.addWidget(rubric_card)
        self.descriptor_label = QLabel()
        self.descriptor_label.setObjectName("levelDescriptor")
        self.descriptor_label.setWordWrap(True)
        self.descriptor_label.setTextFormat(Qt.TextFormat.PlainText)
        self.descriptor_label.setMinimumHeight(44)
        review.addWidget(self.descriptor_label)
        note_row = QHBoxLayout()
        self.self_note = QLineEdit()
        self.self_note.setObjectName("selfNote")
        self.self_note.setPlaceholderText("Optional note to yourself: what to do better next time")
        self.self_note.setAccessibleName("Note to yourself")
        self.save_button = QPushButton("Save rating")
        self.save_button.setObjectName("saveRatingButton")
        self.save_button.setToolTip("Save your rating (Ctrl+S)")
        note_row.addWidget(self.self_note, 1)
        note_row.addWidget(self.save_button)
        review.addLayout(note_row)

        self.outline_card = _card()
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
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.hint_button.clicked.connect(self._on_hint)
        self.submit_button.clicked.connect(self._on_submit)
        self.save_button.clicked.connect(self._on_save_rating)
        self.next_button.clicked.connect(self._on_next)
        self.editor.textChanged.connect(self._on_text_changed)
        for combo in (self.skill_filter, self.track_filter, self.mode_filter):
            combo.activated.connect(self._on_filters_changed)
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
        self.skill_filter.setCurrentIndex(max(0, self.skill_filter.findData(skill or ALL)))
        if mode:
            self.mode_filter.setCurrentIndex(max(0, self.mode_filter.findData(mode)))
        self._show_next(exclude_current=False)

    def set_track(self, track: str) -> None:
        """Follow the target track; a question outside it makes way for one inside it."""
        index = self.track_filter.findData(track)
        if index < 0 or index == self.track_filter.currentIndex():
            return
        self.track_filter.setCurrentIndex(index)
        question = self._question
        if question is None or (track not in question.tracks and self._attempt_id is None):
            self._flush_draft()
            self._show_next(exclude_current=False)

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
        self._clock_start = time.monotonic()
        self._render_hints()
        self._set_answering_enabled(True)
        self.review_panel.hide()
        self.outline_card.hide()
        self.message_label.setText("")
        self._build_rubric()
        self._update_timer()
        self._update_word_count()
        self._loading = False
        self.editor.setFocus()

    def _set_answering_enabled(self, enabled: bool) -> None:
        self.editor.setReadOnly(not enabled)
        self.hint_button.setEnabled(
            enabled and self._question is not None and self._hints_shown < len(self._question.hints)
        )
        self._update_submit_enabled()

    def _elapsed(self) -> int:
        return self._elapsed_before + int(time.monotonic() - self._clock_start)

    # -- slots -----------------------------------------------------------------------------
    @Slot()
    def _on_filters_changed(self) -> None:
        self._flush_draft()
        self._show_next(exclude_current=False)

    @Slot()
    def _on_next(self) -> None:
        self._flush_draft()
        self._show_next(exclude_current=True)

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
        try:
            practice.save_draft(
                self._ws,
                self._question.id,
                self.editor.toPlainText(),
                started_at=self._started_at,
                elapsed_s=self._elapsed(),
                hints_used=self._hints_shown,
            )
        except StorageError as exc:
            self.draft_label.setText("Draft NOT saved")
            self._show_message(
                f"Your draft could not be saved: {exc} Keep this window open.", error=True
            )
            return
        if self.editor.toPlainText().strip():
            self.draft_label.setText(f"Draft saved {datetime.now().strftime('%H:%M:%S')}")

    def _update_word_count(self) -> None:
        # Same counting as the answer insights, so the two numbers always agree.
        self.words_label.setText(f"{len(words_of(self.editor.toPlainText())):,} words")

    @Slot()
    def _update_timer(self) -> None:
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
        try:
            self._attempt_id = practice.submit_answer(
                self._ws,
                question.id,
                answer,
                started_at=self._started_at,
                duration_s=elapsed,
                hints_used=self._hints_shown,
            )
        except (PracticeError, StorageError) as exc:
            self._show_message(f"Not submitted: {exc} Your answer is still here.", error=True)
            return
        self._shown_elapsed = elapsed
        self._update_word_count()
        self.editor.setReadOnly(True)
        self.submit_button.setEnabled(False)
        self.hint_button.setEnabled(False)
        self.draft_label.setText("Submitted")
        self.insights.show_insights(
            analyse_answer(answer, question), question.time_limit_s, elapsed
        )
        self.review_panel.show()
        self._show_message(
            "Answer saved. Now rate it against the rubric below: be honest, "
            "the evidence above helps."
        )
        first = next(iter(self._criteria.values()), None)
        if first is not None:
            first.setFocus()

    def _build_rubric(self) -> None:
        while self.rubric_layout.count():
            item = self.rubric_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach now so lookups by objectName never find the old question's controls.
                widget.setParent(None)
                widget.deleteLater()
        self._criteria = {}
        question = self._question
        rubric = self._ws.catalog.rubric_for(question) if question else None
        title = QLabel("Rate your answer (1 very weak … 5 very strong)")
        title.setStyleSheet("font-weight: 600;")
        self.rubric_layout.addWidget(title, 0, 0, 1, 2)
        if rubric is None:
            return
        for row, criterion in enumerate(rubric.criteria, start=1):
            label = QLabel(criterion.name)
            label.setToolTip(criterion.description)
            selector = LevelSelector(criterion.name)
            selector.setObjectName(f"criterion_{criterion.id}")
            label.setBuddy(selector)
            show = partial(self._show_descriptor, criterion.id)
            selector.valueChanged.connect(show)
            selector.focused.connect(show)
            self.rubric_layout.addWidget(label, row, 0)
            self.rubric_layout.addWidget(selector, row, 1, Qt.AlignmentFlag.AlignLeft)
            self._criteria[criterion.id] = selector
        self.rubric_layout.setColumnStretch(1, 1)
        self.save_button.setEnabled(True)
        self.self_note.clear()
        self.self_note.setEnabled(True)
        first = rubric.criteria[0].id if rubric.criteria else None
        if first:
            self._show_descriptor(first)

    def _show_descriptor(self, criterion_id: str, *_signal_args: object) -> None:
        question = self._question
        rubric = self._ws.catalog.rubric_for(question) if question else None
        if rubric is None:
            return
        criterion = next((c for c in rubric.criteria if c.id == criterion_id), None)
        if criterion is None:
            return
        level = self._criteria[criterion_id].value()
        self.descriptor_label.setText(
            f"{criterion.name}, level {level}: {criterion.descriptor(level)}"
        )

    @Slot()
    def _on_save_rating(self) -> None:
        if self._attempt_id is None or not self.save_button.isEnabled():
            return
        scores = {cid: selector.value() for cid, selector in self._criteria.items()}
        try:
            score = practice.rate_attempt(
                self._ws, self._attempt_id, scores, self_note=self.self_note.text().strip()
            )
        except (PracticeError, StorageError) as exc:
            self._show_message(f"Rating not saved: {exc}", error=True)
            return
        # Committed: only now does the page say so.
        self.save_button.setEnabled(False)
        self.self_note.setEnabled(False)
        for selector in self._criteria.values():
            selector.setEnabled(False)
        self._show_message(
            f"Saved. Score {score:.0f}/100. Compare with one strong outline below, then press "
            "Ctrl+N for the next question."
        )
        self._reveal_outline()
        self.attemptSaved.emit()
        self.statusMessage.emit(f"Rating saved: {score:.0f}/100")
        self.next_button.setFocus()

    def _reveal_outline(self) -> None:
        question = self._question
        if question is None:
            return
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(question.framework.steps, start=1))
        follow = "\n".join(f"- {f}" for f in question.follow_ups)
        markdown = (
            f"{question.sample_outline}\n\n---\n\n**Framework: {question.framework.name}**\n\n"
            f"{steps}\n\n**What an interviewer might ask next**\n\n{follow}\n"
        )
        self.outline.document().setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownNoHTML)
        self.outline_card.show()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER).name() if error else ""
        self.message_label.setStyleSheet(f"color: {colour};" if error else "")
        self.message_label.setText(text)
        if error:
            self.statusMessage.emit(text)
