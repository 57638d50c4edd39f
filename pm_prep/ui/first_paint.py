"""Run a callback once, right after a widget (or anything inside it) is first painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# Work deferred past the first paint waits this long, so that everything painted in the
# same pass reaches the screen first (and a smoke run that quits on paint skips it).
DEFERRED_WORK_MS = 30


class FirstPaintHook(QObject):
    """Watches `widget` and the widgets inside it until one of them first paints.

    Only those widgets, never the whole application: an application-wide filter is handed
    every event of every object Qt makes while starting (windows, timers, the platform
    theme), and PySide6 builds a Python class, enums included, for each kind of object it
    is shown: 150 enum classes and about 35 ms on the way to the first paint (measured).
    `widget` must paint something itself or hold a child that does.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None], *, delay_ms: int = 0) -> None:
        super().__init__(widget)
        self._callback = callback
        self._delay_ms = delay_ms
        self._watched = [widget, *widget.findChildren(QWidget)]
        for watched in self._watched:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._watched:
            for each in self._watched:
                each.removeEventFilter(self)
            self._watched = []
            QTimer.singleShot(self._delay_ms, self._callback)  # after this paint, never during
        return False


# Work that needs PySide6's `Qt` namespace (a cursor, a focus policy, a key sequence) but
# not the first frame's look: queued while the first frame is built, run after its paint.
_waiting: list[Callable[[], None]] | None = None


def after_first_paint(work: Callable[[], None]) -> None:
    """Run `work` after the first frame's paint, or now when no first frame is being built.

    Only `run_app`'s first frame defers anything: a page built later, or the window built
    eagerly (`build_main_window`, tests), gets everything at once.
    """
    if _waiting is None:
        work()
    else:
        _waiting.append(work)


def begin_first_frame() -> None:
    """From now until `finish_first_frame`, `after_first_paint` queues its work."""
    global _waiting
    _waiting = []


def finish_first_frame(*, run: bool = True) -> None:
    """Run the queued work in order (or drop it: the frame failed to build); later calls of
    `after_first_paint` run at once."""
    global _waiting
    queued, _waiting = _waiting or [], None
    for work in queued if run else ():
        work()
