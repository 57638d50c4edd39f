"""The FTS5 search table follows every write to attempts, by triggers, and the migration
fills it for attempts that existed before it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.workspace import Workspace


def _search(path: Path, query: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT rowid FROM attempt_search WHERE attempt_search MATCH ? ORDER BY rowid", (query,)
        ).fetchall()
    finally:
        conn.close()
    return [int(r[0]) for r in rows]


def test_answers_prompts_and_notes_are_searchable_as_they_change(workspace: Workspace) -> None:
    question = workspace.catalog.questions_for("analytical")[0]
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    now = datetime.now(UTC)
    first = submit_answer(
        workspace,
        question.id,
        "Retention cohorts 📈 first",
        started_at=now,
        duration_s=5,
        hints_used=0,
    )
    submit_answer(
        workspace,
        question.id,
        "שלום segmentation by country",
        started_at=now,
        duration_s=5,
        hints_used=0,
    )
    path = workspace.database_path
    assert _search(path, "cohort") == [first]  # porter: cohorts meets cohort
    assert len(_search(path, "shalom OR שלום")) == 1
    prompt_word = next(w for w in question.prompt.split() if len(w) > 6 and w.isalpha())
    assert len(_search(path, f'prompt:"{prompt_word}"')) == 2
    rate_attempt(
        workspace, first, {c.id: 3 for c in rubric.criteria}, self_note="forgot guardrails"
    )
    assert _search(path, "note:guardrails") == [first]
    assert _search(path, "ret*") == [first]  # prefix search, as the user types


def test_the_migration_indexes_attempts_made_before_it(tmp_path: Path) -> None:
    from pm_prep.storage import migrate
    from pm_prep.storage.database import Database

    path = tmp_path / "old.sqlite3"
    db = Database(path)
    try:
        from alembic import command

        config = migrate._alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001_baseline")
        with db.raw() as conn:
            conn.execute(
                "INSERT INTO questions VALUES ('q1', 'analytical', 1, 'pm', 'Why did DAU drop?', "
                "'{}', 'h', 'builtin', '2026-01-01 00:00:00.000000', "
                "'2026-01-01 00:00:00.000000', NULL)"
            )
            conn.execute(
                "INSERT INTO attempts (question_id, skill_id, started_at, submitted_at, "
                "duration_s, time_limit_s, hints_used, answer_text, word_count, self_note) "
                "VALUES ('q1', 'analytical', '2026-01-01 00:00:00.000000', "
                "'2026-01-01 00:05:00.000000', 300, 600, 0, 'Check the logging pipeline', 4, '')"
            )
        assert migrate.upgrade(db)
    finally:
        db.close()
    assert _search(path, "logging") == [1]
    assert _search(path, "prompt:DAU") == [1]
