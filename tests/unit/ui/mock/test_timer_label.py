"""`mockTimer`, alone: time left in the round and the loop, a warning in the last minute."""

from __future__ import annotations

from pm_prep.ui import theme
from pm_prep.ui.mock.timer_label import TimerLabel


def test_it_shows_both_times_left_in_whole_seconds_rounded_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = TimerLabel()
    qtbot.addWidget(label)
    label.set_remaining(12 * 60 + 2.4, 38 * 60 + 10)
    assert label.text() == "Round 12:03 left · Loop 38:10 left"
    assert not label.warning and label.property("warning") is False
    label.set_remaining(-4, 100)
    assert label.text().startswith("Round 0:00 left")


def test_the_last_minute_of_the_round_or_the_loop_is_a_warning(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = TimerLabel()
    qtbot.addWidget(label)
    label.set_remaining(61, 600)
    assert not label.warning
    label.set_remaining(60, 600)
    assert label.warning and label.property("warning") is True
    assert theme.pick(theme.WARNING).name() in label.styleSheet()
    label.set_remaining(300, 59)  # the loop's last minute counts too
    assert label.warning
    label.set_remaining(300, 600)
    assert not label.warning and theme.pick(theme.WARNING).name() not in label.styleSheet()
