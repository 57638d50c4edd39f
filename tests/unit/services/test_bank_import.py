"""Importing a file of your own questions: validated whole, added in one go or not at all."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

import pytest

from pm_prep.domain.bank_format import MAX_BANK_BYTES, BankError
from pm_prep.services.bank_import import MAX_IMPORT_QUESTIONS, import_bank, plural
from pm_prep.services.question_bank import question_versions
from pm_prep.services.workspace import Workspace, open_workspace

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "example-bank.toml"
EXAMPLE_ID = "an-example-dau-drop"
MIXED_CSV = (
    "skill,prompt\n"
    "analytical,How would you measure the success of comments on live streams?\n"
    'communication,"Tell me about a time you disagreed with an engineer, and what happened."\n'
    'analytical,"Daily uploads fell 5%\nover a week. Where do you look first?"\n'
)


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


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_mixed_skill_two_column_csv_imports_with_generated_ids(
    workspace: Workspace, tmp_path: Path
) -> None:
    before = len(workspace.catalog.questions)

    result = import_bank(workspace, write(tmp_path, "prep.csv", MIXED_CSV))

    assert result.skills == {"analytical": 2, "communication": 1}
    assert len(result.added) == 3 and result.questions == 3
    assert len(workspace.catalog.questions) == before + 3
    prompts = {workspace.catalog.questions[q].prompt: q for q in result.added}
    assert "Daily uploads fell 5%\nover a week. Where do you look first?" in prompts
    story = workspace.catalog.questions[prompts[next(p for p in prompts if "engineer" in p)]]
    assert (story.skill, story.type) == ("communication", "behavioural")  # the skill's default
    assert story.talking_points == () and story.hints == ()
    rows = question_rows(workspace)
    assert {rows[q] for q in result.added} == {("import:prep.csv", None)}
    assert not (workspace.data_dir / "banks").exists()  # your questions live in the database


def test_importing_the_same_file_twice_adds_nothing_twice(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, "prep.csv", MIXED_CSV)
    first = import_bank(workspace, path)
    count = len(workspace.catalog.questions)

    again = import_bank(workspace, path)
    under_another_name = import_bank(workspace, write(tmp_path, "copy.csv", MIXED_CSV))

    assert again.added == () and set(again.unchanged) == set(first.added)
    assert under_another_name.added == ()
    assert len(workspace.catalog.questions) == count
    assert again.summary() == "Nothing new in prep.csv: all 3 are already in your bank."


def test_a_changed_question_is_updated_and_its_old_text_kept(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, "prep.csv", "skill,prompt\nanalytical,Size the market for pet food.\n")
    (qid,) = import_bank(workspace, path).added
    path.write_text(
        "skill,prompt,hints\nanalytical,Size the market for pet food.,Start from households\n",
        "utf-8",
    )

    result = import_bank(workspace, path)

    assert result.updated == (qid,)
    assert workspace.catalog.questions[qid].hints == ("Start from households",)
    (version,) = question_versions(workspace, qid)
    assert version.question.hints == ()


def test_a_plain_text_list_takes_the_chosen_skill(workspace: Workspace, tmp_path: Path) -> None:
    text = "# From a recruiter\n1. Why do you want to be a PM?\n\n2) Tell me about yourself.\n"
    result = import_bank(workspace, write(tmp_path, "list.txt", text), skill="communication")

    prompts = sorted(workspace.catalog.questions[q].prompt for q in result.added)
    assert prompts == ["Tell me about yourself.", "Why do you want to be a PM?"]
    assert result.summary({"communication": "Communication"}) == (
        "Imported 2 questions for Communication from list.txt."
    )


def test_a_plain_text_list_without_a_skill_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(BankError, match="needs its skill"):
        import_bank(workspace, write(tmp_path, "list.txt", "Why PM?\n"))


def test_one_question_is_said_in_the_singular(workspace: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", "skill,prompt\ntechnical,How does a CDN cache video?\n")
    assert import_bank(workspace, path).summary() == (
        "Imported 1 question for technical from one.csv."
    )
    assert (plural(1), plural(2), plural(1200)) == ("1 question", "2 questions", "1,200 questions")


def test_a_full_bank_file_imports_and_is_loaded_next_time(
    workspace: Workspace, tmp_path: Path
) -> None:
    source = write(
        tmp_path, "mine.toml", with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b")
    )

    result = import_bank(workspace, source)

    assert (result.skill, result.questions) == ("analytical", 2)
    assert {"my-a", "my-b"} <= set(workspace.catalog.questions)
    assert question_rows(workspace)["my-a"] == ("import:mine.toml", None)
    workspace.close()
    source.unlink()  # the database keeps the questions, not the file
    reopened = open_workspace(workspace.data_dir)
    try:
        assert reopened.catalog.questions["my-a"].framework.name == "Metric diagnosis tree"
        assert reopened.bank_problems == []
    finally:
        reopened.close()


def test_importing_never_removes_a_question(workspace: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    text = EXAMPLE.read_text("utf-8")
    source.write_text(with_questions(text, "my-a", "my-b"), "utf-8")
    import_bank(workspace, source)
    source.write_text(with_questions(text, "my-a", "my-c"), "utf-8")

    result = import_bank(workspace, source)

    assert (result.added, result.unchanged) == (("my-c",), ("my-a",))
    assert {"my-a", "my-b", "my-c"} <= set(workspace.catalog.questions)


def test_a_json_list_of_questions_imports_too(workspace: Workspace, tmp_path: Path) -> None:
    data = tomllib.loads(with_questions(EXAMPLE.read_text("utf-8"), "my-json"))
    bank = write(tmp_path, "mine.json", json.dumps(data, ensure_ascii=False))
    bare = write(
        tmp_path, "list.json", json.dumps([{"skill": "execution", "prompt": "Cut scope?"}])
    )
    assert import_bank(workspace, bank).added == ("my-json",)
    assert len(import_bank(workspace, bare).added) == 1


@pytest.mark.parametrize(
    "case", ["invalid", "clash", "suffix", "too-big", "binary", "not-utf8", "too-many"]
)
def test_a_refused_file_changes_nothing(workspace: Workspace, tmp_path: Path, case: str) -> None:
    text = with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b")
    name = "mine.toml"
    data: bytes | None = None
    if case == "invalid":
        text = text.replace("time_limit_s = 600", "time_limit_s = 5", 1)
    elif case == "clash":
        shipped = workspace.catalog.questions_for("technical")[0].id
        text = text.replace('"my-b"', f'"{shipped}"')
    elif case == "suffix":
        name = "mine.xlsx"
    elif case == "too-big":
        text += "# " + "x" * MAX_BANK_BYTES + "\n"
    elif case == "binary":
        data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    elif case == "not-utf8":
        name, data = "mine.csv", "skill,prompt\nanalytical,Caf\u00e9 metrics?\n".encode("cp1252")
    else:
        name = "many.txt"
        text = "".join(f"Question number {n}?\n" for n in range(MAX_IMPORT_QUESTIONS + 1))
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    else:
        source.write_text(text, "utf-8")
    before_rows = question_rows(workspace)
    before_catalog = dict(workspace.catalog.questions)

    with pytest.raises(BankError) as refused:
        import_bank(workspace, source, skill="analytical" if case == "too-many" else None)

    message = "\n".join(str(p) for p in refused.value.problems)
    expected = {
        "invalid": "time_limit_s",
        "clash": "already used by a built-in question",
        "suffix": "save the spreadsheet as CSV",
        "too-big": "larger than 5 MB",
        "binary": "binary",
        "not-utf8": "not UTF-8",
        "too-many": "at most 5,000",
    }[case]
    assert expected in message
    assert question_rows(workspace) == before_rows
    assert workspace.catalog.questions == before_catalog


def test_every_problem_of_a_file_is_reported_in_one_pass_with_its_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = (
        "skill,prompt,difficulty\n"
        "analytical,Fine question?,2\n"
        "astrology,Unknown skill?,2\n"
        "analytical,,2\n"
        f"technical,{'x' * 2001},2\n"
        "analytical,Too hard?,9\n"
    )
    with pytest.raises(BankError) as refused:
        import_bank(workspace, write(tmp_path, "bad.csv", text))
    found = {(p.line, p.field) for p in refused.value.errors}
    assert found == {(3, "skill"), (4, "prompt"), (5, "prompt"), (6, "difficulty")}
    assert "unknown skill 'astrology'" in str(refused.value.problems[0])


def test_an_id_clashing_with_a_built_in_names_its_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    shipped = workspace.catalog.questions_for("analytical")[0].id
    text = f"id,skill,prompt\nmy-ok,analytical,Fine?\n{shipped},analytical,Taken?\n"
    with pytest.raises(BankError) as refused:
        import_bank(workspace, write(tmp_path, "ids.csv", text))
    (problem,) = refused.value.errors
    assert (problem.question_id, problem.line) == (shipped, 3)
    assert "my-ok" not in workspace.catalog.questions


def test_warnings_do_not_stop_an_import(workspace: Workspace, tmp_path: Path) -> None:
    text = (
        "Prompt,Skill,Notes\nWhy now?,product_strategy,from a forum\nWhy now?,product_strategy,\n"
    )
    result = import_bank(workspace, write(tmp_path, "w.csv", text))
    assert len(result.added) == 1
    messages = [p.message for p in result.warnings]
    assert any("columns ignored" in m and "notes" in m for m in messages)
    assert any("already in this file" in m for m in messages)


def test_html_and_other_scripts_are_kept_as_written(workspace: Workspace, tmp_path: Path) -> None:
    prompt = "<b>Bold</b> <script>alert(1)</script> 🚀 שלום مرحبا?"
    path = write(tmp_path, "x.json", json.dumps([{"skill": "creativity", "prompt": prompt}]))
    (qid,) = import_bank(workspace, path).added
    assert workspace.catalog.questions[qid].prompt == prompt


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


def test_an_imported_files_rubric_is_used_for_its_questions_of_that_type_only(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = with_questions(EXAMPLE.read_text("utf-8"), "my-a", "my-b")
    last = text.rindex('type = "diagnosis"')
    text = text[:last] + 'type = "metrics"' + text[last + len('type = "diagnosis"') :]
    head, rest = text.split("[[questions]]", 1)
    source = write(tmp_path, "mine.toml", head + OVERRIDE + "\n[[questions]]" + rest)

    import_bank(workspace, source)

    catalog = workspace.catalog
    assert [catalog.questions[q].type for q in ("my-a", "my-b")] == ["diagnosis", "metrics"]
    own = catalog.rubric_for(catalog.questions["my-a"])
    assert own is not None and own.name == "Our diagnosis rubric"
    usual = catalog.rubric_for(catalog.questions["my-b"])
    assert usual is not None and usual.name != "Our diagnosis rubric"
    workspace.close()
    reopened = open_workspace(workspace.data_dir)  # the rubric is kept with the question
    try:
        kept = reopened.catalog.rubric_for(reopened.catalog.questions["my-a"])
        assert kept is not None and kept.name == "Our diagnosis rubric"
    finally:
        reopened.close()

    source.write_text(text, "utf-8")  # the same questions without the rubric
    again = open_workspace(workspace.data_dir)
    try:
        assert import_bank(again, source).updated == ("my-a",)
        plain = again.catalog.rubric_for(again.catalog.questions["my-a"])
        assert plain is not None and plain.name != "Our diagnosis rubric"
        assert "my-a" not in again.catalog.rubric_overrides
    finally:
        again.close()
