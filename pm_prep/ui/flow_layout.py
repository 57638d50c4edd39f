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
    """Children keep their size hints; a full line continues on the next one.

    A child added with `stretch=True` (a search box, say) also takes the width its line
    leaves over, so a row that fits on one line still fills it.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._items: list[QWidget] = []
        self._stretch: set[int] = set()  # ids of the children that take the spare width
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, widget: QWidget, *, stretch: bool = False) -> None:
        widget.setParent(self)
        widget.show()
        self._items.append(widget)
        if stretch:
            self._stretch.add(id(widget))
        self.updateGeometry()
        self._arrange(self.width(), apply=True)

    def clear(self) -> None:
        for widget in self._items:
            widget.hide()
            widget.deleteLater()
        self._items = []
        self._stretch = set()
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:
        # Ideally everything on one line; heightForWidth says how tall it gets when narrower.
        hints = [_hint(w) for w in self._items if not w.isHidden()]
        width = sum(h.width() for h in hints) + self._spacing * max(0, len(hints) - 1)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSizeHint(self) -> QSize:
        hints = [_hint(w) for w in self._items if not w.isHidden()]
        return QSize(
            max((h.width() for h in hints), default=0), max((h.height() for h in hints), default=0)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width(), apply=True)

    def _arrange(self, width: int, *, apply: bool) -> int:
        lines: list[list[tuple[QWidget, QSize]]] = [[]]
        x = 0
        for widget in self._items:
            if widget.isHidden():
                continue
            hint = _hint(widget)
            if x + hint.width() > width and lines[-1]:
                lines.append([])
                x = 0
            lines[-1].append((widget, hint))
            x += hint.width() + self._spacing
        y = 0
        for line in lines:
            line_height = max((hint.height() for _w, hint in line), default=0)
            if apply:
                used = sum(hint.width() for _w, hint in line) + self._spacing * (len(line) - 1)
                stretching = [w for w, _hint_ in line if id(w) in self._stretch]
                spare = max(0, width - used)
                x = 0
                for widget, hint in line:
                    item_width = hint.width()
                    if stretching and id(widget) in self._stretch:
                        item_width = min(
                            widget.maximumWidth(), item_width + spare // len(stretching)
                        )
                    widget.setGeometry(QRect(x, y, item_width, hint.height()))
                    x += item_width + self._spacing
            y += line_height + self._spacing
        return max(0, y - self._spacing)


def _hint(widget: QWidget) -> QSize:
    """The size a child asks for, never under the minimum it was given."""
    return widget.sizeHint().expandedTo(widget.minimumSize())
