"""Practice activity over the last 26 weeks as a calendar heatmap, with the day streaks."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from pm_prep.domain.activity import Streaks, activity_level, heatmap_weeks
from pm_prep.ui import theme
from pm_prep.ui.readiness_text import MONTHS, WEEKDAYS, plain_tooltip, short_date

WEEKS = 26
CELL = 11
GAP = 3
LEFT = 30  # room for the weekday labels
TOP = 18  # room for the month labels
LEGEND_HEIGHT = 22


def day_tooltip(day: date, count: int) -> str:
    """'Tue 3 Nov: 4 attempts'."""
    return f"{short_date(day)}: {count} attempt{'' if count == 1 else 's'}"


class HeatmapGrid(QWidget):
    """The painted calendar: one column per week (Monday at the top), one cell per day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityGrid")
        self._weeks: list[list[tuple[date, int]]] = []
        self._today = date.today()
        self._goal = 1
        self._cache: QPixmap | None = None
        self.setMouseTracking(True)

    def set_data(self, weeks: list[list[tuple[date, int]]], today: date, goal: int) -> None:
        self._weeks, self._today, self._goal = weeks, today, goal
        self._cache = None
        # A chart to a screen reader (pm_prep/ui/accessibility.py), summed up in words.
        self.setAccessibleName("Practice calendar")
        self.setAccessibleDescription(self._summary())
        self.updateGeometry()
        self.update()

    def _summary(self) -> str:
        days = [(d, n) for week in self._weeks for d, n in week]
        active = sum(1 for _, n in days if n)
        total = sum(n for _, n in days)
        return f"{total} attempts on {active} of the last {len(days)} days"

    def sizeHint(self) -> QSize:
        return QSize(LEFT + WEEKS * (CELL + GAP), TOP + 7 * (CELL + GAP) + LEGEND_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def month_labels(self) -> list[tuple[int, int]]:
        """(column, month) of each month label: at the week where a month begins."""
        starts: list[tuple[int, int]] = []
        previous = None
        for column, week in enumerate(self._weeks):
            if week and week[0][0].month != previous:
                starts.append((column, week[0][0].month))
                previous = week[0][0].month
        # A stub of a month at the left edge would crowd the next label: leave it out.
        if len(starts) > 1 and starts[1][0] - starts[0][0] < 3:
            starts.pop(0)
        return starts

    def cell_rect(self, day: date) -> QRect | None:
        """Where a day is drawn, or None if it is outside the grid."""
        for column, week in enumerate(self._weeks):
            for row, (d, _) in enumerate(week):
                if d == day:
                    return QRect(LEFT + column * (CELL + GAP), TOP + row * (CELL + GAP), CELL, CELL)
        return None

    def day_at(self, point: QPoint) -> tuple[date, int] | None:
        column = (point.x() - LEFT) // (CELL + GAP)
        row = (point.y() - TOP) // (CELL + GAP)
        if point.x() < LEFT or point.y() < TOP or not 0 <= column < len(self._weeks):
            return None
        week = self._weeks[column]
        return week[row] if 0 <= row < len(week) else None

    def tooltip_at(self, point: QPoint) -> str | None:
        found = self.day_at(point)
        return None if found is None else day_tooltip(*found)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The calendar changes only with the data or the palette: draw it once into a pixmap,
        # so hovering, scrolling and resizing repaint with a single call.
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache.devicePixelRatio() != ratio:
            cache = QPixmap(self.sizeHint() * ratio)
            cache.setDevicePixelRatio(ratio)
            cache.fill(Qt.GlobalColor.transparent)
            self._paint_calendar(cache)
            self._cache = cache
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.FontChange,
        ):
            self._cache = None
            self.update()

    def _paint_calendar(self, device: QPixmap) -> None:
        painter = QPainter(device)
        painter.setFont(self.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        muted = theme.pick(theme.MUTED_TEXT)
        font = QFont(self.font())
        font.setPixelSize(10)
        painter.setFont(font)
        painter.setPen(muted)
        for row in (0, 2, 4):
            painter.drawText(
                QRect(0, TOP + row * (CELL + GAP) - 2, LEFT - 6, CELL + 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                WEEKDAYS[row],
            )
        painter.setPen(muted)
        for column, month in self.month_labels():
            painter.drawText(
                QRect(LEFT + column * (CELL + GAP), 0, 40, TOP - 4),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                MONTHS[month - 1],
            )
        accent = theme.pick(theme.ACCENT)
        for column, week in enumerate(self._weeks):
            for row, (day, count) in enumerate(week):
                rect = QRect(LEFT + column * (CELL + GAP), TOP + row * (CELL + GAP), CELL, CELL)
                level = activity_level(count, self._goal)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.pick(theme.HEAT[level]))
                painter.drawRoundedRect(rect, 2.5, 2.5)
                if day == self._today:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(accent, 1.5))
                    painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 3, 3)
        # Legend: what the colours mean relative to the daily goal.
        y = TOP + 7 * (CELL + GAP) + 6
        painter.setPen(muted)
        right = LEFT + WEEKS * (CELL + GAP) - GAP
        more_w = painter.fontMetrics().horizontalAdvance("More")
        x = right - more_w
        painter.drawText(
            QRect(x, y - 1, more_w, CELL + 2), int(Qt.AlignmentFlag.AlignVCenter), "More"
        )
        x -= 6 + len(theme.HEAT) * (CELL + GAP)
        for level, pair in enumerate(theme.HEAT):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.pick(pair))
            painter.drawRoundedRect(QRect(x + level * (CELL + GAP), y, CELL, CELL), 2.5, 2.5)
        less_w = painter.fontMetrics().horizontalAdvance("Less")
        painter.setPen(muted)
        painter.drawText(
            QRect(x - less_w - 6, y - 1, less_w, CELL + 2),
            int(Qt.AlignmentFlag.AlignVCenter),
            "Less",
        )
        goal = f"Daily goal: {self._goal}"
        painter.drawText(
            QRect(LEFT, y - 1, 120, CELL + 2), int(Qt.AlignmentFlag.AlignVCenter), goal
        )
        painter.end()


class ActivityHeatmap(QFrame):
    """The activity card: the last 26 weeks, today's progress and the streaks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityHeatmap")
        self.setProperty("role", "card")
        self.setAccessibleName("Practice activity, last 26 weeks")
        self.setStyleSheet(
            "QFrame#activityStat { background: palette(alternate-base); border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        title = QLabel("Activity")
        title.setObjectName("cardTitle")
        layout.addWidget(title)
        self.grid = HeatmapGrid()
        layout.addWidget(self.grid, 0, Qt.AlignmentFlag.AlignLeft)
        streak_row = QHBoxLayout()
        streak_row.setSpacing(24)
        self.current_streak = QLabel()
        self.current_streak.setObjectName("currentStreak")
        self.longest_streak = QLabel()
        self.longest_streak.setObjectName("longestStreak")
        for label in (self.current_streak, self.longest_streak):
            label.setTextFormat(Qt.TextFormat.PlainText)
            streak_row.addWidget(label)
        streak_row.addStretch(1)
        layout.addLayout(streak_row)
        stats_row = QHBoxLayout()
        stats_row.setSpacing(10)
        self.stats: dict[str, QLabel] = {}
        for key, caption in (
            ("week", "this week"),
            ("month", "last 30 days"),
            ("days", "active days"),
        ):
            box = QFrame()
            box.setObjectName("activityStat")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(10, 6, 10, 6)
            inner.setSpacing(0)
            number = QLabel("0")
            number.setObjectName(f"activity_{key}")
            number.setTextFormat(Qt.TextFormat.PlainText)
            number.setStyleSheet("font-size: 18px; font-weight: 600;")
            label = QLabel(caption)
            label.setProperty("role", "muted")
            inner.addWidget(number)
            inner.addWidget(label)
            stats_row.addWidget(box, 1)
            self.stats[key] = number
        layout.addLayout(stats_row)
        self.today_label = QLabel()
        self.today_label.setObjectName("todayProgress")
        self.today_label.setTextFormat(Qt.TextFormat.PlainText)
        self.today_label.setProperty("role", "muted")
        self.today_label.setWordWrap(True)
        layout.addWidget(self.today_label)
        layout.addStretch(1)
        self._streaks = Streaks(0, 0)

    def set_data(
        self, counts: dict[date, int], today: date, daily_goal: int, streaks: Streaks
    ) -> None:
        """Show per-day attempt counts (local days) against the daily goal."""
        self._streaks = streaks
        self.grid.set_data(heatmap_weeks(counts, today, WEEKS), today, daily_goal)
        days = "day" if streaks.current == 1 else "days"
        self.current_streak.setText(
            f"Current streak: {streaks.current} {days}"
            if streaks.current
            else "Current streak: none yet"
        )
        longest = "day" if streaks.longest == 1 else "days"
        self.longest_streak.setText(f"Longest streak: {streaks.longest} {longest}")
        monday = today - timedelta(days=today.weekday())
        month_start = today - timedelta(days=29)
        week = sum(n for d, n in counts.items() if d >= monday)
        month = sum(n for d, n in counts.items() if d >= month_start)
        active = sum(1 for n in counts.values() if n)
        for key, number, spoken in (
            ("week", week, f"{week} attempts this week"),
            ("month", month, f"{month} attempts in the last 30 days"),
            ("days", active, f"{active} active days in the last 26 weeks"),
        ):
            self.stats[key].setText(str(number))
            self.stats[key].setAccessibleName(spoken)  # the number alone says nothing
        self.stats["days"].setToolTip("Days with practice in the last 26 weeks")
        done = counts.get(today, 0)
        if done >= daily_goal:
            self.today_label.setText(
                f"Today: {done} question{'' if done == 1 else 's'}, daily goal of {daily_goal} met."
            )
        elif streaks.current and not done:
            self.today_label.setText(
                f"Today: 0 of {daily_goal} questions. Practise today to keep your streak going."
            )
        else:
            self.today_label.setText(f"Today: {done} of {daily_goal} questions.")
        for label in (self.current_streak, self.longest_streak):
            label.setStyleSheet("font-weight: 600;")

    def streak_text(self) -> str:
        return f"{self.current_streak.text()} · {self.longest_streak.text()}"
