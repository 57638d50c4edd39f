"""Importing a user's own bank: validated whole, added in one go or not at all."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

import pytest

from pm_prep.domain.bank_format import MAX_BANK_BYTES, BankError
from pm_prep.services.bank_import import import_bank
from pm_prep.services.workspace import Workspace, open_workspace

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "example-bank.toml"
EXAMPLE_ID = "an-example-dau-drop"


def with_questions(text: str, *ids: str) -> str:
    """The example bank with its one question repeated under each id."""
    head, question = text.split("[[questions]]", 1)
    return head + "".join(f"[[questions]]{question.replace(EXAMPLE_ID, qid)}" for qid in ids)


def question_rows(ws: Workspace) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(ws.database_path)
    try:
        rows = conn.execute("SELECT id, source, retired_at FROM questions").fetchall()
    finally:
        conn.close()
    return {qid: (source, retired) for qid, source, retired in rows}


def test_an_imported_bank_is_stored_synced_and_loaded_next_time(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "mine.toml"
    source.write_text(with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b"), "utf-8")

    result = import_bank(workspace, source)

    assert (result.skill, result.questions) == ("analytical", 2)
    assert result.stored_as == workspace.data_dir / "banks" / "mine.toml"
    assert result.stored_as.read_bytes() == source.read_bytes()
    assert {"my-a", "my-b"} <= set(workspace.catalog.questions)
    assert question_rows(workspace)["my-a"] == ("banks/mine.toml", None)
    workspace.close()
    source.unlink()  # the app keeps its own copy
    reopened = open_workspace(workspace.data_dir)
    try:
        assert {"my-a", "my-b"} <= set(reopened.catalog.questions)
        assert reopened.bank_problems == []
    finally:
        reopened.close()


def test_reimporting_a_file_replaces_its_questions_and_retires_dropped_ones(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "mine.toml"
    text = EXAMPLE.read_text("utf-8")
    source.write_text(with_questions(text, "my-a", "my-b"), "utf-8")
    import_bank(workspace, source)
    source.write_text(with_questions(text, "my-a", "my-c"), "utf-8")

    assert import_bank(workspace, source).questions == 2

    assert "my-b" not in workspace.catalog.questions
    assert {"my-a", "my-c"} <= set(workspace.catalog.questions)
    rows = question_rows(workspace)
    assert rows["my-b"][1] is not None  # retired, not deleted
    assert rows["my-a"][1] is None
    assert rows["my-c"][1] is None


def test_a_json_bank_imports_too(workspace: Workspace, tmp_path: Path) -> None:
    data = tomllib.loads(with_questions(EXAMPLE.read_text("utf-8"), "my-json"))
    source = tmp_path / "mine.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert import_bank(workspace, source).questions == 1
    assert "my-json" in workspace.catalog.questions


@pytest.mark.parametrize("case", ["invalid", "clash", "suffix", "too-big"])
def test_a_refused_bank_changes_nothing(workspace: Workspace, tmp_path: Path, case: str) -> None:
    text = with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b")
    name = "mine.toml"
    if case == "invalid":
        text = text.replace("time_limit_s = 600", "time_limit_s = 5", 1)
    elif case == "clash":
        shipped = workspace.catalog.questions_for("technical")[0].id
        text = text.replace('"my-b"', f'"{shipped}"')
    elif case == "suffix":
        name = "mine.txt"
    else:
        text += "# " + "x" * MAX_BANK_BYTES + "\n"
    source = tmp_path / name
    source.write_text(text, "utf-8")
    before_rows = question_rows(workspace)
    before_catalog = dict(workspace.catalog.questions)

    with pytest.raises(BankError) as refused:
        import_bank(workspace, source)

    assert refused.value.problems
    assert question_rows(workspace) == before_rows
    assert workspace.catalog.questions == before_catalog
    banks = workspace.data_dir / "banks"
    assert not banks.exists() or list(banks.iterdir()) == []


def test_a_v1_bank_with_a_rubric_and_no_types_still_imports(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Banks people wrote for format v1 keep working: `[rubric]` is ignored, types default."""
    v1 = EXAMPLE.read_text("utf-8").replace('type = "diagnosis"\n', "")
    head, question = v1.split("[[questions]]", 1)
    rubric = (
        "[rubric]\n"
        + "".join(
            f'[[rubric.criteria]]\nid = "c{n}"\nname = "C{n}"\nlevels = ["1", "2", "3", "4", "5"]\n'
            for n in range(3)
        )
        + "\n"
    )
    source = tmp_path / "old.toml"
    source.write_text(
        head.replace("version = 2", "version = 1") + rubric + "[[questions]]" + question
    )

    assert import_bank(workspace, source).questions == 1

    imported = workspace.catalog.questions[EXAMPLE_ID]
    assert imported.type == workspace.catalog.skills["analytical"].default_type
    rubric_used = workspace.catalog.rubric_for(imported)
    assert rubric_used is not None
    assert "c0" not in {c.id for c in rubric_used.criteria}


OVERRIDE = """
[[rubrics]]
type = "diagnosis"
name = "Our diagnosis rubric"
""" + "".join(
    f'\n[[rubrics.criteria]]\nid = "{cid}"\nname = "{cid}"\ndescription = "d"\n'
    f'levels = ["{cid} 1", "{cid} 2", "{cid} 3", "{cid} 4", "{cid} 5"]\n'
    for cid in ("structure", "hypotheses", "decision")
)


def test_an_imported_banks_rubric_is_used_for_its_questions_of_that_type_only(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b")
    last = text.rindex('type = "diagnosis"')
    text = text[:last] + 'type = "metrics"' + text[last + len('type = "diagnosis"') :]
    head, rest = text.split("[[questions]]", 1)
    source = tmp_path / "mine.toml"
    source.write_text(head + OVERRIDE + "\n[[questions]]" + rest, "utf-8")

    import_bank(workspace, source)

    catalog = workspace.catalog
    assert [catalog.questions[q].type for q in ("my-a", "my-b")] == ["diagnosis", "metrics"]
    own = catalog.rubric_for(catalog.questions["my-a"])
    assert own is not None and own.name == "Our diagnosis rubric"
    usual = catalog.rubric_for(catalog.questions["my-b"])
    assert usual is not None and usual.name != "Our diagnosis rubric"

    source.write_text(text, "utf-8")  # the same bank without its rubric
    import_bank(workspace, source)

    again = catalog.rubric_for(catalog.questions["my-a"])
    assert again is not None and again.name != "Our diagnosis rubric"
    assert "my-a" not in catalog.rubric_overrides
