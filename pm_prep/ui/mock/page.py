"""Mock interview (`mockPage`): choose a loop, answer it round by round, then the debrief.

Three views in one stack: the chooser, the running loop and the debrief. A loop left
running (the app was closed or killed mid-loop) is shown again where it stood; leaving the
page pauses the loop's clocks, and closing the window mid-loop asks first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from pm_prep.services import mock
from pm_prep.services.changes import Changes
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.mock.chooser import ChooserView
from pm_prep.ui.mock.debrief import DebriefView
from pm_prep.ui.mock.loop_view import LoopView
from pm_prep.ui.pages import Page

_PAGE_STYLE = "QLabel#cardTitle { font-size: 15px; font-weight: 600; }"


class MockPage(Page):
    """Every write goes through `runner`; `clock` (monotonic seconds) times the rounds."""

    statusMessage = Signal(str)
    practiceRequested = Signal(str)  # a question id to open in Practice
    # Not MOCK: the page makes those changes itself (a draft every few seconds), and
    # re-reading them would only disturb the loop on screen.
    relevant = Changes.CATALOG | Changes.SETTINGS | Changes.RATINGS | Changes.RESTORE

    def __init__(
        self,
        ws: Workspace,
        runner: ActionRunner,
        track: Callable[[], str],
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mockPage")
        self.setStyleSheet(_PAGE_STYLE)
        self._ws = ws
        self._runner = runner
        self._track = track
        self._clock = clock
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.chooser = ChooserView(ws.catalog)
        self.loop = LoopView(ws, runner, clock)
        self.debrief = DebriefView(ws, runner)
        for view in (self.chooser, self.loop, self.debrief):
            self.stack.addWidget(view)
        self._connect_signals()
        self._fill_chooser()
        self._open()

    def _connect_signals(self) -> None:
        self.chooser.startRequested.connect(self._on_start)
        self.chooser.debriefRequested.connect(self._on_open_debrief)
        self.loop.finished.connect(self._on_finished)
        self.loop.statusMessage.connect(self.statusMessage)
        self.debrief.statusMessage.connect(self.statusMessage)
        self.debrief.practiceRequested.connect(self.practiceRequested)
        self.debrief.backRequested.connect(self._on_back)
        self.debrief.exportRequested.connect(self._on_export)

    # -- public --------------------------------------------------------------------------
    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    @clock.setter
    def clock(self, clock: Callable[[], float]) -> None:
        """Time the rounds with another monotonic clock (tests move a fake one on)."""
        self._clock = clock
        self.loop.set_clock(clock)

    @property
    def loop_running(self) -> bool:
        return self.loop.running

    def showing(self) -> str:
        """Which view is on screen: 'chooser', 'loop' or 'debrief'."""
        current = self.stack.currentWidget()
        if current is self.loop:
            return "loop"
        return "debrief" if current is self.debrief else "chooser"

    def end_running(self) -> bool:
        """End the loop on screen or left running, keeping what was written (resume: 'End')."""
        if not self.loop.running:
            self._open()
        return self.loop.end() if self.loop.running else True

    def confirm_leave(self, *, closing: bool) -> bool:
        if not self.loop.running:
            return True
        if not closing:
            return True  # leaving the page pauses the clocks and saves (LoopView.hideEvent)
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            "A mock interview is running",
            "Close PM Prep in the middle of the interview?\n\nEverything you typed is saved "
            "and the clocks stop now. Next time you can resume with the time left as it is, "
            "or end it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.loop.suspend()
        return True

    def forget(self) -> None:
        """After a restore: nothing of the old database's loops is kept."""
        self.loop.clear()
        self.debrief.clear()
        self.stack.setCurrentWidget(self.chooser)

    def reload(self, changes: Changes) -> None:
        if changes & (Changes.CATALOG | Changes.SETTINGS | Changes.RESTORE):
            self.chooser.set_catalog(self._ws.catalog)
            self._fill_chooser()
        if changes & Changes.RESTORE:
            self._open()
            return
        if changes & Changes.RATINGS:
            self._fill_past()
            if self.stack.currentWidget() is self.debrief:
                self.debrief.refresh()

    # -- opening -------------------------------------------------------------------------
    def _fill_chooser(self) -> None:
        track = self._track()
        known = self._ws.catalog.tracks.get(track)
        self.chooser.set_templates(mock.templates_for(track), known.name if known else track)
        self._fill_past()

    def _fill_past(self) -> None:
        try:
            self.chooser.set_past(mock.ended_mocks(self._ws))
        except StorageError as exc:
            self.chooser.say(str(exc), error=True)

    def _open(self) -> None:
        """The loop left running if there is one, else the chooser."""
        try:
            running = mock.running_mock(self._ws)
        except StorageError as exc:
            self.chooser.say(str(exc), error=True)
            running = None
        if running is not None:
            self.loop.load(running)
            self.stack.setCurrentWidget(self.loop)
        elif self.stack.currentWidget() is self.loop:
            self.stack.setCurrentWidget(self.chooser)

    # -- slots ---------------------------------------------------------------------------
    @Slot(str)
    def _on_start(self, template_id: str) -> None:
        outcome = self._runner.run(mock.start_mock, self._ws, template_id, quiet=True)
        state = outcome.value
        if state is None:
            self.chooser.say(f"The interview did not start: {outcome.error}", error=True)
            return
        self.chooser.say("")
        self.loop.load(state)
        self.stack.setCurrentWidget(self.loop)
        self.loop.sync_clock()
        self.statusMessage.emit(f"{state.template_name} started: {state.round_label(0)}")

    @Slot(int)
    def _on_finished(self, session_id: int) -> None:
        self._fill_past()
        self.debrief.show_session(session_id)
        self.stack.setCurrentWidget(self.debrief)
        self.statusMessage.emit("The interview is over: rate each round in the debrief.")

    @Slot(int)
    def _on_open_debrief(self, session_id: int) -> None:
        self.debrief.show_session(session_id)
        self.stack.setCurrentWidget(self.debrief)

    @Slot()
    def _on_back(self) -> None:
        self._fill_past()
        self.stack.setCurrentWidget(self.chooser)

    @Slot(str)
    def _on_export(self, kind: str) -> None:
        session_id = self.debrief.session_id
        if session_id is None:
            return
        from pm_prep.ui import file_dialogs

        suffix, label = (".pdf", "PDF (*.pdf)") if kind == "pdf" else (".md", "Markdown (*.md)")
        path, _ = file_dialogs.save_file_name(
            self,
            self._ws,
            self._runner,
            file_dialogs.DEBRIEFS,
            "Export the debrief",
            f"pm-prep-mock-debrief-{session_id}{suffix}",
            label,
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(suffix)
        if kind == "pdf":
            from pm_prep.ui.mock.pdf import write_pdf

            markdown = mock.debrief_markdown(self._ws, session_id)
            outcome = self._runner.run(write_pdf, markdown, target, title="Export failed")
        else:
            outcome = self._runner.run(
                mock.write_debrief_markdown, self._ws, session_id, target, title="Export failed"
            )
        if outcome.ok:
            self.statusMessage.emit(f"Debrief exported to {target}")
