"""Past self-assessments of one skill as a table: local date, score, change (newest first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pm_prep.domain.calibration import level_text
from pm_prep.services.self_assessment import AssessmentRecord
from pm_prep.ui.readiness_text import MONTHS, WEEKDAYS

DATE, SCORE, CHANGE = range(3)
HEADERS = {DATE: "Date", SCORE: "Score", CHANGE: "Change"}
# The record of a row, for views and tests.
RECORD_ROLE = Qt.ItemDataRole.UserRole


def local_when(moment: datetime) -> str:
    """'Tue 3 Nov 2026, 14:05' on this computer's clock."""
    local = moment.astimezone()
    return (
        f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} {local.year}, "
        f"{local:%H:%M}"
    )


def change_text(change: float | None) -> str:
    if change is None:
        return ""
    if round(change) == 0:
        return "±0"
    return f"{'+' if change > 0 else '−'}{abs(change):.0f}"


class AssessmentHistoryModel(QAbstractTableModel):
    """A model over a plain list of records, refilled with `set_rows` (oldest first in)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentRecord] = []
        self._changes: list[float | None] = []

    def set_rows(self, records: Sequence[AssessmentRecord]) -> None:
        """Show these records (given oldest first) newest first, each with its change."""
        ordered = list(records)
        changes: list[float | None] = [None] + [b.score - a.score for a, b in pairwise(ordered)]
        self.beginResetModel()
        self._rows = ordered[::-1]
        self._changes = changes[::-1]
        self.endResetModel()

    def record(self, row: int) -> AssessmentRecord:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return local_when(record.taken_at)
            if column == SCORE:
                return f"{record.score:.0f} ({level_text(record.score)})"
            if column == CHANGE:
                return change_text(self._changes[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != DATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            answered = len(record.levels)
            return (
                f"{record.score:.0f}/100: the mean of {answered} statement levels, mapped so "
                "that 1 is 0 and 5 is 100."
                if answered
                else f"{record.score:.0f}/100"
            )
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None
