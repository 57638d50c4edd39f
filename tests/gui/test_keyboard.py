"""Keyboard only, through the real window: Tab order, focus, page keys and the shortcuts list."""

from __future__ import annotations

from collections.abc import Iterator
from unittest.mock import patch

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QEnterEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from pm_prep.ui import focus_ring, shortcuts, theme
from tests.gui.drive import child, open_page

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DIGITS = [getattr(Qt.Key, f"Key_{n}") for n in range(1, 8)]
LEVEL_KEYS = {level: getattr(Qt.Key, f"Key_{level}") for level in range(1, 6)}
PORTABLE = QKeySequence.SequenceFormat.PortableText


@pytest.fixture(autouse=True)
def _closing_mid_loop_is_answered() -> Iterator[None]:
    """A mock loop left running asks before closing; offscreen nobody would answer."""
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        yield


@pytest.fixture
def window(qtbot, main_window: QMainWindow) -> QMainWindow:  # type: ignore[no-untyped-def]
    """The main window, active: shortcuts and focus need the window to have the keys."""
    main_window.resize(900, 600)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keys"
    return widget


def _press(
    qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(_focus(), key, modifiers)
    return _focus()


def _submit_an_answer(qtbot, window: QMainWindow) -> QWidget:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "practicePage")
    editor = child(page, QPlainTextEdit, "answerEditor")
    assert _focus() is editor  # the page gives the keys to the answer when it is shown
    qtbot.keyClicks(editor, "First clarify the goal, then pick one metric and segment it.")
    assert _press(qtbot, Qt.Key.Key_Tab) is child(page, QPushButton, "submitAnswerButton")
    assert _press(qtbot, Qt.Key.Key_Backtab) is editor
    _press(qtbot, Qt.Key.Key_Return, CTRL)
    return page


def _ring_colour_at(widget: QWidget) -> QColor:
    """The colour drawn on the middle of the widget's top edge, as the user sees it."""
    window = widget.window()
    image = window.grab().toImage()
    point = widget.mapTo(window, QPoint(widget.width() // 2, 0))
    return image.pixelColor(point.x(), point.y() + 1)


def _close(colour: QColor, expected: QColor) -> bool:
    return all(
        abs(a - b) <= 40 for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def test_after_submit_the_keys_rate_criterion_1_tab_moves_on_then_note_and_save(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    page = _submit_an_answer(qtbot, window)
    rubric = window.ws.catalog.rubric_for(window.practice_page.question)
    selectors = [child(page, QWidget, f"criterion_{c.id}") for c in rubric.criteria]
    descriptor = child(page, QLabel, "levelDescriptor")
    area = page.findChild(QScrollArea)
    assert _focus() is selectors[0]
    levels = [4, 2, 5, 1, 3][: len(selectors)]
    for index, (criterion, selector, level) in enumerate(
        zip(rubric.criteria, selectors, levels, strict=True)
    ):
        assert _focus() is selector
        # The focused row is on screen with its ring, and its descriptor is shown.
        ring = focus_ring.ring()
        assert ring is not None and ring.target is selector and ring.isVisible()
        top_left = selector.mapTo(area.viewport(), QPoint(0, 0))
        assert top_left.y() >= 0 and top_left.y() + selector.height() <= area.viewport().height()
        qtbot.keyClick(selector, LEVEL_KEYS[level])
        assert selector.value() == level
        assert descriptor.text().startswith(f"{criterion.name}, level {level}:")
        assert criterion.descriptor(level) in descriptor.text()
        if index + 1 < len(selectors):
            assert _press(qtbot, Qt.Key.Key_Tab) is selectors[index + 1]
    assert [s.value() for s in selectors] == levels
    assert _press(qtbot, Qt.Key.Key_Tab) is child(page, QLineEdit, "selfNote")
    assert _press(qtbot, Qt.Key.Key_Tab) is child(page, QPushButton, "saveRatingButton")
    assert _press(qtbot, Qt.Key.Key_Backtab) is child(page, QLineEdit, "selfNote")
    assert _press(qtbot, Qt.Key.Key_Backtab) is selectors[-1]
    # Up and Down move between the criteria too; Ctrl+S saves from anywhere on the page.
    assert _press(qtbot, Qt.Key.Key_Up) is selectors[-2]
    assert _press(qtbot, Qt.Key.Key_Down) is selectors[-1]
    _press(qtbot, Qt.Key.Key_S, CTRL)
    assert not child(page, QPushButton, "saveRatingButton").isEnabled()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_focused_control_has_a_visible_ring(qtbot, window, mode: str) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, mode)
    page = _submit_an_answer(qtbot, window)
    accent = QColor(theme.ACCENT[1] if mode == "dark" else theme.ACCENT[0])
    first = _focus()
    assert first.objectName().startswith("criterion_")
    qtbot.waitUntil(lambda: _close(_ring_colour_at(first), accent))
    second = _press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _close(_ring_colour_at(second), accent))
    assert not _close(_ring_colour_at(first), accent)  # the ring moved with the focus
    note = child(page, QLineEdit, "selfNote")
    while _focus() is not note:
        _press(qtbot, Qt.Key.Key_Tab)  # the page scrolls to the focused control
    qtbot.waitUntil(lambda: _close(_ring_colour_at(note), accent))


def _walk(qtbot, window: QMainWindow, scope: QWidget, presses: int = 45) -> list[str]:  # type: ignore[no-untyped-def]
    """Tab `presses` times then Shift+Tab as often; focus stays inside `scope` throughout."""
    navigation = window.findChild(QListWidget, "navigation")
    seen: list[str] = []
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        for _ in range(presses):
            focus = _press(qtbot, key)
            assert focus is not navigation, f"Tab reached the page list from {scope.objectName()}"
            assert scope.isAncestorOf(focus), (
                f"{focus.objectName()} is outside {scope.objectName()}"
            )
            assert focus.isVisible()
            seen.append(focus.objectName())
    return seen


def _open_by_key(qtbot, window: QMainWindow, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    row = window.pages.names.index(name)
    _press(qtbot, DIGITS[row], CTRL)
    assert window.pages.current_name() == name
    page = window.pages.currentWidget()
    assert page.isAncestorOf(_focus())  # the keys are in the page at once
    return page


def test_tab_goes_round_each_page_and_never_into_the_page_list(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    navigation = child(window, QListWidget, "navigation")
    assert navigation.focusPolicy() == Qt.FocusPolicy.NoFocus
    for name in window.pages.names:
        page = _open_by_key(qtbot, window, name)
        seen = _walk(qtbot, window, page)
        assert "" not in seen or name == "dashboardPage", f"an unnamed Tab stop on {name}: {seen}"

    # Practice with the rubric showing.
    page = _submit_an_answer(qtbot, window)
    assert {"selfNote", "saveRatingButton"} <= set(_walk(qtbot, window, page))

    # History, rating an answer later.
    _press(qtbot, Qt.Key.Key_N, CTRL)  # leave that answer unrated: it waits in History
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
        page = _open_by_key(qtbot, window, "historyPage")
    assert _focus() is child(page, QLineEdit, "historySearch")
    _press(qtbot, Qt.Key.Key_Down)  # into the list: the one answer, not rated yet
    rate = child(page, QPushButton, "rateAttemptButton")
    qtbot.waitUntil(rate.isVisible)
    qtbot.mouseClick(rate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _focus().objectName().startswith("criterion_"))
    seen = _walk(qtbot, window, page)
    assert {"attemptSelfNote", "saveAttemptRatingButton"} <= set(seen)

    # A mock interview: the loop, then the debrief with its rubric.
    page = _open_by_key(qtbot, window, "mockPage")
    qtbot.mouseClick(child(page, QPushButton, "startMockButton"), Qt.MouseButton.LeftButton)
    editor = child(page, QPlainTextEdit, "answerEditor")
    qtbot.waitUntil(lambda: _focus() is editor)
    assert "nextRoundButton" in _walk(qtbot, window, page)
    editor.setFocus()
    qtbot.keyClicks(editor, "I am a PM who ships.")
    qtbot.mouseClick(child(page, QPushButton, "endMockButton"), Qt.MouseButton.LeftButton)
    debrief = child(page, QWidget, "mockDebrief")
    qtbot.waitUntil(debrief.isVisible)
    assert page.isAncestorOf(_focus()) and _focus().isVisible()
    seen = _walk(qtbot, window, debrief)
    criteria = [n for n in seen if n.startswith("criterion_")]
    assert criteria
    # The criteria come after the answer and before the note and Save.
    order = seen[: seen.index("saveDebriefButton") + 1]
    assert order.index("debriefAnswer") < order.index(criteria[0]) < order.index("debriefNote")


def test_the_question_editor_keeps_tab_in_its_fields(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _open_by_key(qtbot, window, "bankPage")
    _press(qtbot, Qt.Key.Key_N, CTRL)
    editor = page.findChild(QDialog, "questionEditor")
    assert editor is not None
    qtbot.waitUntil(editor.isActiveWindow)
    assert _focus() is child(editor, QPlainTextEdit, "editorPrompt")
    seen = _walk(qtbot, window, editor, presses=20)
    assert "editorSkill" in seen and "cancelQuestionButton" in seen
    assert "" not in seen  # no unnamed stop such as the form's scroll area
    qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_ctrl_digits_open_the_pages_in_navigation_order(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    names = window.pages.names
    assert len(names) == 7
    first = {
        "practicePage": "answerEditor",
        "historyPage": "historySearch",
        "bankPage": "bankSearch",
    }
    for name in [*reversed(names), *names]:
        _open_by_key(qtbot, window, name)
        assert window.navigation.currentRow() == names.index(name)
        if name in first:  # the page's first useful control has the keys
            assert _focus().objectName() == first[name]
    go = [a for a in window.menuBar().actions() if a.text() == "&Go"]
    assert go, "no Go menu"
    entries = [(a.text(), a.shortcut().toString(PORTABLE)) for a in go[0].menu().actions()]
    assert entries == [(window.pages.title(n), f"Ctrl+{i}") for i, n in enumerate(names, start=1)]


def test_ctrl_n_works_right_after_choosing_practice(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "practicePage")  # a click on the page list
    first = window.practice_page.question
    _press(qtbot, Qt.Key.Key_N, CTRL)
    assert window.practice_page.question is not None
    assert window.practice_page.question.id != first.id
    # The same by keyboard alone, from another page.
    _open_by_key(qtbot, window, "dashboardPage")
    _open_by_key(qtbot, window, "practicePage")
    shown = window.practice_page.question
    _press(qtbot, Qt.Key.Key_N, CTRL)
    assert window.practice_page.question.id != shown.id
    assert page.isAncestorOf(_focus())


def test_letters_on_the_page_list_do_not_switch_pages(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    navigation = child(window, QListWidget, "navigation")
    navigation.setFocus()  # as an accessibility tool may do; a click does not take focus
    qtbot.waitUntil(navigation.hasFocus)
    for letters in ("p", "s", "h", "mq", "Q"):
        qtbot.keyClicks(navigation, letters)
        assert window.pages.current_name() == "dashboardPage", letters


def _shortcut_keys(widget: QWidget) -> set[str]:
    return {
        s.key().toString(PORTABLE) for s in widget.findChildren(QShortcut) if not s.key().isEmpty()
    }


def _table(window: QMainWindow) -> dict[str, set[str]]:
    titles = [window.pages.title(n) for n in window.pages.names]
    return {
        place.name: {seq for key in place.keys for seq in key.sequences}
        for place in shortcuts.places(titles)
    }


def test_help_lists_every_shortcut_the_pages_really_have(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = _table(window)
    for name in window.pages.names:
        page = window.show_page(name)
        assert _shortcut_keys(page) == table.get(name, set()), name
    menu_keys = {
        a.shortcut().toString(PORTABLE)
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    assert menu_keys == table["window"]
    assert not _shortcut_keys(window) - {k for n in window.pages.names for k in table.get(n, set())}

    bank = _open_by_key(qtbot, window, "bankPage")
    _press(qtbot, Qt.Key.Key_N, CTRL)
    editor = bank.findChild(QDialog, "questionEditor")
    assert editor is not None
    assert _shortcut_keys(editor) == table["questionEditor"]
    editor.reject()

    window.shortcuts_action.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    text = child(dialog, QTextBrowser, "shortcutsList").toPlainText()
    titles = [window.pages.title(n) for n in window.pages.names]
    position = 0
    for place in shortcuts.places(titles):
        position = text.index(place.title, position)
        for key in place.keys:
            assert key.keys in text[position:] and key.does in text[position:], key
    for n, title in enumerate(titles, start=1):
        assert f"Ctrl+{n}" in text and f"Open {title}" in text
    dialog.close()


def _point_at(qtbot, widget: QWidget, previous: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
    """The pointer moves from `previous` onto `widget`: the leave and enter events a window
    system sends (the offscreen platform under pytest-qt delivers none for a moved cursor)."""
    if previous is not None:
        QApplication.sendEvent(previous, QEvent(QEvent.Type.Leave))
    centre = QPointF(widget.rect().center())
    QApplication.sendEvent(
        widget, QEnterEvent(centre, centre, QPointF(widget.mapToGlobal(centre.toPoint())))
    )
    qtbot.wait(10)


def test_pointing_at_a_level_shows_its_descriptor_and_no_tooltip_covers_the_next_row(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    page = _submit_an_answer(qtbot, window)
    rubric = window.ws.catalog.rubric_for(window.practice_page.question)
    first, second = rubric.criteria[0], rubric.criteria[1]
    selector = child(page, QWidget, f"criterion_{second.id}")
    descriptor = child(page, QLabel, "levelDescriptor")
    assert descriptor.text().startswith(f"{first.name}, level 3:")
    buttons = selector.findChildren(QToolButton)
    assert [b.text() for b in buttons] == ["1", "2", "3", "4", "5"]
    assert selector.toolTip() == "" and all(b.toolTip() == "" for b in buttons)
    labels = [w for w in page.findChildren(QLabel) if w.buddy() is selector]
    assert labels and all(label.toolTip() == "" for label in labels)
    _point_at(qtbot, buttons[4])
    qtbot.waitUntil(lambda: second.descriptor(5) in descriptor.text())
    assert descriptor.text().startswith(f"{second.name}, level 5:")
    assert selector.value() == 3  # only pointed at, not chosen
    _point_at(qtbot, child(page, QLabel, "pageTitle"), previous=buttons[4])
    qtbot.waitUntil(lambda: descriptor.text().startswith(f"{first.name}, level 3:"))
