"""Practice activity: day streaks, the calendar heatmap grid and its colour levels.

All days are local calendar dates; turning UTC times into local dates is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["Streaks", "activity_level", "heatmap_weeks", "streaks"]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Streaks:
    """Runs of consecutive active days."""

    # Consecutive days with activity ending today, or ending yesterday if today has none yet.
    current: int
    longest: int


def streaks(active_days: Iterable[date], today: date) -> Streaks:
    """Current and longest streaks; days after `today` (a clock changed back) are ignored."""
    _require_plain_date(today)
    days: set[date] = set()
    for day in active_days:
        _require_plain_date(day)
        if day <= today:
            days.add(day)

    longest = 0
    run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        longest = max(longest, run)
        previous = day

    # A streak is not broken until today is over, so one that ended yesterday still counts.
    end = today if today in days else today - _ONE_DAY
    current = 0
    while end in days:
        current += 1
        end -= _ONE_DAY
    return Streaks(current=current, longest=longest)


def heatmap_weeks(
    counts: Mapping[date, int], today: date, weeks: int = 26
) -> list[list[tuple[date, int]]]:
    """Columns of 7 days (Monday first) covering the last `weeks` weeks up to and including
    today's week; days after today are omitted from the last column."""
    _require_plain_date(today)
    if weeks < 0:
        raise ValueError("weeks must not be negative")
    this_monday = today - timedelta(days=today.weekday())
    columns: list[list[tuple[date, int]]] = []
    for week in range(weeks - 1, -1, -1):
        monday = this_monday - timedelta(weeks=week)
        column: list[tuple[date, int]] = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day > today:
                break
            column.append((day, counts.get(day, 0)))
        columns.append(column)
    return columns


def activity_level(count: int, daily_goal: int) -> int:
    """0 for none, 1..4 for the share of the daily goal reached (1: >0, 2: >=50%, 3: >=100%,
    4: >=200%)."""
    if daily_goal < 1:
        raise ValueError("daily_goal must be at least 1")
    if count < 0:
        raise ValueError("count must not be negative")
    # Integer comparisons, so 50% of an odd goal is not at the mercy of float rounding.
    if count >= 2 * daily_goal:
        return 4
    if count >= daily_goal:
        return 3
    if 2 * count >= daily_goal:
        return 2
    if count > 0:
        return 1
    return 0


def _require_plain_date(day: date) -> None:
    # datetime is a subclass of date but never equals one, so it would silently miss every day.
    if isinstance(day, datetime):
        raise TypeError(f"expected a calendar date, got a datetime: {day!r}")
