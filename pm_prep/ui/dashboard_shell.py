"""What the dashboard looks like for the few milliseconds before its data is in.

A skeleton in the dashboard's own layout: the window can appear at once, then the real
page (which needs the readiness model, charts and many Qt types) replaces it. It is built
from styled frames, not painted in Python: a brush or colour passed from Python makes
PySide6 build its whole `Qt` enum namespace (about 14 ms) before the first frame.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from pm_prep.ui.page_layout import page_title


def _empty_card() -> QFrame:
    card = QFrame()
    card.setProperty("role", "card")
    return card


class DashboardShell(QWidget):
    """The page title, and empty cards where the dashboard's cards will be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardLoading")
        self.setAccessibleName("Dashboard, loading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.setSpacing(14)
        layout.addWidget(page_title("Dashboard"))
        # The dashboard's grid: readiness and skills above, progress and activity below.
        for stretches, height in (((3, 7), 316), ((6, 4), 0)):
            row = QHBoxLayout()
            row.setSpacing(14)
            for stretch in stretches:
                card = _empty_card()
                if height:
                    card.setFixedHeight(height)
                row.addWidget(card, stretch)
            layout.addLayout(row, 0 if height else 1)
