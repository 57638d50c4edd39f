"""The History table: one row per attempt, fetched a page at a time as the view scrolls.

A `QAbstractTableModel` over a plain list (vorta's pattern): `set_rows()` replaces the
rows, column indexes are named constants, and it is tested without a window. The rows
beyond the first page are asked for through `fetch_more` (`canFetchMore`/`fetchMore`),
so opening the page with 100k attempts holds one page of Python objects, not 100k.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pm_prep.domain.insights import format_duration
from pm_prep.services.history import HistoryRow, SortKey

DATE, SKILL, QUESTION, SCORE, TIME, KIND = range(6)
HEADERS = ("Date", "Skill", "Question", "Score", "Time", "Kind")
# What each column sorts by in the service (the order is worked out in SQL, page by page).
SORT_BY: dict[int, SortKey] = {
    DATE: "date",
    SKILL: "skill",
    QUESTION: "question",
    SCORE: "score",
    TIME: "time",
    KIND: "kind",
}
ATTEMPT_ID_ROLE = int(Qt.ItemDataRole.UserRole)
QUESTION_ID_ROLE = ATTEMPT_ID_ROLE + 1
# Roles as plain ints: `data()` runs for every visible cell and role on each paint, and
# comparing with the enum members costs more than the rest of the call.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PROMPT_CHARS = 160  # a prompt is cut in the table (the detail shows it whole)

Index = QModelIndex | QPersistentModelIndex
FetchMore = Callable[[HistoryRow], tuple[Sequence[HistoryRow], bool]]


def local_time_text(row: HistoryRow) -> str:
    """The attempt's time on this computer's calendar and clock."""
    return row.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")


def one_line(text: str, limit: int = PROMPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class HistoryTableModel(QAbstractTableModel):
    """Attempts as rows. `sortRequested(column, order)`: the page runs the query again."""

    sortRequested = Signal(int, Qt.SortOrder)

    def __init__(self, skill_names: Mapping[str, str] | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[HistoryRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> its cells, made when first shown
        self._more = False
        self._fetch_more: FetchMore | None = None
        self._skill_names: Mapping[str, str] = dict(skill_names or {})
        self.fetch_count = 0  # how many extra pages were fetched (tests count them)

    # -- filling -----------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[HistoryRow],
        *,
        more: bool = False,
        fetch_more: FetchMore | None = None,
    ) -> None:
        """Show `rows`; with `more`, `fetch_more(last_row)` gives the next page when needed."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = {}
        self._more = more and fetch_more is not None
        self._fetch_more = fetch_more
        self.endResetModel()

    def set_skill_names(self, names: Mapping[str, str]) -> None:
        self._skill_names = dict(names)
        self._texts = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, SKILL), self.index(len(self._rows) - 1, SKILL))

    def clear(self) -> None:
        self.set_rows([])

    @property
    def rows(self) -> list[HistoryRow]:
        return self._rows

    def row_at(self, row: int) -> HistoryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, attempt_id: int) -> int:
        """The row showing `attempt_id`, or -1 if it is not (yet) fetched."""
        for number, item in enumerate(self._rows):
            if item.attempt_id == attempt_id:
                return number
        return -1

    # -- lazy fetching -----------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetch_more is None or not self._rows:
            return
        rows, more = self._fetch_more(self._rows[-1])
        self.fetch_count += 1
        self._more = more
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # -- the table ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Sort by {HEADERS[section].lower()}"
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # Newest, best and longest first; names from A.
            first = section in (DATE, SCORE, TIME)
            return Qt.SortOrder.DescendingOrder if first else Qt.SortOrder.AscendingOrder
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        role = int(role)
        column = index.column()
        if role == _DISPLAY:
            return self._cells(row)[column]
        if role == _ALIGN:
            return _RIGHT if column in (SCORE, TIME) else None
        item = self._rows[row]
        if role == _TOOLTIP:
            return self._tooltip(item, column)
        if role == _ACCESSIBLE:
            return self._cells(row)[column] or "not rated"
        if role == ATTEMPT_ID_ROLE:
            return item.attempt_id
        if role == QUESTION_ID_ROLE:
            return item.question_id
        return None

    def _cells(self, row: int) -> tuple[str, ...]:
        cells = self._texts.get(row)
        if cells is None:
            item = self._rows[row]
            cells = tuple(self._display(item, column) for column in range(len(HEADERS)))
            self._texts[row] = cells
        return cells

    def _display(self, item: HistoryRow, column: int) -> str:
        if column == DATE:
            return local_time_text(item)
        if column == SKILL:
            return self._skill_names.get(item.skill_id, item.skill_id)
        if column == QUESTION:
            return one_line(item.prompt) if item.prompt else item.question_id
        if column == SCORE:
            return "" if item.score is None else f"{item.score:.0f}"
        if column == TIME:
            return format_duration(item.duration_s)
        if column == KIND:
            return "Mock" if item.mock else "Practice"
        return ""

    def _tooltip(self, item: HistoryRow, column: int) -> str | None:
        if column == QUESTION:
            return item.prompt or item.question_id
        if column == SCORE and item.score is None:
            return "Not rated yet: select it and press Rate this answer"
        if column == KIND:
            return "Answered in a mock interview" if item.mock else "Answered in practice"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by the database (pages stay lazy): ask the page to query again."""
        if column in SORT_BY:
            self.sortRequested.emit(column, order)
