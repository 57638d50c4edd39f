"""Per-skill readiness: one clickable row per skill and the detail of the chosen one."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QRectF, QSize, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.readiness import SkillReadiness
from pm_prep.ui import theme
from pm_prep.ui.dashboard.gauge import band_colour
from pm_prep.ui.first_paint import after_first_paint
from pm_prep.ui.page_layout import card_title, plain_label
from pm_prep.ui.qt_values import ALIGN_RIGHT, ALIGN_VCENTER, TEXT_SELECTABLE_BY_MOUSE, set_enum
from pm_prep.ui.readiness_text import (
    disagreement,
    not_started_text,
    plain_tooltip,
    score_text,
    skill_inputs,
)


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
        # Focus and cursor need PySide6's `Qt` namespace: after the first paint (qt_values).
        after_first_paint(self._make_interactive)
        self.setFixedHeight(self.HEIGHT)
        self.setMinimumWidth(26 + self.NAME_WIDTH + 6 + 48 + 8 + self.VALUE_WIDTH)
        self._hovered = False
        self.selected = False
        self.data = data
        self.set_data(data)

    def _make_interactive(self) -> None:
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)

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
        changed = selected != self.selected
        self.selected = selected
        self.update()
        # The accessibility module is loaded after the first paint; until then no screen
        # reader hears this row as a toggle, and importing it here would slow start-up.
        a11y = sys.modules.get("pm_prep.ui.accessibility")
        if changed and a11y is not None:
            a11y.announce_checked(self)

    def activate(self) -> None:
        """What a click, Enter or Space (or a screen reader's press) does: pin this skill."""
        self.clicked.emit(self.data.skill)

    def is_selected(self) -> bool:
        """A screen reader hears the pinned row as a pressed toggle button."""
        return self.selected

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            self.setFocus(QtCore.Qt.FocusReason.MouseFocusReason)
            self.activate()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, keys = event.key(), QtCore.Qt.Key
        if key in (keys.Key_Return, keys.Key_Enter, keys.Key_Space):
            self.activate()
            return
        if key in (keys.Key_Up, keys.Key_Down):
            self.moveRequested.emit(self.data.skill, -1 if key == keys.Key_Up else 1)
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
            painter.fillPath(_rounded(rect, 5), fill)
        if self.hasFocus():
            painter.setBrush(QBrush())
            painter.setPen(QPen(theme.pick(theme.ACCENT), 1))
            painter.drawRoundedRect(rect, 5, 5)
        data = self.data
        r = data.readiness
        mid_y = self.height() / 2
        key = theme.pick(theme.SERIES[data.colour_index % len(theme.SERIES)])
        dot = QPainterPath()
        dot.addEllipse(QRectF(10, mid_y - 4, 8, 8))
        painter.fillPath(dot, key)
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text_colour)
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        name = _elided(metrics, data.name, self.NAME_WIDTH - 4)
        painter.drawText(QRectF(26, 0, self.NAME_WIDTH, self.height()), ALIGN_VCENTER, name)
        bar_x = 26 + self.NAME_WIDTH + 6
        bar_w = max(48.0, self.width() - bar_x - self.VALUE_WIDTH - 8)
        track = QColor(text_colour)
        track.setAlpha(26)
        painter.fillPath(_rounded(QRectF(bar_x, mid_y - 4, bar_w, 8), 4), track)
        if r.started and r.readiness > 0:
            filled = QRectF(bar_x, mid_y - 4, max(8.0, bar_w * r.readiness / 100), 8)
            painter.fillPath(_rounded(filled, 4), band_colour(_band_of(r)))
        value_rect = QRectF(self.width() - self.VALUE_WIDTH - 4, 0, self.VALUE_WIDTH, self.height())
        if r.started:
            bold = QFont(font)
            bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(bold)
            painter.setPen(text_colour)
            painter.drawText(
                value_rect,
                ALIGN_RIGHT | ALIGN_VCENTER,
                self.value_text(),
            )
            if data.gap:
                painter.setPen(theme.pick(theme.WARNING))
                painter.setFont(font)
                painter.drawText(
                    value_rect.adjusted(0, 0, -30, 0),
                    ALIGN_RIGHT | ALIGN_VCENTER,
                    "⚠",
                )
        else:
            italic = QFont(font)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(theme.pick(theme.MUTED_TEXT))
            painter.drawText(
                value_rect,
                ALIGN_RIGHT | ALIGN_VCENTER,
                "not started",
            )
        painter.end()


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def _elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """`text` cut to `width` pixels with an ellipsis (QFontMetrics.elidedText takes a `Qt`
    enum, which the first frame avoids: see qt_values)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    while text and metrics.horizontalAdvance(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


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
        header.addWidget(card_title("Skills"))
        header.addStretch(1)
        hint = plain_label("Hover or click a skill for its inputs", muted=True)
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
        self.detail_title = plain_label(wrap=True)
        self.detail_title.setObjectName("skillDetailTitle")
        detail_layout.addWidget(self.detail_title)
        # Name above value: the pane is too narrow for a column of names beside the words.
        self.detail_keys: list[QLabel] = []
        self.detail_values: list[QLabel] = []
        for _ in range(6):
            key = plain_label()
            key.setProperty("role", "detailKey")
            value = plain_label(wrap=True)
            set_enum(value, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
            detail_layout.addSpacing(2)
            detail_layout.addWidget(key)
            detail_layout.addWidget(value)
            self.detail_keys.append(key)
            self.detail_values.append(value)
        self.detail_body = plain_label(wrap=True)
        self.detail_body.setObjectName("skillDetailBody")
        set_enum(self.detail_body, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        detail_layout.addWidget(self.detail_body)
        self.detail_gap = plain_label(wrap=True)
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
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
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
            target.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
            self.select(order[index])
