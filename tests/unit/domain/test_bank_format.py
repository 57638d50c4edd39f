"""Bank validation: every problem names the file, the question id, the field and the line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pm_prep.domain.bank_format import (
    MAX_BANK_BYTES,
    BankError,
    Problem,
    content_hash,
    parse_bank_text,
    parse_legacy_rubrics_text,
    parse_rubrics_text,
)
from pm_prep.domain.content import QUESTION_TYPES, Bank

SKILLS = {"analytical", "communication", "technical", "user_centric"}
SOURCE = "my-bank.toml"
REPO = Path(__file__).resolve().parents[3]

HEAD = 'skill = "analytical"\nversion = 2\n'
DEFAULT_TYPES = {"analytical": "metrics", "communication": "behavioural"}


def criterion(cid: str, name: str = "") -> str:
    levels = ", ".join(f'"{cid} level {n} descriptor"' for n in range(1, 6))
    return (
        f'\n[[rubrics.criteria]]\nid = "{cid}"\nname = "{name or cid.title()}"\n'
        f'description = "What {cid} means."\nlevels = [{levels}]\n'
    )


def rubric(rtype: str, *criteria: str) -> str:
    """One [[rubrics]] table (the shape of resources/rubrics.toml and of a bank override)."""
    ids = criteria or ("structure", "insight", "rigour")
    return f'\n[[rubrics]]\ntype = "{rtype}"\nname = "{rtype} rubric"\n' + "".join(
        criterion(c) for c in ids
    )


def question(qid: str, **overrides: str) -> str:
    """One [[questions]] table; an override replaces a field's TOML value, '' drops the field."""
    fields = {
        "prompt": '"Why did daily active users drop 8% in one country?"',
        "difficulty": "2",
        "tracks": '["intern", "pm"]',
        "tags": '["metrics"]',
        "time_limit_s": "600",
        "hints": '["Check the data first.", "Segment the drop."]',
        "follow_ups": '["What if it is only Android?"]',
        "sample_outline": '"**Clarify**, then segment."',
    }
    fields.update(overrides)
    lines = ["", "[[questions]]", f'id = "{qid}"']
    lines += [f"{key} = {value}" for key, value in fields.items() if value]
    lines += [
        "",
        "[questions.framework]",
        'name = "Metric diagnosis tree"',
        'steps = ["Clarify", "Segment", "Recommend"]',
    ]
    for point in ("Data quality first", "Segment the drop", "External causes"):
        lines += [
            "",
            "[[questions.talking_points]]",
            f'point = "{point}"',
            'keywords = ["logging", "segment", "holiday"]',
        ]
    return "\n".join(lines) + "\n"


def bank(*questions: str, head: str = HEAD) -> str:
    return head + "".join(questions or (question("an-one"),))


def parse(text: str, **kwargs: Any) -> Bank:
    kwargs.setdefault("default_types", DEFAULT_TYPES)
    return parse_bank_text(text, SOURCE, SKILLS, **kwargs)


def problems_of(text: str, **kwargs: Any) -> list[Problem]:
    with pytest.raises(BankError) as error:
        parse(text, **kwargs)
    assert error.value.problems
    return error.value.problems


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def only(problems: list[Problem], **match: object) -> Problem:
    found = [p for p in problems if all(getattr(p, k) == v for k, v in match.items())]
    assert len(found) == 1, problems
    return found[0]


# -- valid files ----------------------------------------------------------------------------------
def test_a_valid_bank_parses_into_questions() -> None:
    text = bank(question("an-one", type='"diagnosis"'), question("an-two", difficulty="3"))
    parsed = parse(text)
    assert parsed.skill == "analytical"
    assert [q.id for q in parsed.questions] == ["an-one", "an-two"]
    assert parsed.rubrics == ()
    assert parsed.questions[1].difficulty == 3
    assert parsed.questions[0].framework.name == "Metric diagnosis tree"
    assert len(parsed.questions[0].talking_points) == 3
    assert parsed.content_hash == content_hash(text)


def test_the_same_bank_as_json_parses_the_same() -> None:
    text = bank()
    as_json = json.dumps(tomllib.loads(text))
    from_toml = parse(text)
    from_json = parse_bank_text(
        as_json, "my-bank.json", SKILLS, fmt="json", default_types=DEFAULT_TYPES
    )
    assert from_json.questions == from_toml.questions
    assert from_json.rubrics == from_toml.rubrics


@pytest.mark.parametrize(
    "path",
    ["docs/examples/example-bank.toml", "resources/question_banks/analytical.toml"],
)
def test_shipped_and_documented_banks_are_valid(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    parsed = parse_bank_text(text, path, SKILLS, default_types=DEFAULT_TYPES)
    assert parsed.questions


# -- broken files --------------------------------------------------------------------------------
def test_bad_toml_is_reported_with_its_line() -> None:
    text = bank()
    lines = text.splitlines()
    broken_at = line_of(text, "prompt = ")
    lines[broken_at - 1] = 'prompt = "an unterminated string'
    problem = only(problems_of("\n".join(lines)))
    assert problem.file == SOURCE
    assert problem.line == broken_at
    assert "not valid TOML" in problem.message
    assert str(problem).startswith(f"{SOURCE}:{broken_at}: ")
    assert "\n" not in str(problem)


def test_bad_json_is_reported_with_its_line() -> None:
    problem = only(problems_of('{\n  "skill": "analytical",\n  "questions": [,]\n}', fmt="json"))
    assert problem.line == 3
    assert "not valid JSON" in problem.message


@pytest.mark.parametrize(
    "field",
    ["prompt", "difficulty", "tracks", "time_limit_s", "hints", "follow_ups", "sample_outline"],
)
def test_a_missing_field_names_the_question_and_the_field(field: str) -> None:
    text = bank(question("an-one"), question("an-two", **{field: ""}))
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-two", field)
    assert problem.message == "is missing"
    assert problem.line == line_of(text, 'id = "an-two"')
    assert "an-two" in str(problem)
    assert field in str(problem)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("difficulty", '"hard"', "must be a whole number, not str"),
        ("difficulty", "2.5", "must be a whole number, not float"),
        ("difficulty", "true", "must be a whole number, not bool"),
        ("time_limit_s", '"10 minutes"', "must be a whole number, not str"),
        ("prompt", "42", "must be text, not int"),
        ("tracks", '"pm"', "must be a list of text"),
        ("hints", '["one", 2]', "must be a list of text"),
    ],
)
def test_a_wrong_type_names_the_field_and_its_line(field: str, value: str, message: str) -> None:
    text = bank(question("an-one"), question("an-two", **{field: value}))
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field, problem.message) == ("an-two", field, message)
    assert problem.line == line_of(text, f"{field} = {value}")
    assert str(problem) == f"{SOURCE}:{problem.line}: question an-two: field {field}: {message}"


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("difficulty", "4", "must be from 1 to 3"),
        ("time_limit_s", "5", "must be from 60 to 3600"),
        ("tracks", '["pm", "ceo"]', "unknown track 'ceo'"),
        ("hints", '["only one"]', "needs at least 2 entries"),
        ("follow_ups", "[]", "needs at least 1 entries"),
        ("prompt", '"   "', "must not be empty"),
    ],
)
def test_out_of_range_values_are_reported(field: str, value: str, fragment: str) -> None:
    problem = only(problems_of(bank(question("an-one", **{field: value}))))
    assert (problem.question_id, problem.field) == ("an-one", field)
    assert fragment in problem.message


def test_a_duplicate_id_points_at_the_second_question() -> None:
    text = bank(question("an-same"), question("an-other"), question("an-same"))
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-same", "id")
    assert "duplicate" in problem.message
    assert problem.line == line_of(text, 'id = "an-same"', occurrence=2)


def test_an_id_that_is_not_a_slug_is_reported() -> None:
    problem = only(problems_of(bank(question("Not A Slug"))))
    assert (problem.question_id, problem.field) == ("Not A Slug", "id")


def test_an_unknown_skill_is_reported_with_the_known_ones() -> None:
    text = bank().replace('skill = "analytical"', 'skill = "juggling"')
    problem = only(problems_of(text))
    assert problem.field == "skill"
    assert "juggling" in problem.message
    assert "analytical" in problem.message
    assert problem.line == 1


def test_a_question_for_another_skill_is_reported() -> None:
    text = bank(question("an-one"), question("an-two", skill='"technical"'))
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-two", "skill")


def test_a_file_without_questions_is_reported() -> None:
    problem = only(problems_of(HEAD))
    assert problem.field == "questions"


def test_talking_points_need_three_with_keywords() -> None:
    text = bank().replace('keywords = ["logging", "segment", "holiday"]', "keywords = []", 1)
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-one", "talking_points[0].keywords")


def test_every_problem_is_collected_in_one_pass() -> None:
    text = bank(
        question("an-one", difficulty="9"),
        question("an-two", hints=""),
        question("an-three", tracks='"pm"'),
    )
    found = {(p.question_id, p.field) for p in problems_of(text)}
    assert found == {("an-one", "difficulty"), ("an-two", "hints"), ("an-three", "tracks")}


def test_a_file_larger_than_5_mb_is_refused() -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = bank() + padding * (MAX_BANK_BYTES // len(padding) + 1)
    assert len(text.encode("utf-8")) > MAX_BANK_BYTES
    problem = only(problems_of(text))
    assert "5 MB" in problem.message
    assert problem.file == SOURCE


def test_a_multibyte_file_just_over_5_mb_is_refused() -> None:
    # Fewer than 5 million characters, but more than 5 MB of UTF-8.
    text = bank() + "# " + "é" * (MAX_BANK_BYTES // 2) + "\n"
    assert len(text) < MAX_BANK_BYTES < len(text.encode("utf-8"))
    assert "5 MB" in only(problems_of(text)).message


def test_a_top_level_array_is_refused() -> None:
    problem = only(problems_of("[1, 2]", fmt="json"))
    assert "top level" in problem.message


# -- the Problem text -----------------------------------------------------------------------------
def test_problem_text_names_file_line_question_and_field() -> None:
    problem = Problem("bank.toml", "is missing", "an-q", "hints", 12)
    assert str(problem) == "bank.toml:12: question an-q: field hints: is missing"
    assert str(Problem("bank.toml", "file is larger than 5 MB")) == (
        "bank.toml: file is larger than 5 MB"
    )


def test_problem_text_stays_on_one_line() -> None:
    text = bank().replace('skill = "analytical"', 'skill = "multi\\nline\\rskill"')
    problem = only(problems_of(text))
    assert "\n" not in str(problem)
    assert "\r" not in str(problem)


# -- v2: types ------------------------------------------------------------------------------------
def test_a_question_without_a_type_gets_its_skills_default_type() -> None:
    parsed = parse(bank(question("an-one"), question("an-two", type='"estimation"')))
    assert [q.type for q in parsed.questions] == ["metrics", "estimation"]
    assert parsed.untyped == ("an-one",)


def test_an_unknown_type_names_the_question_the_field_and_its_line() -> None:
    text = bank(question("an-one"), question("an-two", type='"brainteaser"'))
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-two", "type")
    assert "unknown type 'brainteaser'" in problem.message
    assert "product_design" in problem.message  # the known types are listed
    assert problem.line == line_of(text, 'type = "brainteaser"')
    assert str(problem).startswith(f"{SOURCE}:{problem.line}: question an-two: field type: ")


def test_a_missing_type_without_a_default_is_reported() -> None:
    problem = only(problems_of(bank(), default_types={}))
    assert (problem.question_id, problem.field) == ("an-one", "type")


def test_every_question_type_is_accepted() -> None:
    questions = [question(f"an-{n}", type=f'"{t}"') for n, t in enumerate(QUESTION_TYPES)]
    parsed = parse(bank(*questions))
    assert [q.type for q in parsed.questions] == list(QUESTION_TYPES)
    assert parsed.untyped == ()


# -- v2: examples and clarifications ------------------------------------------------------------
EXAMPLES = """
[[questions.examples]]
level = 2
text = "I would look at the data and segment it."
why = "Structure 2: no plan."

[[questions.examples]]
level = 5
text = "First I would check logging, because a release on Monday..."
why = "Structure 5, Rigour 5."
"""
CLARIFICATIONS = """
[[questions.clarifications]]
keywords = ["market", "country"]
answer = "Assume Brazil."

[[questions.clarifications]]
keywords = ["platform", "android"]
answer = "Both platforms."
"""


def test_examples_and_clarifications_are_parsed() -> None:
    parsed = parse(bank(question("an-one") + EXAMPLES + CLARIFICATIONS))
    (q,) = parsed.questions
    assert [(e.level, e.why) for e in q.examples] == [
        (2, "Structure 2: no plan."),
        (5, "Structure 5, Rigour 5."),
    ]
    assert q.examples[1].text.startswith("First I would check logging")
    assert [c.keywords for c in q.clarifications] == [
        ("market", "country"),
        ("platform", "android"),
    ]
    assert q.clarifications[0].answer == "Assume Brazil."


def test_examples_and_clarifications_are_optional() -> None:
    (q,) = parse(bank()).questions
    assert q.examples == () and q.clarifications == ()


@pytest.mark.parametrize(
    ("old", "new", "field", "fragment"),
    [
        ("level = 5", "level = 6", "examples[1].level", "must be from 1 to 5"),
        ("level = 2", 'level = "weak"', "examples[0].level", "whole number"),
        ('why = "Structure 5, Rigour 5."', 'why = " "', "examples[1].why", "must not be empty"),
        ('text = "I would look at the data and segment it."', "", "examples[0].text", "missing"),
        (
            'keywords = ["platform", "android"]',
            "keywords = []",
            "clarifications[1].keywords",
            "at least 1",
        ),
        (
            'keywords = ["market", "country"]',
            'keywords = ["Market"]',
            "clarifications[0].keywords",
            "lower case",
        ),
        ('answer = "Both platforms."', 'answer = ""', "clarifications[1].answer", "empty"),
    ],
)
def test_a_bad_example_or_clarification_names_its_field_and_line(
    old: str, new: str, field: str, fragment: str
) -> None:
    good = bank(question("an-one") + EXAMPLES + CLARIFICATIONS)
    text = good.replace(old, new, 1)
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-one", field)
    assert fragment in problem.message
    if new:
        assert problem.line == line_of(text, new)
    else:  # a missing key: the line of the table that should hold it
        assert problem.line == line_of(text, "[[questions.examples]]")


def test_every_problem_of_the_new_fields_is_collected_in_one_pass() -> None:
    text = bank(
        question("an-one", type='"riddle"') + EXAMPLES.replace("level = 5", "level = 0"),
        question("an-two") + CLARIFICATIONS.replace('answer = "Assume Brazil."', 'answer = ""'),
    )
    found = {(p.question_id, p.field) for p in problems_of(text)}
    assert found == {
        ("an-one", "type"),
        ("an-one", "examples[1].level"),
        ("an-two", "clarifications[0].answer"),
    }


def test_examples_must_be_tables() -> None:
    problem = only(problems_of(bank(question("an-one", examples='["a great answer"]'))))
    assert (problem.field, problem.message) == ("examples[0]", "must be a table")


# -- v2: a bank's own rubric for a type -----------------------------------------------------------
def test_a_bank_may_override_a_types_rubric() -> None:
    text = bank(head=HEAD + rubric("metrics", "structure", "baseline", "denominator"))
    parsed = parse(text)
    (override,) = parsed.rubrics
    assert override.key == "metrics"
    assert [c.id for c in override.criteria] == ["structure", "baseline", "denominator"]
    assert override.criteria[1].descriptor(4) == "baseline level 4 descriptor"


def test_a_v1_rubric_table_in_a_bank_is_ignored() -> None:
    v1 = HEAD + '\n[rubric]\n[[rubric.criteria]]\nid = "x"\nname = "X"\nlevels = ["1"]\n'
    assert parse(bank(head=v1)).rubrics == ()


@pytest.mark.parametrize(
    ("criteria", "field", "fragment"),
    [
        (("structure", "insight"), "rubrics[0].criteria", "needs 3 to 5 criteria, has 2"),
        (("structure", "a", "b", "c", "d", "e"), "rubrics[0].criteria", "has 6"),
        (("insight", "rigour", "depth"), "rubrics[0].criteria", "'structure' criterion"),
        (("structure", "insight", "insight"), "rubrics[0].criteria", "insight repeats"),
    ],
)
def test_an_override_rubric_is_checked_like_rubrics_toml(
    criteria: tuple[str, ...], field: str, fragment: str
) -> None:
    problem = only(problems_of(bank(head=HEAD + rubric("metrics", *criteria))))
    assert problem.field == field
    assert problem.question_id is None
    assert fragment in problem.message


def test_an_override_for_an_unknown_type_names_its_line() -> None:
    text = bank(head=HEAD + rubric("metrics") + rubric("poetry"))
    problem = only(problems_of(text))
    assert problem.field == "rubrics[1].type"
    assert problem.line == line_of(text, 'type = "poetry"')


# -- resources/rubrics.toml ------------------------------------------------------------------------
def rubrics_file(*types: str) -> str:
    return "version = 1\n" + "".join(rubric(t) for t in types)


def test_a_complete_rubrics_file_parses_into_one_rubric_per_type() -> None:
    rubrics, problems = parse_rubrics_text(rubrics_file(*QUESTION_TYPES), "rubrics.toml")
    assert problems == []
    assert list(rubrics) == list(QUESTION_TYPES)
    assert rubrics["ai"].name == "ai rubric"
    assert rubrics["ai"].criterion("structure") is not None


def test_a_rubrics_file_missing_types_is_a_problem_only_when_every_type_is_required() -> None:
    text = rubrics_file("metrics", "intro")
    rubrics, problems = parse_rubrics_text(text, "rubrics.toml")
    (problem,) = problems
    assert problem.field == "rubrics"
    assert "product_design" in problem.message and "metrics" not in problem.message
    rubrics, problems = parse_rubrics_text(text, "rubrics.toml", require_every_type=False)
    assert problems == [] and set(rubrics) == {"metrics", "intro"}


def test_a_type_with_two_rubrics_is_reported_and_the_first_kept() -> None:
    text = rubrics_file("metrics", "intro", "metrics")
    rubrics, problems = parse_rubrics_text(text, "rubrics.toml", require_every_type=False)
    (problem,) = problems
    assert problem.field == "rubrics[2].type"
    assert problem.line == line_of(text, 'type = "metrics"', occurrence=2)
    assert set(rubrics) == {"metrics", "intro"}


@pytest.mark.parametrize("count", [4, 6])
def test_a_criterion_needs_exactly_five_levels_and_the_line_is_its_own(count: int) -> None:
    text = rubrics_file("metrics", "intro")
    second_rubric_third_levels = line_of(text, "levels = ", occurrence=6)
    lines = text.splitlines()
    values = ", ".join(f'"level {n}"' for n in range(1, count + 1))
    lines[second_rubric_third_levels - 1] = f"levels = [{values}]"
    rubrics, problems = parse_rubrics_text(
        "\n".join(lines) + "\n", "rubrics.toml", require_every_type=False
    )
    (problem,) = problems
    assert problem.field == "rubrics[1].criteria[2].levels"
    assert problem.line == second_rubric_third_levels
    assert str(problem).startswith(f"rubrics.toml:{second_rubric_third_levels}: field rubrics")
    assert set(rubrics) == {"metrics"}  # the broken rubric is left out; its type falls back


def test_levels_must_be_distinct_and_not_empty() -> None:
    text = rubrics_file("metrics").replace("rigour level 4 descriptor", "rigour level 3 descriptor")
    text = text.replace('"insight level 2 descriptor"', '""')
    _, problems = parse_rubrics_text(text, "rubrics.toml", require_every_type=False)
    assert {(p.field, p.message) for p in problems} == {
        ("rubrics[0].criteria[2].levels", "the 5 levels must each say something different"),
        ("rubrics[0].criteria[1].levels", "must not contain empty text"),
    }


def test_a_criterion_needs_a_description_in_a_type_rubric() -> None:
    text = rubrics_file("metrics").replace('description = "What insight means."\n', "")
    _, problems = parse_rubrics_text(text, "rubrics.toml", require_every_type=False)
    (problem,) = problems
    assert (problem.field, problem.message) == ("rubrics[0].criteria[1].description", "is missing")


def test_a_rubrics_file_that_is_not_toml_is_one_problem() -> None:
    rubrics, problems = parse_rubrics_text("[[rubrics]\n", "rubrics.toml")
    assert rubrics == {}
    (problem,) = problems
    assert "not valid TOML" in problem.message and problem.line == 1


def test_legacy_rubrics_are_keyed_by_skill() -> None:
    text = 'version = 1\n[analytical]\nname = "Analytical (format v1)"\n' + rubric(
        "x", "framing", "decision", "rigour"
    ).split("\n", 4)[4].replace("rubrics.criteria", "analytical.criteria")
    rubrics, problems = parse_legacy_rubrics_text(text, "legacy_rubrics.toml")
    assert problems == []
    legacy = rubrics["analytical"]
    assert (legacy.key, legacy.name) == ("analytical", "Analytical (format v1)")
    assert [c.id for c in legacy.criteria] == ["framing", "decision", "rigour"]


def test_the_shipped_legacy_rubrics_are_the_seven_v1_skill_rubrics() -> None:
    text = (REPO / "resources" / "legacy_rubrics.toml").read_text(encoding="utf-8")
    rubrics, problems = parse_legacy_rubrics_text(text, "legacy_rubrics.toml")
    assert problems == []
    assert set(rubrics) == {
        "analytical",
        "communication",
        "technical",
        "user_centric",
        "product_strategy",
        "execution",
        "creativity",
    }
    assert [c.id for c in rubrics["analytical"].criteria] == [
        "framing",
        "metric_judgement",
        "quantitative_rigour",
        "decision",
    ]
