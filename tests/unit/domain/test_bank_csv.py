"""Banks written as CSV go through the same validator as TOML banks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_prep.cli import main
from pm_prep.domain.bank_format import BankError, parse_bank_text
from pm_prep.services.bank_import import import_bank
from pm_prep.services.catalog import load_catalog
from pm_prep.services.workspace import Workspace

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "example-bank.csv"
SKILLS = {"analytical", "communication"}


def test_example_csv_parses_into_a_complete_question() -> None:
    bank = parse_bank_text(
        EXAMPLE.read_text(encoding="utf-8"), "example.csv", SKILLS, fmt="csv", require_rubric=False
    )
    (question,) = bank.questions
    assert question.id == "my-sticker-adoption"
    assert question.tracks == ("intern", "pm")
    assert question.difficulty == 2 and question.time_limit_s == 480
    assert len(question.hints) == 2
    assert question.framework.steps[0] == "Define the metric precisely"
    assert question.talking_points[0].keywords == (
        "denominator",
        "impressions",
        "exposure",
        "viewed",
    )
    assert "**Baseline**" in question.sample_outline


def test_csv_problems_name_the_row_line() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(",480,", ",soon,")
    with pytest.raises(BankError) as caught:
        parse_bank_text(text, "mine.csv", SKILLS, fmt="csv", require_rubric=False)
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
        parse_bank_text(f"{header}\n{rest}\n{other}\n", "two.csv", SKILLS, fmt="csv")


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
