"""Exporting questions: TOML and JSON read back exactly, CSV nearly so."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from pm_prep.domain.bank_export import export_text, questions_to_toml, toml_string
from pm_prep.domain.bank_format import BankError, QuestionFile, parse_question_file

SKILLS = {"analytical", "communication", "technical"}
TYPES = {"analytical": "metrics", "communication": "behavioural", "technical": "technical"}


def parse(text: str, fmt: str = "toml", **kwargs: Any) -> QuestionFile:
    return parse_question_file(text, f"mine.{fmt}", SKILLS, fmt=fmt, default_types=TYPES, **kwargs)


def problems(text: str, fmt: str = "toml", **kwargs: Any) -> list[str]:
    with pytest.raises(BankError) as refused:
        parse(text, fmt, **kwargs)
    return [str(p) for p in refused.value.problems]


def test_toml_strings_escape_what_toml_needs() -> None:
    tricky = 'He said "hi"\\ \n\t\x7f\x01 🚀 שלום'
    assert tomllib.loads(f"v = {toml_string(tricky)}")["v"] == tricky


@pytest.mark.parametrize("fmt", ["toml", "json", "csv"])
def test_an_export_reads_back_as_the_same_questions(fmt: str) -> None:
    original = parse(
        '[[questions]]\nskill = "analytical"\nprompt = "Size: podcasts <b>now</b>"\n'
        'hints = ["Households | people"]\nfollow_ups = ["And in India?"]\n'
        'sample_outline = """**Start**\n- people\n"""\n'
        '[questions.framework]\nname = "Top-down"\nsteps = ["People", "Share"]\n'
        '[[questions.talking_points]]\npoint = "Segment: age"\nkeywords = ["age group"]\n'
        '[[questions.examples]]\nlevel = 2\ntext = "Guess."\nwhy = "No plan."\n'
        '[[questions.clarifications]]\nkeywords = ["country"]\nanswer = "The US."\n'
        '\n[[questions]]\nskill = "communication"\nprompt = "Why PM?"\n'
    ).questions
    text = export_text(original, fmt)
    again = parse(text, fmt).questions
    if fmt == "csv":  # a `|` inside a list entry cannot survive a `|`-separated cell
        assert again[0].hints == ("Households   people",)
        assert again[1] == original[1]
        assert again[0].talking_points == original[0].talking_points
        return
    assert again == original


def test_a_toml_export_names_each_questions_skill_and_leaves_empty_fields_out() -> None:
    (q,) = parse('[[questions]]\nskill = "technical"\nprompt = "CDN?"\n').questions
    text = questions_to_toml([q])
    assert 'skill = "technical"' in text and "hints" not in text and "framework" not in text
