"""A plain list of questions, one a line: what is taken off, what is skipped, its skill."""

from __future__ import annotations

from typing import Any

import pytest

from pm_prep.domain.bank_format import BankError, QuestionFile, parse_question_file
from pm_prep.domain.bank_text import question_text, text_to_bank_data

SKILLS = {"analytical", "communication", "technical"}
TYPES = {"analytical": "metrics", "communication": "behavioural", "technical": "technical"}


def parse(text: str, fmt: str = "toml", **kwargs: Any) -> QuestionFile:
    return parse_question_file(text, f"mine.{fmt}", SKILLS, fmt=fmt, default_types=TYPES, **kwargs)


def problems(text: str, fmt: str = "toml", **kwargs: Any) -> list[str]:
    with pytest.raises(BankError) as refused:
        parse(text, fmt, **kwargs)
    return [str(p) for p in refused.value.problems]


def test_a_plain_list_drops_numbering_bullets_blank_lines_and_headings() -> None:
    text = "# Product sense\n1. Design a fridge.\n\n  - Improve Maps  \n(3) Why?\n• Why now?\n"
    data, lines = text_to_bank_data(text)
    assert [q["prompt"] for q in data["questions"]] == [
        "Design a fridge.",
        "Improve Maps",
        "Why?",
        "Why now?",
    ]
    assert lines == [2, 4, 5, 6]
    assert question_text("2) 3 ways to grow?") == "3 ways to grow?"


def test_a_plain_list_needs_a_skill_and_takes_the_one_given() -> None:
    found = problems("Why PM?\n", "text")
    assert "field skill: is missing" in found[0] and found[0].startswith("mine.text:1:")
    parsed = parse("Why PM?\nWhy us?\n", "text", default_skill="communication")
    assert [q.skill for q in parsed.questions] == ["communication", "communication"]
    assert [parsed.lines[q.id] for q in parsed.questions] == [1, 2]
