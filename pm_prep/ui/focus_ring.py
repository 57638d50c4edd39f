"""One visible focus ring for the whole application, light and dark.

Fusion marks keyboard focus with a one-pixel tint that is easy to miss, and custom-painted
controls (the rubric's level selectors, the dashboard's skill rows and gauge) draw none.
Rather than restyle every kind of control with `:focus` style-sheet rules (which swaps
Fusion's drawing for the style sheet's box model and changes their look), one small
transparent overlay follows the focused widget and draws a 2-pixel accent ring on its edge.
It is a sibling of the focused widget, so it scrolls and clips with it, and it ignores the
mouse. Installed once, after the dashboard's first paint (`install`).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from pm_prep.ui import theme

RING_WIDTH = 2
#: Set this property to False on a widget that should not get the ring (e.g. a page's own
#: scroll area, which would ring the whole page).
NO_RING_PROPERTY = "focusRing"


class FocusRing(QWidget):
    """The ring: drawn over the edge of `target`, re-placed whenever the target moves."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Without this a QSplitter would take the ring in as a new pane.
        self.setAttribute(Qt.WidgetAttribute.WA_NoChildEventsForParent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None
        self.hide()

    @property
    def target(self) -> QWidget | None:
        return self._target

    def follow(self, widget: QWidget | None) -> None:
        """Ring `widget` (or nothing); the ring stays on it while it moves or resizes."""
        widget = _ring_owner(widget)
        if widget is self._target:
            return
        if self._target is not None:
            self._target.removeEventFilter(self)
            self._target.destroyed.disconnect(self._on_target_destroyed)
        self._target = widget
        parent = widget.parentWidget() if widget is not None else None
        if widget is None or parent is None:
            self.hide()
            if self.parentWidget() is not None:
                self.setParent(None)  # never left inside a widget about to be deleted
            return
        widget.installEventFilter(self)
        widget.destroyed.connect(self._on_target_destroyed)
        if self.parentWidget() is not parent:
            self.setParent(parent)
        self._place()

    def _place(self) -> None:
        widget = self._target
        if widget is None or not widget.isVisible():
            self.hide()
            return
        self.setGeometry(widget.geometry())
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ZOrderChange,
        ):
            self._place()
        elif watched is self._target and event.type() == QEvent.Type.ParentChange:
            target, self._target = self._target, None
            self.follow(target)
        return False

    @Slot(QWidget, QWidget)
    def on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.follow(new)

    @Slot()
    def _on_target_destroyed(self) -> None:
        self._target = None
        self.hide()
        self.setParent(None)  # not deleted along with the target's parent

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(theme.pick(theme.ACCENT), RING_WIDTH)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        rect = QRectF(self.rect()).adjusted(half, half, -half, -half)
        painter.drawRoundedRect(rect, 4, 4)
        painter.end()


def _ring_owner(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes round: a spin box or editable combo, not its inner line
    edit; nothing for popups, windows or widgets that opt out."""
    if widget is None or widget.isWindow():
        return None
    if widget.window().windowType() == Qt.WindowType.Popup:
        return None  # a combo's open list: it marks its current entry itself
    parent = widget.parentWidget()
    if isinstance(parent, (QAbstractSpinBox, QComboBox)) and parent.focusProxy() is widget:
        widget = parent
    if widget.property(NO_RING_PROPERTY) is False:
        return None
    return widget


_ring: FocusRing | None = None


def install(app: QApplication) -> FocusRing:
    """Start ringing the focused widget everywhere in `app` (once; later calls return it)."""
    global _ring
    if _ring is None or not shiboken6.isValid(_ring):
        ring = FocusRing()
        app.focusChanged.connect(ring.on_focus_changed)
        _ring = ring
    _ring.follow(app.focusWidget())
    return _ring


def ring() -> FocusRing | None:
    """The installed ring, if any."""
    return _ring
