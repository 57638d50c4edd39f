"""What a screen reader is told, page by page, read through QAccessible as one would read it.

Every visible interactive control (button, check box, combo box, text field, spin box,
slider, list, table, tab...) must have a name that says what it is: not empty, not its
current value (a combo named by its current item was the bug), never shared by two combos
on one page, and never carrying markup in its name or description. Painted widgets must
have real roles, and live text (the timers, the insights, the scores) must be exposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from pm_prep.ui import accessibility, build_main_window
from tests.gui.conftest import CTRL
from tests.gui.drive import child, choose, copy_of, open_page
from tests.gui.drive import demo_folder as demo_folder_with

Role = QAccessible.Role
Text = QAccessible.Text

INTERACTIVE = {
    Role.Button,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Slider,
    Role.Dial,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.PageTab,
    Role.PageTabList,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.ButtonDropGrid,
    Role.Switch,
    Role.Link,
    Role.HotkeyField,
}
# Rows and cells are data, read through their table or list.
DATA_ROLES = {Role.Table, Role.List, Role.Tree}
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&#|&[a-zA-Z]+;")
PAGES = (
    "dashboardPage",
    "practicePage",
    "historyPage",
    "selfAssessmentPage",
    "mockPage",
    "bankPage",
    "settingsPage",
)


@pytest.fixture(autouse=True)
def _closing_mid_loop_is_answered() -> Iterator[None]:
    """Leaving an unrated answer asks to rate it (later, here); a running mock loop asks
    before the window closes (close anyway)."""

    def answer(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        if title.startswith("Rate your answer"):
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Yes

    with patch.object(QMessageBox, "question", side_effect=answer):
        yield


@pytest.fixture
def window(qtbot, main_window: QMainWindow) -> QMainWindow:  # type: ignore[no-untyped-def]
    """The main window with the accessibility factory the app installs after the first paint."""
    accessibility.install()
    return main_window


def test_the_app_installs_the_factory_after_the_first_paint(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    installed: list[bool] = []
    with (
        patch.object(accessibility, "install", lambda: installed.append(True)),
        patch.object(main_window.pages, "build_rest_when_idle"),
        patch.object(main_window, "backup_in_background"),
        patch("pm_prep.ui.mock.resume.offer_resume_when_idle"),
    ):
        main_window.load_rest_when_idle()  # what the dashboard's first paint calls
    assert installed == [True]


def _nodes(widget: QWidget) -> list[QAccessibleInterface]:
    """Every visible accessible node under `widget`, without descending into table data."""
    found: list[QAccessibleInterface] = []

    def walk(iface: QAccessibleInterface | None) -> None:
        if iface is None or not iface.isValid() or iface.state().invisible:
            return
        found.append(iface)
        if iface.role() in DATA_ROLES:
            return
        for index in range(iface.childCount()):
            walk(iface.child(index))

    walk(QAccessible.queryAccessibleInterface(widget))
    return found


def _label(iface: QAccessibleInterface) -> str:
    obj = iface.object()
    name = obj.objectName() if obj is not None else ""
    return f"{iface.role().name} {type(obj).__name__}#{name}"


def problems(widget: QWidget) -> list[str]:
    """Everything a screen reader would get wrong under `widget`, one line each."""
    found: list[str] = []
    combos: dict[str, list[str]] = {}
    for iface in _nodes(widget):
        name = iface.text(Text.Name).strip()
        description = iface.text(Text.Description)
        value = iface.text(Text.Value).strip()
        where = _label(iface)
        for kind, text in (("name", name), ("description", description)):
            if MARKUP.search(text):
                found.append(f"{where}: markup in its {kind}: {text!r}")
        if iface.role() not in INTERACTIVE:
            continue
        if not name:
            found.append(f"{where}: no name")
            continue
        obj = iface.object()
        if isinstance(obj, QComboBox):
            combos.setdefault(name, []).append(where)
            current = obj.currentText().strip()
            if current and name == current:
                found.append(f"{where}: named by its current item {name!r}")
        if value and name == value:
            found.append(f"{where}: named by its value {name!r}")
    for name, where in combos.items():
        if len(where) > 1:
            found.append(f"combos share the name {name!r}: {', '.join(where)}")
    return found


def _page(qtbot, window: QMainWindow, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, name)
    qtbot.wait(50)  # what a page fills in after it is shown
    return page


@pytest.mark.parametrize("name", PAGES)
def test_every_control_on_the_page_says_what_it_is(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, name)
    assert problems(page) == []


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with months of demo practice, made once for this module."""
    return demo_folder_with(
        tmp_path_factory.mktemp("accessibility-gui"), attempts=600, days=120, seed=3
    )


def test_every_page_with_months_of_practice(qtbot, demo_folder: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """With data every page shows more (scores, rows, past assessments): all of it named."""
    accessibility.install()
    filled = build_main_window(copy_of(demo_folder, data_dir))
    qtbot.addWidget(filled)
    qtbot.waitExposed(filled)
    found = {name: problems(_page(qtbot, filled, name)) for name in PAGES}
    filled.close()
    assert found == {name: [] for name in PAGES}


def test_the_pages_list_and_the_window_menus_are_named(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    navigation = window.findChild(QWidget, "navigation")
    assert problems(navigation) == []
    assert QAccessible.queryAccessibleInterface(navigation).text(Text.Name) == "Pages"


def test_practice_after_submit_rubric_insights_and_timer(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, "practicePage")
    timer = child(page, QWidget, "timerLabel")
    spoken = QAccessible.queryAccessibleInterface(timer)
    page._elapsed_before = 65  # as if resumed from a draft: 1:05 spent so far
    qtbot.waitUntil(lambda: "answer: 1:0" in spoken.text(Text.Name), timeout=2500)
    page._elapsed_before = 125  # two minutes on
    qtbot.waitUntil(lambda: "answer: 2:0" in spoken.text(Text.Name), timeout=2500)
    assert spoken.text(Text.Name).startswith("Time spent on this answer")
    assert spoken.text(Text.Description).startswith("Within the suggested")

    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "First I clarify the goal, then pick one metric and segment it.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    insights = child(page, QWidget, "answerInsights")
    qtbot.waitUntil(insights.isVisible)
    read = QAccessible.queryAccessibleInterface(insights)
    assert read.text(Text.Name) == "Answer insights"
    described = read.text(Text.Description)
    assert "words" in described and "Hedges and fillers" in described
    assert not MARKUP.search(described)

    criteria = [w for w in page.findChildren(QWidget) if w.objectName().startswith("criterion_")]
    assert criteria
    selector = QAccessible.queryAccessibleInterface(criteria[0])
    assert selector.role() == Role.Slider
    assert selector.text(Text.Value) == str(criteria[0].value())
    criteria[0].setFocus()
    QAccessible.setActive(True)  # as with a screen reader running: the change is announced
    try:
        qtbot.keyClick(criteria[0], Qt.Key.Key_5)
    finally:
        QAccessible.setActive(False)
    assert selector.text(Text.Value) == "5"
    assert selector.text(Text.Description).startswith("Level 5 of 5 chosen.")
    assert problems(page) == []


def test_the_readiness_ring_skill_rows_and_calendar_have_roles(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, "dashboardPage")
    gauge = child(page, QWidget, "overallReadiness")
    ring = QAccessible.queryAccessibleInterface(gauge)
    assert ring.role() == Role.Button
    number = f"{gauge.value():.0f}/100"
    assert number in ring.text(Text.Name)  # the score itself, not only "Overall readiness"
    assert gauge.focusPolicy() != Qt.FocusPolicy.NoFocus
    opened: list[bool] = []
    gauge.clicked.connect(lambda: opened.append(True))
    ring.doAction(ring.actionNames()[0])  # a screen reader's "press"
    assert opened == [True]

    rows = [w for w in page.findChildren(QWidget) if w.objectName().startswith("skillRow_")]
    assert rows
    for row in rows:
        spoken = QAccessible.queryAccessibleInterface(row)
        assert spoken.role() == Role.Button
        assert row.focusPolicy() != Qt.FocusPolicy.NoFocus
        assert spoken.text(Text.Name).startswith(row.data.name)
    last = QAccessible.queryAccessibleInterface(rows[-1])
    QAccessible.setActive(True)  # as with a screen reader running: the change is announced
    try:
        last.doAction(last.actionNames()[0])  # pins the skill, as a click does
    finally:
        QAccessible.setActive(False)
    first = QAccessible.queryAccessibleInterface(rows[0])
    assert last.state().checked and not first.state().checked

    calendar = QAccessible.queryAccessibleInterface(child(page, QWidget, "activityGrid"))
    assert calendar.role() == Role.Chart
    assert "attempts on" in calendar.text(Text.Description)
    bands = QAccessible.queryAccessibleInterface(child(page, QWidget, "bandScale"))
    assert bands.role() == Role.Graphic and "not ready" in bands.text(Text.Description)
    for iface in _nodes(page):
        assert iface.role() != Role.Client or not iface.object().objectName().startswith(
            ("overallReadiness", "skillRow_", "activityGrid", "bandScale")
        )


def test_two_combos_showing_the_same_item_keep_their_own_names(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, "practicePage")
    track = child(page, QComboBox, "trackFilter")
    choose(qtbot, track, "intern")
    settings = _page(qtbot, window, "settingsPage")
    setting = child(settings, QComboBox, "trackSetting")
    choose(qtbot, setting, "intern")
    names = {
        QAccessible.queryAccessibleInterface(combo).text(Text.Name) for combo in (track, setting)
    }
    assert len(names) == 2 and track.currentText() not in names
    spoken = QAccessible.queryAccessibleInterface(setting)
    assert spoken.text(Text.Value) == setting.currentText()
    assert spoken.child(0) is not None  # the list of items, as Qt's own combo has


def test_history_detail_and_compare_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    practice = _page(qtbot, window, "practicePage")
    question = practice.question
    assert question is not None
    for text in ("One metric, segmented by cohort.", "Two metrics, segmented by region."):
        assert practice.open_question(question.id)
        editor = child(practice, QPlainTextEdit, "answerEditor")
        editor.setFocus()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: child(practice, QWidget, "answerInsights").isVisible())
    page = _page(qtbot, window, "historyPage")
    table = child(page, QTableView, "historyTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 2)
    table.selectRow(0)
    qtbot.waitUntil(lambda: child(page, QWidget, "attemptDetail").isVisible())
    qtbot.wait(50)
    assert problems(page) == []
    compare = child(page, QPushButton, "compareButton")
    qtbot.waitUntil(compare.isEnabled)
    qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "attemptCompare")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert problems(dialog) == []
    dialog.close()


def test_mock_loop_timer_and_debrief(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, "mockPage")
    qtbot.mouseClick(child(page, QPushButton, "startMockButton"), Qt.MouseButton.LeftButton)
    editor = child(page, QPlainTextEdit, "answerEditor")
    qtbot.waitUntil(editor.isVisible)
    timer = QAccessible.queryAccessibleInterface(child(page, QWidget, "mockTimer"))
    assert "left in this round" in timer.text(Text.Description)
    assert problems(page) == []
    editor.setFocus()
    qtbot.keyClicks(editor, "A first thought")
    qtbot.mouseClick(child(page, QPushButton, "endMockButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: child(page, QWidget, "mockDebrief").isVisible())
    qtbot.wait(50)
    assert problems(page) == []


def test_bank_question_editor(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, window, "bankPage")
    table = child(page, QTableView, "bankTable")
    table.selectRow(0)
    qtbot.wait(50)
    assert problems(page) == []
    qtbot.mouseClick(child(page, QPushButton, "newQuestionButton"), Qt.MouseButton.LeftButton)
    editor = page.findChild(QDialog, "questionEditor")
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    assert problems(editor) == []
    editor.reject()


def test_problems_finds_what_a_screen_reader_would_get_wrong(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The checker itself: each kind of fault is reported."""
    accessibility.install()
    box = QWidget()
    qtbot.addWidget(box)
    nameless = QPushButton("", box)
    value_named = QComboBox(box)
    value_named.addItems(["Product intern", "Product manager"])
    twin_a, twin_b = QComboBox(box), QComboBox(box)
    for twin in (twin_a, twin_b):
        twin.addItem("Any")
        twin.setAccessibleName("Track")
    marked = QPushButton("Go", box)
    marked.setToolTip("<qt>Show or hide this skill&#x27;s line</qt>")
    for index, widget in enumerate((nameless, value_named, twin_a, twin_b, marked)):
        widget.move(0, index * 40)
    box.show()
    qtbot.waitExposed(box)
    found = "\n".join(problems(box))
    assert "no name" in found
    assert "named by its current item 'Product intern'" in found
    assert "combos share the name 'Track'" in found
    assert "markup in its description" in found  # Qt reads a tooltip as the description
    marked.setAccessibleDescription("Show or hide this skill's line")
    nameless.setAccessibleName("Close")
    value_named.setAccessibleName("Level")
    twin_b.setAccessibleName("Skill")
    assert problems(box) == []


def test_interfaces_asked_for_before_the_factory_are_rebuilt(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A screen reader running at start-up asks about the dashboard before the factory is
    installed; installing it then gives those widgets their roles."""
    accessibility.install()

    class PaintedEarly(QWidget):
        pass

    widget = PaintedEarly()
    qtbot.addWidget(widget)
    widget.show()
    assert QAccessible.queryAccessibleInterface(widget).role() == Role.Client  # "filler"
    chart = {"PaintedEarly": lambda w: accessibility._Described(w, Role.Chart, "")}
    with patch.dict(accessibility.ROLES, chart):
        QAccessible.setActive(True)
        try:
            accessibility._rebuild_cached()
        finally:
            QAccessible.setActive(False)
        assert QAccessible.queryAccessibleInterface(widget).role() == Role.Chart
