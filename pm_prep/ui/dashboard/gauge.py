"""The overall readiness ring and the band scale beneath it."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QLabel, QWidget

from pm_prep.ui import strokes, theme
from pm_prep.ui.first_paint import after_first_paint
from pm_prep.ui.qt_values import ALIGN_CENTER, set_enum
from pm_prep.ui.readiness_text import plain_tooltip, score_text

BAND_COLOURS = {
    "not ready": theme.DANGER,
    "getting there": theme.WARNING,
    "interview-ready": theme.ACCENT,
    "strong": theme.SUCCESS,
}


def band_colour(band_name: str) -> QColor:
    return theme.pick(BAND_COLOURS.get(band_name, theme.MUTED_TEXT))


class ReadinessGauge(QWidget):
    """The overall score as a ring: the number in the middle, its band below it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overallReadiness")
        # Focus and cursor need PySide6's `Qt` namespace: after the first paint (qt_values).
        after_first_paint(self._make_interactive)
        self.setFixedSize(140, 140)
        self._value = 0.0
        self._band = "not ready"
        self._started = False
        self._band_label = QLabel(self)
        self._band_label.setObjectName("overallBand")
        self._band_label.setGeometry(10, 80, 120, 20)
        set_enum(self._band_label, "alignment", ALIGN_CENTER)

    def _make_interactive(self) -> None:
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)

    def set_value(self, value: float, band_name: str, *, started: bool) -> None:
        self._value, self._band, self._started = value, band_name, started
        self._band_label.setText(band_name)
        self._colour_band_label()
        # A screen reader hears the ring as a button (pm_prep/ui/accessibility.py) named
        # with the number and band; its description is the explanation, in plain words.
        self.setAccessibleName(f"Overall readiness {self.text()}")
        self.update()

    def activate(self) -> None:
        """What a click, Enter or Space (or a screen reader's press) does."""
        self.clicked.emit()

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
        if event.button() == QtCore.Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = QtCore.Qt.Key
        if event.key() in (key.Key_Return, key.Key_Enter, key.Key_Space):
            self.activate()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Strokes only, and text in the painter's own pen: no `Qt` enum before the first
        # paint (pm_prep/ui/strokes.py). The band's name is the child label `_band_label`.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QRectF(self.rect()).adjusted(9, 9, -9, -9)
        track = self.palette().color(QPalette.ColorRole.WindowText)  # a copy
        track.setAlpha(28)
        strokes.ring(painter, ring, 12, track)
        if self._value > 0:
            strokes.round_arc(
                painter, ring, 12, min(100.0, self._value) / 100 * 360, self._colour()
            )
        number = QFont(self.font())
        number.setPixelSize(40)
        number.setWeight(QFont.Weight.DemiBold)
        painter.setFont(number)
        middle = self.height() / 2
        painter.drawText(
            QRectF(0, middle - 40, self.width(), 52), ALIGN_CENTER, score_text(self._value)
        )
        if self.hasFocus():
            painter.setPen(QPen(theme.pick(theme.ACCENT), 1, QtCore.Qt.PenStyle.DotLine))
            painter.setBrush(QBrush())
            painter.drawEllipse(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_band_label()  # the band's colour follows a change of theme

    def _colour_band_label(self) -> None:
        self._band_label.setStyleSheet(
            f"color: {self._colour().name()}; font-size: 12px; font-weight: 600;"
        )

    def _colour(self) -> QColor:
        return band_colour(self._band) if self._started else theme.pick(theme.MUTED_TEXT)


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
        self.setAccessibleName("Readiness bands")
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The scale in words, and where the score sits on it."""
        bands = (
            "Under 40 not ready, 40 to 69 getting there, 70 to 84 interview-ready, "
            "85 and up strong."
        )
        if self._value is None:
            return bands
        name = next(n for low, high, n in self.BANDS if self._value < high or high == 100.0)
        return f"{bands} Your score, {score_text(self._value)}, is in {name}."

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() - 2
        top = 8.0
        # Strokes only (pm_prep/ui/strokes.py): the scale is painted in the first frame.
        for low, high, name in self.BANDS:
            colour = band_colour(name)
            colour.setAlpha(210)
            left = 1 + width * low / 100
            strokes.bar(painter, left, left + width * (high - low) / 100 - 1, top + 3, 6, colour)
        font = QFont(self.font())
        font.setPixelSize(10)
        painter.setFont(font)
        painter.setOpacity(0.7)  # the tick numbers in the text colour, muted
        for tick in (40, 70, 85):
            x = 1 + width * tick / 100
            painter.drawText(QRectF(x - 12, top + 9, 24, 14), ALIGN_CENTER, str(tick))
        painter.setOpacity(1.0)
        if self._value is not None:
            x = 1 + width * min(100.0, max(0.0, self._value)) / 100
            centre = QPointF(x, top + 3)
            strokes.disc(painter, centre, 6.5, self.palette().color(QPalette.ColorRole.Base))
            strokes.disc(painter, centre, 5, self.palette().color(QPalette.ColorRole.WindowText))
        painter.end()
