"""The loop's clocks, alone: they count only while running and carry the loop across rounds."""

from __future__ import annotations

import pytest

from pm_prep.ui.mock.clock import LoopClock


class Fake:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_time_counts_only_while_the_clock_runs() -> None:
    fake = Fake()
    clock = LoopClock(fake)
    clock.reset(30, 200)  # a resumed loop: 30 s of this round, 200 s of the loop used
    fake.now += 50
    assert (clock.round_elapsed(), clock.loop_elapsed()) == (30, 200)
    clock.start()
    fake.now += 10
    assert (clock.round_elapsed(), clock.loop_elapsed()) == (40, 210)
    clock.pause()
    fake.now += 1000
    assert clock.round_elapsed() == 40 and not clock.running


def test_a_new_round_starts_at_zero_and_the_loop_carries_on() -> None:
    fake = Fake()
    clock = LoopClock(fake)
    clock.start()
    fake.now += 90
    clock.next_round()
    fake.now += 5
    assert (clock.round_elapsed(), clock.loop_elapsed()) == (5, 95)
    assert clock.running


def test_a_round_is_capped_at_its_length() -> None:
    fake = Fake()
    clock = LoopClock(fake)
    clock.start()
    fake.now += 305  # a late tick, or a computer that slept
    clock.cap_round(300)
    assert clock.round_elapsed() == pytest.approx(300)
    assert clock.loop_elapsed() == pytest.approx(300)
    fake.now += 1
    assert clock.round_elapsed() == pytest.approx(301)  # still running


def test_switching_clocks_keeps_what_ran() -> None:
    first, second = Fake(), Fake()
    second.now = 9000.0
    clock = LoopClock(first)
    clock.start()
    first.now += 12
    clock.set_source(second)
    second.now += 3
    assert clock.round_elapsed() == pytest.approx(15)
