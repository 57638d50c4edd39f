"""The baseline: a bare PySide6 main window that exits right after it is first painted."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class _QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, _ready_and_quit)
        return False


def _ready_and_quit() -> None:
    # The same hook as the app's: the wall-clock time of the first paint, for the benchmark.
    target = os.environ.get("PM_PREP_READY_FILE")
    if target:
        with open(target, "w", encoding="ascii") as handle:
            handle.write(repr(time.time()))
    QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("Hello")
    window.setCentralWidget(label)
    window.resize(1180, 820)
    watcher = _QuitOnPaint()
    label.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
