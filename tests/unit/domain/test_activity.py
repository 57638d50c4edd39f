"""Tests for streaks, the heatmap grid and activity levels."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_prep.domain.activity import Streaks, activity_level, heatmap_weeks, streaks

TODAY = date(2025, 6, 11)  # a Wednesday
PROPERTY = settings(deadline=None, max_examples=200)


def days_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=offset) for offset in offsets]


# --- streaks ---------------------------------------------------------------------------------


def test_no_activity() -> None:
    assert streaks([], TODAY) == Streaks(current=0, longest=0)


def test_single_day_today() -> None:
    assert streaks([TODAY], TODAY) == Streaks(current=1, longest=1)


def test_single_day_yesterday_keeps_the_streak_alive() -> None:
    assert streaks(days_ago(1), TODAY) == Streaks(current=1, longest=1)


def test_single_day_two_days_ago_breaks_the_streak() -> None:
    assert streaks(days_ago(2), TODAY) == Streaks(current=0, longest=1)


def test_today_empty_but_yesterday_active_counts_the_run_to_yesterday() -> None:
    assert streaks(days_ago(1, 2, 3), TODAY) == Streaks(current=3, longest=3)


def test_today_active_extends_the_run() -> None:
    assert streaks(days_ago(0, 1, 2, 3), TODAY) == Streaks(current=4, longest=4)


def test_gap_splits_runs() -> None:
    # Runs: 10-8 (3 days), 5-4 (2 days), 1-0 (2 days).
    result = streaks(days_ago(0, 1, 4, 5, 8, 9, 10), TODAY)
    assert result == Streaks(current=2, longest=3)


def test_duplicates_and_unsorted_input_and_generators() -> None:
    def generate() -> Iterator[date]:
        yield from days_ago(2, 0, 1, 0, 2)

    assert streaks(generate(), TODAY) == Streaks(current=3, longest=3)


def test_days_after_today_are_ignored() -> None:
    tomorrow = TODAY + timedelta(days=1)
    assert streaks([tomorrow, TODAY], TODAY) == Streaks(current=1, longest=1)


def test_streak_across_month_and_year_boundaries() -> None:
    new_year = date(2025, 1, 1)
    days = [date(2024, 12, 30), date(2024, 12, 31), new_year]
    assert streaks(days, new_year) == Streaks(current=3, longest=3)


def test_datetimes_are_rejected() -> None:
    with pytest.raises(TypeError):
        streaks([datetime(2025, 6, 11, 9, 0)], TODAY)
    with pytest.raises(TypeError):
        streaks([TODAY], datetime(2025, 6, 11, 9, 0))


def brute_force_longest(days: set[date]) -> int:
    return max(
        (
            length
            for start in days
            for length in range(1, len(days) + 1)
            if all(start + timedelta(days=i) in days for i in range(length))
        ),
        default=0,
    )


@given(st.sets(st.integers(-40, 5), max_size=30))
@PROPERTY
def test_streaks_match_brute_force(offsets: set[int]) -> None:
    days = {TODAY + timedelta(days=offset) for offset in offsets}
    result = streaks(days, TODAY)
    past = {day for day in days if day <= TODAY}
    assert result.longest == brute_force_longest(past)
    assert 0 <= result.current <= result.longest
    if TODAY in days:
        assert result.current >= 1
    elif TODAY - timedelta(days=1) not in days:
        assert result.current == 0


# --- heatmap_weeks ---------------------------------------------------------------------------


def test_heatmap_default_shape() -> None:
    columns = heatmap_weeks({}, TODAY)
    assert len(columns) == 26
    assert all(len(column) == 7 for column in columns[:-1])
    assert [day for day, _ in columns[-1]] == [date(2025, 6, 9), date(2025, 6, 10), TODAY]
    assert columns[0][0][0] == date(2025, 6, 9) - timedelta(weeks=25)
    assert all(count == 0 for column in columns for _, count in column)


def test_heatmap_fills_counts_and_ignores_days_outside_the_grid() -> None:
    counts = {TODAY: 3, date(2025, 6, 2): 1, TODAY + timedelta(days=1): 9, date(2020, 1, 1): 5}
    columns = heatmap_weeks(counts, TODAY, weeks=2)
    assert columns == [
        [(date(2025, 6, 2) + timedelta(days=i), 1 if i == 0 else 0) for i in range(7)],
        [(date(2025, 6, 9), 0), (date(2025, 6, 10), 0), (TODAY, 3)],
    ]


def test_heatmap_on_a_sunday_has_a_full_last_column() -> None:
    sunday = date(2025, 6, 15)
    columns = heatmap_weeks({}, sunday, weeks=1)
    assert len(columns) == 1
    assert [day for day, _ in columns[0]] == [
        date(2025, 6, 9) + timedelta(days=i) for i in range(7)
    ]


def test_heatmap_on_a_monday_has_one_day_in_the_last_column() -> None:
    monday = date(2025, 6, 9)
    assert heatmap_weeks({monday: 2}, monday, weeks=1) == [[(monday, 2)]]


def test_heatmap_zero_and_negative_weeks() -> None:
    assert heatmap_weeks({}, TODAY, weeks=0) == []
    with pytest.raises(ValueError):
        heatmap_weeks({}, TODAY, weeks=-1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 60))
@PROPERTY
def test_heatmap_is_a_contiguous_monday_first_grid_ending_today(today: date, weeks: int) -> None:
    columns = heatmap_weeks({today: 1}, today, weeks=weeks)
    assert len(columns) == weeks
    days = [day for column in columns for day, _ in column]
    assert days[-1] == today
    assert all(b - a == timedelta(days=1) for a, b in pairwise(days))
    assert all(column[0][0].weekday() == 0 for column in columns)
    assert len(columns[-1]) == today.weekday() + 1
    assert len(days) == 7 * (weeks - 1) + today.weekday() + 1


# --- activity_level --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "goal", "level"),
    [
        (0, 10, 0),
        (1, 10, 1),
        (4, 10, 1),
        (5, 10, 2),
        (9, 10, 2),
        (10, 10, 3),
        (19, 10, 3),
        (20, 10, 4),
        (100, 10, 4),
        (1, 3, 1),
        (2, 3, 2),  # 2/3 >= 50%
        (3, 3, 3),
        (5, 3, 3),
        (6, 3, 4),
        (1, 1, 3),
        (2, 1, 4),
        (0, 1, 0),
    ],
)
def test_activity_level(count: int, goal: int, level: int) -> None:
    assert activity_level(count, goal) == level


def test_activity_level_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        activity_level(1, 0)
    with pytest.raises(ValueError):
        activity_level(-1, 5)


@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 100))
@PROPERTY
def test_activity_level_is_monotonic_and_matches_shares(a: int, b: int, goal: int) -> None:
    low, high = sorted((a, b))
    assert activity_level(low, goal) <= activity_level(high, goal)
    share = high / goal
    expected = (
        0 if high == 0 else 4 if share >= 2 else 3 if share >= 1 else 2 if share >= 0.5 else 1
    )
    assert activity_level(high, goal) == expected
