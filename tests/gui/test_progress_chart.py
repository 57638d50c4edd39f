"""The dashboard's progress chart: hover values, where lines start, legend and date labels.

Real main window on a real database file; the history comes from `pm-prep demo`'s filler.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip

from pm_prep.services.demo import fill_demo_history
from pm_prep.services.settings import load_settings, save_settings
from pm_prep.services.workspace import open_workspace
from pm_prep.ui.date_ticks import day_label
from pm_prep.ui.graphs_view import grid_colour, label_font
from pm_prep.ui.readiness_text import track_skills
from pm_prep.ui.theme import apply_theme
from tests.gui.drive import child, open_page


def _fill(data_dir: Path, track: str) -> None:
    ws = open_workspace(data_dir)
    try:
        fill_demo_history(ws, attempts=400, days=50, seed=11)
        save_settings(ws, dataclasses.replace(load_settings(ws), track=track))
    finally:
        ws.close()


@pytest.fixture
def intern_window(qtbot, data_dir: Path, request: pytest.FixtureRequest) -> Any:  # type: ignore[no-untyped-def]
    """The main window over 50 days of practice, on the intern track."""
    _fill(data_dir, "intern")
    return request.getfixturevalue("main_window")


def _chart(qtbot, window, size: tuple[int, int] = (1400, 900)):  # type: ignore[no-untyped-def]
    window.resize(*size)
    page = open_page(qtbot, window, "dashboardPage")
    chart = page.chart
    chart.ensure_loaded()
    qtbot.waitUntil(lambda: chart.loaded and chart.graphs().plot_area().width() > 0)
    qtbot.waitUntil(lambda: bool(chart.graphs().dates.ticks()))
    return chart


def _first_rated(window) -> dict[str, datetime]:  # type: ignore[no-untyped-def]
    with window.ws.db.raw() as conn:
        rows = conn.execute(
            "SELECT skill_id, MIN(submitted_at) FROM attempts WHERE score IS NOT NULL "
            "GROUP BY skill_id"
        ).fetchall()
    return {s: datetime.fromisoformat(at).replace(tzinfo=UTC) for s, at in rows}


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


# Showing a tooltip offscreen: the platform cannot raise its window (noise, not a fault).
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_shows_the_series_value_at_the_nearest_date(qtbot, intern_window) -> None:  # type: ignore[no-untyped-def]
    chart = _chart(qtbot, intern_window)
    points = chart.series_points()["technical"]
    assert len(points) > 20

    # The gentlest day on which the height a third of the way along rounds differently from
    # the day's value (hover needs the cursor within a pixel or two of the line).
    def third(k: int) -> float:
        return points[k][1] + (points[k + 1][1] - points[k][1]) / 3

    days = [k for k in range(1, len(points) - 2) if round(third(k)) != round(points[k][1])]
    assert days
    i = min(days, key=lambda k: abs(points[k + 1][1] - points[k][1]))
    (x0, y0), (x1, y1) = points[i], points[i + 1]
    # A third of the way to the next point, on the line: the next calendar day, at a height
    # between the two values. Qt Graphs reports a hover there as that (x, y) on the line; the
    # signal is sent as it sends it (synthetic mouse moves do not reach its hover test
    # reliably offscreen).
    x, y = x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3
    assert datetime.fromtimestamp(x / 1000.0).date() != datetime.fromtimestamp(x0 / 1000.0).date()
    QToolTip.hideText()
    chart._series["technical"].hover.emit("Technical", QPointF(10, 10), QPointF(x, y))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    day = datetime.fromtimestamp(x0 / 1000.0).date()
    assert QToolTip.text() == f"<qt>Technical: {y0:.0f} on {day_label(day)}</qt>"
    # The same rule at any x: the value at the nearest date the line has.
    later = datetime.fromtimestamp(x1 / 1000.0).date()
    assert chart.hover_text("Technical", x1 - (x1 - x0) / 4) == (
        f"Technical: {y1:.0f} on {day_label(later)}"
    )
    assert chart.hover_text("Technical", points[-1][0]) == f"Technical: {points[-1][1]:.0f} today"


def test_lines_start_at_the_first_rated_answer(qtbot, intern_window) -> None:  # type: ignore[no-untyped-def]
    chart = _chart(qtbot, intern_window)
    chart.set_days(365)
    qtbot.waitUntil(lambda: chart.loaded)
    dates = chart.trend_dates()
    assert len(dates) == 365
    first = _first_rated(intern_window)
    points = chart.series_points()
    assert set(points) == set(track_skills(intern_window.ws.catalog, "intern"))
    for skill, line in points.items():
        want = [_ms(d) for d in dates if d >= first[skill]]
        assert [x for x, _y in line] == want, skill
        # 50 days of history in a year's view: about 315 days without a point, not at 0.
        assert len(line) <= 52
    # The grid and the axes still span the whole year.
    assert chart.graphs().axis_x.min().toMSecsSinceEpoch() == int(_ms(dates[0]))


def test_a_skill_not_started_has_no_line_and_says_so(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 4, skill="analytical")
    chart = _chart(qtbot, main_window)
    points = chart.series_points()
    assert len(points["analytical"]) == 1  # rated today: today's point only
    assert points["communication"] == []
    assert not chart._series["communication"].isVisible()
    assert not chart._today["communication"].isVisible()
    entry = child(chart, QToolButton, "legend_communication")
    assert entry.text() == "Communication: not started"
    assert not entry.isEnabled()
    assert "no line" in entry.toolTip()
    started = child(chart, QToolButton, "legend_analytical")
    assert started.text() == "Analytical" and started.isCheckable() and started.isEnabled()
    assert set(chart.not_started()) == set(points) - {"analytical"}


@pytest.mark.parametrize("width", [900, 1400])
def test_date_labels_do_not_overlap_and_today_is_labelled(qtbot, intern_window, width) -> None:  # type: ignore[no-untyped-def]
    chart = _chart(qtbot, intern_window, (width, 900 if width > 900 else 600))
    graphs = chart.graphs()
    metrics = QFontMetricsF(label_font(graphs.dates.font()))
    for days in (30, 90, 365):
        chart.set_days(days)
        qtbot.waitUntil(lambda: chart.loaded)
        ticks = graphs.dates.ticks()
        dates = chart.trend_dates()
        assert len(ticks) >= 3, (days, [t.text for t in ticks])
        for a, b in pairwise(ticks):
            assert a.width >= metrics.horizontalAdvance(a.text)
            assert b.left - a.right >= 8, (days, a.text, b.text)
        assert ticks[0].left >= 0 and ticks[-1].right <= graphs.dates.width()
        # Today's label: last, on today's point, at the right end of the plot.
        assert ticks[-1].text == "Today"
        assert ticks[-1].x == pytest.approx(graphs.x_of(dates[-1]))
        area = graphs.plot_area()
        assert ticks[-1].x == pytest.approx(area.x() + area.width(), abs=0.5)
        assert graphs.dates.accessibleDescription().endswith("Today")


@pytest.mark.parametrize("size", [(900, 600), (1400, 900)])
def test_legend_shows_full_names_on_the_intern_track(qtbot, main_window, practise, size) -> None:  # type: ignore[no-untyped-def]
    for skill in ("analytical", "technical", "creativity"):
        practise(main_window, 4, skill=skill)
    chart = _chart(qtbot, main_window, size)
    # Switched while shown, as Settings does: the legend is rebuilt in place.
    chart.set_track("intern")
    qtbot.waitUntil(lambda: chart.loaded)
    qtbot.wait(50)
    names = main_window.ws.catalog.skills
    for skill in track_skills(main_window.ws.catalog, "intern"):
        entry = child(chart, QToolButton, f"legend_{skill}")
        assert entry.isVisible()
        assert names[skill].name in entry.text()
        # A tool button narrower than its hint elides its text ("Ana…cal").
        assert entry.width() >= entry.sizeHint().width(), (skill, entry.width())
        assert entry.geometry().right() <= chart.legend.width()


def test_grid_lines_are_thin_and_from_the_palette(qtbot, intern_window) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    chart = _chart(qtbot, intern_window)
    graphs = chart.graphs()
    try:
        for name in ("light", "dark"):
            apply_theme(app, name)
            qtbot.wait(20)
            palette = chart.palette()
            want = grid_colour(palette)
            gt = graphs.theme
            assert gt.grid().mainColor() == want and gt.grid().mainWidth() == 1.0
            # Between the background and the text, nearer the background: a quiet line.
            base = palette.color(QPalette.ColorRole.Base)
            assert abs(want.lightness() - base.lightness()) < 60
            # Qt Graphs' own axis lines and ticks are transparent; the grid series draw them.
            for line in (gt.axisX(), gt.axisY()):
                assert line.mainColor().alpha() == 0 and line.mainWidth() == 1.0
            assert graphs._grid_values.color() == want and graphs._grid_values.width() == 1.0
            assert graphs._grid_dates.color() == want
    finally:
        apply_theme(app, "light")
    assert QColor(graphs.theme.grid().mainColor()) == grid_colour(chart.palette())
