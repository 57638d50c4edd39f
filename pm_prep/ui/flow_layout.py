"""A row of widgets that wraps onto new lines, like text.

A widget that places its children itself rather than a QLayout subclass: a Python
QLayout.itemAt() has to return None past the last item, and PySide 6.12 drops a reference
to None each time Qt asks, until the interpreter aborts on exit.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class FlowBox(QWidget):
    """Children keep their size hints; a full line continues on the next one."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._items: list[QWidget] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, widget: QWidget) -> None:
        widget.setParent(self)
        widget.show()
        self._items.append(widget)
        self.updateGeometry()
        self._arrange(self.width(), apply=True)

    def clear(self) -> None:
        for widget in self._items:
            widget.hide()
            widget.deleteLater()
        self._items = []
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:
        # Ideally everything on one line; heightForWidth says how tall it gets when narrower.
        hints = [w.sizeHint() for w in self._items]
        width = sum(h.width() for h in hints) + self._spacing * max(0, len(hints) - 1)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSizeHint(self) -> QSize:
        hints = [w.sizeHint() for w in self._items]
        return QSize(
            max((h.width() for h in hints), default=0), max((h.height() for h in hints), default=0)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width(), apply=True)

    def _arrange(self, width: int, *, apply: bool) -> int:
        x = y = line_height = 0
        for widget in self._items:
            hint = widget.sizeHint()
            if x + hint.width() > width and line_height > 0:
                x = 0
                y += line_height + self._spacing
                line_height = 0
            if apply:
                widget.setGeometry(QRect(x, y, hint.width(), hint.height()))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height
