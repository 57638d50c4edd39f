"""The question editor alone: what its fields say, and that it loads a question back."""

from __future__ import annotations

import pytest

from pm_prep.domain.bank_export import question_table
from pm_prep.domain.bank_format import parse_question_data
from pm_prep.services.catalog import default_types, load_catalog
from pm_prep.ui.bank.question_editor import QuestionEditor, talking_points_from_text


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog().catalog


def test_talking_points_are_a_point_and_its_keywords_a_line() -> None:
    assert talking_points_from_text(
        "Check the data first: logging, data quality\n\nRetention\nTime: 21:00; offset\n"
    ) == [
        {"point": "Check the data first", "keywords": ["logging", "data quality"]},
        {"point": "Retention", "keywords": ["Retention"]},
        {"point": "Time", "keywords": ["21:00", "offset"]},
    ]


def test_a_new_question_needs_a_skill_and_a_prompt(qtbot, catalog) -> None:  # type: ignore[no-untyped-def]
    editor = QuestionEditor(catalog)
    qtbot.addWidget(editor)
    assert not editor.save_button.isEnabled()
    editor.skill.setCurrentIndex(editor.skill.findData("execution"))
    assert not editor.save_button.isEnabled()
    editor.prompt.setPlainText("  How do you cut scope?  ")
    assert editor.save_button.isEnabled()
    fields = editor.fields()
    assert fields == {
        "skill": "execution",
        "prompt": "How do you cut scope?",
        "difficulty": 2,
        "tracks": ["intern", "pm"],
    }
    editor.time_limit.setValue(12)
    editor.hints.setPlainText("Think of the deadline\n\n Who decides? ")
    editor.tracks["intern"].setChecked(False)
    fields = editor.fields()
    assert (fields["time_limit_s"], fields["hints"], fields["tracks"]) == (
        720,
        ["Think of the deadline", "Who decides?"],
        ["pm"],
    )


def test_editing_loads_every_field_and_changes_nothing_unasked(qtbot, catalog) -> None:  # type: ignore[no-untyped-def]
    question = next(q for q in catalog.questions.values() if q.examples and q.time_limit_s % 60)
    editor = QuestionEditor(catalog, question, base_fields=question_table(question))
    qtbot.addWidget(editor)
    again = parse_question_data(
        editor.fields(),
        "editor",
        set(catalog.skills),
        default_types=default_types(catalog.skills),
        question_id=question.id,
    )
    assert again == question  # framework, examples and clarifications kept as they were
    editor.prompt.setPlainText(question.prompt + " Why?")
    assert editor.fields()["prompt"].endswith(" Why?")


def test_an_answered_questions_skill_is_locked(qtbot, catalog) -> None:  # type: ignore[no-untyped-def]
    question = next(iter(catalog.questions.values()))
    editor = QuestionEditor(catalog, question, skill_locked=True)
    qtbot.addWidget(editor)
    assert not editor.skill.isEnabled() and "skill stays" in editor.skill.toolTip()


def test_a_refusal_is_said_and_the_form_stays(qtbot, catalog) -> None:  # type: ignore[no-untyped-def]
    editor = QuestionEditor(catalog)
    qtbot.addWidget(editor)
    editor.refused("prompt: is longer than 2,000 characters")
    assert not editor.problems.isHidden()
    assert editor.problems.text() == "Not saved: prompt: is longer than 2,000 characters"
