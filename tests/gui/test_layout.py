"""Every page at 900x600 and bigger: no sideways scrolling, no clipped text, room used well.

The whole main window is resized (sidebar included), on a demo folder so the pages show
real tables, charts and rubric rows rather than their empty states.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pm_prep.ui import build_main_window
from pm_prep.ui.main_window import MIN_HEIGHT, MIN_WIDTH
from pm_prep.ui.page_layout import READING_WIDTH
from tests.gui.drive import child, copy_of, open_page
from tests.gui.drive import demo_folder as demo_folder_with

SMALL = (900, 600)
LARGE = (1400, 900)
HUGE = (2560, 1440)
CHECKED = (QLabel, QPushButton, QCheckBox, QComboBox)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder_with(tmp_path_factory.mktemp("layout-gui"), attempts=400, days=90, seed=3)


@pytest.fixture
def window(qtbot, demo_folder: Path, data_dir: Path) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    built = build_main_window(copy_of(demo_folder, data_dir))
    qtbot.addWidget(built)
    qtbot.waitExposed(built)

    # Leaving Practice with an unrated answer asks (rate it later); ending a mock loop
    # early or closing during one asks too (yes).
    def answer(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        if title.startswith("Rate your answer"):
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Yes

    with patch.object(QMessageBox, "question", side_effect=answer):
        yield built
        built.close()


def _resize(qtbot, window: QMainWindow, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=2000)
    for _ in range(3):  # layouts settle over a few turns (word-wrapped labels, flow boxes)
        QApplication.processEvents()
        qtbot.wait(10)


def _describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    if isinstance(widget, QComboBox):
        text = widget.currentText()
    names = []
    parent: QWidget | None = widget
    while parent is not None and len(names) < 4:
        if parent.objectName():
            names.append(parent.objectName())
        parent = parent.parentWidget()
    return f"{type(widget).__name__} {text[:40]!r} in {'/'.join(names) or 'an unnamed parent'}"


def layout_problems(window: QMainWindow, page: QWidget) -> list[str]:
    """What a user would see as broken on `page`: sideways scrolling or cut-off text."""
    problems = []
    for area in page.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            problems.append(f"{_describe(area)} scrolls sideways")
    right_edge = window.width()
    for cls in CHECKED:
        for widget in page.findChildren(cls):
            if not widget.isVisible() or widget.width() <= 0:
                continue
            wraps = isinstance(widget, QLabel) and widget.wordWrap()
            needed = widget.minimumSizeHint().width()
            if not wraps and widget.width() < needed:
                problems.append(f"{_describe(widget)} is {widget.width()} px, needs {needed}")
            if wraps and widget.height() < (tall := widget.heightForWidth(widget.width())):
                problems.append(f"{_describe(widget)} is {widget.height()} px tall, needs {tall}")
            right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
            if right > right_edge:
                problems.append(f"{_describe(widget)} ends at x={right}, the window {right_edge}")
            shown = widget.visibleRegion().boundingRect()
            if not shown.isEmpty() and shown.width() < widget.width():
                problems.append(
                    f"{_describe(widget)} shows {shown.width()} of its {widget.width()} px"
                )
    return problems


def check_at(qtbot, window: QMainWindow, page: QWidget, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _resize(qtbot, window, size)
    problems = layout_problems(window, page)
    assert not problems, f"at {size[0]}x{size[1]}:\n" + "\n".join(problems)


def test_the_window_can_be_900_by_600_whichever_page_is_built(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # The page stack is as wide as its widest page: one page too wide makes them all so.
    for name in ("historyPage", "bankPage", "selfAssessmentPage", "mockPage", "settingsPage"):
        open_page(qtbot, window, name)
    _resize(qtbot, window, SMALL)
    assert window.minimumSizeHint().width() <= SMALL[0]
    # ...and no narrower than the width the pages are checked at; the height can give more,
    # as every page scrolls vertically.
    window.resize(600, 400)
    QApplication.processEvents()
    assert (window.width(), window.height()) == (MIN_WIDTH, MIN_HEIGHT)
    assert SMALL[0] == MIN_WIDTH
    assert SMALL[1] >= MIN_HEIGHT


def test_dashboard_large(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    check_at(qtbot, window, open_page(qtbot, window, "dashboardPage"), LARGE)


def test_dashboard_small(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    check_at(qtbot, window, open_page(qtbot, window, "dashboardPage"), SMALL)


def test_practice_question_then_rubric_and_the_editor_grows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "practicePage")
    editor = child(page, QPlainTextEdit, "answerEditor")
    check_at(qtbot, window, page, SMALL)
    for name in ("questionPrompt", "questionMeta", "timerLabel"):
        assert child(page, QLabel, name).isVisible()
    small_height = editor.height()
    check_at(qtbot, window, page, LARGE)
    assert editor.height() > small_height + 150, (small_height, editor.height())
    _resize(qtbot, window, HUGE)
    assert editor.height() > small_height + 300
    assert editor.width() <= READING_WIDTH  # a line of the answer stays readable

    editor.setFocus()
    qtbot.keyClicks(editor, "Clarify the goal, then one metric, segmented by platform.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: child(page, QPushButton, "saveRatingButton").isVisible())
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)


def test_history_with_an_answer_open(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "historyPage")
    table = child(page, QWidget, "historyTable")
    table.selectRow(0)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "attemptDetail").isVisible())
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)


def test_self_assessment(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "selfAssessmentPage")
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)


def test_mock_chooser_loop_and_debrief(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "mockPage")
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)
    qtbot.mouseClick(child(page, QPushButton, "startMockButton"), Qt.MouseButton.LeftButton)
    editor = child(page, QPlainTextEdit, "answerEditor")
    qtbot.waitUntil(editor.isVisible)
    check_at(qtbot, window, page, SMALL)
    small_height = editor.height()
    check_at(qtbot, window, page, LARGE)
    assert editor.height() > small_height + 150
    _resize(qtbot, window, HUGE)
    assert editor.width() <= READING_WIDTH
    editor.setFocus()
    qtbot.keyClicks(editor, "Why this role: the product, the team, the timing.")
    qtbot.mouseClick(child(page, QPushButton, "nextRoundButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(child(page, QPushButton, "endMockButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: child(page, QWidget, "mockDebrief").isVisible())
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)


def test_question_bank_with_a_question_open(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "bankPage")
    child(page, QWidget, "bankTable").selectRow(0)
    qtbot.waitUntil(lambda: child(page, QWidget, "questionDetail").isVisible())
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)


def test_settings(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "settingsPage")
    for size in (SMALL, LARGE):
        check_at(qtbot, window, page, size)
