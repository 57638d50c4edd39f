"""What a new user sees instead of charts: three steps to a first readiness score."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pm_prep.ui.page_layout import card_title, plain_label


class EmptyState(QFrame):
    """Three steps for a new user, each marked done as it happens."""

    settingsRequested = Signal()
    startRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardEmptyState")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 22)
        layout.setSpacing(12)
        layout.addWidget(card_title("Get your first readiness score in three steps"))
        intro = plain_label(
            "Your dashboard fills in as you practise: readiness per skill, how it changes over "
            "time, and what to practise next. Everything stays on this computer.",
            muted=True,
            wrap=True,
        )
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        self.steps: list[tuple[QLabel, QLabel]] = []
        texts = (
            (
                "Set your interview date and track",
                "In Settings, choose Product intern or Product manager and the date of your "
                "interview, so the dashboard can count down and weigh the right skills.",
            ),
            (
                "Answer a first question",
                "Practice gives you a question with hints and a timer. Write your answer as you "
                "would say it, then submit it (Ctrl+Enter).",
            ),
            (
                "Rate it against the rubric",
                "Score each criterion from 1 to 5 (keys 1–5) and save. Your first score appears "
                "here straight away.",
            ),
        )
        for row, (title, text) in enumerate(texts):
            number = QLabel(str(row + 1))
            number.setProperty("role", "stepNumber")
            number.setFixedSize(26, 26)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = QVBoxLayout()
            box.setSpacing(2)
            heading = plain_label(title)
            heading.setStyleSheet("font-weight: 600;")
            box.addWidget(heading)
            box.addWidget(plain_label(text, muted=True, wrap=True))
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(box, row, 1)
            self.steps.append((number, heading))
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        self.settings_button = QPushButton("Open Settings")
        self.settings_button.setObjectName("emptySettingsButton")
        self.start_button = QPushButton("Answer a first question")
        self.start_button.setObjectName("emptyStartButton")
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.settings_button.clicked.connect(self.settingsRequested)
        self.start_button.clicked.connect(self.startRequested)

    def set_progress(self, done: tuple[bool, bool, bool]) -> None:
        for index, ((number, heading), finished) in enumerate(zip(self.steps, done, strict=True)):
            number.setText("✓" if finished else str(index + 1))
            number.setProperty("done", "true" if finished else "false")
            # A dynamic property only restyles after a re-polish.
            number.style().unpolish(number)
            number.style().polish(number)
            heading.setEnabled(not finished)

    def done(self) -> tuple[bool, ...]:
        return tuple(number.property("done") == "true" for number, _ in self.steps)
