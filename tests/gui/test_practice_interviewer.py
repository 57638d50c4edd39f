"""Asking the interviewer before answering, and graded examples after rating."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTextBrowser

from pm_prep.ui.question_card import NO_CLARIFICATION
from tests.gui.drive import child, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_interviewer_answers_clarifying_questions_and_they_are_kept(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    catalog = main_window.ws.catalog
    question = next(q for q in catalog.questions.values() if q.clarifications and q.examples)
    page = open_page(qtbot, main_window, "practicePage")
    assert page.open_question(question.id)
    ask = child(page, QLineEdit, "askInterviewer")
    keyword = question.clarifications[0].keywords[0]
    qtbot.keyClicks(ask, f"Should I think about the {keyword}?")
    qtbot.keyClick(ask, Qt.Key.Key_Return)
    shown = child(page, QLabel, "clarificationsShown")
    assert question.clarifications[0].answer in shown.text()
    qtbot.keyClicks(ask, "Is the office dog friendly?")
    ask.insert(" 🐕")  # pasted: key clicks are ASCII only
    qtbot.mouseClick(child(page, QPushButton, "askButton"), Qt.MouseButton.LeftButton)
    assert NO_CLARIFICATION in shown.text()

    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "Assuming new creators, I would start with their first week.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    (stored,) = query(data_dir / "pm_prep.sqlite3", "SELECT clarifications_json FROM attempts")
    asked = json.loads(stored[0])
    assert [a["asked"] for a in asked] == [
        f"Should I think about the {keyword}?",
        "Is the office dog friendly? 🐕",
    ]
    assert asked[1]["answer"] == NO_CLARIFICATION
    assert not ask.isEnabled()  # the answer is in; no more questions

    qtbot.mouseClick(child(page, QPushButton, "saveRatingButton"), Qt.MouseButton.LeftButton)
    outline = child(page, QTextBrowser, "sampleOutline")
    qtbot.waitUntil(outline.isVisible)
    text = outline.toPlainText()
    assert "Graded example answers" in text
    for example in question.examples:
        assert f"Level {example.level} of 5." in text


def test_asked_questions_survive_with_the_draft(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from pm_prep.ui import build_main_window

    question = next(q for q in main_window.ws.catalog.questions.values() if q.clarifications)
    page = open_page(qtbot, main_window, "practicePage")
    page.open_question(question.id)
    ask = child(page, QLineEdit, "askInterviewer")
    qtbot.keyClicks(ask, "Who are the users?")
    qtbot.keyClick(ask, Qt.Key.Key_Return)
    page.flush()
    main_window.close()
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    try:
        page = open_page(qtbot, again, "practicePage")
        assert page.question is not None and page.question.id == question.id
        assert "You: Who are the users?" in child(page, QLabel, "clarificationsShown").text()
    finally:
        again.close()
