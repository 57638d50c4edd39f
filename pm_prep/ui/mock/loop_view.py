"""A loop in progress: one round on screen under two clocks, every keystroke kept.

No hints, insights, outlines or examples here: those wait for the debrief. A round's text is
saved 0.8 s after the last keystroke and at least every 1.5 s while typing goes on, so it
is on disk within 2 s whatever happens; the clocks are saved every few seconds too, so a
resumed loop has the time left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Catalog
from pm_prep.domain.insights import words_of
from pm_prep.services import mock
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.mock.clock import LoopClock
from pm_prep.ui.mock.timer_label import TimerLabel
from pm_prep.ui.page_layout import READING_WIDTH, card, plain_label, scrolling_body

DRAFT_DEBOUNCE_MS = 800  # saved this long after the last keystroke...
DRAFT_MAX_WAIT_S = 1.5  # ...and never later than this after the first unsaved one
CLOCK_SAVE_S = 5.0  # the clocks are saved this often while the loop runs
TICK_MS = 250
HUGE_CHARS = 100_000  # above this the live word count shows characters instead


class LoopView(QWidget):
    """Runs one mock session; emits `finished(session_id)` when its last round is done."""

    finished = Signal(int)
    statusMessage = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        runner: ActionRunner,
        clock: Callable[[], float],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mockLoop")
        self._ws = ws
        self._runner = runner
        self._clock_source = clock
        self._clock = LoopClock(clock)
        self._state: mock.MockState | None = None
        self._round = 0
        self._follow_up_shown = False
        self._first_text = ""  # the round's first answer, once the follow-up is on screen
        self._loading = False
        self._dirty_since: float | None = None
        self._last_clock_save = 0.0
        self._watched_window: QWidget | None = None
        self._suspended = False  # the window is closing: no more writes
        self._build()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self.flush)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._connect_signals()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolling_body(self, max_width=READING_WIDTH)
        header = QHBoxLayout()
        self.progress = plain_label()
        self.progress.setObjectName("mockProgress")
        self.progress.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.progress.setWordWrap(True)
        self.timer = TimerLabel()
        header.addWidget(self.progress, 1)
        header.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(header)

        self.notice = plain_label(wrap=True)
        self.notice.setObjectName("mockNotice")
        self.notice.hide()
        layout.addWidget(self.notice)

        question = card()
        qlayout = QVBoxLayout(question)
        qlayout.setContentsMargins(18, 14, 18, 14)
        qlayout.setSpacing(10)
        self.meta = plain_label(muted=True)
        self.meta.setObjectName("mockQuestionMeta")
        qlayout.addWidget(self.meta)
        self.prompt = plain_label(wrap=True)
        self.prompt.setObjectName("questionPrompt")
        self.prompt.setStyleSheet("font-size: 15px;")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        qlayout.addWidget(self.prompt)
        self.first_answer_title = plain_label("Your answer", muted=True)
        qlayout.addWidget(self.first_answer_title)
        self.first_answer = QPlainTextEdit()
        self.first_answer.setObjectName("firstAnswer")
        self.first_answer.setAccessibleName("Your first answer")
        self.first_answer.setReadOnly(True)
        self.first_answer.setMaximumHeight(96)
        self.first_answer.setTabChangesFocus(True)
        qlayout.addWidget(self.first_answer)
        self.follow_up = plain_label(wrap=True)
        self.follow_up.setObjectName("followUpPrompt")
        self.follow_up.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.follow_up.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        qlayout.addWidget(self.follow_up)
        for widget in (self.first_answer_title, self.first_answer, self.follow_up):
            widget.hide()
        layout.addWidget(question)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answerEditor")
        self.editor.setAccessibleName("Your answer")
        self.editor.setMinimumHeight(140)
        self.editor.setTabChangesFocus(True)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.editor, 1)

        row = QHBoxLayout()
        self.words = plain_label("0 words", muted=True)
        self.draft_status = plain_label("", muted=True)
        self.draft_status.setObjectName("mockDraftStatus")
        self.end_button = QPushButton("End the interview")
        self.end_button.setObjectName("endMockButton")
        self.end_button.setToolTip(
            "End now: what you wrote is kept and the rounds not reached are recorded as skipped"
        )
        self.next_button = QPushButton("Next round")
        self.next_button.setObjectName("nextRoundButton")
        self.next_button.setDefault(True)
        row.addWidget(self.words)
        row.addSpacing(12)
        row.addWidget(self.draft_status)
        row.addStretch(1)
        row.addWidget(self.end_button)
        row.addSpacing(8)
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def _connect_signals(self) -> None:
        self.editor.textChanged.connect(self._on_text_changed)
        self.next_button.clicked.connect(self._on_next)
        self.end_button.clicked.connect(self._on_end)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(self._on_next)

    # -- public --------------------------------------------------------------------------
    @property
    def state(self) -> mock.MockState | None:
        return self._state

    @property
    def session_id(self) -> int | None:
        return self._state.session_id if self._state is not None else None

    @property
    def current_round(self) -> int:
        return self._round

    @property
    def running(self) -> bool:
        return self._state is not None

    def round_elapsed(self) -> float:
        return self._clock.round_elapsed()

    def loop_elapsed(self) -> float:
        return self._clock.loop_elapsed()

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Read time from `clock` (monotonic seconds) from now on; tests pass a fake one."""
        self._clock_source = clock
        self._clock.set_source(clock)
        self._last_clock_save = clock()

    def load(self, state: mock.MockState) -> None:
        """Show a running session where it stands: its round, its words, its time left."""
        self._state = state
        self._suspended = False
        self._round = state.current_round
        self._clock.reset(state.round_elapsed_s, state.loop_elapsed_s)
        self._last_clock_save = self._clock_source()
        stored = state.rounds[self._round] if self._round < len(state.rounds) else None
        self.notice.hide()
        self._show_round(
            stored.text if stored else "",
            stored.follow_up_text if stored else "",
            follow_up_shown=bool(stored and stored.follow_up_shown),
        )
        if stored is not None and (stored.text or stored.follow_up_text):
            self.draft_status.setText("Your words so far are back")
        self.sync_clock()

    def clear(self) -> None:
        """Forget the session (it ended, or the database was replaced)."""
        self._draft_timer.stop()
        self._tick.stop()
        self._clock.pause()
        self._state = None
        self._dirty_since = None
        self._loading = True
        self.editor.clear()
        self.first_answer.clear()
        self._loading = False

    def flush(self) -> bool:
        """Write the running round's text and the clocks now; False if that failed."""
        self._draft_timer.stop()
        state = self._state
        if state is None or self._suspended:
            return True
        first, follow = self._texts()
        outcome = self._runner.run(
            mock.save_round_draft,
            self._ws,
            state.session_id,
            self._round,
            first,
            follow,
            follow_up_shown=self._follow_up_shown,
            round_elapsed_s=int(self._clock.round_elapsed()),
            loop_elapsed_s=int(self._clock.loop_elapsed()),
            quiet=True,
        )
        self._last_clock_save = self._clock_source()
        if not outcome.ok:
            self.draft_status.setText("NOT saved")
            self._say(
                f"Your words could not be saved: {outcome.error} Keep this window open.",
                error=True,
            )
            return False
        was_dirty = self._dirty_since is not None
        self._dirty_since = None
        if was_dirty:
            self.draft_status.setText(f"Saved {datetime.now().strftime('%H:%M:%S')}")
            self._update_words()
        return True

    def suspend(self) -> bool:
        """The window is closing: save everything now and stop the clocks for good.

        The session stays running in the database, to be resumed at the next start.
        """
        saved = self.flush()
        self._clock.pause()
        self._tick.stop()
        self._suspended = True
        return saved

    def end(self) -> bool:
        """End the loop now, keeping what was written; True when it ended."""
        state = self._state
        if state is None:
            return True
        self._draft_timer.stop()
        self._clock.pause()
        first, follow = self._texts()
        outcome = self._runner.run(
            mock.end_mock,
            self._ws,
            state.session_id,
            text=first,
            follow_up_text=follow,
            round_elapsed_s=int(self._clock.round_elapsed()),
            loop_elapsed_s=int(self._clock.loop_elapsed()),
            quiet=True,
        )
        if not outcome.ok:
            self._say(f"The interview was not ended: {outcome.error}", error=True)
            self.sync_clock()
            return False
        session_id = state.session_id
        self.clear()
        self.finished.emit(session_id)
        return True

    # -- rounds --------------------------------------------------------------------------
    def _planned(self) -> mock.PlannedRound | None:
        state = self._state
        if state is None or not 0 <= self._round < len(state.plan):
            return None
        return state.plan[self._round]

    def _catalog(self) -> Catalog:
        return self._ws.catalog

    def _show_round(self, text: str, follow_up_text: str, *, follow_up_shown: bool) -> None:
        state = self._state
        planned = self._planned()
        if state is None or planned is None:
            return
        question = self._catalog().questions.get(planned.question_id)
        self.progress.setText(state.round_label(self._round))
        if question is not None:
            skill = self._catalog().skills.get(question.skill)
            self.meta.setText(
                f"{skill.name if skill else question.skill} · {question.type_name} · "
                f"{planned.minutes} minutes"
            )
            self.prompt.setText(question.prompt)
        else:
            self.meta.setText(f"{planned.minutes} minutes")
            self.prompt.setText(f"({planned.question_id} is no longer in the question bank)")
        self._loading = True
        self._follow_up_shown = bool(follow_up_shown and planned.follow_up_prompt)
        if self._follow_up_shown:
            self._first_text = text
            self.first_answer.setPlainText(text)
            self.editor.setPlainText(follow_up_text)
        else:
            self._first_text = ""
            self.first_answer.clear()
            self.editor.setPlainText(text)
        self._loading = False
        self._show_follow_up_widgets()
        self._dirty_since = None
        self.draft_status.setText("")
        self._update_words()
        self._update_next_button()
        self._update_timer()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def _show_follow_up_widgets(self) -> None:
        planned = self._planned()
        prompt = planned.follow_up_prompt if planned is not None else None
        shown = self._follow_up_shown and bool(prompt)
        self.follow_up.setText(f"Follow-up: {prompt}" if shown else "")
        for widget in (self.first_answer_title, self.first_answer, self.follow_up):
            widget.setVisible(shown)
        self.editor.setAccessibleName("Your answer to the follow-up" if shown else "Your answer")
        self.editor.setPlaceholderText(
            "Answer the follow-up. Ctrl+Enter moves on to the next round."
            if shown
            else "Answer as you would out loud. Markdown is fine. Ctrl+Enter moves on; "
            "every word is saved as you type."
        )

    def _texts(self) -> tuple[str, str]:
        """(first answer, follow-up answer) as they stand."""
        if self._follow_up_shown:
            return self._first_text, self.editor.toPlainText()
        return self.editor.toPlainText(), ""

    def _has_text(self) -> bool:
        """Anything but white space written in this round (cheap for a huge answer)."""
        if self._follow_up_shown and self._first_text.strip():
            return True
        doc = self.editor.document()
        return not doc.isEmpty() and (
            doc.characterCount() > 10_000 or bool(self.editor.toPlainText().strip())
        )

    def _update_next_button(self) -> None:
        state = self._state
        planned = self._planned()
        if state is None or planned is None:
            return
        last = self._round + 1 >= len(state.plan)
        empty = not self._has_text()
        if planned.follow_up_prompt and not self._follow_up_shown and not empty:
            label, tip = "Answer the follow-up", "The interviewer has a follow-up (Ctrl+Enter)"
        elif empty:
            label, tip = (
                ("Skip and finish", "Nothing written: this round is recorded as skipped")
                if last
                else ("Skip this round", "Nothing written: this round is recorded as skipped")
            )
        elif last:
            label, tip = "Finish the interview", "Submit this round and go to the debrief"
        else:
            label, tip = "Next round", "Submit this round as it stands (Ctrl+Enter)"
        self.next_button.setText(label)
        self.next_button.setToolTip(tip)

    def _update_words(self) -> None:
        # Counting a huge answer takes a noticeable moment; its size says enough.
        if self.editor.document().characterCount() > HUGE_CHARS:
            self.words.setText(f"{self.editor.document().characterCount():,} characters")
            return
        first, follow = self._texts()
        self.words.setText(f"{len(words_of(first)) + len(words_of(follow)):,} words")

    def _update_timer(self) -> None:
        planned = self._planned()
        state = self._state
        if planned is None or state is None:
            return
        self.timer.set_remaining(
            planned.seconds - self._clock.round_elapsed(),
            state.total_seconds - self._clock.loop_elapsed(),
        )

    # -- the clocks ----------------------------------------------------------------------
    def _clock_should_run(self) -> bool:
        window = self.window()
        return (
            self._state is not None
            and not self._suspended
            and self.isVisible()
            and not window.isMinimized()
        )

    def sync_clock(self) -> None:
        """Run the clocks while the loop is on screen; pause them (and save) otherwise."""
        if self._clock_should_run():
            self._clock.start()
            if not self._tick.isActive():
                self._tick.start()
        elif self._clock.running:
            self._clock.pause()
            self._tick.stop()
            if not self._suspended:
                self.flush()  # the words and the time left as they were when the user left

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window
        self.sync_clock()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.sync_clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.WindowStateChange:
            self.sync_clock()
        return False

    @Slot()
    def _on_tick(self) -> None:
        if self._state is None:
            self._tick.stop()
            return
        self.sync_clock()
        self._update_timer()
        planned = self._planned()
        if planned is not None and self._clock.round_elapsed() >= planned.seconds:
            self._time_is_up()
            return
        now = self._clock_source()
        typing_too_long = (
            self._dirty_since is not None and now - self._dirty_since >= DRAFT_MAX_WAIT_S
        )
        clocks_due = self._clock.running and now - self._last_clock_save >= CLOCK_SAVE_S
        if typing_too_long or clocks_due:
            self.flush()

    def _time_is_up(self) -> None:
        state = self._state
        planned = self._planned()
        if state is None or planned is None:
            return
        label = state.round_label(self._round)
        outcome = self._submit(timed_out=True)
        if outcome is None:
            return
        kept = (
            "your answer was submitted as it stands"
            if outcome.status == mock.TIMED_OUT
            else "nothing was written, so it is recorded as skipped"
        )
        if outcome.ended:
            self.statusMessage.emit(f"Time is up for {label}: {kept}. The interview is over.")
            return
        following = state.round_label(self._round)
        self._say(f"Time is up for {label}: {kept}. {following} has started.")

    # -- slots ---------------------------------------------------------------------------
    @Slot()
    def _on_text_changed(self) -> None:
        if self._loading or self._state is None:
            return
        self.sync_clock()
        if self._dirty_since is None:
            self._dirty_since = self._clock_source()
        self.draft_status.setText("Editing…")
        self._draft_timer.start()
        self._update_next_button()  # the word count follows with the save, not per keystroke

    @Slot()
    def _on_next(self) -> None:
        state = self._state
        planned = self._planned()
        if state is None or planned is None:
            return
        self.sync_clock()
        first, _ = self._texts()
        if planned.follow_up_prompt and not self._follow_up_shown and first.strip():
            self._reveal_follow_up(first)
            return
        self._submit(timed_out=False)

    def _reveal_follow_up(self, first: str) -> None:
        """The interviewer's follow-up: the first answer stays above, the editor takes the next."""
        self._follow_up_shown = True
        self._first_text = first
        self._loading = True
        self.first_answer.setPlainText(first)
        self.editor.clear()
        self._loading = False
        self._show_follow_up_widgets()
        self._dirty_since = self._clock_source()
        self.flush()  # the follow-up is on disk as shown: a resumed round shows it again
        self._update_next_button()
        self._update_words()
        self.notice.hide()
        self.editor.setFocus()
        # A small window scrolls: keep the follow-up's answer box and the buttons in view.
        area = self.findChild(QScrollArea)
        if area is not None:
            QTimer.singleShot(0, lambda: area.ensureWidgetVisible(self.next_button, 0, 8))

    @Slot()
    def _on_end(self) -> None:
        self.end()

    def _submit(self, *, timed_out: bool) -> mock.RoundOutcome | None:
        state = self._state
        if state is None:
            return None
        self._draft_timer.stop()
        planned = self._planned()
        if timed_out and planned is not None:
            self._clock.cap_round(planned.seconds)
        first, follow = self._texts()
        outcome = self._runner.run(
            mock.submit_round,
            self._ws,
            state.session_id,
            self._round,
            first,
            follow,
            round_elapsed_s=int(self._clock.round_elapsed()),
            loop_elapsed_s=int(self._clock.loop_elapsed()),
            timed_out=timed_out,
            quiet=True,
        )
        result = outcome.value
        if result is None:
            # Nothing is lost: the words stay here and in the last saved draft.
            self._clock.pause()
            self._tick.stop()
            self._say(f"This round was not submitted: {outcome.error}", error=True)
            return None
        if result.ended:
            session_id = state.session_id
            self.clear()
            self.finished.emit(session_id)
            return result
        self._round += 1
        self._clock.next_round()
        self._show_round("", "", follow_up_shown=False)
        self.notice.hide()
        return result

    def _say(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER if error else theme.WARNING).name()
        self.notice.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.notice.setText(text)
        self.notice.show()
        self.statusMessage.emit(text)
