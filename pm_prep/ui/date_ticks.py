"""Where a chart's date axis puts its labels, and which point a hover means (no Qt here).

The charts draw their date labels themselves (see graphs_view.py): the step between labels
is chosen from the room there is, labels never overlap, and the anchor (today) always has
one. Steps are whole days counted back from the anchor, or calendar months for long ranges.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_STEPS = (1, 2, 3, 7, 14)
MONTH_STEPS = (1, 2, 3, 6, 12)
# Between two labels' text at least GAP px, and between their centres at least SPACING px:
# a label every 40 px would fit at times but reads as a wall of dates.
GAP = 20.0
SPACING = 72.0


@dataclass(frozen=True, slots=True)
class DateTick:
    day: date
    text: str
    x: float  # the tick's position (the label is centred on it where there is room)
    left: float  # where the label's text starts
    width: float  # the text's width

    @property
    def right(self) -> float:
        return self.left + self.width


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_label(day: date, *, with_year: bool) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}" if with_year else MONTHS[day.month - 1]


def _day_ticks(first: date, anchor: date, step: int) -> list[date]:
    count = (anchor - first).days // step
    return [anchor - timedelta(days=step * k) for k in range(count, -1, -1)]


def _month_ticks(first: date, anchor: date, step: int) -> list[date]:
    days: list[date] = []
    year, month = first.year, first.month
    while date(year, month, 1) < anchor:
        day = date(year, month, 1)
        if day >= first and (month - 1) % step == 0:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [*days, anchor]


def _fits(ticks: Sequence[DateTick], gap: float, spacing: float) -> bool:
    return all(b.left - a.right >= gap and b.x - a.x >= spacing for a, b in pairwise(ticks))


def date_ticks(
    first: date,
    anchor: date,
    position: Callable[[date], float],
    bounds: tuple[float, float],
    measure: Callable[[str], float],
    *,
    anchor_text: str = "Today",
    gap: float = GAP,
    spacing: float = SPACING,
) -> list[DateTick]:
    """The densest set of labels from `first` to `anchor` that does not crowd, anchor included.

    `position(day)` is a day's x in px, `bounds` the span labels may be drawn in (a label
    near an end is pulled inside it), `measure(text)` a text's width in px. The first label
    is dropped rather than squeezed when it would collide with the one after it, and so is
    the last month before the anchor.
    """
    lo, hi = bounds

    def tick(day: date, text: str) -> DateTick:
        width = measure(text)
        x = position(day)
        left = min(max(x - width / 2.0, lo), max(lo, hi - width))
        return DateTick(day, text, x, left, width)

    anchor_tick = tick(anchor, anchor_text)
    if first >= anchor:
        return [anchor_tick]
    candidates: list[tuple[bool, list[DateTick]]] = []  # (in months, the labels)
    for step in DAY_STEPS:
        days = _day_ticks(first, anchor, step)
        candidates.append((False, [tick(d, day_label(d)) for d in days[:-1]] + [anchor_tick]))
    for step in MONTH_STEPS:
        days = _month_ticks(first, anchor, step)
        labelled: list[DateTick] = []
        year_shown = False
        for d in days[:-1]:
            # The year goes on January and on the first label, so every label can be read.
            with_year = d.month == 1 or not year_shown
            year_shown = True
            labelled.append(tick(d, month_label(d, with_year=with_year)))
        candidates.append((True, [*labelled, anchor_tick]))
    for in_months, ticks in candidates:
        if in_months and len(ticks) >= 2 and not _fits(ticks[-2:], gap, spacing):
            del ticks[-2]
        if len(ticks) >= 3 and not _fits(ticks[:2], gap, spacing):
            del ticks[0]
        if in_months and len(ticks) >= 2 and str(ticks[0].day.year) not in ticks[0].text:
            ticks[0] = tick(ticks[0].day, month_label(ticks[0].day, with_year=True))
        if _fits(ticks, gap, spacing):
            return ticks
    # Not even one label a year fits: today's alone.
    return [anchor_tick]


def nearest_index(xs: Sequence[float], x: float) -> int:
    """Index of the value in sorted, non-empty `xs` nearest to `x` (the earlier one on a tie)."""
    if not xs:
        raise ValueError("no points")
    i = bisect_left(xs, x)
    if i == 0:
        return 0
    if i == len(xs):
        return len(xs) - 1
    return i - 1 if x - xs[i - 1] <= xs[i] - x else i
