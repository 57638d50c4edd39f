"""The Qt Graphs 2D view both charts draw in: the dashboard's progress chart and the
self-assessment calibration chart.

It looks the same under the software scene graph (the tests, `make screenshots` offscreen)
and OpenGL (a user's desktop). Qt Graphs draws its grid, axis lines and ticks with shader
effects: the software backend skips them, and OpenGL draws them in the theme's defaults,
thick and black, unless the theme's lines are replaced whole (`QGraphsTheme.grid()` and
`axisX()` return copies, so setting their colour changes nothing). So Qt Graphs' own grid,
axis lines and ticks are hidden, the lines are set from the palette anyway, and the grid is
two plain line series in a muted palette colour, drawn like the data on both backends. The
date labels are painted by a widget under the view, at the ticks `date_ticks` chooses for
the width there is; Qt Graphs keeps only the 0-100 labels.

Only Qt Widgets and Qt GUI at import: Qt Quick and Qt Graphs load when a view is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QObject, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from pm_prep.ui import theme
from pm_prep.ui.date_ticks import DateTick, date_ticks

if TYPE_CHECKING:
    from PySide6.QtGraphs import QDateTimeAxis, QGraphsTheme, QValueAxis
    from PySide6.QtQml import QQmlComponent
    from PySide6.QtQuickWidgets import QQuickWidget

LABEL_PX = 11
_X_AXIS_PX = 40  # what GraphsView reserves for the x axis: 25 px of labels, 15 of ticks
GRID_WIDTH = 1.0
_DOT_QML = """
import QtQuick
Rectangle {
    property color pointColor
    width: %(size)s; height: %(size)s; radius: %(radius)s
    color: pointColor
}
"""


def ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


def grid_colour(palette: QPalette) -> QColor:
    """An opaque line colour between the card's background and its text: thin and quiet."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    share = 0.16 if theme.is_dark() else 0.13
    return QColor(
        round(base.red() + (text.red() - base.red()) * share),
        round(base.green() + (text.green() - base.green()) * share),
        round(base.blue() + (text.blue() - base.blue()) * share),
    )


def label_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPixelSize(LABEL_PX)
    return small


def day_moment(day: date) -> datetime:
    """The last moment of a local calendar day: where the charts put that day's point."""
    return datetime.combine(day + timedelta(days=1), time()).astimezone() - timedelta(
        microseconds=1
    )


class DateLabels(QWidget):
    """The date axis's labels, painted under the plot (both backends show the same text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Dates along the chart")
        self._ticks: list[DateTick] = []

    def ticks(self) -> list[DateTick]:
        return list(self._ticks)

    def set_ticks(self, ticks: list[DateTick]) -> None:
        self._ticks = list(ticks)
        self.setAccessibleDescription(", ".join(t.text for t in ticks))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(0, int(QFontMetricsF(label_font(self.font())).height()) + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(label_font(self.font()))
        painter.setPen(theme.pick(theme.MUTED_TEXT))
        for tick in self._ticks:
            painter.drawText(
                QRectF(tick.left, 2, tick.width + 2, self.height() - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                tick.text,
            )
        painter.end()


class GraphsView(QObject):
    """A GraphsView in a QQuickWidget over a date axis and a value axis, with its grid.

    `widget` holds the view and its date labels (`dates`); make the point delegates with
    `dot()`, then `load()` the series, then `set_dates()` and `apply_palette()`.
    """

    def __init__(
        self,
        name: str,
        *,
        y_range: tuple[float, float] = (0.0, 100.0),
        y_step: float = 20.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtQuickWidgets import QQuickWidget

        self.widget = QWidget(parent)
        self.widget.setObjectName(f"{name}Box")
        self.widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        view = QQuickWidget()
        view.setObjectName(name)
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The card decides the chart's size; the view's own hint would only grow the page.
        view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout.addWidget(view, 1)
        self.dates = DateLabels()
        self.dates.setObjectName(f"{name}Dates")
        layout.addWidget(self.dates)
        self.view: QQuickWidget = view
        self.y_range = y_range
        self.y_step = y_step
        self._root: QObject | None = None
        self._first: datetime | None = None
        self._last: datetime | None = None
        self._anchor: datetime | None = None

    def dot(self, size: float) -> QQmlComponent:
        """A round point delegate (Qt Graphs draws square markers), for series given to load."""
        from PySide6.QtCore import QByteArray, QUrl
        from PySide6.QtQml import QQmlComponent

        component = QQmlComponent(self.view.engine(), self.view)
        qml = _DOT_QML % {"size": size, "radius": size / 2}
        component.setData(QByteArray(qml.encode()), QUrl())
        return component

    def load(self, series: Sequence[QObject]) -> None:
        """Show `series`: all the chart will ever draw, in drawing order.

        Adding series to a live GraphsView from Python crashed the interpreter at exit, so a
        chart hides those it does not need. The view's root item owns what it shows.
        """
        from PySide6.QtGraphs import QDateTimeAxis, QGraphsTheme, QLineSeries, QValueAxis

        axis_x = QDateTimeAxis()
        axis_y = QValueAxis()
        axis_y.setRange(*self.y_range)
        axis_y.setTickInterval(self.y_step)
        axis_y.setLabelFormat("%.0f")
        axis_y.setLabelDecimals(0)
        for axis in (axis_x, axis_y):
            axis.setGridVisible(False)
            axis.setSubGridVisible(False)
            axis.setLineVisible(False)
        axis_x.setLabelsVisible(False)
        graph_theme = QGraphsTheme()
        graph_theme.setGridVisible(False)
        # The grid: one polyline along the value lines and one through the date ticks. Each
        # runs back along lines the other draws anyway, so the two together are the grid.
        self._grid_values = QLineSeries()
        self._grid_dates = QLineSeries()
        for line in (self._grid_values, self._grid_dates):
            line.setWidth(GRID_WIDTH)
            line.setHoverable(False)
        self.view.setInitialProperties(
            {
                "axisX": axis_x,
                "axisY": axis_y,
                "theme": graph_theme,
                "seriesList": [self._grid_values, self._grid_dates, *series],
            }
        )
        self.view.loadFromModule("QtGraphs", "GraphsView")
        root = self.view.rootObject()
        if root is None:  # pragma: no cover - only if Qt Graphs is missing from the install
            raise RuntimeError("Qt Graphs is not available: " + str(self.view.errors()))
        for obj in (axis_x, axis_y, graph_theme, self._grid_values, self._grid_dates, *series):
            obj.setParent(root)
        root.setProperty("marginLeft", 8)
        root.setProperty("marginRight", 18)
        root.setProperty("marginTop", 10)
        # Qt Graphs keeps 40 px under the plot for date labels and ticks even when they are
        # hidden; the date labels are drawn under the view instead, so the plot takes that
        # room, leaving enough for the "0" label's lower half.
        root.setProperty("marginBottom", -_X_AXIS_PX + 8)
        # Dots at the plot's edges are drawn whole.
        root.setProperty("clipPlotArea", False)
        root.plotAreaChanged.connect(self._layout_dates)  # type: ignore[attr-defined]
        self.view.installEventFilter(self)
        self._root = root
        self.axis_x: QDateTimeAxis = axis_x
        self.axis_y: QValueAxis = axis_y
        self.theme: QGraphsTheme = graph_theme
        self._values_grid()

    # -- the date axis -------------------------------------------------------------------
    def set_dates(self, first: datetime, last: datetime, anchor: datetime) -> None:
        """Show `first` to `last`; `anchor` (now) is labelled "Today" and the ticks count
        back from it."""
        self._first, self._last, self._anchor = first, last, anchor
        self.axis_x.setMin(QDateTime.fromMSecsSinceEpoch(int(ms(first))))
        self.axis_x.setMax(QDateTime.fromMSecsSinceEpoch(int(ms(last))))
        self._layout_dates()

    def plot_area(self) -> QRectF:
        area = self._root.property("plotArea") if self._root is not None else None
        return area if isinstance(area, QRectF) else QRectF()

    def x_of(self, moment: datetime) -> float:
        """Where `moment` is drawn, in the view's (and the date labels') coordinates."""
        assert self._first is not None and self._last is not None
        area = self.plot_area()
        span = max(1.0, ms(self._last) - ms(self._first))
        return area.x() + (ms(moment) - ms(self._first)) / span * area.width()

    def tick_moment(self, day: date) -> datetime:
        assert self._first is not None and self._last is not None and self._anchor is not None
        if day == self._anchor.astimezone().date():
            return self._anchor
        return min(max(day_moment(day), self._first), self._last)

    @Slot()
    def _layout_dates(self) -> None:
        if self._root is None or self._first is None or self._last is None:
            return
        if self._anchor is None:
            return
        if self.plot_area().width() <= 0:
            return
        metrics = QFontMetricsF(label_font(self.dates.font()))
        ticks = date_ticks(
            self._first.astimezone().date(),
            self._anchor.astimezone().date(),
            lambda day: self.x_of(self.tick_moment(day)),
            (0.0, float(self.view.width())),
            metrics.horizontalAdvance,
        )
        self.dates.set_ticks(ticks)
        low, high = self.y_range
        points: list[QPointF] = []
        for i, tick in enumerate(ticks):
            x = ms(self.tick_moment(tick.day))
            ends = (low, high) if i % 2 == 0 else (high, low)
            points += [QPointF(x, ends[0]), QPointF(x, ends[1])]
        self._grid_dates.replace(points)
        self._values_grid()

    def _values_grid(self) -> None:
        low, high = self.y_range
        left = ms(self._first) if self._first is not None else 0.0
        right = ms(self._last) if self._last is not None else 1.0
        points: list[QPointF] = []
        steps = round((high - low) / self.y_step)
        for i in range(steps + 1):
            y = low + i * self.y_step
            ends = (left, right) if i % 2 == 0 else (right, left)
            points += [QPointF(ends[0], y), QPointF(ends[1], y)]
        # Then both edges whole (the comb's turns there cover every other gap only).
        points += [QPointF(left, high), QPointF(left, low), QPointF(right, low)]
        points += [QPointF(right, high)]
        self._grid_values.replace(points)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize and self._root:
            self._layout_dates()
        return False

    # -- colours -------------------------------------------------------------------------
    def apply_palette(self, palette: QPalette, font: QFont) -> None:
        """Colours and fonts from the app's palette; called again when the theme changes."""
        from PySide6.QtGraphs import QGraphsLine, QGraphsTheme

        if self._root is None:
            return
        dark = theme.is_dark()
        muted = theme.pick(theme.MUTED_TEXT)
        grid = grid_colour(palette)
        gt = self.theme
        gt.setColorScheme(QGraphsTheme.ColorScheme.Dark if dark else QGraphsTheme.ColorScheme.Light)
        gt.setBackgroundVisible(False)
        gt.setPlotAreaBackgroundVisible(False)
        gt.setLabelBackgroundVisible(False)
        gt.setLabelBorderVisible(False)
        gt.setLabelTextColor(muted)
        small = label_font(font)
        gt.setAxisXLabelFont(small)
        gt.setAxisYLabelFont(small)
        gt.setLabelFont(small)
        # Replaced whole: the getters return copies, so setting their colour changes nothing.
        # The grid is hidden, but is thin and muted should it show. The axis lines are drawn
        # by the grid series; Qt Graphs still draws its tick marks under OpenGL (not with the
        # software backend), at its own places, so those are transparent.
        grid_line = QGraphsLine()
        grid_line.setMainColor(grid)
        grid_line.setSubColor(grid)
        grid_line.setMainWidth(GRID_WIDTH)
        grid_line.setSubWidth(GRID_WIDTH)
        grid_line.setLabelTextColor(muted)
        gt.setGrid(grid_line)
        axis_line = QGraphsLine()
        axis_line.setMainColor(QColor(0, 0, 0, 0))
        axis_line.setSubColor(QColor(0, 0, 0, 0))
        axis_line.setMainWidth(GRID_WIDTH)
        axis_line.setSubWidth(GRID_WIDTH)
        axis_line.setLabelTextColor(muted)
        gt.setAxisX(axis_line)
        gt.setAxisY(axis_line)
        for series in (self._grid_values, self._grid_dates):
            series.setColor(grid)
        self.view.setClearColor(palette.color(QPalette.ColorRole.Base))
        self.dates.update()
