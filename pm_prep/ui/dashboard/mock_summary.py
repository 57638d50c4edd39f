"""The dashboard's mock-interview card: the last loop's result and the trend of loop scores.

On the start-up path (the dashboard is the first page painted), so it imports nothing of
the mock page or its services: it shows `services.mock_trend.MockResult` values only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from pm_prep.services.mock_trend import MockResult
from pm_prep.ui import theme
from pm_prep.ui.page_layout import card, card_title, plain_label


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b")


def last_result_text(result: MockResult) -> str:
    """'Last mock interview, 03 Dec: 62/100 · 3 of 4 rounds answered, 3 rated'."""
    score = f"{result.score:.0f}/100" if result.score is not None else "not rated yet"
    return (
        f"Last mock interview, {_day(result.ended_at)}: {score} · {result.answered} of "
        f"{result.rounds} rounds answered, {result.rated} rated"
    )


def trend_text(results: Sequence[MockResult]) -> str:
    """How the rated loops moved, in words (empty with fewer than two rated loops)."""
    scores = [r.score for r in results if r.score is not None]
    if len(scores) < 2:
        return "Rate two loops to see a trend." if scores else ""
    change = scores[-1] - scores[0]
    direction = "up" if change > 0 else ("down" if change < 0 else "level")
    moved = f" {abs(change):.0f} points" if change else ""
    return f"{len(scores)} rated loops: {direction}{moved} since the first of them."


class MockTrend(QWidget):
    """A small line of loop scores (0-100), oldest to newest; unrated loops leave a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockTrend")
        self._scores: list[float | None] = []
        self.setMinimumSize(180, 56)

    def sizeHint(self) -> QSize:
        return QSize(260, 64)

    def set_scores(self, scores: Sequence[float | None]) -> None:
        self._scores = list(scores)
        shown = ", ".join("not rated" if s is None else f"{s:.0f}" for s in self._scores)
        self.setAccessibleName(f"Mock interview scores, oldest first: {shown}")
        self.setToolTip(f"Loop scores, oldest first: {shown}" if shown else "")
        self.update()

    def scores(self) -> list[float | None]:
        return list(self._scores)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(6, 6, -6, -6)
        grid = QPen(self.palette().color(QPalette.ColorRole.Mid))
        grid.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(grid)
        for level in (0, 50, 100):
            y = rect.bottom() - rect.height() * level / 100
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        count = len(self._scores)
        if not count:
            return
        step = rect.width() / max(1, count - 1)
        colour = theme.pick(theme.ACCENT)
        path = QPainterPath()
        drawing = False
        points = []
        for index, score in enumerate(self._scores):
            if score is None:
                drawing = False
                continue
            x = rect.left() + (step * index if count > 1 else rect.width() / 2)
            y = rect.bottom() - rect.height() * max(0.0, min(100.0, score)) / 100
            point = QPointF(x, y)
            points.append(point)
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
        painter.setBrush(colour)
        for point in points:
            painter.drawEllipse(point, 3.0, 3.0)


class MockSummaryCard(QWidget):
    """Hidden until a mock interview has been finished."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardMockSummary")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame = card("mockSummaryCard")
        outer.addWidget(frame)
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(18)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(card_title("Mock interviews"))
        self.last = plain_label(wrap=True)
        self.last.setObjectName("lastMockResult")
        self.trend_note = plain_label(muted=True, wrap=True)
        self.trend_note.setObjectName("mockTrendNote")
        texts.addWidget(self.last)
        texts.addWidget(self.trend_note)
        texts.addStretch(1)
        layout.addLayout(texts, 1)
        self.trend = MockTrend()
        layout.addWidget(self.trend, 0, Qt.AlignmentFlag.AlignVCenter)
        self._results: tuple[MockResult, ...] = ()
        self.hide()

    @property
    def results(self) -> tuple[MockResult, ...]:
        return self._results

    def set_results(self, results: Sequence[MockResult]) -> None:
        """Show the finished loops (oldest first); hidden when there are none."""
        self._results = tuple(results)
        if not results:
            self.hide()
            return
        self.last.setText(last_result_text(results[-1]))
        self.trend_note.setText(trend_text(results))
        self.trend.set_scores([r.score for r in results])
        self.show()
