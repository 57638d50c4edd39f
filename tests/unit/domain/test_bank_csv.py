"""Banks written as CSV go through the same validator as TOML banks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pm_prep.cli import main
from pm_prep.domain.bank_format import BankError, QuestionFile, parse_bank_text, parse_question_file
from pm_prep.domain.content import Bank
from pm_prep.services.bank_import import import_bank
from pm_prep.services.catalog import load_catalog
from pm_prep.services.workspace import Workspace

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "example-bank.csv"
SKILLS = {"analytical", "communication"}
TYPES = {"analytical": "metrics", "communication": "behavioural"}


def parse_csv(text: str, source: str = "mine.csv") -> Bank:
    return parse_bank_text(text, source, SKILLS, fmt="csv", default_types=TYPES)


def test_example_csv_parses_into_a_complete_question() -> None:
    bank = parse_csv(EXAMPLE.read_text(encoding="utf-8"), "example.csv")
    (question,) = bank.questions
    assert question.id == "my-sticker-adoption"
    assert question.type == "metrics"
    assert question.tracks == ("intern", "pm")
    assert question.difficulty == 2 and question.time_limit_s == 600
    assert len(question.hints) == 2
    assert question.framework.steps[0] == "Define the metric precisely"
    assert question.talking_points[0].keywords == (
        "denominator",
        "impressions",
        "exposure",
        "viewed",
    )
    assert "**Baseline**" in question.sample_outline
    assert [c.keywords for c in question.clarifications] == [
        ("launch", "new", "when"),
        ("baseline", "other stickers", "compare"),
    ]
    assert question.clarifications[0].answer == "It launched six weeks ago in every market."


def test_csv_problems_name_the_row_line() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(",600,", ",soon,")
    with pytest.raises(BankError) as caught:
        parse_csv(text)
    (problem,) = caught.value.problems
    assert (problem.question_id, problem.field, problem.line) == (
        "my-sticker-adoption",
        "time_limit_s",
        2,
    )


def test_csv_with_two_skills_is_refused() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header, rest = lines[0], "\n".join(lines[1:])
    other = rest.replace("my-sticker-adoption,analytical", "my-other,communication")
    with pytest.raises(BankError, match="one skill per bank file"):
        parse_csv(f"{header}\n{rest}\n{other}\n", "two.csv")


def with_columns(**cells: str) -> str:
    """The example CSV with some cells replaced or added (a new column goes last)."""
    rows = list(csv.DictReader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))
    rows[0].update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_csv_type_examples_and_clarifications_columns_are_optional() -> None:
    lines = with_columns(type="", clarifications="").splitlines()
    (question,) = parse_csv("\n".join(lines)).questions
    assert question.type == "metrics"  # the skill's default
    assert question.clarifications == ()
    assert question.examples == ()


def test_csv_examples_are_level_text_and_why() -> None:
    text = with_columns(
        examples="2: I would look at the data. => Structure 2: no baseline."
        "|5: First I would define the denominator... => Structure 5, Rigour 4."
    )
    (question,) = parse_csv(text).questions
    assert [(e.level, e.text, e.why) for e in question.examples] == [
        (2, "I would look at the data.", "Structure 2: no baseline."),
        (5, "First I would define the denominator...", "Structure 5, Rigour 4."),
    ]


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({"type": "puzzle"}, "type"),
        ({"examples": "great: text => why"}, "examples[0].level"),
        ({"examples": "4: some text"}, "examples[0].why"),
        ({"clarifications": "Launch: soon"}, "clarifications[0].keywords"),
        ({"clarifications": "launch; when:"}, "clarifications[0].answer"),
    ],
)
def test_csv_v2_problems_name_the_field_and_the_row_line(cells: dict[str, str], field: str) -> None:
    with pytest.raises(BankError) as caught:
        parse_csv(with_columns(**cells))
    (problem,) = caught.value.problems
    assert (problem.question_id, problem.field, problem.line) == ("my-sticker-adoption", field, 2)


def test_csv_bank_imports(workspace: Workspace) -> None:
    result = import_bank(workspace, EXAMPLE)
    assert result.questions == 1
    assert "my-sticker-adoption" in workspace.catalog.questions


def test_validate_bank_reports_clashes_with_built_in_ids(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    clash = tmp_path / "clash.csv"
    text = EXAMPLE.read_text(encoding="utf-8")
    taken = load_catalog().catalog.questions_for("analytical")[0].id
    clash.write_text(text.replace("my-sticker-adoption", taken), "utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "validate-bank", str(clash)]) == 1
    out = capsys.readouterr().out
    assert taken in out and "built-in" in out


OWN_SKILLS = {"analytical", "communication", "technical"}
OWN_TYPES = {"analytical": "metrics", "communication": "behavioural", "technical": "technical"}


def parse_own_csv(text: str) -> QuestionFile:
    return parse_question_file(text, "mine.csv", OWN_SKILLS, fmt="csv", default_types=OWN_TYPES)


def own_csv_problems(text: str) -> list[str]:
    with pytest.raises(BankError) as refused:
        parse_own_csv(text)
    return [str(p) for p in refused.value.problems]


# -- a user's own spreadsheet: only prompt (and skill) needed -----------------------------------
def test_csv_columns_in_any_order_and_case_with_extra_columns_ignored() -> None:
    text = (
        "\ufeffNotes,PROMPT,Time limit s,Skill\n"
        'from a forum,"Estimate, roughly, the number of\ndentists in Spain.",600,analytical\n'
    )
    parsed = parse_own_csv(text)
    (q,) = parsed.questions
    assert q.prompt == "Estimate, roughly, the number of\ndentists in Spain."
    assert q.time_limit_s == 600 and q.skill == "analytical"
    assert [str(w) for w in parsed.warnings] == [
        "mine.csv:1: warning: columns ignored (not known to PM Prep): notes"
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_separated_by_commas_semicolons_or_tabs(delimiter: str) -> None:
    text = f"skill{delimiter}question\ntechnical{delimiter}What is latency?\n"
    assert parse_own_csv(text).questions[0].prompt == "What is latency?"


def test_a_csv_without_a_prompt_column_says_which_columns_it_found() -> None:
    (found,) = own_csv_problems("skill,text\nanalytical,Why?\n")
    assert found.startswith("mine.csv:1: not a valid CSV file: missing column: prompt")
    assert "'skill', 'text'" in found and ".txt file" in found


def test_csv_problems_name_the_row_line_even_after_a_quoted_newline() -> None:
    text = 'skill,prompt\nanalytical,"two\nlines"\nnope,Third?\n\nanalytical,\n'
    assert own_csv_problems(text) == [
        "mine.csv:4: question #2: field skill: unknown skill 'nope' (known: analytical, "
        "communication, technical)",
        "mine.csv:6: question #3: field prompt: is missing",
    ]
