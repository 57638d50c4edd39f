"""Fixtures for driving the dashboard and settings pages through the real main window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QPushButton, QWidget

from tests.gui.drive import child, open_page

CTRL = Qt.KeyboardModifier.ControlModifier
LEVEL_KEYS = {level: getattr(Qt.Key, f"Key_{level}") for level in range(1, 6)}


@pytest.fixture
def practise(qtbot) -> Callable[..., str]:  # type: ignore[no-untyped-def]
    """Answer the question on the Practice page and rate every criterion at `level`.

    Types with the keyboard, submits with Ctrl+Enter, rates with keys 1-5 on each focused
    criterion and clicks Save; returns the question id. `skill` picks the question's skill
    first (through the page's own preselect, as the dashboard does).
    """

    def run(window: QMainWindow, level: int, skill: str | None = None) -> str:
        page = open_page(qtbot, window, "practicePage")
        if skill is not None:
            window.practice_page.preselect(skill, "new")  # type: ignore[attr-defined]
        question = window.practice_page.question  # type: ignore[attr-defined]
        assert question is not None
        editor = child(page, QPlainTextEdit, "answerEditor")
        editor.setFocus()
        qtbot.keyClicks(editor, "First clarify the goal, then pick one metric and segment it.")
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
        rubric = window.ws.catalog.rubric_for(question)  # type: ignore[attr-defined]
        for criterion in rubric.criteria:
            selector = child(page, QWidget, f"criterion_{criterion.id}")
            selector.setFocus()
            qtbot.keyClick(selector, LEVEL_KEYS[level])
            assert selector.value() == level
        qtbot.mouseClick(child(page, QPushButton, "saveRatingButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not child(page, QPushButton, "saveRatingButton").isEnabled())
        return str(question.id)

    return run
