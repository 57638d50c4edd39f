"""The statement list alone: keys 1-5 on the focused statement, arrows move, focus shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pm_prep.services.self_assessment import Statement, load_self_assessment
from pm_prep.ui.self_assessment.statement_list import StatementList

STATEMENTS = [Statement(f"s{i}", "analytical", f"I can do thing {i}.") for i in range(1, 4)]
SCALE = load_self_assessment().scale


def _list(qtbot) -> StatementList:  # type: ignore[no-untyped-def]
    widget = StatementList()
    qtbot.addWidget(widget)
    widget.set_statements(STATEMENTS, SCALE, {"s2": 5})
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_each_statement_has_a_named_level_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _list(qtbot)
    names = [s.objectName() for s in widget.selectors()]
    assert names == ["statement_s1", "statement_s2", "statement_s3"]
    assert widget.values() == {"s1": 3, "s2": 5, "s3": 3}
    assert widget.rows["s2"].caption.text() == f"5 · {SCALE[4]}"


def test_keys_set_the_focused_statement_and_arrows_move(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _list(qtbot)
    changes = []
    widget.changed.connect(lambda: changes.append(1))
    first, second, third = widget.selectors()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_1)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_2)
    qtbot.keyClick(second, Qt.Key.Key_Down)
    qtbot.keyClick(third, Qt.Key.Key_Up)
    assert second.hasFocus()
    assert widget.values() == {"s1": 1, "s2": 2, "s3": 3}
    assert len(changes) == 2


def test_the_focused_statement_is_outlined(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _list(qtbot)
    first, second, _ = widget.selectors()
    first.setFocus()
    qtbot.waitUntil(lambda: widget.focused_row() is widget.rows["s1"])
    before = widget.rows["s1"].grab().toImage()
    second.setFocus()
    qtbot.waitUntil(lambda: widget.focused_row() is widget.rows["s2"])
    assert widget.rows["s1"].property("focused") is False
    # The outline is painted: the row looks different focused and not.
    assert widget.rows["s1"].grab().toImage() != before


def test_new_statements_replace_the_old_controls(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _list(qtbot)
    other = [Statement("t1", "technical", "I can explain a feed.")]
    widget.set_statements(other, SCALE)
    assert widget.findChild(QWidget, "statement_s1") is None
    assert widget.values() == {"t1": 3}
    widget.set_statements([], SCALE)
    assert widget.values() == {}
