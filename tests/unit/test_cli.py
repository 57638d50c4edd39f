"""The `pm-prep` command line (DESIGN section 8), called in-process through cli.main()."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pm_prep import __version__
from pm_prep.cli import main
from pm_prep.domain.content import QUESTION_TYPES
from pm_prep.paths import resources_dir
from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.workspace import Workspace, database_path, open_workspace
from pm_prep.storage import backup
from pm_prep.storage.lock import DataDirLock

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_BANK = REPO / "docs" / "examples" / "example-bank.toml"
ANALYTICAL_BANK = resources_dir() / "question_banks" / "analytical.toml"
EMOJI_ANSWER = "Launch in 2 markets first 🚀🌍, then measure D7 retention ✅ — שלום, مرحبا"


@pytest.fixture(autouse=True)
def _restore_umask() -> Iterator[None]:
    """main() tightens the process umask (as the real command should); undo it per test."""
    previous = os.umask(0o022)
    os.umask(previous)
    try:
        yield
    finally:
        os.umask(previous)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run the command; returns (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("pm-prep: ")
    return lines[0]


def practise(ws: Workspace, question_id: str, level: int, answer: str = "An answer.") -> int:
    now = datetime.now(UTC) - timedelta(hours=1)
    attempt_id = submit_answer(
        ws,
        question_id,
        answer,
        started_at=now - timedelta(minutes=4),
        duration_s=240,
        hints_used=0,
        now=now,
    )
    rubric = ws.catalog.rubric_for(ws.catalog.questions[question_id])
    assert rubric is not None
    levels = {c.id: level for c in rubric.criteria}
    rate_attempt(ws, attempt_id, levels, now=now)
    return attempt_id


def count_rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


# -- version and usage ------------------------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert (code, out, err) == (0, f"pm-prep {__version__}\n", "")


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--no-such-option"],
        ["export", "--format", "pdf", "-o", "answers.pdf"],
        ["export", "--format", "md"],
        ["demo"],
        ["demo", "--attempts", "many"],
        ["demo", "--attempts", "0"],
        ["stats", "--track", "ceo"],
        ["validate-bank"],
        ["restore", "a.sqlite3", "b.sqlite3"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, *args)
    assert code == 2
    assert out == ""
    one_error_line(err)
    assert not database_path(data_dir).exists()


# -- stats -----------------------------------------------------------------------------------------
def test_stats_json_follows_the_documented_schema(
    capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    first, second = (q.id for q in workspace.catalog.questions_for("analytical")[:2])
    practise(workspace, first, 3)
    practise(workspace, first, 4)
    practise(workspace, second, 5)
    practise(workspace, workspace.catalog.questions_for("communication")[0].id, 2)
    submit_answer(  # submitted but never rated: not a scored attempt
        workspace, second, "unrated", started_at=datetime.now(UTC), duration_s=1, hints_used=0
    )
    skills = set(workspace.catalog.skills)
    workspace.close()

    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "stats", "--json")

    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert {"overall", "attempts", "mocks", "skills"} <= set(doc)
    assert doc["mocks"] == 0
    assert type(doc["overall"]) is float
    assert 0.0 <= doc["overall"] <= 100.0
    assert type(doc["attempts"]) is int
    assert doc["attempts"] == 4
    assert set(doc["skills"]) == skills
    for skill_id, entry in doc["skills"].items():
        assert set(entry) == {
            "readiness",
            "attempts",
            "questions_seen",
            "self_assessment",
        }, skill_id
        assert entry["self_assessment"] is None
        assert type(entry["readiness"]) is float
        assert type(entry["attempts"]) is int
        assert type(entry["questions_seen"]) is int
        assert 0.0 <= entry["readiness"] <= 100.0
    analytical = doc["skills"]["analytical"]
    assert (analytical["attempts"], analytical["questions_seen"]) == (3, 2)
    assert doc["skills"]["analytical"]["readiness"] > 0
    assert doc["skills"]["communication"]["attempts"] == 1
    assert doc["skills"]["technical"] == {
        "readiness": 0.0,
        "attempts": 0,
        "questions_seen": 0,
        "self_assessment": None,
    }
    assert doc["overall"] > 0


def test_stats_json_on_an_empty_data_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = run(capsys, "--data-dir", data_dir, "stats", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["overall"] == 0.0
    assert type(doc["overall"]) is float
    assert doc["attempts"] == 0


def test_stats_text(capsys: pytest.CaptureFixture[str], workspace: Workspace) -> None:
    practise(workspace, workspace.catalog.questions_for("technical")[0].id, 4)
    workspace.close()
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "stats")
    assert (code, err) == (0, "")
    assert out.startswith("Overall readiness ")
    assert "Technical" in out
    assert "not started" in out


def test_stats_runs_beside_the_open_app(
    capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    code, out, _err = run(capsys, "--data-dir", workspace.data_dir, "stats", "--json")
    assert code == 0
    assert json.loads(out)["attempts"] == 0


# -- check -----------------------------------------------------------------------------------------
def test_check_a_healthy_database(capsys: pytest.CaptureFixture[str], workspace: Workspace) -> None:
    workspace.close()
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "check")
    assert (code, err) == (0, "")
    assert out.strip().endswith("ok")


def test_check_without_a_database(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "check")
    assert (code, err) == (0, "")
    assert "nothing to check" in out


def test_check_a_damaged_database(capsys: pytest.CaptureFixture[str], workspace: Workspace) -> None:
    workspace.close()
    path = database_path(workspace.data_dir)
    path.write_bytes(b"\x13garbage over the database " * 400)
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "check")
    assert code == 1
    assert out == ""
    assert "damaged" in one_error_line(err)
    assert path.read_bytes().startswith(b"\x13garbage")  # reported, not touched


# -- validate-bank ---------------------------------------------------------------------------------
@pytest.mark.parametrize("bank", [ANALYTICAL_BANK, EXAMPLE_BANK], ids=["shipped", "example"])
def test_validate_bank_accepts_a_valid_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, bank: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "validate-bank", bank)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1
    assert "valid" in lines[0]
    assert "analytical" in lines[0]


def test_validate_bank_names_the_types_of_the_questions(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    text = EXAMPLE_BANK.read_text(encoding="utf-8")
    path.write_text(text.replace('type = "diagnosis"\n', ""), encoding="utf-8")
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", EXAMPLE_BANK)
    assert code == 0
    assert "1 question for analytical (diagnosis 1)" in out
    assert "1 with example answers" in out
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 0
    assert "(metrics 1; 1 without a type use the default)" in out


def rubrics_text(*types: str) -> str:
    parts = ["version = 1\n"]
    for rtype in types:
        parts.append(f'\n[[rubrics]]\ntype = "{rtype}"\nname = "{rtype}"\n')
        for cid in ("structure", "depth", "rigour"):
            levels = ", ".join(f'"{rtype} {cid} {n}"' for n in range(1, 6))
            parts.append(
                f'\n[[rubrics.criteria]]\nid = "{cid}"\nname = "{cid}"\n'
                f'description = "{cid}"\nlevels = [{levels}]\n'
            )
    return "".join(parts)


def test_validate_bank_checks_a_rubrics_file_for_every_type(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "rubrics.toml"
    path.write_text(rubrics_text(*QUESTION_TYPES), encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert (code, err) == (0, "")
    assert out == f"{path}: valid, rubrics for all {len(QUESTION_TYPES)} question types\n"

    path.write_text(rubrics_text("metrics", "intro"), encoding="utf-8")
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"{path}:") and "no rubric for type" in line
    assert "product_design" in line and "metrics," not in line


def broken_bank(tmp_path: Path) -> Path:
    text = EXAMPLE_BANK.read_text(encoding="utf-8")
    text = text.replace("difficulty = 2", 'difficulty = "two"', 1)
    text = text.replace('tracks = ["intern", "pm"]', 'tracks = ["intern", "board"]', 1)
    path = tmp_path / "my bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_bank_reports_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = broken_bank(tmp_path)
    lines_of_file = path.read_text(encoding="utf-8").splitlines()
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    expected = {"difficulty": 'difficulty = "two"', "tracks": '"board"'}
    for line, (field, needle) in zip(sorted(lines), sorted(expected.items()), strict=True):
        number = next(n for n, text in enumerate(lines_of_file, start=1) if needle in text)
        assert line.startswith(f"{path}:{number}: question an-example-dau-drop: field {field}: ")


def test_validate_bank_reports_a_toml_syntax_error_with_its_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('skill = "analytical"\n\n[[questions]\nid = "x"\n', encoding="utf-8")
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith(f"{path}:3: ")


def test_validate_bank_of_a_missing_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "validate-bank", tmp_path / "nope.toml")
    assert (code, out) == (1, "")
    assert "nope.toml" in one_error_line(err)


# -- backup and restore --------------------------------------------------------------------------
def test_backup_to_a_chosen_file(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    practise(workspace, workspace.catalog.questions_for("analytical")[0].id, 4, EMOJI_ANSWER)
    workspace.close()
    folder = tmp_path / "my documents"
    folder.mkdir()
    os.chmod(folder, 0o755)
    target = folder / "pm-prep-backup.sqlite3"

    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "backup", "-o", target)

    assert (code, err) == (0, "")
    assert str(target) in out
    assert backup.integrity_problems(target) == []
    assert count_rows(target, "attempts") == 1
    if os.name == "posix":
        # The user's own folder keeps its permissions; only the backup file is private.
        assert folder.stat().st_mode & 0o777 == 0o755
        assert target.stat().st_mode & 0o777 == 0o600


def test_backup_into_the_data_folder(
    capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "backup")
    assert (code, err) == (0, "")
    made = backup.list_backups(workspace.data_dir)
    assert len(made) == 1
    assert str(made[0]) in out


def test_backup_without_a_database(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "backup")
    assert (code, out) == (1, "")
    one_error_line(err)


def test_restore_a_backup(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    practise(workspace, workspace.catalog.questions_for("analytical")[0].id, 4, "kept")
    saved = backup.backup_database(workspace.database_path, tmp_path / "saved.sqlite3")
    practise(workspace, workspace.catalog.questions_for("analytical")[1].id, 2, "after")
    workspace.close()

    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "restore", saved)

    assert (code, err) == (0, "")
    assert "Restored" in out
    assert count_rows(workspace.database_path, "attempts") == 1
    safety = backup.list_backups(workspace.data_dir)
    assert len(safety) == 1
    assert str(safety[0]) in out
    assert count_rows(safety[0], "attempts") == 2


def test_restore_leaves_only_the_backup_in_its_folder(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "kept backups"
    saved = backup.backup_database(workspace.database_path, folder / "saved.sqlite3")
    conn = sqlite3.connect(saved)  # a WAL-mode file, as older backups are
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    workspace.close()

    code, _out, err = run(capsys, "--data-dir", workspace.data_dir, "restore", saved)

    assert (code, err) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["saved.sqlite3"]


def test_restore_refuses_garbage_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()
    before = workspace.database_path.read_bytes()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(4096))
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "restore", garbage)
    assert (code, out) == (1, "")
    one_error_line(err)
    assert workspace.database_path.read_bytes() == before
    assert backup.list_backups(workspace.data_dir) == []


def test_restore_is_refused_while_the_app_is_open(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    saved = backup.backup_database(workspace.database_path, tmp_path / "saved.sqlite3")
    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "restore", saved)
    assert (code, out) == (1, "")
    assert "already open" in one_error_line(err)


# -- export --------------------------------------------------------------------------------------
@pytest.fixture
def answered(workspace: Workspace) -> Workspace:
    question = workspace.catalog.questions_for("user_centric")[0]
    practise(workspace, question.id, 4, EMOJI_ANSWER)
    submit_answer(
        workspace,
        question.id,
        "second, unrated",
        started_at=datetime.now(UTC),
        duration_s=5,
        hints_used=0,
    )
    workspace.close()
    return workspace


def export(capsys: pytest.CaptureFixture[str], ws: Workspace, fmt: str, target: Path) -> str:
    code, out, err = run(capsys, "--data-dir", ws.data_dir, "export", "--format", fmt, "-o", target)
    assert (code, err) == (0, "")
    assert out.strip() == f"Exported 2 answers to {target}"
    assert not list(target.parent.glob("*.partial"))
    return target.read_text(encoding="utf-8")


def test_export_json(
    capsys: pytest.CaptureFixture[str], answered: Workspace, tmp_path: Path
) -> None:
    doc = json.loads(export(capsys, answered, "json", tmp_path / "answers.json"))
    assert [a["answer"] for a in doc] == [EMOJI_ANSWER, "second, unrated"]
    assert doc[0]["score"] == 75.0
    assert doc[1]["score"] is None
    assert doc[0]["skill"] == "user_centric"
    assert set(doc[0]["criterion_scores"].values()) == {4}


def test_export_csv(
    capsys: pytest.CaptureFixture[str], answered: Workspace, tmp_path: Path
) -> None:
    text = export(capsys, answered, "csv", tmp_path / "answers.csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["answer"] for r in rows] == [EMOJI_ANSWER, "second, unrated"]
    assert rows[0]["score"] == "75.0"
    assert rows[1]["score"] == ""


def test_export_markdown(
    capsys: pytest.CaptureFixture[str], answered: Workspace, tmp_path: Path
) -> None:
    text = export(capsys, answered, "md", tmp_path / "answers.md")
    assert text.startswith("# PM Prep answers")
    assert EMOJI_ANSWER in text
    assert "score 75/100" in text
    assert "not rated" in text


def test_export_to_a_missing_folder_is_one_error_line(
    capsys: pytest.CaptureFixture[str], answered: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "answers.md"
    code, out, err = run(
        capsys, "--data-dir", answered.data_dir, "export", "--format", "md", "-o", target
    )
    assert (code, out) == (1, "")
    one_error_line(err)


# -- import-bank ---------------------------------------------------------------------------------
def test_import_a_valid_bank(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()
    source = tmp_path / "my-analytics.toml"
    source.write_text(EXAMPLE_BANK.read_text(encoding="utf-8"), encoding="utf-8")

    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "import-bank", source)

    assert (code, err) == (0, "")
    assert out.strip() == "Imported 1 question for analytical from my-analytics.toml."
    ws = open_workspace(workspace.data_dir)
    try:
        assert "an-example-dau-drop" in ws.catalog.questions
        assert ws.bank_problems == []
    finally:
        ws.close()
    conn = sqlite3.connect(workspace.database_path)
    try:
        source_row = conn.execute(
            "SELECT source, retired_at FROM questions WHERE id = 'an-example-dau-drop'"
        ).fetchone()
    finally:
        conn.close()
    assert source_row == ("import:my-analytics.toml", None)


@pytest.mark.parametrize("problem", ["invalid", "clash"])
def test_import_of_an_invalid_bank_imports_nothing(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path, problem: str
) -> None:
    workspace.close()
    if problem == "invalid":
        source = broken_bank(tmp_path)
        expected_lines = 2
    else:
        shipped = next(iter(workspace.catalog.questions_for("analytical"))).id
        source = tmp_path / "clash.toml"
        source.write_text(
            EXAMPLE_BANK.read_text(encoding="utf-8").replace("an-example-dau-drop", shipped),
            encoding="utf-8",
        )
        expected_lines = 1
    questions_before = count_rows(workspace.database_path, "questions")
    database_before = workspace.database_path.read_bytes()

    code, out, err = run(capsys, "--data-dir", workspace.data_dir, "import-bank", source)

    assert (code, out) == (1, "")
    assert len(err.splitlines()) == expected_lines
    assert "Traceback" not in err
    assert count_rows(workspace.database_path, "questions") == questions_before
    assert workspace.database_path.read_bytes() == database_before
    banks = workspace.data_dir / "banks"
    assert not banks.exists() or list(banks.iterdir()) == []


MINIMAL_CSV = (
    "Prompt,Skill,Source\n"
    '"How would you measure the success of duets, and why?",analytical,forum\n'
    'Tell me about a time you changed your mind.,communication,"recruiter, 2026"\n'
)


@pytest.mark.parametrize(
    ("name", "text", "extra", "expected"),
    [
        (
            "prep.csv",
            MINIMAL_CSV,
            [],
            "valid, 2 questions for 2 skills: analytical 1 (metrics 1; 1 without a type use "
            "the default); communication 1 (behavioural 1; 1 without a type use the default), "
            "2 without an id get ids made",
        ),
        (
            "list.txt",
            "1. Why PM?\n2. Why this company?\n",
            ["--skill", "communication"],
            "valid, 2 questions for communication (behavioural 2; 2 without a type use the "
            "default), 2 without an id get ids made",
        ),
        (
            "mine.toml",
            '[[questions]]\nskill = "technical"\nprompt = "How does a feed rank?"\n',
            [],
            "valid, 1 question for technical (technical 1; 1 without a type use the default), "
            "1 without an id get one made",
        ),
        (
            "mine.json",
            '[{"skill": "execution", "prompt": "Ship or slip?", "type": "situational"}]',
            [],
            "valid, 1 question for execution (situational 1), 1 without an id get one made",
        ),
    ],
    ids=["csv", "text", "toml", "json"],
)
def test_validate_bank_accepts_a_minimal_file(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    name: str,
    text: str,
    extra: list[str],
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data_dir, "validate-bank", path, *extra)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == f"{path}: {expected}"
    if name.endswith(".csv"):  # the column nobody reads is said once, as a warning
        assert lines[:-1] == [f"{path}:1: warning: columns ignored (not known to PM Prep): source"]
    assert not database_path(data_dir).exists()


def test_validate_bank_reports_every_problem_of_a_minimal_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[questions]]\nskill = "analytical"\nprompt = "Fine"\n\n'
        '[[questions]]\nprompt = "No skill"\n\n'
        '[[questions]]\nskill = "astrology"\nprompt = ""\n',
        encoding="utf-8",
    )
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 1
    assert out.splitlines() == [
        f"{path}:5: question #2: field skill: is missing: give each question a skill, or one "
        "skill for the whole file (chosen when importing)",
        f"{path}:9: question #3: field skill: unknown skill 'astrology' (known: analytical, "
        "communication, creativity, execution, product_strategy, technical, user_centric)",
        f"{path}:10: question #3: field prompt: must not be empty",
    ]


def test_a_plain_list_needs_a_skill(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("Why PM?\n", encoding="utf-8")
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path)
    assert code == 1 and "--skill ID" in out
    code, out, _err = run(capsys, "--data-dir", data_dir, "validate-bank", path, "--skill", "nope")
    assert code == 1 and "unknown skill 'nope'" in out


def test_import_a_minimal_csv_and_a_plain_list(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()
    csv_path = tmp_path / "prep.csv"
    csv_path.write_text("\ufeff" + MINIMAL_CSV, encoding="utf-8")  # a spreadsheet's BOM
    text_path = tmp_path / "list.txt"
    text_path.write_text("- Why PM?\n- Why this company?\n- Why PM?\n", encoding="utf-8")
    data = workspace.data_dir

    code, out, err = run(capsys, "--data-dir", data, "import-bank", csv_path)
    assert code == 0
    assert out == "Imported 2 questions (analytical 1, communication 1) from prep.csv. 1 warning.\n"
    assert err == "prep.csv:1: warning: columns ignored (not known to PM Prep): source\n"

    code, out, err = run(
        capsys, "--data-dir", data, "import-bank", text_path, "--skill", "communication"
    )
    assert code == 0
    assert out.startswith("Imported 2 questions for communication from list.txt.")
    assert "already in this file on line 1" in err

    code, out, _err = run(capsys, "--data-dir", data, "import-bank", csv_path)
    assert (code, out) == (0, "Nothing new in prep.csv: all 2 are already in your bank.\n")
    assert count_rows(workspace.database_path, "questions") == len(workspace.catalog.questions) + 4


def test_import_bank_skill_is_a_usage_option(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "import-bank", "--skill")
    assert (code, out) == (2, "")
    one_error_line(err)


# -- demo -----------------------------------------------------------------------------------------
def demo_history(data_dir: Path) -> list[tuple[str, str, float, int, str]]:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return conn.execute(
            "SELECT question_id, skill_id, score, duration_s, submitted_at "
            "FROM attempts ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_demo_is_deterministic_for_a_seed_and_skills_improve_unevenly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["demo", "--attempts", "200", "--days", "30", "--seed", "3"]
    histories = []
    for name in ("one", "two"):
        code, out, err = run(capsys, "--data-dir", tmp_path / name, *args)
        assert (code, err) == (0, "")
        assert "200" in out
        histories.append(demo_history(tmp_path / name))
    first, second = histories
    assert len(first) == 200
    assert [r[:4] for r in first] == [r[:4] for r in second]

    now = datetime.now(UTC)
    stamps = [datetime.fromisoformat(r[4]).replace(tzinfo=UTC) for r in first]
    assert max(stamps) <= now  # a history, not a plan
    assert min(stamps) >= now - timedelta(days=31)
    assert len({s.date() for s in stamps}) >= 10  # spread over the month, with gaps

    by_skill: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for (_q, skill, score, _d, _s), at in zip(first, stamps, strict=True):
        by_skill[skill].append((at, score))
    gains = {}
    for skill, scored in by_skill.items():
        scored.sort()
        half = len(scored) // 2
        gains[skill] = statistics.mean(s for _, s in scored[half:]) - statistics.mean(
            s for _, s in scored[:half]
        )
    assert len(gains) >= 5
    assert all(gain > 0 for gain in gains.values()), gains
    assert max(gains.values()) - min(gains.values()) >= 10, gains  # unevenly

    code, out, _err = run(capsys, "--data-dir", tmp_path / "one", "stats", "--json")
    assert code == 0
    assert json.loads(out)["attempts"] == 200  # all of it is in the past, so all of it counts


def test_demo_with_another_seed_differs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    histories = []
    for seed in ("3", "4"):
        code, _out, _err = run(
            capsys,
            "--data-dir",
            tmp_path / seed,
            "demo",
            "--attempts",
            "30",
            "--days",
            "5",
            "--seed",
            seed,
        )
        assert code == 0
        histories.append([r[:4] for r in demo_history(tmp_path / seed)])
    assert histories[0] != histories[1]


def test_demo_refuses_a_data_folder_in_use(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir()
    with DataDirLock(data_dir):
        code, out, err = run(capsys, "--data-dir", data_dir, "demo", "--attempts", "5")
    assert (code, out) == (1, "")
    assert "already open" in one_error_line(err)


# -- as a real process -----------------------------------------------------------------------------
def python_m_pm_prep(*args: str | Path, env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PM_PREP_DATA_DIR=str(env_dir), PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "pm_prep", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )


def test_python_m_pm_prep_version(tmp_path: Path) -> None:
    done = python_m_pm_prep("--version", env_dir=tmp_path / "data")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"pm-prep {__version__}\n", "")


def test_python_m_pm_prep_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"not a database at all " * 300)
    done = python_m_pm_prep("--data-dir", data_dir, "stats", "--json", env_dir=tmp_path / "x")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("pm-prep: ")
    assert "damaged" in done.stderr


@pytest.mark.parametrize("command", ["export", "backup"])
def test_writing_over_a_folder_fails_in_one_line_and_leaves_no_partial_file(
    capsys: pytest.CaptureFixture[str], answered: Workspace, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "out" / "a folder"
    target.mkdir(parents=True)
    extra = ["--format", "json"] if command == "export" else []
    code, out, err = run(capsys, "--data-dir", answered.data_dir, command, *extra, "-o", target)
    assert (code, out) == (1, "")
    one_error_line(err)
    assert target.is_dir()
    assert sorted(p.name for p in target.parent.iterdir()) == ["a folder"]


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], True),
        (["--exit-when-ready"], True),
        (["--data-dir", "x", "--exit-when-ready"], True),
        (["--data-dir=x"], True),
        (["--data-dir"], False),
        (["stats"], False),
        (["--data-dir", "x", "stats", "--json"], False),
        (["--help"], False),
        (["--version"], False),
    ],
)
def test_only_app_options_skip_building_the_subcommands(argv: list[str], opens: bool) -> None:
    from pm_prep.cli import _opens_the_app

    assert _opens_the_app(argv) is opens


def test_the_theme_is_read_before_the_folder_is_opened(tmp_path: Path) -> None:
    from pm_prep.services.settings import Settings, save_settings
    from pm_prep.services.theme_preference import peek_theme
    from pm_prep.services.workspace import open_workspace

    assert peek_theme(tmp_path / "none") == "system"
    ws = open_workspace(tmp_path / "d")
    try:
        save_settings(ws, Settings(theme="dark"))
    finally:
        ws.close()
    assert peek_theme(tmp_path / "d") == "dark"
    (tmp_path / "d" / "pm_prep.sqlite3").write_bytes(b"not a database" * 10)
    assert peek_theme(tmp_path / "d") == "system"


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`pm-prep stats --json | head`: the reader went away; nothing on stderr, exit 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pm_prep", "--data-dir", str(tmp_path / "d"), "stats", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 0
