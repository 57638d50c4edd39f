"""The bank's table model, tested without a window (vorta's pattern)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt

from pm_prep.domain.content import Framework, Question
from pm_prep.services.question_bank import BankRow, QuestionStats
from pm_prep.ui.bank.table_model import (
    ATTEMPTS,
    HEADERS,
    LAST_SCORE,
    NEXT_REVIEW,
    PAGE_SIZE,
    PROMPT,
    QUESTION_ID_ROLE,
    SKILL,
    TRACKS,
    BankTableModel,
    review_text,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TRACKS_ = {"intern": "Product intern", "pm": "Product manager"}


def row(n: int, **stats: object) -> BankRow:
    question = Question(
        f"q-{n}", "analytical", "metrics", f"Question {n:04d}\nsecond line", 2,
        ("intern", "pm") if n % 2 else ("pm",), (), 600, (), Framework("", ()), (), "", (),
    )  # fmt: skip
    return BankRow(question, QuestionStats(**stats), "Analytical", question.prompt.casefold())  # type: ignore[arg-type]


def text(model: BankTableModel, r: int, column: int) -> str:
    return model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole)


def test_a_row_shows_skill_prompt_and_your_progress(qapp) -> None:  # type: ignore[no-untyped-def]
    model = BankTableModel(TRACKS_)
    model.set_rows(
        [row(1, attempts=3, last_score=72.4, next_review=NOW + timedelta(days=2)), row(2)],
        now=NOW,
    )
    assert model.columnCount() == len(HEADERS) == 8
    assert text(model, 0, SKILL) == "Analytical"
    assert text(model, 0, PROMPT) == "Question 0001 second line"  # one line in the table
    assert [text(model, 0, c) for c in (ATTEMPTS, LAST_SCORE)] == ["3", "72"]
    assert text(model, 0, NEXT_REVIEW) == (NOW + timedelta(days=2)).astimezone().strftime(
        "%Y-%m-%d"
    )
    assert [text(model, 1, c) for c in (ATTEMPTS, LAST_SCORE, NEXT_REVIEW)] == ["0", "", ""]
    assert [text(model, r, TRACKS) for r in (0, 1)] == ["Both", "PM"]
    assert model.data(model.index(1, SKILL), QUESTION_ID_ROLE) == "q-2"
    assert "Product intern & Product manager" in model.data(
        model.index(0, TRACKS), Qt.ItemDataRole.ToolTipRole
    )


def test_a_hidden_question_says_so_in_its_row(qapp) -> None:  # type: ignore[no-untyped-def]
    model = BankTableModel(TRACKS_)
    model.set_rows([row(1, hidden=True), row(2)])
    assert text(model, 0, PROMPT).startswith("Hidden · ")
    assert model.data(model.index(0, PROMPT), Qt.ItemDataRole.FontRole).italic()
    assert "Hidden from practice" in model.data(model.index(0, PROMPT), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, PROMPT), Qt.ItemDataRole.FontRole) is None


def test_rows_are_handed_to_the_view_a_page_at_a_time(qapp) -> None:  # type: ignore[no-untyped-def]
    model = BankTableModel(TRACKS_)
    model.set_rows([row(n) for n in range(PAGE_SIZE * 2 + 5)])
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE * 2
    assert model.row_of(f"q-{PAGE_SIZE * 2 + 3}") == PAGE_SIZE * 2 + 3  # fetched to reach it
    assert model.rowCount() == PAGE_SIZE * 2 + 5 and not model.canFetchMore(QModelIndex())
    assert model.row_of("nope") == -1
    assert model.fetch_count == 2


def test_sorting_covers_every_row_not_only_the_fetched_ones(qapp) -> None:  # type: ignore[no-untyped-def]
    model = BankTableModel(TRACKS_)
    rows = [row(n, attempts=n % 7, last_score=None if n % 3 else float(n)) for n in range(450)]
    model.set_rows(rows)
    model.sort(ATTEMPTS, Qt.SortOrder.DescendingOrder)
    assert model.rows[0].stats.attempts == 6 and model.rows[-1].stats.attempts == 0
    model.sort(LAST_SCORE, Qt.SortOrder.AscendingOrder)
    scores = [r.stats.last_score for r in model.rows]
    assert scores[0] == 0.0 and scores[-1] is None  # unrated after every score
    model.set_rows(list(reversed(rows)))  # the sort is kept for new rows
    assert model.rows[0].stats.last_score == 0.0


def test_review_text() -> None:
    assert review_text(None, NOW) == ""
    assert review_text(NOW - timedelta(hours=1), NOW) == "due now"
