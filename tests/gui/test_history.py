"""The History page through the real widgets, against a demo folder of thousands of attempts
plus answers typed in the test: search as you type (emoji, right-to-left), rate later (the
dashboard follows), compare, export, lazy paging, sorting and a restore."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from pm_prep.services.changes import Changes
from pm_prep.ui import build_main_window
from pm_prep.ui.history.table_model import SCORE
from tests.gui.drive import child, choose, copy_of, open_page, query
from tests.gui.drive import demo_folder as demo_folder_with

CTRL = Qt.KeyboardModifier.ControlModifier
DEMO_ATTEMPTS = 3000
EMOJI_ANSWER = "Growth first 📈🚀 then"
HEBREW = "שלום עולם"
ARABIC = "سلام عليكم"


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a few thousand demo attempts, made once for this module."""
    return demo_folder_with(
        tmp_path_factory.mktemp("history-gui"), attempts=DEMO_ATTEMPTS, days=120, seed=7
    )


@pytest.fixture
def window(qtbot, demo_folder: Path, data_dir: Path) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    built = build_main_window(copy_of(demo_folder, data_dir))
    qtbot.addWidget(built)
    qtbot.waitExposed(built)
    # Leaving Practice with an unrated answer asks; these tests answer "rate it later".
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
        yield built
        built.close()


def answer(qtbot, window, text: str, *, question_id: str | None = None, level: int = 0) -> int:  # type: ignore[no-untyped-def]
    """Type an answer on the Practice page and submit it; rate it at `level` if given.

    Plain letters are typed key by key; emoji and right-to-left text are pasted (as a user
    would enter them). Returns the attempt id.
    """
    page = open_page(qtbot, window, "practicePage")
    if question_id is not None:
        assert window.practice_page.open_question(question_id)
    elif window.practice_page.attempt_id is not None:  # already answered: the next one
        qtbot.mouseClick(child(page, QPushButton, "nextQuestionButton"), Qt.MouseButton.LeftButton)
    assert window.practice_page.attempt_id is None
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    ascii_part = "".join(ch for ch in text if ord(ch) < 128)
    if ascii_part == text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClicks(editor, "Typed: ")
        editor.insertPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    attempt_id = window.practice_page.attempt_id
    assert attempt_id is not None
    if level:
        question = window.practice_page.question
        for criterion in window.ws.catalog.rubric_for(question).criteria:
            control = child(page, QWidget, f"criterion_{criterion.id}")
            control.setFocus()
            qtbot.keyClick(control, getattr(Qt.Key, f"Key_{level}"))
        save = child(page, QPushButton, "saveRatingButton")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not save.isEnabled())
    return int(attempt_id)


def history_page(qtbot, window) -> QWidget:  # type: ignore[no-untyped-def]
    return open_page(qtbot, window, "historyPage")


def search_for(qtbot, page: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type (or paste, for emoji and right-to-left text) into the search box and wait."""
    box = child(page, QLineEdit, "historySearch")
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        box.insert(text)
    wanted = page._current_query()
    qtbot.waitUntil(lambda: page.query == wanted, timeout=3000)  # after the pause


def shown_ids(page: QWidget) -> list[int]:
    return [row.attempt_id for row in page.model.rows]


def click_row(qtbot, table: QTableView, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center()
    )
    laid_out(qtbot, table.window().findChild(QWidget, "attemptDetail"))


def laid_out(qtbot, detail: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Wait for the detail's layout to catch up with its new content, as a user would."""
    body = detail.widget()
    qtbot.waitUntil(lambda: body.height() >= body.minimumSizeHint().height())


# -- finding ---------------------------------------------------------------------------------
def test_emoji_and_right_to_left_answers_are_found_as_you_type(
    qtbot, window, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    emoji = answer(qtbot, window, EMOJI_ANSWER)
    hebrew = answer(qtbot, window, f"{HEBREW} and the funnel")
    arabic = answer(qtbot, window, f"{ARABIC} zebracorn")
    page = history_page(qtbot, window)
    table = child(page, QTableView, "historyTable")
    count = child(page, QLabel, "historyCount")
    assert count.text() == f"{DEMO_ATTEMPTS + 3:,} answers"
    assert table.model().rowCount() == 200  # one page, not thousands of rows

    search_for(qtbot, page, "📈")
    assert shown_ids(page) == [emoji]
    assert count.text() == "1 answer"
    search_for(qtbot, page, "של")  # the first letters of a Hebrew word, as typed
    assert shown_ids(page) == [hebrew]
    search_for(qtbot, page, ARABIC.split()[0])
    assert shown_ids(page) == [arabic]
    search_for(qtbot, page, "zebrac")  # a prefix: results follow the typing
    assert shown_ids(page) == [arabic]
    search_for(qtbot, page, 'NOT "( * zebra')  # FTS syntax is just text, never an error
    assert child(page, QLabel, "historyCount").text() == "No answers match"
    assert child(page, QLabel, "historyEmpty").isVisible()

    search_for(qtbot, page, "📈")
    click_row(qtbot, table, 0)
    detail = child(page, QWidget, "attemptDetail")
    stored = query(_db(data_dir), "SELECT answer_text FROM attempts WHERE id = ?", emoji)[0][0]
    assert child(detail, QPlainTextEdit, "attemptAnswer").toPlainText() == stored
    assert "not rated yet" in child(detail, QLabel, "attemptMeta").text()
    assert "Talking points covered" in child(detail, QLabel, "attemptInsights").text()
    prompt = child(detail, QLabel, "attemptPrompt").text()
    question_id = query(_db(data_dir), "SELECT question_id FROM attempts WHERE id = ?", emoji)
    assert prompt == window.ws.catalog.questions[question_id[0][0]].prompt


def test_typing_runs_one_search_per_pause_not_one_per_key(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_prep.services import history

    page = history_page(qtbot, window)
    calls: list[str] = []
    real = history.search

    def counted(conn, query, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(query.text)
        return real(conn, query, **kwargs)

    monkeypatch.setattr(history, "search", counted)
    box = child(page, QLineEdit, "historySearch")
    box.setFocus()
    qtbot.keyClicks(box, "retention")
    assert calls == []  # nothing while the keys come
    qtbot.waitUntil(lambda: calls == ["retention"], timeout=2000)
    qtbot.wait(300)
    assert calls == ["retention"]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: at once
    assert calls == ["retention", "retention"]


def test_skill_rated_and_date_filters_match_the_database(qtbot, window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = history_page(qtbot, window)
    choose(qtbot, child(page, QComboBox, "historySkillFilter"), "analytical")
    (analytical,) = query(
        _db(data_dir), "SELECT COUNT(*) FROM attempts WHERE skill_id = 'analytical'"
    )[0]
    assert page.count == analytical
    assert {r.skill_id for r in page.model.rows} == {"analytical"}
    choose(qtbot, child(page, QComboBox, "historyDateFilter"), "7")
    assert 0 < page.count < analytical
    choose(qtbot, child(page, QComboBox, "historyRatedFilter"), "unrated")
    assert page.count == 0 and child(page, QLabel, "historyCount").text() == "No answers match"
    qtbot.mouseClick(child(page, QPushButton, "historyClearFilters"), Qt.MouseButton.LeftButton)
    assert page.count == DEMO_ATTEMPTS


def test_the_table_fetches_the_next_page_as_it_scrolls_and_sorts_by_a_header(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = history_page(qtbot, window)
    table = child(page, QTableView, "historyTable")
    dates = [r.submitted_at for r in page.model.rows]
    assert dates == sorted(dates, reverse=True)  # newest first
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.model().rowCount() >= 400)
    assert len(set(shown_ids(page))) == len(shown_ids(page))  # no row twice

    header = table.horizontalHeader()
    middle = QPoint(header.sectionViewportPosition(SCORE) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    qtbot.waitUntil(lambda: page.query.sort == "score")
    assert page.query.descending  # best first on the first click
    scores = [-1.0 if r.score is None else r.score for r in page.model.rows]
    assert scores == sorted(scores, reverse=True)
    assert table.model().rowCount() == 200  # a new order starts again from one page
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    qtbot.waitUntil(lambda: not page.query.descending)
    scores = [-1.0 if r.score is None else r.score for r in page.model.rows]
    assert scores == sorted(scores)


# -- rate later ------------------------------------------------------------------------------
def test_rate_later_saves_the_rating_and_the_dashboard_shows_it(  # type: ignore[no-untyped-def]
    qtbot, window, data_dir: Path
) -> None:
    dashboard = window.dashboard_page
    before = dashboard.report.attempts
    attempt = answer(qtbot, window, "Clarify the goal, then segment by platform and cohort")
    page = history_page(qtbot, window)  # leaving Practice: "rate it later"
    choose(qtbot, child(page, QComboBox, "historyRatedFilter"), "unrated")
    assert shown_ids(page) == [attempt]
    table = child(page, QTableView, "historyTable")
    click_row(qtbot, table, 0)
    detail = child(page, QWidget, "attemptDetail")
    rate = child(detail, QPushButton, "rateAttemptButton")
    assert rate.isVisible() and rate.isEnabled()
    qtbot.mouseClick(rate, Qt.MouseButton.LeftButton)
    laid_out(qtbot, detail)

    question = window.ws.catalog.questions[
        query(_db(data_dir), "SELECT question_id FROM attempts WHERE id = ?", attempt)[0][0]
    ]
    rubric = window.ws.catalog.rubric_for(question)
    for criterion in rubric.criteria:
        control = child(detail, QWidget, f"criterion_{criterion.id}")
        control.setFocus()
        qtbot.keyClick(control, Qt.Key.Key_4)
        assert control.value() == 4
        assert criterion.descriptor(4) in child(detail, QLabel, "levelDescriptor").text()
    qtbot.keyClicks(child(detail, QLineEdit, "attemptSelfNote"), "name the guardrail")
    qtbot.mouseClick(
        child(detail, QPushButton, "saveAttemptRatingButton"), Qt.MouseButton.LeftButton
    )

    rows = query(_db(data_dir), "SELECT score, self_note FROM attempts WHERE id = ?", attempt)
    assert rows == [(75.0, "name the guardrail")]
    levels = query(
        _db(data_dir), "SELECT COUNT(*) FROM criterion_scores WHERE attempt_id = ?", attempt
    )
    assert levels == [(len(rubric.criteria),)]
    assert "Saved. Score 75/100." in child(detail, QLabel, "historyMessage").text()
    # Rated now: gone from "not rated", still shown in full with its criterion scores.
    assert shown_ids(page) == [] and page.current_attempt_id == attempt
    ratings = child(detail, QLabel, "attemptRatings").text()
    assert all(c.name in ratings for c in rubric.criteria)
    assert "score 75/100" in child(detail, QLabel, "attemptMeta").text()
    assert not rate.isVisible()

    assert dashboard.stale  # hidden: it catches up when shown
    open_page(qtbot, window, "dashboardPage")
    assert dashboard.report.attempts == before + 1
    evidence = child(dashboard, QLabel, "overallEvidence").text()
    assert f"{before + 1:,} rated answers" in evidence


def test_a_refused_rating_keeps_the_form_and_says_why(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    attempt = answer(qtbot, window, "An answer to rate later")
    page = history_page(qtbot, window)
    assert page.open_attempt(attempt, rate=True)
    detail = child(page, QWidget, "attemptDetail")
    with window.ws.db.raw() as conn:  # the attempt vanishes under the form
        conn.execute("DELETE FROM attempts WHERE id = ?", (attempt,))
    qtbot.keyClick(child(detail, QLineEdit, "attemptSelfNote"), Qt.Key.Key_S, CTRL)
    assert "Rating not saved" in child(detail, QLabel, "historyMessage").text()
    assert detail.rating_open


# -- compare ---------------------------------------------------------------------------------
def test_compare_shows_the_word_differences_and_the_change_in_score(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    question = window.ws.catalog.questions_for("analytical")[0]
    first = answer(
        qtbot,
        window,
        "zebracorn plan: pick one metric <b>bold</b> & segment",
        question_id=question.id,
        level=2,
    )
    second = answer(
        qtbot,
        window,
        "zebracorn plan: pick two metrics <b>bold</b> & segment by cohort",
        question_id=question.id,
        level=4,
    )
    page = history_page(qtbot, window)
    search_for(qtbot, page, "zebracorn")
    assert set(shown_ids(page)) == {first, second}
    table = child(page, QTableView, "historyTable")
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 1, CTRL)
    compare = child(page, QPushButton, "compareButton")
    assert compare.isEnabled()
    qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "attemptCompare")
    assert dialog is not None and dialog.isVisible()
    left = child(dialog, QTextBrowser, "compareLeft")
    right = child(dialog, QTextBrowser, "compareRight")
    assert "<b>bold</b>" in left.toPlainText()  # shown as written, never as HTML
    assert "line-through" in left.toHtml() and "underline" in right.toHtml()
    assert "cohort" in right.toPlainText() and "cohort" not in left.toPlainText()
    summary = child(dialog, QLabel, "compareSummary").text()
    assert "Score: 25 → 75 (+50)" in summary
    assert "Talking points covered:" in summary and "Length:" in summary
    dialog.close()

    # One answer selected: compared with the one before it.
    click_row(qtbot, table, 0)
    assert compare.isEnabled()


# -- export ----------------------------------------------------------------------------------
def test_export_writes_the_rows_shown(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = history_page(qtbot, window)
    choose(qtbot, child(page, QComboBox, "historySkillFilter"), "communication")
    search_for(qtbot, page, "using")
    assert page.count > 200  # more than one page: the export is every row, not the page
    target = tmp_path / "shown.csv"
    with patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "CSV (*.csv)")):
        qtbot.mouseClick(child(page, QPushButton, "historyExportButton"), Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == page.count
    assert {r["skill"] for r in rows} == {"communication"}
    assert [int(r["attempt_id"]) for r in rows[:200]] == shown_ids(page)
    assert f"Exported {page.count:,} answers" in child(page, QLabel, "historyStatus").text()


# -- a restore -------------------------------------------------------------------------------
def test_a_restore_leaves_no_attempt_of_the_old_database(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = history_page(qtbot, window)
    click_row(qtbot, child(page, QTableView, "historyTable"), 0)
    assert page.current_attempt_id is not None
    open_page(qtbot, window, "dashboardPage")
    page.notify(Changes.EVERYTHING)
    assert page.current_attempt_id is None and page.model.rowCount() == 0
    history_page(qtbot, window)
    assert page.model.rowCount() == 200
    assert not child(page, QWidget, "attemptDetail").content.isVisible()


def test_a_one_megabyte_answer_is_found_and_shown_exactly(qtbot, window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from pm_prep.services import practice

    question = window.ws.catalog.questions_for("technical")[0]
    huge = ("Latency budget per hop, then caching 📈 and שלום. " * 21_000)[:1_000_000] + " okapi"
    attempt = practice.submit_answer(
        window.ws, question.id, huge, started_at=datetime.now(UTC), duration_s=60, hints_used=0
    )
    page = history_page(qtbot, window)
    page.reload(Changes.ATTEMPTS)
    search_for(qtbot, page, "okapi")
    assert shown_ids(page) == [attempt]
    click_row(qtbot, child(page, QTableView, "historyTable"), 0)
    shown = child(page, QPlainTextEdit, "attemptAnswer").toPlainText()
    assert shown == huge and len(shown) == 1_000_006
    box = child(page, QLineEdit, "historySearch")
    box.setText("zqxj " * 100_000)  # a pasted page: cut, searched, no error
    page.refresh()
    assert child(page, QLabel, "historyCount").text() == "No answers match"
