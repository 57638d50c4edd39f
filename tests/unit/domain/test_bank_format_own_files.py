"""A user's own question files: only skill and prompt needed, any of TOML, JSON, CSV or a
plain list, every problem in one pass; built-in banks keep their strict rules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pm_prep.domain.bank_format import (
    BankError,
    QuestionFile,
    default_time_limit,
    format_of,
    generated_question_id,
    parse_bank_text,
    parse_question_data,
    parse_question_file,
    unsupported_suffix_message,
)
from pm_prep.domain.content import TYPE_TIME_LIMITS
from pm_prep.domain.insights import analyse_answer

SKILLS = {"analytical", "communication", "technical"}
TYPES = {"analytical": "metrics", "communication": "behavioural", "technical": "technical"}


def parse(text: str, fmt: str = "toml", **kwargs: Any) -> QuestionFile:
    return parse_question_file(text, f"mine.{fmt}", SKILLS, fmt=fmt, default_types=TYPES, **kwargs)


def problems(text: str, fmt: str = "toml", **kwargs: Any) -> list[str]:
    with pytest.raises(BankError) as refused:
        parse(text, fmt, **kwargs)
    return [str(p) for p in refused.value.problems]


# -- only skill and prompt ------------------------------------------------------------------------
def test_a_question_with_only_skill_and_prompt_gets_every_default() -> None:
    parsed = parse('[[questions]]\nskill = "analytical"\nprompt = "Why did DAU drop?"\n')
    (q,) = parsed.questions
    assert q.id == generated_question_id("analytical", "Why did DAU drop?")
    assert parsed.generated_ids == {q.id}
    assert (q.type, q.difficulty, q.tracks) == ("metrics", 2, ("intern", "pm"))
    assert q.time_limit_s == default_time_limit("metrics", 2)
    assert (q.hints, q.talking_points, q.follow_ups, q.sample_outline) == ((), (), (), "")
    assert q.framework.name == "" and q.framework.steps == ()
    assert parsed.untyped == (q.id,)


def test_the_files_skill_or_the_importers_applies_to_questions_that_name_none() -> None:
    text = 'skill = "technical"\n[[questions]]\nprompt = "What is an API?"\n'
    assert parse(text).questions[0].skill == "technical"
    assert parse(text, default_skill="analytical").questions[0].skill == "technical"
    bare = '[[questions]]\nprompt = "What is an API?"\n'
    assert parse(bare, default_skill="analytical").questions[0].skill == "analytical"


def test_one_file_may_mix_skills() -> None:
    text = json.dumps(
        {
            "questions": [
                {"skill": "analytical", "prompt": "Size the market."},
                {"skill": "communication", "prompt": "Tell me about a conflict."},
            ]
        }
    )
    parsed = parse(text, "json")
    assert parsed.skills == {"analytical": 1, "communication": 1}
    assert [q.type for q in parsed.questions] == ["metrics", "behavioural"]


def test_a_generated_id_is_stable_and_ignores_case_and_spacing() -> None:
    one = generated_question_id("analytical", "How would you   measure\nStories?")
    assert one == generated_question_id("analytical", "how would you measure stories?")
    assert one != generated_question_id("communication", "How would you measure Stories?")
    assert one.startswith("own-how-would-you-measure-stories-")
    assert generated_question_id("analytical", "שלום 🚀").startswith("own-")
    assert len(generated_question_id("analytical", "word " * 400)) <= 70


def test_a_default_time_limit_follows_the_type_and_difficulty() -> None:
    low, high = TYPE_TIME_LIMITS["behavioural"]
    assert default_time_limit("behavioural", 1) == low
    assert default_time_limit("behavioural", 3) == high
    assert low < default_time_limit("behavioural", 2) < high


def test_loose_values_are_read_as_a_person_means_them() -> None:
    parsed = parse(
        '[[questions]]\nskill = "analytical"\nprompt = "Why?"\ntracks = "pm"\n'
        'tags = "metrics, growth"\nhints = "Look at the funnel"\nframework = "Metric tree"\n'
        '[[questions.talking_points]]\npoint = "Funnel"\nkeywords = "Funnel, Drop-off"\n'
    )
    (q,) = parsed.questions
    assert q.tracks == ("pm",) and q.tags == ("metrics", "growth")
    assert q.hints == ("Look at the funnel",) and q.framework.name == "Metric tree"
    assert q.talking_points[0].keywords == ("funnel", "drop-off")


def test_insights_work_with_no_talking_points_and_count_them_once_given() -> None:
    bare = parse_question_data(
        {"skill": "analytical", "prompt": "Why?"}, "editor", SKILLS, default_types=TYPES
    )
    insights = analyse_answer("First, the goal. Then 2 metrics: retention and DAU.", bare)
    assert insights.talking_points == () and insights.points_covered == 0
    assert insights.framework_steps_total == 0 and insights.numbers == 1
    assert insights.metric_terms == ("dau", "retention")
    pointed = parse_question_data(
        {
            "skill": "analytical",
            "prompt": "Why?",
            "talking_points": [{"point": "Retention", "keywords": ["retained"]}],
        },
        "editor",
        SKILLS,
        default_types=TYPES,
    )
    assert analyse_answer("Users retained well.", pointed).points_covered == 1


# -- every problem, with file, line, question and field -------------------------------------------
def test_every_problem_is_reported_in_one_pass_with_its_line() -> None:
    text = (
        '[[questions]]\nskill = "analytical"\nprompt = "Fine"\n'  # 1-3
        '\n[[questions]]\nprompt = "No skill anywhere"\n'  # 5-6
        '\n[[questions]]\nskill = "astrology"\nprompt = ""\ndifficulty = 7\n'  # 8-11
        '\n[[questions]]\nid = "Bad Id"\nskill = "technical"\nprompt = "x"\n'  # 13-16
    )
    found = problems(text)
    assert found == [
        "mine.toml:5: question #2: field skill: is missing: give each question a skill, or one "
        "skill for the whole file (chosen when importing)",
        "mine.toml:9: question #3: field skill: unknown skill 'astrology' (known: analytical, "
        "communication, technical)",
        "mine.toml:10: question #3: field prompt: must not be empty",
        "mine.toml:11: question #3: field difficulty: must be from 1 to 3, is 7",
        "mine.toml:14: question Bad Id: field id: id must be a slug: a-z, 0-9 and hyphens (or "
        "leave it out to have one made)",
    ]


def test_an_unknown_file_skill_is_said_once_not_for_every_question() -> None:
    text = 'skill = "cooking"\n[[questions]]\nprompt = "A"\n[[questions]]\nprompt = "B"\n'
    assert problems(text) == [
        "mine.toml:1: field skill: unknown skill 'cooking' (known: analytical, communication, "
        "technical)"
    ]


def test_a_json_question_without_an_id_is_found_by_its_prompt() -> None:
    text = json.dumps(
        [{"skill": "analytical", "prompt": "ok"}, {"skill": "analytical", "prompt": "p" * 2001}],
        indent=2,
    )
    (found,) = problems(text, "json")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "ppp" in t)
    assert found.startswith(f"mine.json:{line}: question #2: field prompt: is longer than 2,000")


def test_warnings_are_kept_and_block_nothing() -> None:
    text = (
        '[[questions]]\nskill = "analytical"\nprompt = "Same?"\nanswer = "mine"\n'
        '[[questions]]\nskill = "analytical"\nprompt = "same?"\n'
    )
    parsed = parse(text)
    assert len(parsed.questions) == 1
    assert [str(w) for w in parsed.warnings] == [
        "mine.toml:4: warning: question #1: field answer: ignored (not a question field): answer",
        "mine.toml:7: warning: question #2: field prompt: the same question (skill and prompt) is "
        "already in this file on line 3; it is imported once",
    ]


def test_errors_come_before_warnings() -> None:
    text = '[[questions]]\nskill = "x"\nprompt = "A"\nnote = "n"\n'
    found = problems(text)
    assert "unknown skill" in found[0] and "warning" in found[1]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file has no questions"),
        ('skill = "analytical"\n', "the file has no questions"),
        ("\x00\x01binary", "binary"),
        ("x" * (5 * 1024 * 1024 + 1), "larger than 5 MB (5.0 MB)"),
    ],
)
def test_a_file_that_says_nothing_is_refused_clearly(text: str, fragment: str) -> None:
    assert fragment in problems(text)[0]


def test_suffixes_say_what_to_do() -> None:
    assert [format_of(s) for s in (".toml", ".JSON", ".csv", ".txt", ".xlsx")] == [
        "toml",
        "json",
        "csv",
        "text",
        None,
    ]
    assert "save the spreadsheet as CSV" in unsupported_suffix_message(".xlsx")
    assert ".txt" in unsupported_suffix_message(".md")


# -- built-in banks keep their strict rules -------------------------------------------------------
def test_strict_mode_still_requires_every_field_and_one_skill() -> None:
    text = '[[questions]]\nskill = "analytical"\nprompt = "Why?"\n'
    with pytest.raises(BankError, match="skill: is missing or not text"):
        parse_bank_text(text, "b.toml", SKILLS, default_types=TYPES)
    with_skill = 'skill = "analytical"\n[[questions]]\nid = "a-b"\nprompt = "Why?"\n'
    with pytest.raises(BankError) as refused:
        parse_bank_text(with_skill, "b.toml", SKILLS, default_types=TYPES)
    fields = {p.field for p in refused.value.problems}
    assert {"difficulty", "tracks", "hints", "talking_points", "framework"} <= fields
    lenient = parse_bank_text(with_skill, "b.toml", SKILLS, default_types=TYPES, strict=False)
    assert lenient.questions[0].id == "a-b"
