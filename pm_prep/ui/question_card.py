"""The question as the interviewer puts it: prompt, hints, the answer timer, and a box to
ask the interviewer a clarifying question before answering (open prompts expect it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pm_prep.ui.page_layout import plain_label

# What an interviewer says when the question was not one they prepared for.
NO_CLARIFICATION = "Your call: make an assumption, say it out loud, and go on."


class QuestionCard(QFrame):
    """`asked(question_text)` when the candidate asks the interviewer something."""

    asked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.meta_label = plain_label(muted=True, wrap=True)
        self.meta_label.setObjectName("questionMeta")
        self.prompt_label = plain_label(wrap=True)
        self.prompt_label.setObjectName("questionPrompt")
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.prompt_label)

        ask_row = QHBoxLayout()
        self.ask_edit = QLineEdit()
        self.ask_edit.setObjectName("askInterviewer")
        self.ask_edit.setAccessibleName("Ask the interviewer a clarifying question")
        self.ask_edit.setPlaceholderText(
            "Ask the interviewer a clarifying question, e.g. “Which users should I focus on?”"
        )
        self.ask_edit.setMaxLength(500)
        self.ask_button = QPushButton("Ask")
        self.ask_button.setObjectName("askButton")
        ask_row.addWidget(self.ask_edit, 1)
        ask_row.addWidget(self.ask_button)
        layout.addLayout(ask_row)
        self.clarifications_label = plain_label(wrap=True)
        self.clarifications_label.setObjectName("clarificationsShown")
        self.clarifications_label.hide()
        layout.addWidget(self.clarifications_label)

        hint_row = QHBoxLayout()
        self.hint_button = QPushButton("Show a hint")
        self.hint_button.setObjectName("hintButton")
        self.hint_button.setToolTip("Reveal the next hint (Ctrl+H). Hints used are recorded.")
        self.timer_label = QLabel("0:00")
        self.timer_label.setObjectName("timerLabel")
        self.timer_label.setAccessibleName("Time spent on this answer")
        self.timer_label.setTextFormat(Qt.TextFormat.PlainText)
        hint_row.addWidget(self.hint_button)
        hint_row.addStretch(1)
        hint_row.addWidget(self.timer_label)
        layout.addLayout(hint_row)
        self.hints_label = plain_label(wrap=True)
        self.hints_label.setObjectName("hintsShown")
        self.hints_label.hide()
        layout.addWidget(self.hints_label)

        self.ask_button.clicked.connect(self._on_ask)
        self.ask_edit.returnPressed.connect(self._on_ask)

    def show_clarifications(self, exchanges: list[tuple[str, str]]) -> None:
        """The questions asked so far and the interviewer's answers."""
        if not exchanges:
            self.clarifications_label.hide()
            self.clarifications_label.setText("")
            return
        self.clarifications_label.setText(
            "\n".join(f"You: {asked}\nInterviewer: {answer}" for asked, answer in exchanges)
        )
        self.clarifications_label.show()

    def set_asking_enabled(self, enabled: bool) -> None:
        self.ask_edit.setEnabled(enabled)
        self.ask_button.setEnabled(enabled)

    @Slot()
    def _on_ask(self) -> None:
        text = self.ask_edit.text().strip()
        if text:
            self.ask_edit.clear()
            self.asked.emit(text)
