"""The home page: how ready you are, per skill, over time, and what to practise next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.readiness import SkillReadiness
from pm_prep.services import stats
from pm_prep.services.readiness import (
    ReadinessReport,
    activity_counts,
    questions_in_track,
    weakest_required_skill,
)
from pm_prep.services.settings import Settings, load_settings
from pm_prep.services.workspace import Workspace
from pm_prep.ui import theme
from pm_prep.ui.activity_heatmap import WEEKS, ActivityHeatmap
from pm_prep.ui.page_layout import page_title, scrolling_body
from pm_prep.ui.progress_chart import ProgressChart
from pm_prep.ui.readiness_text import (
    countdown_text,
    disagreement,
    not_started_text,
    overall_explanation,
    plain_tooltip,
    score_text,
    skill_explanation,
    skill_inputs,
    track_skills,
)

BAND_COLOURS = {
    "not ready": theme.DANGER,
    "getting there": theme.WARNING,
    "interview-ready": theme.ACCENT,
    "strong": theme.SUCCESS,
}

_PAGE_STYLE = """
QLabel#cardTitle { font-size: 15px; font-weight: 600; }
QLabel#interviewCountdown { font-size: 14px; font-weight: 600; }
QLabel#skillDetailTitle { font-size: 13px; font-weight: 600; }
QLabel[role="detailKey"] { color: palette(placeholder-text); font-size: 11px; }
QPushButton#recommendButton, QPushButton#emptyStartButton {
    background: palette(highlight); color: palette(highlighted-text);
    border: none; border-radius: 6px; padding: 8px 18px; font-weight: 600;
}
QPushButton#recommendButton:hover, QPushButton#emptyStartButton:hover { background: %s; }
QPushButton#recommendButton:disabled { background: palette(mid); }
QPushButton#emptySettingsButton {
    background: palette(button); border: 1px solid palette(mid); border-radius: 6px;
    padding: 7px 16px;
}
QPushButton#emptySettingsButton:hover { border-color: palette(highlight); }
QPushButton[role="link"] {
    border: none; background: transparent; color: palette(link); padding: 0; text-align: left;
}
QPushButton[role="link"]:hover { text-decoration: underline; }
QToolButton[role="legend"] { border: none; padding: 2px 6px; border-radius: 4px; }
QToolButton[role="legend"]:!checked { color: palette(placeholder-text); }
QToolButton[role="legend"]:checked { background: transparent; color: palette(text); }
QFrame#skillDetail { background: palette(alternate-base); border-radius: 6px; }
QLabel[role="stepNumber"] {
    background: palette(highlight); color: palette(highlighted-text); border-radius: 13px;
    font-weight: 700;
}
QLabel[role="stepNumber"][done="true"] { background: %s; }
"""


def band_colour(band_name: str) -> QColor:
    return theme.pick(BAND_COLOURS.get(band_name, theme.MUTED_TEXT))


def _plain_label(text: str = "", *, muted: bool = False, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if muted:
        label.setProperty("role", "muted")
    return label


def _card(object_name: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setProperty("role", "card")
    return frame


def _card_title(text: str) -> QLabel:
    label = _plain_label(text)
    label.setObjectName("cardTitle")
    return label


class ReadinessGauge(QWidget):
    """The overall score as a ring: the number in the middle, its band below it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overallReadiness")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(140, 140)
        self._value = 0.0
        self._band = "not ready"
        self._started = False

    def set_value(self, value: float, band_name: str, *, started: bool) -> None:
        self._value, self._band, self._started = value, band_name, started
        self.setAccessibleName(f"Overall readiness {self.text()}")
        self.update()

    def value(self) -> float:
        return self._value

    def band(self) -> str:
        return self._band

    def text(self) -> str:
        """What the gauge shows, e.g. '54/100 getting there'."""
        return f"{score_text(self._value)}/100 {self._band}"

    def sizeHint(self) -> QSize:
        return QSize(140, 140)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QRectF(self.rect()).adjusted(9, 9, -9, -9)
        track = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        track.setAlpha(28)
        pen = QPen(track, 12)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(ring, 0, 360 * 16)
        colour = band_colour(self._band) if self._started else theme.pick(theme.MUTED_TEXT)
        if self._value > 0:
            pen = QPen(colour, 12)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawArc(ring, 90 * 16, -int(self._value / 100 * 360 * 16))
        number = QFont(self.font())
        number.setPixelSize(40)
        number.setWeight(QFont.Weight.DemiBold)
        painter.setFont(number)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        middle = self.height() / 2
        painter.drawText(
            QRectF(0, middle - 40, self.width(), 52),
            int(Qt.AlignmentFlag.AlignCenter),
            score_text(self._value),
        )
        small = QFont(self.font())
        small.setPixelSize(12)
        small.setWeight(QFont.Weight.DemiBold)
        painter.setFont(small)
        painter.setPen(colour)
        painter.drawText(
            QRectF(10, middle + 10, self.width() - 20, 20),
            int(Qt.AlignmentFlag.AlignCenter),
            self._band,
        )
        if self.hasFocus():
            painter.setPen(QPen(theme.pick(theme.ACCENT), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()


class BandScale(QWidget):
    """The four bands as a segmented bar, with a marker where the score sits."""

    BANDS = (
        (0.0, 40.0, "not ready"),
        (40.0, 70.0, "getting there"),
        (70.0, 85.0, "interview-ready"),
        (85.0, 100.0, "strong"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bandScale")
        self.setFixedHeight(34)
        self.setMinimumWidth(120)
        self._value: float | None = None
        self.setToolTip(
            plain_tooltip(
                "Bands: under 40 not ready, 40–69 getting there, 70–84 interview-ready, 85+ strong."
            )
        )

    def set_value(self, value: float | None) -> None:
        self._value = value
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() - 2
        top = 8.0
        for low, high, name in self.BANDS:
            colour = QColor(band_colour(name))
            colour.setAlpha(210)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(1 + width * low / 100, top, width * (high - low) / 100 - 1, 6))
        font = QFont(self.font())
        font.setPixelSize(10)
        painter.setFont(font)
        painter.setPen(theme.pick(theme.MUTED_TEXT))
        for tick in (40, 70, 85):
            x = 1 + width * tick / 100
            painter.drawText(
                QRectF(x - 12, top + 9, 24, 14), int(Qt.AlignmentFlag.AlignCenter), str(tick)
            )
        if self._value is not None:
            x = 1 + width * min(100.0, max(0.0, self._value)) / 100
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawEllipse(QRectF(x - 5, top - 2, 10, 10))
        painter.end()


@dataclass(frozen=True, slots=True)
class SkillRowData:
    skill: str
    name: str
    readiness: SkillReadiness
    colour_index: int
    questions_in_track: int
    explanation: str
    gap: bool


class SkillRow(QWidget):
    """One skill: colour key, name, a bar and the value; hover for the inputs, click to pin."""

    clicked = Signal(str)
    moveRequested = Signal(str, int)

    HEIGHT = 30
    NAME_WIDTH = 156
    VALUE_WIDTH = 76

    def __init__(self, data: SkillRowData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"skillRow_{data.skill}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedHeight(self.HEIGHT)
        self.setMinimumWidth(26 + self.NAME_WIDTH + 6 + 48 + 8 + self.VALUE_WIDTH)
        self._hovered = False
        self.selected = False
        self.data = data
        self.set_data(data)

    def sizeHint(self) -> QSize:
        return QSize(26 + self.NAME_WIDTH + 6 + 100 + 8 + self.VALUE_WIDTH, self.HEIGHT)

    def set_data(self, data: SkillRowData) -> None:
        self.data = data
        self.setToolTip(plain_tooltip(data.explanation))
        self.setAccessibleName(f"{data.name}: {self.value_text()}")
        self.setAccessibleDescription(data.explanation)
        self.update()

    def value_text(self) -> str:
        r = self.data.readiness
        return score_text(r.readiness) if r.started else "not started"

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self.update()

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.clicked.emit(self.data.skill)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.data.skill)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(self.data.skill, -1 if key == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.selected or self._hovered:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(38 if self.selected else 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 5, 5)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.pick(theme.ACCENT), 1))
            painter.drawRoundedRect(rect, 5, 5)
        data = self.data
        r = data.readiness
        mid_y = self.height() / 2
        key = theme.pick(theme.SERIES[data.colour_index % len(theme.SERIES)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(key)
        painter.drawEllipse(QRectF(10, mid_y - 4, 8, 8))
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text_colour)
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        name = metrics.elidedText(data.name, Qt.TextElideMode.ElideRight, self.NAME_WIDTH - 4)
        painter.drawText(
            QRectF(26, 0, self.NAME_WIDTH, self.height()), int(Qt.AlignmentFlag.AlignVCenter), name
        )
        bar_x = 26 + self.NAME_WIDTH + 6
        bar_w = max(48.0, self.width() - bar_x - self.VALUE_WIDTH - 8)
        track = QColor(text_colour)
        track.setAlpha(26)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        bar = QRectF(bar_x, mid_y - 4, bar_w, 8)
        painter.drawRoundedRect(bar, 4, 4)
        if r.started and r.readiness > 0:
            painter.setBrush(band_colour(_band_of(r)))
            painter.drawRoundedRect(
                QRectF(bar_x, mid_y - 4, max(8.0, bar_w * r.readiness / 100), 8), 4, 4
            )
        value_rect = QRectF(self.width() - self.VALUE_WIDTH - 4, 0, self.VALUE_WIDTH, self.height())
        if r.started:
            bold = QFont(font)
            bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(bold)
            painter.setPen(text_colour)
            painter.drawText(
                value_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                self.value_text(),
            )
            if data.gap:
                painter.setPen(theme.pick(theme.WARNING))
                painter.setFont(font)
                painter.drawText(
                    value_rect.adjusted(0, 0, -30, 0),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    "⚠",
                )
        else:
            italic = QFont(font)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(theme.pick(theme.MUTED_TEXT))
            painter.drawText(
                value_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                "not started",
            )
        painter.end()


def _band_of(r: SkillReadiness) -> str:
    from pm_prep.domain.readiness import band

    return band(r.readiness)


class SkillReadinessPanel(QFrame):
    """Every skill of the track with its readiness; the pinned skill's inputs in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skillReadiness")
        self.setProperty("role", "card")
        self.setAccessibleName("Readiness per skill")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(2)
        header = QHBoxLayout()
        header.addWidget(_card_title("Skills"))
        header.addStretch(1)
        hint = _plain_label("Hover or click a skill for its inputs", muted=True)
        header.addWidget(hint)
        left.addLayout(header)
        left.addSpacing(4)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(1)
        left.addLayout(self._rows_layout)
        left.addStretch(1)
        outer.addLayout(left, 0)

        self.detail = QFrame()
        self.detail.setObjectName("skillDetail")
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(14, 12, 14, 12)
        detail_layout.setSpacing(1)
        self.detail_title = _plain_label(wrap=True)
        self.detail_title.setObjectName("skillDetailTitle")
        detail_layout.addWidget(self.detail_title)
        # Name above value: the pane is too narrow for a column of names beside the words.
        self.detail_keys: list[QLabel] = []
        self.detail_values: list[QLabel] = []
        for _ in range(6):
            key = _plain_label()
            key.setProperty("role", "detailKey")
            value = _plain_label(wrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            detail_layout.addSpacing(2)
            detail_layout.addWidget(key)
            detail_layout.addWidget(value)
            self.detail_keys.append(key)
            self.detail_values.append(value)
        self.detail_body = _plain_label(wrap=True)
        self.detail_body.setObjectName("skillDetailBody")
        self.detail_body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_layout.addWidget(self.detail_body)
        self.detail_gap = _plain_label(wrap=True)
        self.detail_gap.setObjectName("skillDisagreement")
        detail_layout.addWidget(self.detail_gap)
        detail_layout.addStretch(1)
        self.detail.setMinimumWidth(210)
        outer.addWidget(self.detail, 1)
        self.rows: dict[str, SkillRow] = {}
        self._selected: str | None = None

    def set_rows(self, rows: list[SkillRowData], preferred: str | None) -> None:
        """Show these skills; keep the pinned one if it is still listed."""
        if [r.skill for r in rows] != list(self.rows):
            while self._rows_layout.count():
                item = self._rows_layout.takeAt(0)
                if item is not None and item.widget() is not None:
                    item.widget().deleteLater()
            self.rows = {}
            for data in rows:
                row = SkillRow(data)
                row.clicked.connect(self.select)
                row.moveRequested.connect(self._on_move)
                self._rows_layout.addWidget(row)
                self.rows[data.skill] = row
        else:
            for data in rows:
                self.rows[data.skill].set_data(data)
        if self._selected not in self.rows:
            self._selected = preferred if preferred in self.rows else next(iter(self.rows), None)
        if self._selected is not None:
            self.select(self._selected)

    def displayed(self) -> dict[str, str]:
        """Skill id -> the value shown ('54' or 'not started')."""
        return {skill: row.value_text() for skill, row in self.rows.items()}

    def selected(self) -> str | None:
        return self._selected

    @Slot(str)
    def select(self, skill: str) -> None:
        """Pin a skill: its inputs are explained in the detail pane."""
        row = self.rows.get(skill)
        if row is None:
            return
        self._selected = skill
        for other in self.rows.values():
            other.set_selected(other is row)
        data = row.data
        r = data.readiness
        value = f"{r.readiness:.0f} · {_band_of(r)}" if r.started else "not started"
        self.detail_title.setText(f"{data.name} · {value}")
        inputs = skill_inputs(r, data.questions_in_track) if r.started else []
        for index, (key, text) in enumerate(zip(self.detail_keys, self.detail_values, strict=True)):
            shown = index < len(inputs)
            key.setVisible(shown)
            text.setVisible(shown)
            if shown:
                key.setText(inputs[index][0])
                text.setText(inputs[index][1])
        self.detail_body.setVisible(not r.started)
        self.detail_body.setText("" if r.started else not_started_text(r, data.questions_in_track))
        gap = disagreement(r)
        self.detail_gap.setVisible(bool(gap))
        self.detail_gap.setText(f"⚠ {gap}" if gap else "")
        self.detail_gap.setStyleSheet(f"color: {theme.pick(theme.WARNING).name()};")

    def _on_move(self, skill: str, step: int) -> None:
        order = list(self.rows)
        index = order.index(skill) + step
        if 0 <= index < len(order):
            target = self.rows[order[index]]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            self.select(order[index])


class EmptyState(QFrame):
    """Three steps for a new user, each marked done as it happens."""

    settingsRequested = Signal()
    startRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardEmptyState")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 22)
        layout.setSpacing(12)
        layout.addWidget(_card_title("Get your first readiness score in three steps"))
        intro = _plain_label(
            "Your dashboard fills in as you practise: readiness per skill, how it changes over "
            "time, and what to practise next. Everything stays on this computer.",
            muted=True,
            wrap=True,
        )
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        self.steps: list[tuple[QLabel, QLabel]] = []
        texts = (
            (
                "Set your interview date and track",
                "In Settings, choose Product intern or Product manager and the date of your "
                "interview, so the dashboard can count down and weigh the right skills.",
            ),
            (
                "Answer a first question",
                "Practice gives you a question with hints and a timer. Write your answer as you "
                "would say it, then submit it (Ctrl+Enter).",
            ),
            (
                "Rate it against the rubric",
                "Score each criterion from 1 to 5 (keys 1–5) and save. Your first score appears "
                "here straight away.",
            ),
        )
        for row, (title, text) in enumerate(texts):
            number = QLabel(str(row + 1))
            number.setProperty("role", "stepNumber")
            number.setFixedSize(26, 26)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = QVBoxLayout()
            box.setSpacing(2)
            heading = _plain_label(title)
            heading.setStyleSheet("font-weight: 600;")
            box.addWidget(heading)
            box.addWidget(_plain_label(text, muted=True, wrap=True))
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(box, row, 1)
            self.steps.append((number, heading))
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        self.settings_button = QPushButton("Open Settings")
        self.settings_button.setObjectName("emptySettingsButton")
        self.start_button = QPushButton("Answer a first question")
        self.start_button.setObjectName("emptyStartButton")
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.settings_button.clicked.connect(self.settingsRequested)
        self.start_button.clicked.connect(self.startRequested)

    def set_progress(self, done: tuple[bool, bool, bool]) -> None:
        for index, ((number, heading), finished) in enumerate(zip(self.steps, done, strict=True)):
            number.setText("✓" if finished else str(index + 1))
            number.setProperty("done", "true" if finished else "false")
            # A dynamic property only restyles after a re-polish.
            number.style().unpolish(number)
            number.style().polish(number)
            heading.setEnabled(not finished)

    def done(self) -> tuple[bool, ...]:
        return tuple(number.property("done") == "true" for number, _ in self.steps)


class DashboardPage(QWidget):
    """Asks the window to open Practice (`practiceRequested(skill, mode)`) or Settings."""

    practiceRequested = Signal(str, str)
    settingsRequested = Signal()

    def __init__(self, ws: Workspace, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._ws = ws
        self._settings = settings
        self._report: ReadinessReport | None = None
        self._recommended: tuple[str, str] | None = None
        self._restyling = False
        self._build()
        self._connect_signals()
        self._apply_style()
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolling_body(self, body_name="dashboardBody")

        header = QHBoxLayout()
        header.addWidget(page_title("Dashboard"))
        header.addSpacing(12)
        self.track_label = _plain_label(muted=True)
        self.track_label.setObjectName("dashboardTrack")
        header.addWidget(self.track_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        # The countdown sits top right, where the eye lands after the title.
        self.countdown = _plain_label()
        self.countdown.setObjectName("interviewCountdown")
        self.set_date_button = QPushButton("Set your interview date")
        self.set_date_button.setObjectName("setInterviewDateButton")
        self.set_date_button.setProperty("role", "link")
        self.set_date_button.setCursor(Qt.CursorShape.PointingHandCursor)
        header.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignBottom)
        header.addSpacing(8)
        header.addWidget(self.set_date_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self._build_overall_card(), 0)
        self.skills = SkillReadinessPanel()
        top.addWidget(self.skills, 1)
        layout.addLayout(top)

        self.empty_state = EmptyState()
        layout.addWidget(self.empty_state)

        bottom = QHBoxLayout()
        bottom.setSpacing(14)
        self.chart = ProgressChart(self._ws, self._settings.track)
        self.chart.setMinimumHeight(300)
        bottom.addWidget(self.chart, 1)
        self.heatmap = ActivityHeatmap()
        self.heatmap.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.heatmap, 0)
        self.history_row = QWidget()
        self.history_row.setLayout(bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        # The chart takes the spare height; with the row hidden the trailing stretch does.
        layout.addWidget(self.history_row, 100)
        layout.addStretch(1)

    def _build_overall_card(self) -> QFrame:
        card = _card("overallCard")
        card.setFixedWidth(328)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(_card_title("Overall readiness"))
        row = QHBoxLayout()
        row.setSpacing(14)
        self.gauge = ReadinessGauge()
        row.addWidget(self.gauge, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.setSpacing(6)
        self.cap_note = _plain_label(muted=True, wrap=True)
        self.cap_note.setObjectName("overallCapNote")
        self.explain_button = QPushButton("How is this worked out?")
        self.explain_button.setObjectName("overallExplainButton")
        self.explain_button.setProperty("role", "link")
        self.explain_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.explain_button.setCheckable(True)
        self.evidence_note = _plain_label(muted=True, wrap=True)
        self.evidence_note.setObjectName("overallEvidence")
        self.band_scale = BandScale()
        facts.addSpacing(8)
        facts.addWidget(self.evidence_note)
        facts.addWidget(self.band_scale)
        facts.addWidget(self.cap_note)
        facts.addStretch(1)
        row.addLayout(facts, 1)
        layout.addLayout(row)
        layout.addWidget(self.explain_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.overall_explanation = _plain_label(muted=True, wrap=True)
        self.overall_explanation.setObjectName("overallExplanation")
        self.overall_explanation.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.overall_explanation.hide()
        layout.addWidget(self.overall_explanation)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: palette(mid);")
        layout.addSpacing(4)
        layout.addWidget(line)
        next_title = _plain_label("Next practice")
        next_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(next_title)
        self.recommend_reason = _plain_label(muted=True, wrap=True)
        self.recommend_reason.setObjectName("recommendReason")
        layout.addWidget(self.recommend_reason)
        self.recommend_button = QPushButton("Practise")
        self.recommend_button.setObjectName("recommendButton")
        self.recommend_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.recommend_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return card

    def _connect_signals(self) -> None:
        self.recommend_button.clicked.connect(self._on_recommend)
        self.gauge.clicked.connect(self._on_gauge_clicked)
        self.explain_button.toggled.connect(self._on_explain_toggled)
        self.set_date_button.clicked.connect(self.settingsRequested)
        self.empty_state.settingsRequested.connect(self.settingsRequested)
        self.empty_state.startRequested.connect(self._on_recommend)

    def _apply_style(self) -> None:
        hover = theme.pick(theme.ACCENT).darker(115 if not theme.is_dark() else 85).name()
        self.setStyleSheet(_PAGE_STYLE % (hover, theme.pick(theme.SUCCESS).name()))

    # -- public --------------------------------------------------------------------------
    @property
    def report(self) -> ReadinessReport | None:
        """The figures on screen, as computed at the last refresh."""
        return self._report

    @property
    def recommendation(self) -> tuple[str, str] | None:
        """(skill id, practice mode) that the recommend button opens, if any."""
        return self._recommended

    @Slot()
    def refresh(self) -> None:
        """Reload settings and every figure; the chart follows after the next paint."""
        self._settings = load_settings(self._ws)
        settings = self._settings
        catalog = self._ws.catalog
        now = datetime.now(UTC)
        summary = stats.summary(self._ws, now=now, track=settings.track)
        report = summary.report
        self._report = report
        today = stats.local_today(now)
        track = catalog.tracks[report.track]
        self.track_label.setText(f"{track.name} track")

        started = any(s.started for s in report.skills.values())
        self.gauge.set_value(report.overall.score, report.overall.band, started=started)
        self.band_scale.set_value(report.overall.score if started else None)
        names = {s: k.name for s, k in catalog.skills.items()}
        explanation = overall_explanation(
            report.overall, report.skills, track.weights, names, track.name
        )
        self.gauge.setToolTip(plain_tooltip(explanation + "\n\nClick for details."))
        self.overall_explanation.setText(explanation)
        self._show_countdown(settings.interview_date, today)
        seen = sum(s.questions_seen for s in report.skills.values())
        self.evidence_note.setText(
            f"{report.attempts:,} rated answer{'s' if report.attempts != 1 else ''} "
            f"on {seen:,} question{'s' if seen != 1 else ''}."
            if report.attempts
            else "No rated answers yet."
        )
        if report.overall.capped_by is not None:
            self.cap_note.setText(
                f"Held back by {names[report.overall.capped_by]}: overall can be at most your "
                "weakest required skill + 25."
            )
            self.cap_note.show()
        else:
            self.cap_note.hide()

        per_track = questions_in_track(self._ws, report.track)
        skills = track_skills(catalog, report.track)
        # Colours follow the catalog order, so a skill keeps its colour when the track changes.
        order = list(catalog.skills)
        rows = [
            SkillRowData(
                skill=s,
                name=names[s],
                readiness=report.skills[s],
                colour_index=order.index(s),
                questions_in_track=per_track.get(s, 0),
                explanation=skill_explanation(names[s], report.skills[s], per_track.get(s, 0)),
                gap=disagreement(report.skills[s]) is not None,
            )
            for s in skills
            if s in report.skills
        ]
        weakest = weakest_required_skill(self._ws, report)
        self.skills.set_rows(rows, weakest)
        self._show_recommendation(weakest, report, names)

        first_day = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
        counts = activity_counts(self._ws, first_day)
        self.heatmap.set_data(counts, today, settings.daily_goal, summary.streaks)

        new_user = report.attempts == 0
        submitted = report.attempts + summary.unrated > 0
        self.empty_state.set_progress(
            (settings.interview_date is not None, submitted, report.attempts > 0)
        )
        self.empty_state.setVisible(new_user)
        self.history_row.setVisible(not new_user)
        self.chart.set_track(report.track)
        self.chart.reload()

    def _show_countdown(self, interview: date | None, today: date) -> None:
        self.countdown.setText(countdown_text(interview, today))
        self.set_date_button.setVisible(interview is None)
        overdue = interview is not None and interview < today
        self.countdown.setStyleSheet(
            f"color: {theme.pick(theme.WARNING).name()};" if overdue else ""
        )

    def _show_recommendation(
        self, weakest: str | None, report: ReadinessReport, names: dict[str, str]
    ) -> None:
        if weakest is None:
            self._recommended = None
            self.recommend_button.setText("Nothing to practise")
            self.recommend_button.setEnabled(False)
            self.recommend_reason.setText("No questions match your track.")
            return
        skill = report.skills.get(weakest)
        name = names[weakest]
        started = skill is not None and skill.started
        self._recommended = (weakest, "weakest" if started else "new")
        self.recommend_button.setEnabled(True)
        self.recommend_button.setText(f"Practise {name}")
        self.recommend_button.setToolTip(plain_tooltip(f"Open Practice on a {name} question"))
        if not started:
            self.recommend_reason.setText(
                f"{name} is a required skill you have not started yet: start there."
            )
        elif report.overall.capped_by == weakest:
            self.recommend_reason.setText(
                f"{name} is your weakest required skill ({skill.readiness:.0f}) and is holding "
                "your overall score back."
            )
        else:
            self.recommend_reason.setText(
                f"{name} is your weakest required skill ({skill.readiness:.0f})."
            )

    # -- slots ---------------------------------------------------------------------------
    @Slot()
    def _on_recommend(self) -> None:
        if self._recommended is not None:
            self.practiceRequested.emit(*self._recommended)

    @Slot()
    def _on_gauge_clicked(self) -> None:
        self.explain_button.toggle()

    @Slot(bool)
    def _on_explain_toggled(self, shown: bool) -> None:
        self.overall_explanation.setVisible(shown)
        self.explain_button.setText("Hide the explanation" if shown else "How is this worked out?")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and hasattr(self, "skills")
            and not self._restyling
        ):
            # Setting the style sheet can itself announce a palette change: do not recurse.
            self._restyling = True
            try:
                self._apply_style()
            finally:
                self._restyling = False
            selected = self.skills.selected()
            if selected is not None:
                self.skills.select(selected)
