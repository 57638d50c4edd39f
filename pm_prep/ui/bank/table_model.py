"""The bank's table: one row per question with your progress on it.

A `QAbstractTableModel` over a plain list (vorta's pattern): `set_rows()` replaces the
rows, column indexes are named constants, and it is tested without a window. Every
question is in memory already (the catalog), but the view is handed rows a page at a time
(`canFetchMore`/`fetchMore`), so a filter that matches 2,000 questions costs the view no
more than one that matches 200. Sorting is done here, in Python, over the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from pm_prep.services.question_bank import BankRow
from pm_prep.ui import theme

SKILL, TYPE, DIFFICULTY, TRACKS, PROMPT, ATTEMPTS, LAST_SCORE, NEXT_REVIEW = range(8)
HEADERS = (
    "Skill",
    "Type",
    "Difficulty",
    "Tracks",
    "Question",
    "Attempts",
    "Score",
    "Review",
)
TOOLTIPS = (
    "The skill the question practises",
    "The kind of interview question (its rubric follows the type)",
    "Warm-up, core or stretch",
    "The tracks the question suits",
    "The question as the interviewer asks it",
    "Your attempts: how often you have answered it",
    "Your last score (0-100): the last time you rated an answer to it",
    "Next review: when spaced repetition brings it back",
)
QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole
PAGE_SIZE = 200  # rows handed to the view at a time
PROMPT_CHARS = 200  # a prompt is cut in the table (the detail shows it whole)
HIDDEN_MARK = "Hidden · "

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        QUESTION_ID_ROLE,
    )
)


def one_line(text: str, limit: int = PROMPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def review_text(when: datetime | None, now: datetime) -> str:
    """`due now`, a local date, or nothing before the first rating."""
    if when is None:
        return ""
    if when <= now:
        return "due now"
    return when.astimezone().strftime("%Y-%m-%d")


def _sort_key(column: int) -> Callable[[BankRow], Any]:
    keys: dict[int, Callable[[BankRow], Any]] = {
        SKILL: lambda r: (r.skill_name.casefold(), r.question.prompt.casefold()),
        TYPE: lambda r: (r.question.type_name.casefold(), r.question.prompt.casefold()),
        DIFFICULTY: lambda r: (r.question.difficulty, r.question.prompt.casefold()),
        TRACKS: lambda r: (" ".join(r.question.tracks), r.question.prompt.casefold()),
        PROMPT: lambda r: r.question.prompt.casefold(),
        ATTEMPTS: lambda r: (r.stats.attempts, r.question.prompt.casefold()),
        # Never-rated questions sort after every score, in either direction's meaning.
        LAST_SCORE: lambda r: (r.stats.last_score is None, r.stats.last_score or 0.0),
        NEXT_REVIEW: lambda r: (
            r.stats.next_review is None,
            r.stats.next_review or datetime.max.replace(tzinfo=UTC),
        ),
    }
    return keys[column]


class BankTableModel(QAbstractTableModel):
    """Questions as rows; the whole filtered list is kept, the view fetches it page by page.

    `sortChanged()`: the user sorted by a column; the page puts its rows in that order once
    (`in_order`), so filtering, which keeps the order, never sorts again.
    """

    sortChanged = Signal()

    def __init__(self, track_names: Mapping[str, str] | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[BankRow] = []
        self._shown = 0  # rows handed to the view so far
        self._track_names: Mapping[str, str] = dict(track_names or {})
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._now = datetime.now(UTC)
        # Each row's cells as text, made once (a repaint asks for every visible cell).
        self._texts: dict[int, tuple[BankRow, tuple[str, ...]]] = {}
        self.fetch_count = 0  # extra pages fetched (tests count them)

    # -- filling -------------------------------------------------------------------------------
    def set_rows(
        self, rows: Sequence[BankRow], *, now: datetime | None = None, in_order: bool = False
    ) -> None:
        """Show `rows`, sorted by the chosen column unless `in_order` says they already
        are; the view gets the first page now."""
        self.beginResetModel()
        self._now = now or datetime.now(UTC)
        self._rows = list(rows)
        if self._sort is not None and not in_order:
            self._sort_rows(*self._sort)
        self._shown = min(PAGE_SIZE, len(self._rows))
        if len(self._texts) > 4 * max(len(self._rows), PAGE_SIZE):
            self._texts.clear()
        self.endResetModel()

    def in_order(self, rows: Sequence[BankRow]) -> list[BankRow]:
        """`rows` in the chosen sort order (as they come when none is chosen)."""
        if self._sort is None:
            return list(rows)
        column, order = self._sort
        return sorted(rows, key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    @property
    def rows(self) -> list[BankRow]:
        """Every row the filters let through (fetched by the view or not)."""
        return self._rows

    @property
    def shown(self) -> int:
        return self._shown

    def row_at(self, row: int) -> BankRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def row_of(self, question_id: str) -> int:
        """The row of a question, fetching pages up to it; -1 if the filters hide it."""
        for number, item in enumerate(self._rows):
            if item.question.id == question_id:
                while number >= self._shown:
                    self.fetchMore(QModelIndex())
                return number
        return -1

    # -- lazy fetching ---------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._shown >= len(self._rows):
            return
        first = self._shown
        last = min(len(self._rows), first + PAGE_SIZE) - 1
        self.beginInsertRows(QModelIndex(), first, last)
        self._shown = last + 1
        self.endInsertRows()
        self.fetch_count += 1

    # -- the table -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

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
            return TOOLTIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES or not index.isValid():
            return None  # the view asks for a dozen roles per cell; most say nothing here
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(item)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(item, column) or "none"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ATTEMPTS, LAST_SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and item.stats.hidden:
            return theme.pick(theme.MUTED_TEXT)
        if role == Qt.ItemDataRole.FontRole and item.stats.hidden:
            font = QFont()
            font.setItalic(True)
            return font
        if role == QUESTION_ID_ROLE:
            return item.question.id
        return None

    def _cells(self, item: BankRow) -> tuple[str, ...]:
        kept = self._texts.get(id(item))
        if kept is None or kept[0] is not item:
            kept = self._texts[id(item)] = (
                item,
                tuple(self.display(item, c) for c in range(len(HEADERS))),
            )
        return kept[1]

    def display(self, item: BankRow, column: int) -> str:
        question, stats = item.question, item.stats
        if column == SKILL:
            return item.skill_name
        if column == TYPE:
            return question.type_name
        if column == DIFFICULTY:
            return question.difficulty_name
        if column == TRACKS:
            return self.tracks_text(question.tracks)
        if column == PROMPT:
            return (HIDDEN_MARK if stats.hidden else "") + one_line(question.prompt)
        if column == ATTEMPTS:
            return str(stats.attempts)
        if column == LAST_SCORE:
            return "" if stats.last_score is None else f"{stats.last_score:.0f}"
        if column == NEXT_REVIEW:
            return review_text(stats.next_review, self._now)
        return ""

    def tracks_text(self, tracks: Sequence[str]) -> str:
        """`Both`, or the one track's short name (`PM`, `Intern`): the column stays narrow."""
        if self._track_names and set(tracks) >= set(self._track_names):
            return "Both"
        return ", ".join(t.upper() if len(t) <= 3 else t.capitalize() for t in tracks)

    def _tooltip(self, item: BankRow, column: int) -> str | None:
        if column == PROMPT:
            from pm_prep.services.catalog import source_label

            hidden = "\nHidden from practice and mock interviews" if item.stats.hidden else ""
            return f"{item.question.prompt}\n\n{source_label(item.stats.source)}{hidden}"
        if column == TRACKS:
            return " & ".join(self._track_names.get(t, t) for t in item.question.tracks)
        if column == LAST_SCORE and item.stats.last_score is None:
            return "Not rated yet"
        if column == NEXT_REVIEW and item.stats.next_review is None:
            return "Scheduled once you rate an answer to it"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole list (not only the rows fetched); the view is reset, and the page
        selects its question again."""
        if not 0 <= column < len(HEADERS):
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._sort_rows(column, order)
        self.endResetModel()
        self.sortChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
