"""The loop's two clocks: seconds used in the running round and in the whole loop.

Plain Python over an injected monotonic clock (seconds), so tests move time on at will.
Time is counted only while the clock runs; the page runs it while the loop is on screen.
"""

from __future__ import annotations

from collections.abc import Callable


class LoopClock:
    """Counts the running round's and the loop's seconds on top of what earlier sessions used."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._round_base = 0.0
        self._loop_base = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def set_source(self, clock: Callable[[], float]) -> None:
        """Read time from another clock from now on (what ran so far is kept)."""
        was_running = self.running
        self.pause()
        self._clock = clock
        if was_running:
            self.start()

    def reset(self, round_s: float, loop_s: float) -> None:
        """Start from seconds already used (a resumed loop), paused."""
        self._since = None
        self._round_base = max(0.0, float(round_s))
        self._loop_base = max(0.0, float(loop_s))

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            ran = max(0.0, self._clock() - self._since)
            self._round_base += ran
            self._loop_base += ran
            self._since = None

    def _running_for(self) -> float:
        return 0.0 if self._since is None else max(0.0, self._clock() - self._since)

    def round_elapsed(self) -> float:
        return self._round_base + self._running_for()

    def loop_elapsed(self) -> float:
        return self._loop_base + self._running_for()

    def cap_round(self, seconds: float) -> None:
        """A round never lasts longer than its time: drop what ran past `seconds` (a late tick,
        a computer that slept) from the round and from the loop."""
        excess = self.round_elapsed() - seconds
        if excess > 0:
            running = self.running
            self.pause()
            self._round_base -= excess
            self._loop_base -= excess
            if running:
                self.start()

    def next_round(self) -> None:
        """The next round starts now: its clock from zero, the loop's carries on."""
        running = self.running
        self.pause()
        self._round_base = 0.0
        if running:
            self.start()
