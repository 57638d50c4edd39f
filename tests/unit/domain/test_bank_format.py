"""Bank validation: every problem names the file, the question id, the field and the line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from pm_prep.domain.bank_format import (
    MAX_BANK_BYTES,
    BankError,
    Problem,
    content_hash,
    parse_bank_text,
)

SKILLS = {"analytical", "communication", "technical", "user_centric"}
SOURCE = "my-bank.toml"
REPO = Path(__file__).resolve().parents[3]

RUBRIC = """\
skill = "analytical"

[rubric]
[[rubric.criteria]]
id = "structure"
name = "Structure"
levels = ["one", "two", "three", "four", "five"]

[[rubric.criteria]]
id = "data_judgement"
name = "Data judgement"
levels = ["one", "two", "three", "four", "five"]

[[rubric.criteria]]
id = "insight"
name = "Insight"
levels = ["one", "two", "three", "four", "five"]
"""


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


def bank(*questions: str, rubric: str = RUBRIC) -> str:
    return rubric + "".join(questions or (question("an-one"),))


def problems_of(text: str, **kwargs: object) -> list[Problem]:
    with pytest.raises(BankError) as error:
        parse_bank_text(text, SOURCE, SKILLS, **kwargs)  # type: ignore[arg-type]
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
def test_a_valid_bank_parses_into_questions_and_a_rubric() -> None:
    text = bank(question("an-one"), question("an-two", difficulty="3"))
    parsed = parse_bank_text(text, SOURCE, SKILLS)
    assert parsed.skill == "analytical"
    assert [q.id for q in parsed.questions] == ["an-one", "an-two"]
    assert [c.id for c in parsed.rubric.criteria] == ["structure", "data_judgement", "insight"]
    assert parsed.questions[1].difficulty == 3
    assert parsed.questions[0].framework.name == "Metric diagnosis tree"
    assert len(parsed.questions[0].talking_points) == 3
    assert parsed.content_hash == content_hash(text)


def test_the_same_bank_as_json_parses_the_same() -> None:
    text = bank()
    as_json = json.dumps(tomllib.loads(text))
    from_toml = parse_bank_text(text, SOURCE, SKILLS)
    from_json = parse_bank_text(as_json, "my-bank.json", SKILLS, fmt="json")
    assert from_json.questions == from_toml.questions
    assert from_json.rubric == from_toml.rubric


@pytest.mark.parametrize(
    "path",
    ["docs/examples/example-bank.toml", "resources/question_banks/analytical.toml"],
)
def test_shipped_and_documented_banks_are_valid(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    parsed = parse_bank_text(text, path, SKILLS)
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
    problem = only(problems_of(RUBRIC))
    assert problem.field == "questions"


def test_talking_points_need_three_with_keywords() -> None:
    text = bank().replace('keywords = ["logging", "segment", "holiday"]', "keywords = []", 1)
    problem = only(problems_of(text))
    assert (problem.question_id, problem.field) == ("an-one", "talking_points[0].keywords")


@pytest.mark.parametrize("levels", [4, 6])
def test_a_criterion_needs_exactly_five_levels(levels: int) -> None:
    values = ", ".join(f'"level {n}"' for n in range(1, levels + 1))
    lines = RUBRIC.splitlines()
    second_levels = line_of(RUBRIC, "levels = ", occurrence=2)
    lines[second_levels - 1] = f"levels = [{values}]"
    text = bank(rubric="\n".join(lines) + "\n")
    problem = only(problems_of(text))
    assert problem.field == "rubric.criteria[1].levels"
    assert problem.question_id is None
    assert problem.line == second_levels
    assert "rubric.criteria[1].levels" in str(problem)


@pytest.mark.parametrize("count", [2, 6])
def test_a_rubric_needs_three_to_five_criteria(count: int) -> None:
    criterion = (
        '\n[[rubric.criteria]]\nid = "c{n}"\nname = "C"\nlevels = ["1", "2", "3", "4", "5"]\n'
    )
    rubric = 'skill = "analytical"\n\n[rubric]\n' + "".join(
        criterion.format(n=n) for n in range(count)
    )
    problem = only(problems_of(bank(rubric=rubric)))
    assert problem.field == "rubric.criteria"
    assert f"has {count}" in problem.message


def test_a_missing_rubric_is_required_for_built_in_banks_only() -> None:
    text = bank(rubric='skill = "analytical"\n')
    problem = only(problems_of(text))
    assert problem.field == "rubric"
    parsed = parse_bank_text(text, SOURCE, SKILLS, require_rubric=False)
    assert parsed.rubric.criteria == ()


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
