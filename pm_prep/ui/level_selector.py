"""A 1-5 rating control for one rubric criterion: click a level or press 1-5 while focused.

No tooltip: it would cover the row below. Pointing at a level emits `levelHovered(level)`
(0 when the pointer leaves) so the rubric can show that level's descriptor in its line.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Property, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

LEVELS = (1, 2, 3, 4, 5)
DEFAULT_LEVEL = 3


class LevelSelector(QWidget):
    """Holds an int 1-5, like a spin box: `value()`, `setValue()`, `valueChanged`."""

    valueChanged = Signal(int)
    focused = Signal()
    levelHovered = Signal(int)

    def __init__(self, criterion_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = DEFAULT_LEVEL
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{criterion_name} rating, 1 to 5")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)  # room for the focus ring round the levels
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for level in LEVELS:
            button = QToolButton(self)
            button.setText(str(level))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(34, 30)
            button.setAccessibleName(f"{criterion_name}: level {level}")
            button.installEventFilter(self)
            self._group.addButton(button, level)
            layout.addWidget(button)
        self._group.idClicked.connect(self._on_level_clicked)
        self._sync_buttons()

    def value(self) -> int:
        return self._value

    @Slot(int)
    def setValue(self, level: int) -> None:
        if level not in LEVELS:
            raise ValueError(f"a level is 1 to 5, not {level}")
        if level == self._value:
            return
        self._value = level
        self._sync_buttons()
        self.valueChanged.emit(level)
        a11y = sys.modules.get("pm_prep.ui.accessibility")  # loaded after the first paint
        if a11y is not None:
            a11y.announce_value(self)

    # A screen reader hears this control as a slider (pm_prep/ui/accessibility.py): its
    # name says what is rated, its value is the level, its description starts with it too
    # (Linux screen readers read no value from a control Python paints).
    def accessible_value(self) -> str:
        return str(self._value)

    def accessible_status(self) -> str:
        return f"Level {self._value} of 5 chosen."

    value_property = Property(int, value, setValue, notify=valueChanged)

    def _sync_buttons(self) -> None:
        button = self._group.button(self._value)
        if button is not None:
            button.setChecked(True)

    @Slot(int)
    def _on_level_clicked(self, level: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setValue(level)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Enter, QEvent.Type.Leave) and isinstance(watched, QToolButton):
            entered = kind == QEvent.Type.Enter
            self.levelHovered.emit(self._group.id(watched) if entered else 0)
        return False

    def _step_to_sibling(self, step: int) -> bool:
        """Up and Down move to the previous or next rating control beside this one."""
        parent = self.parentWidget()
        if parent is None:
            return False
        siblings = [
            w
            for w in parent.findChildren(
                LevelSelector, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if w.isVisible() and w.isEnabled()
        ]
        if self not in siblings:
            return False
        target = siblings.index(self) + step
        if 0 <= target < len(siblings):
            reason = (
                Qt.FocusReason.BacktabFocusReason if step < 0 else Qt.FocusReason.TabFocusReason
            )
            siblings[target].setFocus(reason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._step_to_sibling(
            -1 if key == Qt.Key.Key_Up else 1
        ):
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.setValue(int(key) - int(Qt.Key.Key_0))
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Minus) and self._value > 1:
            self.setValue(self._value - 1)
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus) and self._value < 5:
            self.setValue(self._value + 1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
        self.update()
