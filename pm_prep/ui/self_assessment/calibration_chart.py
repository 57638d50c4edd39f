"""One skill over time: self-assessment, rated performance and the evidence, on one 0-100 axis.

A Qt Graphs 2D chart in the same view as the dashboard's progress chart (graphs_view.py):
Qt Quick is touched only once the card has been painted, and every series exists from the
start.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.calibration import EVIDENCE, RATINGS, SELF, assessment_steps
from pm_prep.services.calibration import WeekPoint
from pm_prep.ui import theme
from pm_prep.ui.date_ticks import nearest_index
from pm_prep.ui.first_paint import DEFERRED_WORK_MS
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.graphs_view import GraphsView
from pm_prep.ui.readiness_text import MONTHS, plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGraphs import QLineSeries, QScatterSeries

SERIES_NAMES = {
    SELF: "Self-assessment",
    RATINGS: "Your ratings (weekly mean)",
    EVIDENCE: "Talking points covered (weekly, %)",
}
# Series colours: the first three of the house series palette.
_COLOURS = {SELF: theme.SERIES[5], RATINGS: theme.SERIES[0], EVIDENCE: theme.SERIES[1]}


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


def week_middle(point: WeekPoint) -> datetime:
    """Thursday noon of the point's local week: a week's mean is drawn mid-week."""
    return datetime.combine(point.week + timedelta(days=3), time(12)).astimezone()


def _swatch(colour: QColor) -> QLabel:
    swatch = QLabel()
    swatch.setFixedSize(12, 12)
    swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 3px;")
    return swatch


class CalibrationChart(QWidget):
    """The chart and its legend; `updated` is emitted each time the series hold new points."""

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationChart")
        self.setAccessibleName("Self-assessment, your ratings and the evidence over time")
        self._graphs: GraphsView | None = None
        self._lines: dict[str, QLineSeries] = {}
        self._dots: dict[str, QScatterSeries] = {}
        self._points: dict[str, list[tuple[datetime, float]]] = {n: [] for n in SERIES_NAMES}
        self._counts: dict[tuple[str, float], int] = {}
        self._taken: list[tuple[datetime, float]] = []
        self._now = datetime.now().astimezone()
        self._pending = False  # new data waits for the next paint
        self._scheduled = False
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        holder = QWidget()
        holder.setMinimumHeight(200)
        # The layout has its holder before any widget is added: a parentless widget added to
        # a QStackedLayout is shown as a window of its own and takes the focus from the app.
        self._stack = QStackedLayout(holder)
        self.empty_label = QLabel("Nothing to draw yet.")
        self.empty_label.setObjectName("calibrationChartEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        self._stack.addWidget(self.empty_label)
        layout.addWidget(holder, 1)
        legend = FlowBox(spacing=18)  # the three entries wrap in a narrow window
        legend.setObjectName("calibrationLegend")
        self._swatches: dict[str, QLabel] = {}
        for name, text in SERIES_NAMES.items():
            swatch = _swatch(theme.pick(_COLOURS[name]))
            self._swatches[name] = swatch
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            entry = QWidget()
            entry_layout = QHBoxLayout(entry)
            entry_layout.setContentsMargins(0, 0, 0, 0)
            entry_layout.setSpacing(6)
            entry_layout.addWidget(swatch)
            entry_layout.addWidget(label)
            legend.add(entry)
        layout.addWidget(legend)

    # -- public --------------------------------------------------------------------------
    def set_data(
        self,
        assessments: Sequence[tuple[datetime, float]],
        ratings: Sequence[WeekPoint],
        evidence: Sequence[WeekPoint],
        now: datetime,
    ) -> None:
        """What to draw: assessments as a step line to `now`, weekly means mid-week."""
        self._now = now
        self._points = {
            SELF: assessment_steps(assessments, now),
            RATINGS: [(week_middle(p), p.value) for p in ratings],
            EVIDENCE: [(week_middle(p), p.value) for p in evidence],
        }
        self._taken = sorted(assessments)
        self._counts = {
            **{(RATINGS, _ms(week_middle(p))): p.count for p in ratings},
            **{(EVIDENCE, _ms(week_middle(p))): p.count for p in evidence},
        }
        has_data = any(self._points.values())
        self.empty_label.setText(
            "" if has_data else "Nothing to draw yet: take this self-assessment or rate answers."
        )
        if not has_data:
            self._stack.setCurrentWidget(self.empty_label)
        self._pending = True
        if self.isVisible():
            self._schedule()

    @property
    def loaded(self) -> bool:
        """Whether the series show the latest data."""
        return not self._pending

    def ensure_loaded(self) -> None:
        """Draw now (scripts and tests; the page draws after it is painted)."""
        if self._pending:
            self._draw()

    def series_points(self) -> dict[str, list[tuple[float, float]]]:
        """Per series name, the (x ms since the epoch, y) points held by its line."""
        return {name: [(p.x(), p.y()) for p in line.points()] for name, line in self._lines.items()}

    def data_points(self) -> dict[str, list[tuple[datetime, float]]]:
        """What was given to draw, per series name."""
        return {name: list(points) for name, points in self._points.items()}

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pending:
            self._schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending:
            self._schedule()

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(DEFERRED_WORK_MS, self._on_timer)

    @Slot()
    def _on_timer(self) -> None:
        self._scheduled = False
        if self._pending:
            self._draw()

    def _draw(self) -> None:
        self._pending = False
        if not any(self._points.values()):
            self.updated.emit()
            return
        self._ensure_view()
        assert self._graphs is not None
        for name, line in self._lines.items():
            points = [QPointF(_ms(m), v) for m, v in self._points[name]]
            line.replace(points)
            if name == SELF:
                # Each assessment is a dot; the step line carries it forward to the next.
                self._dots[name].replace([QPointF(_ms(m), v) for m, v in self._taken])
            else:
                self._dots[name].replace(points if len(points) <= 60 else [])
        moments = [m for points in self._points.values() for m, _ in points]
        first, last = min(moments), max(max(moments), self._now)
        if last - first < timedelta(days=14):
            first = last - timedelta(days=14)
        self._graphs.set_dates(first - timedelta(days=2), last + timedelta(days=2), self._now)
        self._stack.setCurrentWidget(self._graphs.widget)
        self._apply_colours()
        self.updated.emit()

    def _ensure_view(self) -> None:
        if self._graphs is not None:
            return
        from PySide6.QtGraphs import QLineSeries, QScatterSeries

        graphs = GraphsView("calibrationChartView", y_step=25, parent=self)
        dot = graphs.dot(9)
        ordered: list[QObject] = []
        for name, text in SERIES_NAMES.items():
            line = QLineSeries()
            line.setName(text)
            line.setWidth(3.0 if name == SELF else 2.5)
            line.setHoverable(True)
            line.hover.connect(self._on_hover)
            dots = QScatterSeries()
            dots.setName(text)
            dots.setPointDelegate(dot)
            dots.setHoverable(True)
            dots.hover.connect(self._on_hover)
            self._lines[name] = line
            self._dots[name] = dots
            ordered += [line, dots]
        graphs.load(ordered)
        self._graphs = graphs
        self._stack.addWidget(graphs.widget)

    def _apply_colours(self) -> None:
        for name, swatch in self._swatches.items():
            swatch.setStyleSheet(
                f"background: {theme.pick(_COLOURS[name]).name()}; border-radius: 3px;"
            )
        if self._graphs is None:
            return
        self._graphs.apply_palette(self.palette(), self.font())
        for name, line in self._lines.items():
            colour = theme.pick(_COLOURS[name])
            line.setColor(colour)
            self._dots[name].setColor(colour)

    # -- slots ---------------------------------------------------------------------------
    @Slot(str, QPointF, QPointF)
    def _on_hover(self, name: str, position: QPointF, value: QPointF) -> None:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        key = next((k for k, text in SERIES_NAMES.items() if text == name), SELF)
        text = self.hover_text(key, value.x())
        if text:
            QToolTip.showText(QCursor.pos(), plain_tooltip(text), self._graphs_view())

    def hover_text(self, key: str, x: float) -> str:
        """What hovering series `key` at x (ms) says: the series' own value there, never the
        height of the cursor. The self-assessment line steps, so it is the assessment in force
        at that date; a weekly mean is that of the nearest week."""
        if key == SELF:
            if not self._taken:
                return ""
            taken = [_ms(m) for m, _ in self._taken]
            index = max(0, bisect_right(taken, x) - 1)
            moment, score = self._taken[index]
            day = moment.astimezone().date()
            when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
            return f"Self-assessment {score:.0f}/100 (on {when})"
        points = self._points.get(key, [])
        if not points:
            return ""
        at, y = points[nearest_index([_ms(m) for m, _ in points], x)]
        day = at.astimezone().date()
        monday = day - timedelta(days=day.weekday())
        when = f"{monday.day} {MONTHS[monday.month - 1]}"
        count = self._counts.get((key, _ms(at)))
        what = "rated answers" if key == RATINGS else "answers read"
        unit = "/100" if key == RATINGS else "% of talking points"
        basis = f", {count} {what}" if count else ""
        return f"Week of {when}: {y:.0f}{unit}{basis}"

    def _graphs_view(self) -> QWidget | None:
        return self._graphs.view if self._graphs is not None else None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
