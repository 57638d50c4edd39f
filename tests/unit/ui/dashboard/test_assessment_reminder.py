"""The dashboard's self-assessment reminder, alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from pm_prep.services.self_assessment import AssessmentDue
from pm_prep.ui.dashboard.assessment_reminder import AssessmentReminder, reminder_text

NOW = datetime(2026, 11, 20, tzinfo=UTC)
NAMES = {"analytical": "Analytical", "technical": "Technical", "execution": "Execution"}


def test_one_skill_never_assessed() -> None:
    text = reminder_text([AssessmentDue("analytical", None)], NAMES, NOW)
    assert text.startswith("You have not rated yourself on Analytical yet.")


def test_one_skill_assessed_long_ago() -> None:
    text = reminder_text([AssessmentDue("technical", NOW - timedelta(days=23))], NAMES, NOW)
    assert text.startswith("Your Technical self-assessment is 23 days old.")


def test_several_skills_are_listed_with_their_age() -> None:
    due = [
        AssessmentDue("analytical", None),
        AssessmentDue("technical", NOW - timedelta(days=20)),
        *[AssessmentDue(f"s{i}", NOW - timedelta(days=30)) for i in range(4)],
    ]
    text = reminder_text(due, NAMES, NOW)
    assert text == (
        "Self-assessment due for 6 skills: Analytical has never been assessed; Technical (20 "
        "days ago), s0 (30 days ago), s1 (30 days ago), s2 (30 days ago) and 1 more are due "
        "again."
    )
    never = [AssessmentDue(s, None) for s in ("analytical", "technical", "execution")]
    assert reminder_text(never, NAMES, NOW) == (
        "Self-assessment due for 3 skills: Analytical, Technical and Execution have never been "
        "assessed."
    )
    assert reminder_text([], NAMES, NOW) == ""


def test_the_button_asks_for_the_first_skill_and_hides_when_nothing_is_due(qtbot) -> None:  # type: ignore[no-untyped-def]
    reminder = AssessmentReminder()
    qtbot.addWidget(reminder)
    reminder.set_due([AssessmentDue("execution", None)], NAMES, NOW)
    reminder.show()
    assert reminder.isVisible() and reminder.button.text() == "Assess Execution"
    with qtbot.waitSignal(reminder.assessRequested) as signal:
        qtbot.mouseClick(reminder.button, Qt.MouseButton.LeftButton)
    assert signal.args == ["execution"]
    reminder.set_due([], NAMES, NOW)
    assert not reminder.isVisible() and reminder.skill is None
