"""The History table model alone, without a window: columns, cells, lazy pages, sorting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from pm_prep.services.history import HistoryRow
from pm_prep.ui.history import table_model
from pm_prep.ui.history.table_model import (
    ATTEMPT_ID_ROLE,
    DATE,
    HEADERS,
    KIND,
    QUESTION,
    SCORE,
    SKILL,
    TIME,
    HistoryTableModel,
)

T0 = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
NAMES = {"analytical": "Analytical", "user_centric": "User-centric"}


def make_row(n: int, *, score: float | None = 62.5, mock: bool = False) -> HistoryRow:
    return HistoryRow(
        attempt_id=n,
        submitted_at=T0 - timedelta(minutes=n),
        skill_id="analytical" if n % 2 else "user_centric",
        question_id=f"q-{n % 7}",
        prompt=f"Why did daily active users drop {n}?\nThink   aloud.",
        score=score,
        duration_s=65 + n,
        mock=mock,
        key=(n,),
    )


class Pages:
    """A stand-in for the database: 1,000 rows handed out 200 at a time."""

    def __init__(self, total: int = 1000, size: int = 200) -> None:
        self.rows = [make_row(n) for n in range(total)]
        self.size = size
        self.calls: list[int] = []

    def first(self) -> tuple[list[HistoryRow], bool]:
        return self.rows[: self.size], len(self.rows) > self.size

    def after(self, last: HistoryRow) -> tuple[Sequence[HistoryRow], bool]:
        self.calls.append(last.attempt_id)
        start = self.rows.index(last) + 1
        chunk = self.rows[start : start + self.size]
        return chunk, start + self.size < len(self.rows)


@pytest.fixture
def model(qapp) -> HistoryTableModel:  # type: ignore[no-untyped-def]
    built = HistoryTableModel(NAMES)
    QAbstractItemModelTester(built, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return built


def cell(model: HistoryTableModel, row: int, column: int, role: int = 0) -> object:
    return model.data(model.index(row, column), role or Qt.ItemDataRole.DisplayRole)


def test_one_row_per_attempt_with_the_columns_of_the_design(model: HistoryTableModel) -> None:
    model.set_rows([make_row(1), make_row(2, score=None, mock=True)])
    assert model.rowCount() == 2 and model.columnCount() == len(HEADERS) == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Date",
        "Skill",
        "Question",
        "Score",
        "Time",
        "Kind",
    ]
    local = (T0 - timedelta(minutes=1)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert cell(model, 0, DATE) == local  # shown in local time
    assert cell(model, 0, SKILL) == "Analytical"
    assert cell(model, 0, QUESTION) == "Why did daily active users drop 1? Think aloud."
    assert cell(model, 0, SCORE) == "62"
    assert cell(model, 0, TIME) == "1:06"
    assert cell(model, 0, KIND) == "Practice"
    assert cell(model, 1, SCORE) == ""  # unrated: blank
    assert cell(model, 1, KIND) == "Mock"
    assert cell(model, 1, DATE, ATTEMPT_ID_ROLE) == 2
    assert "Not rated" in str(cell(model, 1, SCORE, Qt.ItemDataRole.ToolTipRole))
    assert cell(model, 1, SCORE, Qt.ItemDataRole.AccessibleTextRole) == "not rated"


def test_long_prompts_are_cut_in_the_table_and_whole_in_the_tooltip(
    model: HistoryTableModel,
) -> None:
    long = HistoryRow(9, T0, "x", "q", "word " * 100, None, 1, False)
    model.set_rows([long])
    shown = str(cell(model, 0, QUESTION))
    assert len(shown) <= table_model.PROMPT_CHARS and shown.endswith("…")
    assert cell(model, 0, QUESTION, Qt.ItemDataRole.ToolTipRole) == "word " * 100
    assert cell(model, 0, SKILL) == "x"  # a skill no bank names any more keeps its id


def test_only_the_first_page_is_held_until_the_view_asks_for_more(
    model: HistoryTableModel,
) -> None:
    pages = Pages()
    rows, more = pages.first()
    model.set_rows(rows, more=more, fetch_more=pages.after)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    assert pages.calls == [199, 399, 599, 799]
    assert [r.attempt_id for r in model.rows] == list(range(1000))
    assert model.row_of(640) == 640 and model.row_of(5000) == -1


def test_set_rows_starts_again_and_a_last_page_fetches_nothing(
    model: HistoryTableModel,
) -> None:
    pages = Pages(total=150)
    rows, more = pages.first()
    model.set_rows(rows, more=more, fetch_more=pages.after)
    assert model.rowCount() == 150 and not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert pages.calls == []
    model.set_rows([make_row(3)])
    assert model.rowCount() == 1
    model.clear()
    assert model.rowCount() == 0 and model.row_at(0) is None


def test_sorting_asks_for_a_new_query_rather_than_sorting_in_memory(
    qtbot, model: HistoryTableModel
) -> None:  # type: ignore[no-untyped-def]
    model.set_rows([make_row(1), make_row(2)])
    with qtbot.waitSignal(model.sortRequested) as signal:
        model.sort(SCORE, Qt.SortOrder.DescendingOrder)
    assert signal.args == [SCORE, Qt.SortOrder.DescendingOrder]
    assert [r.attempt_id for r in model.rows] == [1, 2]  # untouched until the page refills


def test_skill_names_follow_the_catalog(model: HistoryTableModel) -> None:
    model.set_rows([make_row(1)])
    assert cell(model, 0, SKILL) == "Analytical"
    model.set_skill_names({"analytical": "Analytics"})
    assert cell(model, 0, SKILL) == "Analytics"
