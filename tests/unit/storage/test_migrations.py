"""The Alembic migrations: schema equals the models, newer databases refused, backups first."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table

from pm_prep.services.workspace import database_path, open_workspace
from pm_prep.storage import backup, migrate
from pm_prep.storage.database import HEAD_REVISION, Database
from pm_prep.storage.errors import DatabaseTooNewError
from pm_prep.storage.models import Base, is_migration_only

FUTURE_REVISION = "9999_from_a_newer_build"

# A second migration, written into a copy of the migration scripts, so that an existing
# database stamped with the baseline really is "older" than the build under test.
SECOND_MIGRATION = '''"""Test-only second revision."""

import sqlalchemy as sa
from alembic import op

revision = "0002_test_only"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_only_extra", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("test_only_extra")
'''


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migrated_database(path: Path) -> Database:
    db = Database(path)
    migrate.upgrade(db)
    return db


def schema_sql(path: Path) -> dict[tuple[str, str], str]:
    """Every table and index definition of a database file, whitespace-normalised.

    Triggers are left out: they are written in the migrations only, not in the models.
    """
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index') "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        ).fetchall()
    finally:
        conn.close()
    return {
        (kind, name): _normalised(sql or "")
        for kind, name, sql in rows
        if not is_migration_only(name)
    }


def _normalised(sql: str) -> str:
    """Whitespace folded, quotes around names dropped, and a table's columns and
    constraints in a fixed order (a batch migration rewrites the table and reorders them)."""
    sql = re.sub(r"\s+", " ", sql).strip().replace('"', "")
    head, paren, body = sql.partition("(")
    if not paren or not head.upper().startswith("CREATE TABLE"):
        return sql
    body = body.rstrip().removesuffix(")")
    parts, depth, current = [], 0, ""
    for char in body:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    columns = [p for p in parts if not p.upper().startswith("CONSTRAINT")]
    constraints = sorted(p for p in parts if p.upper().startswith("CONSTRAINT"))
    return f"{head.strip()} ({', '.join(columns + constraints)})"


def stamp(path: Path, revision: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    finally:
        conn.close()


@pytest.fixture
def newer_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend this build ships a second migration after the baseline; returns its revision."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test_only.py").write_text(
        SECOND_MIGRATION.format(down=HEAD_REVISION), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0002_test_only")
    return "0002_test_only"


# -- the schema ------------------------------------------------------------------------------
def test_migrated_schema_has_no_autogenerate_diff_from_the_models(tmp_path: Path) -> None:
    db = migrated_database(tmp_path / "db.sqlite3")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _parent: (
                        not (kind == "table" and is_migration_only(name))
                    ),
                },
            )
            assert compare_metadata(context, Base.metadata) == []

            # The comparison itself can see a difference (so the assertion above means something).
            changed = MetaData()
            for table in Base.metadata.sorted_tables:
                table.to_metadata(changed)
            Table("not_migrated", changed, Column("id", Integer, primary_key=True))
            assert compare_metadata(context, changed) != []
    finally:
        db.close()


def test_migrated_schema_is_the_same_sql_as_create_all(tmp_path: Path) -> None:
    """Stricter than autogenerate: CHECK constraints and ON DELETE rules must match too."""
    migrated = migrated_database(tmp_path / "migrated.sqlite3")
    migrated.close()
    created = Database(tmp_path / "created.sqlite3")
    try:
        Base.metadata.create_all(created.engine)
    finally:
        created.close()
    assert schema_sql(tmp_path / "migrated.sqlite3") == schema_sql(tmp_path / "created.sqlite3")


def test_head_revision_constant_matches_alembic_head() -> None:
    assert migrate.head_revision() == HEAD_REVISION
    assert HEAD_REVISION in migrate.known_revisions()


def test_upgrade_stamps_a_new_database_and_is_a_no_op_when_current(tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite3")
    try:
        assert db.schema_revision() is None
        assert migrate.upgrade(db) is True
        assert db.schema_revision() == HEAD_REVISION
        assert migrate.upgrade(db) is False
    finally:
        db.close()


# -- a database from a newer build -------------------------------------------------------------
@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_database_from_a_newer_build_is_refused_and_left_byte_for_byte(
    data_dir: Path, journal_mode: str
) -> None:
    open_workspace(data_dir).close()
    path = database_path(data_dir)
    stamp(path, FUTURE_REVISION)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.close()
    before = sha256(path)
    files_before = set(os.listdir(data_dir))

    with pytest.raises(DatabaseTooNewError) as refused:
        open_workspace(data_dir)

    assert FUTURE_REVISION in str(refused.value)
    assert "untouched" in str(refused.value)
    assert sha256(path) == before
    # No backup, no new files: at most the empty side files of a read-only SQLite connection.
    added = set(os.listdir(data_dir)) - files_before
    assert added <= {f"{path.name}-wal", f"{path.name}-shm"}
    if f"{path.name}-wal" in added:
        assert Path(f"{path}-wal").stat().st_size == 0
    # The refusal released the lock: a build that knows the revision could open it now.
    from pm_prep.storage.lock import DataDirLock

    with DataDirLock(data_dir):
        pass


def test_upgrade_refuses_an_unknown_revision_without_calling_the_backup_hook(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    migrated_database(path).close()
    stamp(path, FUTURE_REVISION)
    calls: list[str] = []
    db = Database(path)
    try:
        with pytest.raises(DatabaseTooNewError):
            migrate.upgrade(db, before_upgrade=lambda: calls.append("backup"))
        assert db.schema_revision() == FUTURE_REVISION
    finally:
        db.close()
    assert calls == []


# -- upgrading an older database ----------------------------------------------------------------
def test_before_upgrade_hook_runs_only_for_an_existing_older_database(
    tmp_path: Path, newer_build: str
) -> None:
    path = tmp_path / "db.sqlite3"
    seen: list[str | None] = []

    fresh = Database(path)
    try:
        assert migrate.upgrade(fresh, before_upgrade=lambda: seen.append("fresh")) is True
        assert fresh.schema_revision() == newer_build
    finally:
        fresh.close()
    assert seen == []  # a brand-new database has nothing to back up

    stamp(path, HEAD_REVISION)  # now it looks like a file written by the previous build
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE test_only_extra")
    conn.close()
    older = Database(path)
    try:
        # The hook sees the database before anything changed.
        assert migrate.upgrade(older, before_upgrade=lambda: seen.append(older.schema_revision()))
        assert older.schema_revision() == newer_build
        assert migrate.upgrade(older, before_upgrade=lambda: seen.append("again")) is False
    finally:
        older.close()
    assert seen == [HEAD_REVISION]


def test_a_failing_backup_hook_stops_the_upgrade(tmp_path: Path, newer_build: str) -> None:
    path = tmp_path / "db.sqlite3"
    migrated = Database(path)
    try:
        migrate.upgrade(migrated)
    finally:
        migrated.close()
    stamp(path, HEAD_REVISION)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE test_only_extra")
    conn.close()

    def failing_backup() -> None:
        raise OSError("disk full")

    db = Database(path)
    try:
        with pytest.raises(OSError, match="disk full"):
            migrate.upgrade(db, before_upgrade=failing_backup)
        assert db.schema_revision() == HEAD_REVISION
    finally:
        db.close()


def test_opening_an_older_data_folder_makes_a_pre_migration_backup(
    data_dir: Path, newer_build: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Written by the previous build: the baseline only, with some data in it.
    with monkeypatch.context() as previous_build:
        previous_build.setattr(
            migrate, "MIGRATIONS_DIR", Path(migrate.__file__).parent / "migrations"
        )
        previous_build.setattr(migrate, "HEAD_REVISION", HEAD_REVISION)
        ws = open_workspace(data_dir)
        ws.close()
    questions_before = _count(database_path(data_dir), "questions")
    assert questions_before > 0
    assert backup.list_backups(data_dir) == []

    ws = open_workspace(data_dir)
    try:
        assert ws.db.schema_revision() == newer_build
    finally:
        ws.close()

    backups = backup.list_backups(data_dir)
    assert len(backups) == 1
    assert "pre-migration" in backups[0].name
    conn = sqlite3.connect(backups[0])
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    assert revision == HEAD_REVISION  # the backup holds the database as it was before
    assert _count(backups[0], "questions") == questions_before

    # Opening again at the new head makes no further pre-migration backup.
    open_workspace(data_dir).close()
    assert len(backup.list_backups(data_dir)) == 1


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


EXPECTED_TRIGGERS = {
    "attempts_activity_insert",
    "attempts_activity_delete",
    "snapshots_attempt_rated",
    "snapshots_attempt_added",
    "snapshots_attempt_removed",
    "snapshots_self_assessed",
    "attempt_search_insert",
    "attempt_search_update",
    "attempt_search_delete",
    "attempt_search_prompt",
    "skill_counts_insert",
    "skill_counts_delete",
    "skill_counts_update",
}


def _triggers(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        conn.close()


def test_every_trigger_survives_the_migrations_that_rebuild_tables(tmp_path: Path) -> None:
    """Batch mode rebuilds a table, which drops its triggers: each must be there at the head."""
    migrated_database(tmp_path / "db.sqlite3").close()
    assert _triggers(tmp_path / "db.sqlite3") == EXPECTED_TRIGGERS
