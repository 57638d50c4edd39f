"""Date-axis labels and hover lookup (pure Python, no Qt)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from pm_prep.ui.date_ticks import GAP, SPACING, date_ticks, nearest_index

TODAY = date(2026, 12, 2)


def _linear(first: date, width: float, offset: float = 60.0):  # type: ignore[no-untyped-def]
    span = (TODAY - first).days

    def position(day: date) -> float:
        return offset + width * (day - first).days / span

    return position


def _measure(text: str) -> float:
    return 6.5 * len(text)  # about an 11 px sans-serif


def _ticks(days: int, width: float):  # type: ignore[no-untyped-def]
    first = TODAY - timedelta(days=days - 1)
    return date_ticks(first, TODAY, _linear(first, width), (0.0, width + 80.0), _measure)


@pytest.mark.parametrize("days", [30, 90, 365])
@pytest.mark.parametrize("width", [180.0, 420.0, 640.0, 1200.0, 2200.0])
def test_labels_never_overlap_and_today_is_always_last(days: int, width: float) -> None:
    ticks = _ticks(days, width)
    assert ticks[-1].text == "Today" and ticks[-1].day == TODAY
    for a, b in pairwise(ticks):
        assert b.left - a.right >= GAP
        assert b.x - a.x >= SPACING
        assert a.day < b.day
    assert all(t.left >= 0.0 and t.right <= width + 80.0 for t in ticks)


def test_a_month_steps_by_week_at_dashboard_width_counting_back_from_today() -> None:
    ticks = _ticks(30, 420.0)
    assert [t.text for t in ticks] == ["4 Nov", "11 Nov", "18 Nov", "25 Nov", "Today"]
    assert {(b.day - a.day).days for a, b in pairwise(ticks)} == {7}


def test_more_room_means_more_labels() -> None:
    assert len(_ticks(30, 1200.0)) > len(_ticks(30, 420.0)) >= 4
    assert len(_ticks(365, 1200.0)) > len(_ticks(365, 420.0))


def test_a_year_is_labelled_by_month_with_the_year_where_it_changes() -> None:
    ticks = _ticks(365, 1200.0)
    texts = [t.text for t in ticks]
    assert texts[-1] == "Today"
    months = ticks[:-1]
    assert all(t.day.day == 1 for t in months)
    assert texts[0].endswith("2025") or texts[0] == "Jan 2026"
    assert "Jan 2026" in texts
    assert not any(t.endswith("2026") for t in texts if t not in ("Jan 2026", texts[0]))


def test_the_month_just_before_today_gives_way_to_today() -> None:
    # 1 Dec is a day before today: its label would sit on top of "Today".
    ticks = _ticks(365, 1200.0)
    assert date(2026, 12, 1) not in [t.day for t in ticks]


def test_no_room_or_no_range_leaves_today_alone() -> None:
    assert [t.text for t in _ticks(30, 20.0)] == ["Today"]
    alone = date_ticks(TODAY, TODAY, lambda _d: 50.0, (0.0, 100.0), _measure)
    assert [t.text for t in alone] == ["Today"]


def test_labels_at_the_ends_are_pulled_inside_the_bounds() -> None:
    first = TODAY - timedelta(days=29)
    ticks = date_ticks(first, TODAY, _linear(first, 400.0, offset=0.0), (0.0, 400.0), _measure)
    assert ticks[-1].x == 400.0 and ticks[-1].right == 400.0
    assert ticks[0].left >= 0.0


def test_nearest_index() -> None:
    xs = [10.0, 20.0, 30.0]
    assert [nearest_index(xs, x) for x in (-5, 10, 14, 15, 16, 29, 99)] == [0, 0, 0, 0, 1, 2, 2]
    assert nearest_index([5.0], 1e9) == 0
    with pytest.raises(ValueError):
        nearest_index([], 1.0)
