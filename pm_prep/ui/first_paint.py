"""Run a callback once, right after a widget (or anything inside it) is first painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# Work deferred past the first paint waits this long, so that everything painted in the
# same pass reaches the screen first (and a smoke run that quits on paint skips it).
DEFERRED_WORK_MS = 30


class FirstPaintHook(QObject):
    """Watches paint events application-wide until `widget` first paints, then steps aside.

    Application-wide, because a page covered by opaque children never receives a paint
    event of its own; only its descendants do.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None], *, delay_ms: int = 0) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._delay_ms = delay_ms
        app = QApplication.instance()
        assert app is not None
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._widget or self._widget.isAncestorOf(watched))
        ):
            self._app.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self._callback)  # after this paint, never during
        return False
