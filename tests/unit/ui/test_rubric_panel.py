"""The rubric controls alone, without the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pm_prep.domain.content import Criterion, Rubric
from pm_prep.ui.rubric_panel import RubricPanel


def _rubric() -> Rubric:
    levels = tuple(f"Level {n} of clarity: a sentence that stands alone." for n in range(1, 6))
    return Rubric(
        "metrics",
        "Metrics",
        (
            Criterion("structure", "Structure and communication", "Is it clear?", levels),
            Criterion("goal", "Goal", "Is the goal stated?", levels),
        ),
    )


def test_keys_rate_the_focused_criterion_and_show_its_descriptor(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = RubricPanel()
    qtbot.addWidget(panel)
    panel.set_rubric(_rubric())
    panel.show()
    goal = panel.findChild(type(panel.selectors["goal"]), "criterion_goal")
    assert goal is panel.selectors["goal"]
    goal.setFocus()
    qtbot.keyClick(goal, Qt.Key.Key_5)
    assert panel.scores() == {"structure": 3, "goal": 5}
    assert panel.descriptor_label.text().startswith("Goal, level 5:")


def test_a_new_rubric_replaces_the_old_controls(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = RubricPanel()
    qtbot.addWidget(panel)
    panel.set_rubric(_rubric())
    old = panel.selectors["goal"]
    panel.set_rubric(None)
    assert panel.selectors == {}
    assert old.parent() is None
    panel.set_rubric(_rubric())
    panel.set_locked(True)
    assert not any(s.isEnabled() for s in panel.selectors.values())
