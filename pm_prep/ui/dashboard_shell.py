"""What the dashboard looks like for the few milliseconds before its data is in.

A skeleton in the dashboard's own layout: the window can appear at once, then the real
page (which needs the readiness model, charts and many Qt types) replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pm_prep.ui.page_layout import page_title


class DashboardShell(QWidget):
    """The page title, and empty cards where the dashboard's cards will be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardLoading")
        self.setAccessibleName("Dashboard, loading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.addWidget(page_title("Dashboard"))
        layout.addStretch(1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        width, top = self.width() - 48, 64.0
        # The dashboard's grid: two cards above (1 : 2.1), two below (1.5 : 1).
        for row, (share, height) in enumerate(((0.3, 316.0), (0.6, 424.0))):
            y = top + row * (height + 16) if row == 0 else top + 316.0 + 16
            left_width = (width - 14) * share
            painter.drawRoundedRect(QRectF(24, y, left_width, height), 8, 8)
            painter.drawRoundedRect(
                QRectF(24 + left_width + 14, y, width - left_width - 14, height), 8, 8
            )
