"""The practice journey through the real widgets, against a real database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from pm_prep.ui import build_main_window
from tests.gui.drive import child, choose, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier
MIXED = "Retention first 📈🚀 then سلام عليكم and שלום — mixed scripts ✓"


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


def test_whole_practice_journey(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    choose(qtbot, child(page, QComboBox, "skillFilter"), "analytical")
    choose(qtbot, child(page, QComboBox, "trackFilter"), "intern")
    question = page.question
    assert question is not None and question.skill == "analytical"
    assert "intern" in question.tracks
    prompt = child(page, QLabel, "questionPrompt")
    assert prompt.text() == question.prompt
    assert "/" in child(page, QLabel, "timerLabel").text()

    hint = child(page, QPushButton, "hintButton")
    qtbot.mouseClick(hint, Qt.MouseButton.LeftButton)
    hints = child(page, QLabel, "hintsShown")
    assert hints.text() == f"Hint 1: {question.hints[0]}"
    qtbot.mouseClick(hint, Qt.MouseButton.LeftButton)
    assert f"Hint 2: {question.hints[1]}" in hints.text()

    editor = child(page, QPlainTextEdit, "answerEditor")
    submit = child(page, QPushButton, "submitAnswerButton")
    editor.setFocus()
    qtbot.keyClicks(editor, "   ")
    assert not submit.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert query(_db(data_dir), "SELECT COUNT(*) FROM attempts") == [(0,)]

    qtbot.keyClicks(editor, "First I would check logging and segment new users by platform. ")
    editor.insertPlainText(MIXED)  # pasted: emoji and right-to-left text
    expected = editor.toPlainText()
    assert submit.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)

    rows = query(_db(data_dir), "SELECT question_id, answer_text, hints_used, score FROM attempts")
    assert rows == [(question.id, expected, 2, None)]
    assert editor.isReadOnly()
    insights = child(page, QLabel, "answerInsights")
    assert insights.isVisible()
    assert "Talking points covered" in insights.text()
    outline = child(page, QTextBrowser, "sampleOutline")
    assert not outline.isVisible()  # only after rating

    rubric = main_window.ws.catalog.rubric_for(main_window.practice_page.question)
    levels = [4, 2, 5, 3, 1][: len(rubric.criteria)]
    descriptor = child(page, QLabel, "levelDescriptor")
    for criterion, level in zip(rubric.criteria, levels, strict=True):
        control = child(page, QWidget, f"criterion_{criterion.id}")
        control.setFocus()
        qtbot.keyClick(control, getattr(Qt.Key, f"Key_{level}"))
        assert control.value() == level
        assert criterion.descriptor(level) in descriptor.text()
    qtbot.keyClicks(child(page, QLineEdit, "selfNote"), "Quantify the impact next time")
    qtbot.mouseClick(child(page, QPushButton, "saveRatingButton"), Qt.MouseButton.LeftButton)

    expected_score = (sum(levels) / len(levels) - 1) / 4 * 100
    ((attempt_id, score, note),) = query(_db(data_dir), "SELECT id, score, self_note FROM attempts")
    assert abs(score - expected_score) < 1e-9
    assert note == "Quantify the impact next time"
    stored = dict(
        query(
            _db(data_dir),
            "SELECT criterion_id, score FROM criterion_scores WHERE attempt_id = ?",
            attempt_id,
        )
    )
    assert stored == {c.id: lv for c, lv in zip(rubric.criteria, levels, strict=True)}
    assert query(_db(data_dir), "SELECT COUNT(*) FROM review_cards") == [(1,)]
    assert outline.isVisible()
    assert "framework" in outline.toPlainText().lower()
    assert "Saved" in child(page, QLabel, "practiceMessage").text()

    qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
    assert page.question is not None and page.question.id != question.id
    assert page.question.skill == "analytical"
    assert editor.toPlainText() == "" and not editor.isReadOnly()


def test_megabyte_answer_is_stored_exactly(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    editor = child(page, QPlainTextEdit, "answerEditor")
    line = "Segment by cohort, then compare D7 retention 📊 — مرحبا — שלום.\n"
    big = line * (1_100_000 // len(line.encode()) + 1)
    assert len(big.encode()) > 1_000_000
    editor.setFocus()
    editor.setPlainText(big)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    rows = query(_db(data_dir), "SELECT answer_text FROM attempts")
    assert rows == [(big,)]


def test_draft_reaches_disk_and_comes_back(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    page = open_page(qtbot, window, "practicePage")
    question_id = page.question.id
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "Half-written thought about guardrail metrics ")
    editor.insertPlainText("✍️ עברית")
    typed = editor.toPlainText()

    # Within 2 s of the last keystroke, the draft is readable by another connection.
    qtbot.waitUntil(
        lambda: (
            query(_db(data_dir), "SELECT question_id, text FROM drafts") == [(question_id, typed)]
        ),
        timeout=2000,
    )
    window.close()

    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    page2 = open_page(qtbot, again, "practicePage")
    assert page2.question.id == question_id
    assert child(page2, QPlainTextEdit, "answerEditor").toPlainText() == typed
    assert "restored" in child(page2, QLabel, "draftStatus").text().lower()
    again.close()


def test_timer_turns_warning_colour_past_the_limit(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    timer = child(page, QLabel, "timerLabel")
    assert timer.property("overtime") is False
    page._elapsed_before = page.question.time_limit_s + 1  # as if resumed from a long draft
    qtbot.waitUntil(lambda: timer.property("overtime") is True, timeout=2500)
    assert "color" in timer.styleSheet()


def test_next_question_prefers_unseen(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    choose(qtbot, child(page, QComboBox, "skillFilter"), "technical")
    seen = {page.question.id}
    for _ in range(5):
        qtbot.mouseClick(child(page, QPushButton, "nextQuestionButton"), Qt.MouseButton.LeftButton)
        assert page.question.id not in seen
        seen.add(page.question.id)


def test_quit_shortcut_closes_and_releases(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
    # The lock is free again: another window can open the same folder.
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    again.close()
