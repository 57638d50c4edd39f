"""Loading banks from disk and syncing their questions into the database by id and hash."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from pm_prep.domain.content import QUESTION_TYPES, Framework, Question
from pm_prep.paths import resources_dir
from pm_prep.services import bank_cache
from pm_prep.services.catalog import (
    BUILTIN_SOURCE,
    LoadedCatalog,
    load_catalog,
    load_own_questions,
    question_json,
    read_bank,
    sync_questions,
)
from pm_prep.services.export import exported_answers
from pm_prep.services.practice import submit_answer
from pm_prep.services.workspace import Workspace
from pm_prep.storage.database import Database
from pm_prep.storage.models import AttemptRow, CriterionScoreRow, QuestionRow

BANKS = sorted(p.name for p in (resources_dir() / "question_banks").glob("*.toml"))
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def resources(tmp_path: Path) -> Path:
    """A private copy of the shipped resources that a test may edit."""
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    return copy


def bank_path(resources: Path, name: str) -> Path:
    return resources / "question_banks" / name


def first_question_block(text: str) -> tuple[int, int]:
    """Start and end offsets of the first [[questions]] table in a bank file."""
    start = text.index("[[questions]]")
    end = text.index("[[questions]]", start + 1)
    return start, end


def with_type(block: str, question_type: str) -> str:
    """A [[questions]] table with its type set (replaced, or added when it names none)."""
    line = f'type = "{question_type}"'
    if re.search(r"^type = ", block, re.MULTILINE):
        return re.sub(r'^type = "[a-z_]*"', line, block, count=1, flags=re.MULTILINE)
    return block.replace("[[questions]]\n", f"[[questions]]\n{line}\n", 1)


def question_rows(db: Database) -> dict[str, QuestionRow]:
    with db.session() as session:
        return {row.id: row for row in session.scalars(select(QuestionRow))}


# -- loading ---------------------------------------------------------------------------------
def test_all_shipped_banks_load_without_problems() -> None:
    loaded = load_catalog()
    assert loaded.problems == []
    assert len(loaded.banks) == len(BANKS)
    assert loaded.builtin_sources == set(BANKS)
    catalog = loaded.catalog
    assert all(catalog.rubric_for(q) is not None for q in catalog.questions.values())
    assert set(catalog.legacy_rubrics) == set(catalog.skills)
    assert len(catalog.questions) >= 250


def test_a_broken_bank_is_skipped_and_the_others_still_load(resources: Path) -> None:
    healthy = load_catalog(resources=resources)
    broken = bank_path(resources, "technical.toml")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("difficulty = ", "difficulty = 'x' #", 1), encoding="utf-8")

    loaded = load_catalog(resources=resources)

    assert loaded.problems
    assert {p.file for p in loaded.problems} == {"technical.toml"}
    assert any(p.field == "difficulty" and p.line for p in loaded.problems)
    assert {b.source for b in loaded.banks} == set(BANKS) - {"technical.toml"}
    assert not loaded.catalog.questions_for("technical")
    for skill in loaded.catalog.skills:
        if skill != "technical":
            assert len(loaded.catalog.questions_for(skill)) == len(
                healthy.catalog.questions_for(skill)
            )


def test_a_bank_that_is_not_toml_at_all_is_skipped(resources: Path) -> None:
    bank_path(resources, "creativity.toml").write_bytes(b"\xff\xfe not utf-8 \x00")
    (resources / "question_banks" / "notes.json").write_text("{not json", encoding="utf-8")
    loaded = load_catalog(resources=resources)
    assert {p.file for p in loaded.problems} == {"creativity.toml", "notes.json"}
    assert loaded.catalog.questions_for("analytical")


def test_a_duplicate_id_across_banks_is_reported_and_the_first_kept(resources: Path) -> None:
    analytical = bank_path(resources, "analytical.toml").read_text(encoding="utf-8")
    start, end = first_question_block(analytical)
    stolen_id = analytical[start:end].split('id = "', 1)[1].split('"', 1)[0]
    execution = bank_path(resources, "execution.toml")
    text = execution.read_text(encoding="utf-8")
    e_start, e_end = first_question_block(text)
    own_id = text[e_start:e_end].split('id = "', 1)[1].split('"', 1)[0]
    execution.write_text(
        text[:e_start] + text[e_start:e_end].replace(own_id, stolen_id, 1) + text[e_end:],
        encoding="utf-8",
    )

    loaded = load_catalog(resources=resources)

    duplicates = [p for p in loaded.problems if p.question_id == stolen_id]
    assert len(duplicates) == 1
    assert duplicates[0].file == "execution.toml"
    assert duplicates[0].field == "id"
    assert loaded.catalog.questions[stolen_id].skill == "analytical"
    assert own_id not in loaded.catalog.questions
    # The rest of the execution bank still loads.
    assert len(loaded.catalog.questions_for("execution")) > 10


# -- syncing into the database ------------------------------------------------------------------
def test_sync_adds_every_question_once_and_is_idempotent(db: Database) -> None:
    loaded = load_catalog()
    added = sync_questions(db, loaded, now=T0)
    assert added == len(loaded.catalog.questions)
    assert sync_questions(db, loaded, now=T0 + timedelta(days=1)) == 0
    assert sync_questions(db, load_catalog(), now=T0 + timedelta(days=2)) == 0
    rows = question_rows(db)
    assert set(rows) == set(loaded.catalog.questions)
    row = next(iter(rows.values()))
    assert row.source == BUILTIN_SOURCE
    assert row.first_seen_at == T0
    assert row.updated_at == T0
    assert row.retired_at is None
    stored = json.loads(row.content_json)
    assert stored["id"] == row.id
    assert stored["prompt"] == row.prompt


def _sync(db: Database, resources: Path, now: datetime) -> tuple[LoadedCatalog, int]:
    loaded = load_catalog(resources=resources)
    assert loaded.problems == []
    return loaded, sync_questions(db, loaded, now=now)


def test_a_changed_question_gets_a_new_hash_and_keeps_its_history(
    db: Database, resources: Path
) -> None:
    loaded, _ = _sync(db, resources, T0)
    path = bank_path(resources, "analytical.toml")
    text = path.read_text(encoding="utf-8")
    start, end = first_question_block(text)
    block = text[start:end]
    qid = block.split('id = "', 1)[1].split('"', 1)[0]
    prompt = loaded.catalog.questions[qid].prompt
    before = question_rows(db)
    edited = block.replace(prompt, prompt + " Assume the drop started on a public holiday.", 1)
    assert edited != block
    path.write_text(text[:start] + edited + text[end:], encoding="utf-8")

    _, changed = _sync(db, resources, T0 + timedelta(days=3))

    after = question_rows(db)
    assert changed == 1
    assert after[qid].content_hash != before[qid].content_hash
    assert after[qid].prompt.endswith("public holiday.")
    assert after[qid].updated_at == T0 + timedelta(days=3)
    assert after[qid].first_seen_at == T0
    unchanged = [q for q in before if q != qid]
    assert all(after[q].content_hash == before[q].content_hash for q in unchanged)


def test_a_removed_question_is_retired_not_deleted_and_attempts_keep_it(
    tmp_path: Path, resources: Path
) -> None:
    from pm_prep.services.workspace import open_workspace

    data_dir = tmp_path / "data"
    path = bank_path(resources, "communication.toml")
    text = path.read_text(encoding="utf-8")
    start, end = first_question_block(text)
    qid = text[start:end].split('id = "', 1)[1].split('"', 1)[0]

    ws = open_workspace(data_dir, sync=False)
    try:
        ws.loaded = load_catalog(resources=resources)
        sync_questions(ws.db, ws.loaded, now=T0)
        attempt_id = submit_answer(
            ws, qid, "My STAR story", started_at=T0, duration_s=60, hints_used=0, now=T0
        )
        path.write_text(text[:start] + text[end:], encoding="utf-8")  # the bank drops it

        ws.loaded = load_catalog(resources=resources)
        assert qid not in ws.catalog.questions
        assert sync_questions(ws.db, ws.loaded, now=T0 + timedelta(days=1)) == 1

        rows = question_rows(ws.db)
        assert rows[qid].retired_at == T0 + timedelta(days=1)
        assert sum(r.retired_at is not None for r in rows.values()) == 1
        assert sync_questions(ws.db, ws.loaded, now=T0 + timedelta(days=2)) == 0
        assert question_rows(ws.db)[qid].retired_at == T0 + timedelta(days=1)

        # Restored to the bank: the same row comes back to life.
        path.write_text(text, encoding="utf-8")
        ws.loaded = load_catalog(resources=resources)
        assert sync_questions(ws.db, ws.loaded, now=T0 + timedelta(days=3)) == 1
        assert question_rows(ws.db)[qid].retired_at is None
    finally:
        ws.close()

    conn = sqlite3.connect(data_dir / "pm_prep.sqlite3")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        joined = conn.execute(
            "SELECT a.answer_text, q.id FROM attempts a JOIN questions q ON q.id = a.question_id "
            "WHERE a.id = ?",
            (attempt_id,),
        ).fetchall()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert joined == [("My STAR story", qid)]


def test_a_question_of_a_bank_that_fails_to_load_is_retired_and_revived(
    db: Database, resources: Path
) -> None:
    _sync(db, resources, T0)
    path = bank_path(resources, "creativity.toml")
    good = path.read_text(encoding="utf-8")
    path.write_text("this = [is not toml", encoding="utf-8")
    loaded = load_catalog(resources=resources)
    sync_questions(db, loaded, now=T0 + timedelta(days=1))
    rows = question_rows(db)
    creativity = [r for r in rows.values() if r.skill_id == "creativity"]
    assert creativity
    assert all(r.retired_at is not None for r in creativity)  # kept, never deleted

    path.write_text(good, encoding="utf-8")
    _sync(db, resources, T0 + timedelta(days=2))
    assert all(question_rows(db)[r.id].retired_at is None for r in creativity)


def test_workspace_questions_are_synced(workspace: Workspace) -> None:
    rows = question_rows(workspace.db)
    assert set(rows) == set(workspace.catalog.questions)
    assert workspace.bank_problems == []


# -- rubrics: one per question type, a bank's override, the fallbacks ------------------------------
def rubric_toml(rtype: str, *criteria: str, name: str = "") -> str:
    parts = [f'\n[[rubrics]]\ntype = "{rtype}"\nname = "{name or rtype + " rubric"}"\n']
    for cid in criteria or ("structure", f"{rtype}_depth", f"{rtype}_rigour"):
        levels = ", ".join(f'"{rtype} {cid} {n}"' for n in range(1, 6))
        parts.append(
            f'\n[[rubrics.criteria]]\nid = "{cid}"\nname = "{cid.title()}"\n'
            f'description = "About {cid}."\nlevels = [{levels}]\n'
        )
    return "".join(parts)


def write_rubrics(resources: Path, *types: str) -> None:
    body = "".join(rubric_toml(t) for t in types)
    (resources / "rubrics.toml").write_text("version = 1\n" + body, encoding="utf-8")


def a_question(loaded: LoadedCatalog, skill: str) -> Question:
    return loaded.catalog.questions_for(skill)[0]


def test_a_question_is_rated_with_its_types_rubric(resources: Path) -> None:
    write_rubrics(resources, *QUESTION_TYPES)
    loaded = load_catalog(resources=resources)
    assert loaded.problems == []
    for question in loaded.catalog.questions.values():
        rubric = loaded.catalog.rubric_for(question)
        assert rubric is not None and rubric.key == question.type, question.id
        assert rubric.criteria[1].id == f"{question.type}_depth"


def test_a_type_missing_from_rubrics_toml_falls_back_to_the_skills_default_type(
    resources: Path,
) -> None:
    write_rubrics(resources, "metrics", "behavioural")  # nothing for diagnosis, for example
    path = bank_path(resources, "analytical.toml")
    text = path.read_text(encoding="utf-8")
    start, end = first_question_block(text)
    block = with_type(text[start:end], "diagnosis")
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")

    loaded = load_catalog(resources=resources)

    assert loaded.problems == []  # an incomplete rubrics.toml is tolerated, not an error
    diagnosis = next(q for q in loaded.catalog.questions.values() if q.type == "diagnosis")
    rubric = loaded.catalog.rubric_for(diagnosis)
    assert rubric is not None and rubric.key == "metrics"  # analytical's default type


def test_without_rubrics_toml_the_retired_skill_rubric_keeps_rating_possible(
    resources: Path,
) -> None:
    (resources / "rubrics.toml").unlink()
    loaded = load_catalog(resources=resources)
    assert loaded.problems == []
    question = a_question(loaded, "analytical")
    rubric = loaded.catalog.rubric_for(question)
    assert rubric is not None and rubric.key == "analytical"
    assert rubric.criterion("framing") is not None


def test_a_broken_rubric_is_reported_with_its_line_and_its_type_falls_back(
    resources: Path,
) -> None:
    write_rubrics(resources, "metrics", "behavioural", "diagnosis")
    path = resources / "rubrics.toml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace('"diagnosis structure 5"', '"diagnosis structure 4"')
    path.write_text(broken, encoding="utf-8")

    loaded = load_catalog(resources=resources)

    (problem,) = loaded.problems
    assert problem.file == "rubrics.toml"
    assert problem.field == "rubrics[2].criteria[0].levels"
    assert broken.splitlines()[problem.line - 1].startswith("levels = ")
    assert "diagnosis" not in loaded.catalog.rubrics
    assert set(loaded.catalog.rubrics) == {"metrics", "behavioural"}


def test_a_banks_own_rubric_overrides_its_type_for_its_questions_only(
    resources: Path,
) -> None:
    write_rubrics(resources, *QUESTION_TYPES)
    path = bank_path(resources, "analytical.toml")
    text = path.read_text(encoding="utf-8")
    own = rubric_toml("metrics", "structure", "baseline", "denominator", name="Our metrics")
    start, _ = first_question_block(text)
    path.write_text(text[:start] + own + "\n" + text[start:], encoding="utf-8")

    loaded = load_catalog(resources=resources)

    assert loaded.problems == []
    catalog = loaded.catalog
    for question in catalog.questions.values():
        rubric = catalog.rubric_for(question)
        assert rubric is not None
        if question.skill == "analytical" and question.type == "metrics":
            assert rubric.name == "Our metrics"
        else:
            assert rubric.name == f"{question.type} rubric", question.id


def test_criteria_of_old_ratings_are_named_from_the_current_then_the_retired_rubric(
    resources: Path,
) -> None:
    write_rubrics(resources, *QUESTION_TYPES)
    catalog = load_catalog(resources=resources).catalog
    question = next(q for q in catalog.questions.values() if q.skill == "analytical")

    current = catalog.criterion(f"{question.type}_depth", question)
    assert current.name == f"{question.type.title()}_Depth"
    legacy = catalog.criterion("metric_judgement", question)
    assert legacy.name == "Metric definition and data judgement"
    assert legacy.descriptor(5).strip()
    # A question gone from the banks: its attempt still knows its skill.
    assert catalog.criterion("framing", None, skill="analytical").name == "Framing and structure"
    unknown = catalog.criterion("storytelling_flair", question)
    assert (unknown.name, unknown.descriptor(3)) == ("Storytelling flair", "")


def test_an_attempt_rated_with_a_retired_rubric_keeps_its_scores(workspace: Workspace) -> None:
    question = workspace.catalog.questions_for("analytical")[0]
    attempt_id = submit_answer(
        workspace, question.id, "My answer", started_at=T0, duration_s=60, hints_used=0, now=T0
    )
    legacy = {"framing": 4, "metric_judgement": 3, "quantitative_rigour": 2, "decision": 5}
    with workspace.db.transaction() as session:
        attempt = session.get(AttemptRow, attempt_id)
        assert attempt is not None
        attempt.criterion_scores = [
            CriterionScoreRow(criterion_id=c, score=v) for c, v in legacy.items()
        ]
        attempt.score = 62.5
        attempt.rated_at = T0

    (exported,) = [a for a in exported_answers(workspace) if a.attempt_id == attempt_id]

    assert exported.criterion_scores == legacy
    assert exported.score == 62.5
    names = {c: workspace.catalog.criterion(c, question).name for c in exported.criterion_scores}
    assert names == {
        "framing": "Framing and structure",
        "metric_judgement": "Metric definition and data judgement",
        "quantitative_rigour": "Quantitative rigour",
        "decision": "Insight and recommendation",
    }


# -- types in storage and in the cache -----------------------------------------------------------
def test_a_questions_type_is_stored_and_a_new_type_resyncs_it(
    db: Database, resources: Path
) -> None:
    loaded, _ = _sync(db, resources, T0)
    path = bank_path(resources, "execution.toml")
    text = path.read_text(encoding="utf-8")
    start, end = first_question_block(text)
    qid = text[start:end].split('id = "', 1)[1].split('"', 1)[0]
    before = question_rows(db)[qid]
    assert json.loads(before.content_json)["type"] == loaded.catalog.questions[qid].type
    block = with_type(text[start:end], "prioritisation")
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")

    _, changed = _sync(db, resources, T0 + timedelta(days=1))

    after = question_rows(db)[qid]
    assert changed == 1
    assert json.loads(after.content_json)["type"] == "prioritisation"
    assert after.content_hash != before.content_hash
    assert after.first_seen_at == T0


EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "example-bank.toml"


def test_a_cached_bank_is_the_same_as_a_parsed_one(tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    own = rubric_toml("diagnosis", "structure", "hypotheses", "decision")
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("[[questions]]")
    source.write_text(text[:start] + own + "\n" + text[start:], encoding="utf-8")
    types = {"analytical": "metrics"}
    cache = tmp_path / "cache"

    parsed = read_bank(source, {"analytical"}, types=types, cache_dir=cache)
    assert list(cache.glob("*.json"))
    cached = read_bank(source, {"analytical"}, types=types, cache_dir=cache)

    assert cached == parsed
    (question,) = cached.questions
    assert question.examples and question.clarifications
    assert [r.key for r in cached.rubrics] == ["diagnosis"]


def test_a_cache_entry_of_another_cache_format_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setattr(bank_cache, "CACHE_FORMAT", 1)
    read_bank(EXAMPLE, {"analytical"}, types={"analytical": "metrics"}, cache_dir=cache)
    old_entries = set(cache.glob("*.json"))
    monkeypatch.undo()
    key = bank_cache.file_key(
        EXAMPLE.read_bytes(), EXAMPLE.name, json.dumps({"analytical": "metrics"})
    )
    assert {p.name for p in old_entries} != {f"{key}.json"}
    assert bank_cache.load_cached(cache, key) is None


def test_the_skills_default_type_is_part_of_the_cache_key(tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace('type = "diagnosis"\n', ""))
    cache = tmp_path / "cache"
    first = read_bank(source, {"analytical"}, types={"analytical": "metrics"}, cache_dir=cache)
    second = read_bank(source, {"analytical"}, types={"analytical": "data"}, cache_dir=cache)
    assert (first.questions[0].type, second.questions[0].type) == ("metrics", "data")
    assert first.untyped == second.untyped == ("an-example-dau-drop",)


def test_cached_rubric_files_load_the_same(tmp_path: Path, resources: Path) -> None:
    write_rubrics(resources, *QUESTION_TYPES)
    cache = tmp_path / "cache"
    cold = load_catalog(resources=resources, cache_dir=cache).catalog
    warm = load_catalog(resources=resources, cache_dir=cache).catalog
    assert warm.rubrics == cold.rubrics
    assert warm.legacy_rubrics == cold.legacy_rubrics
    assert len(warm.rubrics) == len(QUESTION_TYPES)


# -- your own questions ------------------------------------------------------------------------
def own_question_row(db: Database, qid: str, body: str, source: str = "own") -> None:
    with db.raw() as conn:
        conn.execute(
            "INSERT INTO questions (id, skill_id, difficulty, tracks, prompt, content_json, "
            "content_hash, source, first_seen_at, updated_at) VALUES (?, 'analytical', 2, "
            "'intern pm', 'p', ?, 'h', ?, '2026-01-01 00:00:00.000000', "
            "'2026-01-01 00:00:00.000000')",
            (qid, body, source),
        )


def test_own_questions_are_read_from_the_database_and_never_retired_by_a_sync(
    db: Database, resources: Path
) -> None:
    from pm_prep.services.question_bank import save_question

    loaded, _ = _sync(db, resources, T0)
    ws = Workspace(resources, db, loaded)
    qid = save_question(ws, {"skill": "analytical", "prompt": "Mine?"}, now=T0).question_id
    path = bank_path(resources, "creativity.toml")
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    again, _ = _sync(db, resources, T0 + timedelta(days=1))  # a bank changed: the slow path

    assert question_rows(db)[qid].retired_at is None
    assert again.own == {qid: "own"}
    assert again.catalog.questions[qid].prompt == "Mine?"


def test_a_bank_file_question_with_an_own_questions_id_is_left_out(
    db: Database, resources: Path, tmp_path: Path
) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "dropped.toml").write_text(
        '[[questions]]\nid = "mine-1"\nskill = "technical"\nprompt = "From the file"\n'
        '[[questions]]\nid = "file-only"\nskill = "technical"\nprompt = "Only here"\n',
        encoding="utf-8",
    )
    body = question_json(
        Question(
            "mine-1", "analytical", "metrics", "Mine", 2, ("pm",), (), 600, (),
            Framework("", ()), (), "", (),
        )
    )  # fmt: skip
    own_question_row(db, "mine-1", body)

    loaded = load_catalog(resources=resources, imported=banks)
    sync_questions(db, loaded, now=T0)

    assert loaded.catalog.questions["mine-1"].prompt == "Mine"
    assert loaded.catalog.questions["file-only"].prompt == "Only here"  # read leniently
    (problem,) = loaded.problems
    assert (problem.file, problem.question_id) == ("banks/dropped.toml", "mine-1")
    rows = question_rows(db)
    assert (rows["mine-1"].source, rows["file-only"].source) == ("own", "banks/dropped.toml")


def test_an_unreadable_own_question_is_left_out_and_the_others_load(db: Database) -> None:
    good = question_json(
        Question(
            "mine-2", "analytical", "metrics", "Fine", 2, ("pm",), (), 600, (),
            Framework("", ()), (), "", (),
        )
    )  # fmt: skip
    own_question_row(db, "mine-1", "{not json")
    own_question_row(db, "mine-2", good, source="import:list.txt")
    loaded = load_catalog()
    load_own_questions(db, loaded)
    assert loaded.own == {"mine-2": "import:list.txt"}
    assert [p.question_id for p in loaded.problems] == ["mine-1"]


def test_own_questions_load_with_stdlib_sqlite3_only(tmp_path: Path, db: Database) -> None:
    """The dashboard's start-up path reads the catalog: no SQLAlchemy for own questions."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    load_catalog(cache_dir=cache)  # the banks are validated once, as at any later start
    code = (
        "import sys, pathlib\n"
        "from pm_prep.storage.database import Database\n"
        "from pm_prep.services.catalog import load_catalog, load_own_questions\n"
        f"db = Database(pathlib.Path({str(db.path)!r}))\n"
        f"loaded = load_catalog(cache_dir=pathlib.Path({str(cache)!r}))\n"
        "load_own_questions(db, loaded)\n"
        "print('sqlalchemy' in sys.modules, 'pm_prep.domain.bank_format' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "False"]
