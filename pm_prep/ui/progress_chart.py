"""Readiness per skill over the last 30, 90 or 365 days: a Qt Graphs 2D chart in a QQuickWidget.

Qt Quick and Qt Graphs are imported and the trend is computed only after the dashboard has
been painted once, so neither slows start-up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_prep.services.readiness import readiness_trend
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.first_paint import DEFERRED_WORK_MS
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.readiness_text import MONTHS, plain_tooltip, track_skills

if TYPE_CHECKING:
    from PySide6.QtGraphs import (
        QDateTimeAxis,
        QGraphsTheme,
        QLineSeries,
        QScatterSeries,
        QValueAxis,
    )
    from PySide6.QtQuickWidgets import QQuickWidget

RANGES = (30, 90, 365)
_DOT_QML = """
import QtQuick
Rectangle {
    property color pointColor
    width: 10; height: 10; radius: 5
    color: pointColor
}
"""
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
        self._view: QQuickWidget | None = None
        self._axis_x: QDateTimeAxis | None = None
        self._axis_y: QValueAxis | None = None
        self._graph_theme: QGraphsTheme | None = None
        self._series: dict[str, QLineSeries] = {}
        self._today: dict[str, QScatterSeries] = {}
        self._hidden: set[str] = set()
        self._dates: list[datetime] = []
        self._values: dict[str, list[float]] = {}
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
        return not self._pending and self._view is not None

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
        if self._pending or self._view is None:
            self._load()

    def series_points(self) -> dict[str, list[tuple[float, float]]]:
        """Per skill id, the (x, y) points held by its QLineSeries; x is ms since the epoch."""
        return {
            skill: [(p.x(), p.y()) for p in series.points()]
            for skill, series in self._series.items()
            if skill in self._values
        }

    def trend_dates(self) -> list[datetime]:
        return list(self._dates)

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
        skills = track_skills(self._ws.catalog, self._track)
        self._values = {s: values.get(s, [0.0] * len(dates)) for s in skills}
        self._show_series(skills)
        self.updated.emit()

    def _ensure_view(self) -> None:
        if self._view is not None:
            return
        from PySide6.QtCore import QByteArray, QUrl
        from PySide6.QtGraphs import (
            QDateTimeAxis,
            QGraphsTheme,
            QLineSeries,
            QScatterSeries,
            QValueAxis,
        )
        from PySide6.QtQml import QQmlComponent
        from PySide6.QtQuickWidgets import QQuickWidget

        view = QQuickWidget()
        view.setObjectName("progressChartView")
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The card decides the chart's size; the view's own hint would only grow the page.
        view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        axis_x = QDateTimeAxis()
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setTickInterval(20)
        axis_y.setLabelFormat("%.0f")
        axis_y.setLabelDecimals(0)
        graph_theme = QGraphsTheme()
        # Qt Graphs draws square markers; today's point gets a round one.
        dot = QQmlComponent(view.engine(), view)
        dot.setData(QByteArray(_DOT_QML.encode()), QUrl())
        # Every skill gets its series up front, handed over with the other initial properties:
        # adding and removing series later means invoking QML methods from Python, which
        # crashed the interpreter at exit. Skills outside the track are hidden instead.
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
        view.setInitialProperties(
            {"axisX": axis_x, "axisY": axis_y, "theme": graph_theme, "seriesList": ordered}
        )
        view.loadFromModule("QtGraphs", "GraphsView")
        root = view.rootObject()
        if root is None:  # pragma: no cover - only if Qt Graphs is missing from the install
            raise RuntimeError("Qt Graphs is not available: " + str(view.errors()))
        # The view's root item owns what it shows, so all of it lives exactly as long as it.
        for obj in (axis_x, axis_y, graph_theme, dot, *ordered):
            obj.setParent(root)
        root.setProperty("marginLeft", 8)
        root.setProperty("marginRight", 16)
        root.setProperty("marginTop", 10)
        root.setProperty("marginBottom", 4)
        # Today's dots sit on the right edge; unclipped they are drawn whole.
        root.setProperty("clipPlotArea", False)
        self._view, self._axis_x, self._axis_y = view, axis_x, axis_y
        self._graph_theme = graph_theme
        self._stack.addWidget(view)
        self._stack.setCurrentWidget(view)
        self._apply_colours()

    def _show_series(self, skills: list[str]) -> None:
        assert self._axis_x is not None
        xs = [d.timestamp() * 1000.0 for d in self._dates]
        for skill, series in self._series.items():
            values = self._values.get(skill)
            shown = values is not None and skill not in self._hidden
            points = [QPointF(x, y) for x, y in zip(xs, values, strict=True)] if values else []
            series.replace(points)
            self._today[skill].replace(points[-1:])
            series.setVisible(shown)
            self._today[skill].setVisible(shown)
        if self._dates:
            first, last = self._dates[0], self._dates[-1]
            self._axis_x.setMin(QDateTime.fromMSecsSinceEpoch(int(first.timestamp() * 1000)))
            self._axis_x.setMax(QDateTime.fromMSecsSinceEpoch(int(last.timestamp() * 1000)))
        self._axis_x.setLabelFormat("d MMM" if self._days <= 90 else "MMM yyyy")
        self._rebuild_legend(skills)
        self._apply_colours()

    def _rebuild_legend(self, skills: list[str]) -> None:
        if list(self._legend_buttons) == skills:
            return
        self.legend.clear()
        self._legend_buttons = {}
        for skill in skills:
            button = QToolButton()
            button.setObjectName(f"legend_{skill}")
            button.setText(self._ws.catalog.skills[skill].name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCheckable(True)
            button.setChecked(skill not in self._hidden)
            button.setProperty("role", "legend")
            button.setIconSize(QSize(10, 10))
            button.setToolTip(plain_tooltip("Show or hide this skill's line"))
            button.toggled.connect(lambda on, s=skill: self._on_legend_toggled(s, on))
            self.legend.add(button)
            self._legend_buttons[skill] = button

    def _apply_colours(self) -> None:
        if self._graph_theme is None or self._view is None:
            return
        from PySide6.QtGraphs import QGraphsTheme

        dark = theme.is_dark()
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        muted = theme.pick(theme.MUTED_TEXT)
        grid = QColor(palette.color(QPalette.ColorRole.WindowText))
        grid.setAlpha(40)
        gt = self._graph_theme
        gt.setColorScheme(QGraphsTheme.ColorScheme.Dark if dark else QGraphsTheme.ColorScheme.Light)
        gt.setBackgroundVisible(False)
        gt.setPlotAreaBackgroundVisible(False)
        gt.setLabelBackgroundVisible(False)
        gt.setLabelBorderVisible(False)
        gt.setLabelTextColor(muted)
        font = QFont(self.font())
        font.setPixelSize(11)
        gt.setAxisXLabelFont(font)
        gt.setAxisYLabelFont(font)
        gt.setLabelFont(font)
        gt.grid().setMainColor(grid)
        gt.grid().setSubColor(grid)
        gt.grid().setMainWidth(1.0)
        for line in (gt.axisX(), gt.axisY()):
            line.setMainColor(grid)
            line.setSubColor(grid)
            line.setLabelTextColor(muted)
        self._view.setClearColor(base)
        for index, (skill, series) in enumerate(self._series.items()):
            colour = theme.pick(theme.SERIES[index % len(theme.SERIES)])
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

    @Slot(str, QPointF, QPointF)
    def _on_series_hover(self, name: str, position: QPointF, value: QPointF) -> None:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        moment = datetime.fromtimestamp(value.x() / 1000.0).date()
        text = f"{name}: {value.y():.0f} on {moment.day} {MONTHS[moment.month - 1]}"
        QToolTip.showText(QCursor.pos(), plain_tooltip(text), self._view)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
