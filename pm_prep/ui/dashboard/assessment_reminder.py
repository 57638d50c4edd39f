"""The dashboard's reminder: a skill never self-assessed, or not for two weeks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from pm_prep.services.self_assessment import REMINDER_DAYS, AssessmentDue
from pm_prep.ui.first_paint import after_first_paint
from pm_prep.ui.page_layout import plain_label

_STYLE = """
QFrame#assessmentReminder {
    background: palette(alternate-base); border: 1px solid palette(mid);
    border-left: 4px solid palette(highlight); border-radius: 6px;
}
"""


def _listing(items: Sequence[str], limit: int = 4) -> str:
    """'A, B and C', or 'A, B, C, D and 3 more'."""
    shown = list(items[:limit])
    if len(items) > limit:
        return ", ".join(shown) + f" and {len(items) - limit} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def reminder_text(due: Sequence[AssessmentDue], names: Mapping[str, str], now: datetime) -> str:
    """The reminder in words; empty when nothing is due."""
    if not due:
        return ""
    first = due[0]
    name = names.get(first.skill, first.skill)
    if len(due) == 1:
        days = first.days_since(now)
        if days is None:
            return (
                f"You have not rated yourself on {name} yet. It takes a minute, counts towards "
                "its readiness, and shows how well your view matches your answers."
            )
        return (
            f"Your {name} self-assessment is {days} days old. Take it again: a lot can "
            f"change in {REMINDER_DAYS} days of practice."
        )
    never = [names.get(d.skill, d.skill) for d in due if d.last_taken is None]
    stale = [
        f"{names.get(d.skill, d.skill)} ({d.days_since(now)} days ago)" for d in due if d.last_taken
    ]
    parts = []
    if never:
        parts.append(
            f"{_listing(never)} {'has' if len(never) == 1 else 'have'} never been assessed"
        )
    if stale:
        parts.append(f"{_listing(stale)} {'is' if len(stale) == 1 else 'are'} due again")
    return f"Self-assessment due for {len(due)} skills: " + "; ".join(parts) + "."


class AssessmentReminder(QFrame):
    """Hidden when nothing is due; its button asks to assess the first skill due."""

    assessRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentReminder")
        self.setStyleSheet(_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(12)
        self.text = plain_label(wrap=True)
        self.text.setObjectName("assessmentReminderText")
        layout.addWidget(self.text, 1)
        self.button = QPushButton("Assess")
        self.button.setObjectName("assessmentReminderButton")
        after_first_paint(lambda: self.button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor))
        layout.addWidget(self.button, 0)  # a fixed-height button sits centred by itself
        self.button.clicked.connect(self._on_clicked)
        self._skill: str | None = None
        self.hide()

    @property
    def skill(self) -> str | None:
        """The skill the button opens, if the reminder is shown."""
        return self._skill

    def set_due(
        self,
        due: Sequence[AssessmentDue],
        names: Mapping[str, str],
        now: datetime | None = None,
    ) -> None:
        now = now or datetime.now(UTC)
        self._skill = due[0].skill if due else None
        self.text.setText(reminder_text(due, names, now))
        if self._skill is not None:
            name = names.get(self._skill, self._skill)
            self.button.setText(f"Assess {name}")
            self.button.setAccessibleName(f"Open the self-assessment of {name}")
        self.setVisible(self._skill is not None)

    @Slot()
    def _on_clicked(self) -> None:
        if self._skill is not None:
            self.assessRequested.emit(self._skill)
