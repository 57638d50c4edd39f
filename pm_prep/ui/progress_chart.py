"""Readiness per skill over the last 30, 90 or 365 days: a Qt Graphs 2D chart in a QQuickWidget.

Qt Quick and Qt Graphs are imported and the trend is computed only after the dashboard has
been painted once, so neither slows start-up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_prep.services.readiness import first_rated_at, readiness_trend
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.date_ticks import nearest_index
from pm_prep.ui.first_paint import DEFERRED_WORK_MS
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.graphs_view import GraphsView, ms
from pm_prep.ui.readiness_text import MONTHS, plain_tooltip, track_skills

if TYPE_CHECKING:
    from PySide6.QtGraphs import QLineSeries, QScatterSeries

RANGES = (30, 90, 365)
RANGE_LABELS = {30: "30 days", 90: "90 days", 365: "1 year"}


def _swatch(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class ProgressChart(QFrame):
    """The trend card; `updated` is emitted each time the series hold fresh points."""

    updated = Signal()

    def __init__(self, ws: Workspace, track: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressChart")
        self.setProperty("role", "card")
        self.setAccessibleName("Readiness over time, per skill")
        self._ws = ws
        self._track = track
        self._days = RANGES[0]
        self._pending = True  # data must be (re)loaded at the next paint
        self._scheduled = False
        self._graphs: GraphsView | None = None
        self._series: dict[str, QLineSeries] = {}
        self._today: dict[str, QScatterSeries] = {}
        self._hidden: set[str] = set()
        self._dates: list[datetime] = []
        self._values: dict[str, list[float]] = {}
        self._started: dict[str, datetime] = {}  # skill -> its first rated answer
        self._legend_entries: list[tuple[str, bool]] = []
        self.evaluated_at: datetime | None = None
        self._build()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        header = QHBoxLayout()
        title = QLabel("Readiness over time")
        title.setObjectName("cardTitle")
        header.addWidget(title)
        header.addStretch(1)
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        for days in RANGES:
            button = QToolButton()
            button.setObjectName(f"range{days}")
            button.setText(RANGE_LABELS[days])
            button.setCheckable(True)
            button.setChecked(days == self._days)
            button.setToolTip(f"Show the last {RANGE_LABELS[days]}")
            button.setAccessibleName(f"Show the last {RANGE_LABELS[days]}")
            self.range_group.addButton(button, days)
            header.addWidget(button)
        layout.addLayout(header)

        self._stack = QStackedLayout()
        self.loading_label = QLabel("Working out your progress…")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setProperty("role", "muted")
        self._stack.addWidget(self.loading_label)
        holder = QWidget()
        holder.setLayout(self._stack)
        holder.setMinimumHeight(190)
        layout.addWidget(holder, 1)

        self.legend = FlowBox(spacing=2)
        self.legend.setObjectName("progressLegend")
        self._legend_buttons: dict[str, QToolButton] = {}
        layout.addWidget(self.legend)
        # Retention comes from today's review cards only, so the last point can step.
        note = QLabel(
            "Each point is readiness at the end of that day. Today's dot also counts how well "
            "you still recall answered questions (retention), so it can step up or down."
        )
        note.setObjectName("progressNote")
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(note)
        self.range_group.idClicked.connect(self._on_range_clicked)

    # -- public --------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return self._days

    @property
    def loaded(self) -> bool:
        """Whether the series show the data of the latest reload."""
        return not self._pending and self._graphs is not None

    def set_days(self, days: int) -> None:
        """Show the last 30, 90 or 365 days."""
        if days not in RANGES:
            raise ValueError(f"the chart shows {RANGES} days, not {days}")
        button = self.range_group.button(days)
        if button is not None:
            button.setChecked(True)
        if days != self._days:
            self._days = days
            self.reload()

    def set_track(self, track: str) -> None:
        if track != self._track:
            self._track = track
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Recompute the trend soon: now if visible, else the next time it is painted."""
        self._pending = True
        if self.isVisible():
            self._schedule()

    def ensure_loaded(self) -> None:
        """Build the chart and load the data now (for scripts; the app loads after painting)."""
        if self._pending or self._graphs is None:
            self._load()

    def series_points(self) -> dict[str, list[tuple[float, float]]]:
        """Per skill of the track, the (x, y) points held by its QLineSeries; x is ms since
        the epoch. A line starts on the first day with a rated answer; a skill not started
        has none."""
        return {
            skill: [(p.x(), p.y()) for p in series.points()]
            for skill, series in self._series.items()
            if skill in self._values
        }

    def trend_dates(self) -> list[datetime]:
        return list(self._dates)

    def not_started(self) -> list[str]:
        """The track's skills with no rated answer yet (no line; "not started" in the legend)."""
        return [s for s in self._values if s not in self._started]

    def graphs(self) -> GraphsView | None:
        """The view, its axes and its date labels, once built."""
        return self._graphs

    # -- loading -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pending:
            # Deferred past the first paint, so the window appears before any chart work.
            self._schedule()

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(DEFERRED_WORK_MS, self._on_load_timer)

    @Slot()
    def _on_load_timer(self) -> None:
        self._scheduled = False
        if self._pending:
            self._load()

    def _load(self) -> None:
        self._pending = False
        self._ensure_view()
        now = datetime.now(UTC)
        dates, values = readiness_trend(self._ws, self._track, self._days, now=now)
        self.evaluated_at = now
        self._dates = dates
        self._started = first_rated_at(self._ws, now)
        skills = track_skills(self._ws.catalog, self._track)
        self._values = {s: values.get(s, [0.0] * len(dates)) for s in skills}
        self._show_series(skills)
        self.updated.emit()

    def _ensure_view(self) -> None:
        if self._graphs is not None:
            return
        from PySide6.QtGraphs import QLineSeries, QScatterSeries

        graphs = GraphsView("progressChartView", y_step=20, parent=self)
        dot = graphs.dot(10)  # today's point is round
        # Every skill gets its series up front; skills outside the track are hidden.
        ordered: list[QObject] = []
        for skill_id, skill in self._ws.catalog.skills.items():
            line = QLineSeries()
            line.setName(skill.name)
            line.setWidth(2.5)
            line.setHoverable(True)
            line.hover.connect(self._on_series_hover)
            # Today's point is the score on the dashboard, and the only one that includes
            # retention, so it may step away from the line before it: mark it.
            today = QScatterSeries()
            today.setName(skill.name)
            today.setPointDelegate(dot)
            today.setHoverable(True)
            today.hover.connect(self._on_series_hover)
            self._series[skill_id] = line
            self._today[skill_id] = today
            ordered += [line, today]
        graphs.load(ordered)
        self._graphs = graphs
        self._stack.addWidget(graphs.widget)
        self._stack.setCurrentWidget(graphs.widget)
        self._apply_colours()

    def _first_index(self, skill: str) -> int | None:
        """Index of the first point with evidence for `skill` (None: not started)."""
        started = self._started.get(skill)
        if started is None or not self._dates:
            return None
        # Each point is readiness at the end of its day, the last one now.
        return next((i for i, d in enumerate(self._dates) if d >= started), len(self._dates) - 1)

    def _show_series(self, skills: list[str]) -> None:
        assert self._graphs is not None
        xs = [ms(d) for d in self._dates]
        for skill, series in self._series.items():
            values = self._values.get(skill)
            start = self._first_index(skill) if values is not None else None
            shown = start is not None and skill not in self._hidden
            points = []
            if values is not None and start is not None:
                points = [QPointF(x, y) for x, y in zip(xs[start:], values[start:], strict=True)]
            series.replace(points)
            self._today[skill].replace(points[-1:])
            series.setVisible(shown)
            self._today[skill].setVisible(shown)
        if self._dates:
            self._graphs.set_dates(self._dates[0], self._dates[-1], self._dates[-1])
        self._rebuild_legend(skills)
        self._apply_colours()
        self._describe()

    def _describe(self) -> None:
        summary = self.summary()
        self.setAccessibleDescription(summary)
        if self._graphs is not None:
            self._graphs.view.setAccessibleName("Readiness chart")
            self._graphs.view.setAccessibleDescription(summary)

    def summary(self) -> str:
        """The chart in words for a screen reader: each shown skill, first and last value."""
        parts = []
        for skill, values in self._values.items():
            start = self._first_index(skill)
            drawn = values[start:] if start is not None else []  # the line as drawn
            points = [v for v in drawn if v is not None and v == v]  # no gaps, no NaN
            if skill in self._hidden or not points:
                continue
            name = self._ws.catalog.skills[skill].name
            first, last = points[0], points[-1]
            change = round(last) - round(first)
            trend = f"up {change}" if change > 0 else f"down {-change}" if change < 0 else "level"
            parts.append(f"{name} {first:.0f} to {last:.0f} ({trend})")
        period = f"Last {RANGE_LABELS[self._days]}"
        return f"{period}: " + "; ".join(parts) + "." if parts else f"{period}: no skill shown."

    def _rebuild_legend(self, skills: list[str]) -> None:
        entries = [(s, s in self._started) for s in skills]
        if self._legend_entries == entries:
            return
        self._legend_entries = entries
        self.legend.clear()
        self._legend_buttons = {}
        for skill, started in entries:
            name = self._ws.catalog.skills[skill].name
            button = QToolButton()
            button.setObjectName(f"legend_{skill}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setProperty("role", "legend")
            button.setIconSize(QSize(10, 10))
            # The swatch is set before the button is placed, so its width is counted.
            button.setIcon(_swatch(self._colour(skill)))
            if started:
                button.setText(name)
                button.setCheckable(True)
                button.setChecked(skill not in self._hidden)
                button.setToolTip(plain_tooltip("Show or hide this skill's line"))
                button.setAccessibleName(f"{name} line")
                button.setAccessibleDescription("Show or hide this skill's line")
                button.toggled.connect(lambda on, s=skill: self._on_legend_toggled(s, on))
            else:
                button.setText(f"{name}: not started")
                button.setEnabled(False)
                why = f"No rated answers in {name} yet, so it has no line."
                button.setToolTip(plain_tooltip(why))
                button.setAccessibleDescription(why)  # the tooltip's words, no markup
                button.setAccessibleName(f"{name}: not started")
                button.setAccessibleDescription(why)
            self.legend.add(button)
            self._legend_buttons[skill] = button

    def _colour(self, skill: str) -> QColor:
        """A skill's colour: by its catalog place, so it keeps it when the track changes."""
        index = list(self._ws.catalog.skills).index(skill)
        return theme.pick(theme.SERIES[index % len(theme.SERIES)])

    def _apply_colours(self) -> None:
        if self._graphs is None:
            return
        self._graphs.apply_palette(self.palette(), self.font())
        for skill, series in self._series.items():
            colour = self._colour(skill)
            series.setColor(colour)
            self._today[skill].setColor(colour)
            button = self._legend_buttons.get(skill)
            if button is not None:
                button.setIcon(_swatch(colour))

    # -- slots ---------------------------------------------------------------------------
    @Slot(int)
    def _on_range_clicked(self, days: int) -> None:
        self.set_days(days)

    def _on_legend_toggled(self, skill: str, shown: bool) -> None:
        if shown:
            self._hidden.discard(skill)
        else:
            self._hidden.add(skill)
        series = self._series.get(skill)
        if series is not None:
            series.setVisible(shown)
            self._today[skill].setVisible(shown)
        self._describe()

    @Slot(str, QPointF, QPointF)
    def _on_series_hover(self, name: str, position: QPointF, value: QPointF) -> None:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        text = self.hover_text(name, value.x())
        if text:
            QToolTip.showText(QCursor.pos(), plain_tooltip(text), self._graphs_view())

    def hover_text(self, name: str, x: float) -> str:
        """What hovering series `name` at x (ms) says: the line's value on the nearest date
        it has, not the height under the cursor."""
        skill = next((s for s in self._values if self._ws.catalog.skills[s].name == name), None)
        points = self._series[skill].points() if skill is not None else []
        if not points:
            return ""
        point = points[nearest_index([p.x() for p in points], x)]
        moment = datetime.fromtimestamp(point.x() / 1000.0).date()
        when = "today" if point == points[-1] else f"on {moment.day} {MONTHS[moment.month - 1]}"
        return f"{name}: {point.y():.0f} {when}"

    def _graphs_view(self) -> QWidget | None:
        return self._graphs.view if self._graphs is not None else None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
