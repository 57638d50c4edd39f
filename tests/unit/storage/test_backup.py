"""Backups, integrity checks, restore and moving a damaged database aside (DESIGN section 9)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pm_prep.services.practice import submit_answer
from pm_prep.services.workspace import (
    Workspace,
    database_path,
    move_damaged_aside,
    open_workspace,
    restore_from,
)
from pm_prep.storage import backup
from pm_prep.storage.errors import DatabaseDamagedError, DatabaseTooNewError


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def answers(path: Path) -> list[str]:
    return [str(r[0]) for r in rows(path, "SELECT answer_text FROM attempts ORDER BY id")]


def add_answer(ws: Workspace, text: str) -> int:
    question = sorted(ws.catalog.questions)[0]
    return submit_answer(
        ws, question, text, started_at=datetime.now(UTC), duration_s=30, hints_used=0
    )


# -- making backups -----------------------------------------------------------------------------
def test_make_backup_keeps_the_newest_14(workspace: Workspace) -> None:
    made = [backup.make_backup(workspace.data_dir, workspace.database_path) for _ in range(17)]
    kept = backup.list_backups(workspace.data_dir)
    assert backup.KEEP_BACKUPS == 14
    assert len(kept) == 14
    assert set(kept) == set(made[-14:])
    assert kept == sorted(kept, reverse=True)  # newest first
    assert not any(p.exists() for p in made[:3])


def test_pruning_leaves_other_files_in_the_backup_folder_alone(workspace: Workspace) -> None:
    folder = backup.backup_dir(workspace.data_dir)
    folder.mkdir()
    keepsake = folder / "my-own-copy.sqlite3"
    keepsake.write_bytes(b"mine")
    for _ in range(15):
        backup.make_backup(workspace.data_dir, workspace.database_path)
    assert keepsake.read_bytes() == b"mine"


def test_a_backup_is_a_valid_database_with_the_same_rows(workspace: Workspace) -> None:
    add_answer(workspace, "first answer 🚀")
    add_answer(workspace, "second answer שלום")
    # Taken while the app is open: writes still in the WAL must be in the copy.
    with workspace.db.engine.connect() as reader:
        reader.exec_driver_sql("SELECT 1").scalar()
        add_answer(workspace, "third answer, only in the WAL so far")
        made = backup.make_backup(workspace.data_dir, workspace.database_path, reason="manual")

    assert made.name.endswith("-manual.sqlite3")
    assert backup.integrity_problems(made) == []
    assert answers(made) == answers(workspace.database_path)
    assert len(answers(made)) == 3
    for table in ("questions", "bank_files", "alembic_version"):
        sql = f"SELECT * FROM {table} ORDER BY 1"
        assert rows(made, sql) == rows(workspace.database_path, sql)
    assert not list(made.parent.glob("*.partial"))


def test_backed_up_today(workspace: Workspace) -> None:
    assert not backup.backed_up_today(workspace.data_dir)
    backup.make_backup(workspace.data_dir, workspace.database_path)
    assert backup.backed_up_today(workspace.data_dir)
    assert not backup.backed_up_today(workspace.data_dir, now=datetime(2001, 1, 1, tzinfo=UTC))


def in_wal_mode(path: Path) -> Path:
    """Turn a file into a WAL-mode database, as older backups and copies of a live database are."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    assert path.read_bytes()[18] == 2  # the header says WAL
    return path


def test_a_backup_is_one_file_that_a_reader_leaves_alone(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_answer(workspace, "in the backup")
    folder = tmp_path / "usb stick"
    made = backup.backup_database(workspace.database_path, folder / "b.sqlite3")
    assert made.read_bytes()[18] == 1  # a rollback-journal file, not WAL
    reader = sqlite3.connect(backup.read_only_uri(made), uri=True)
    try:
        assert reader.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
    finally:
        reader.close()
    assert sorted(p.name for p in folder.iterdir()) == ["b.sqlite3"]


def test_taken_at_reads_the_name_of_a_pm_prep_backup_and_else_the_file_time(
    tmp_path: Path,
) -> None:
    named = tmp_path / "pm_prep-20260503-091500-123456-daily.sqlite3"
    named.write_bytes(b"")
    assert backup.taken_at(named) == datetime(2026, 5, 3, 9, 15, tzinfo=UTC)
    assert backup.reason_of(named) == "daily"
    assert backup.reason_of(tmp_path / "pm_prep-20260503-091500-123456-pre-restore.sqlite3") == (
        "pre-restore"
    )
    own = tmp_path / "my copy.sqlite3"
    own.write_bytes(b"")
    moment = datetime(2025, 12, 24, 18, 0, tzinfo=UTC)
    os.utime(own, (moment.timestamp(), moment.timestamp()))
    assert backup.taken_at(own) == moment
    assert backup.reason_of(own) is None


# -- integrity --------------------------------------------------------------------------------
def test_integrity_problems_is_empty_for_a_healthy_database(workspace: Workspace) -> None:
    assert backup.integrity_problems(workspace.database_path) == []


def test_integrity_problems_reports_a_garbage_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    problems = backup.integrity_problems(garbage)
    assert problems
    assert all(isinstance(p, str) and p for p in problems)


def test_integrity_problems_reports_a_missing_file(tmp_path: Path) -> None:
    assert backup.integrity_problems(tmp_path / "nowhere.sqlite3")
    assert not (tmp_path / "nowhere.sqlite3").exists()


def test_integrity_problems_reports_a_truncated_database(
    workspace: Workspace, tmp_path: Path
) -> None:
    for index in range(50):
        add_answer(workspace, f"answer {index} " + "words " * 500)
    copy = backup.make_backup(workspace.data_dir, workspace.database_path)
    data = copy.read_bytes()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(data[: len(data) // 2])
    assert backup.integrity_problems(truncated)


# -- restore ------------------------------------------------------------------------------------
def test_restore_refuses_a_garbage_file_and_changes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_answer(workspace, "keep me")
    workspace.close()
    path = database_path(workspace.data_dir)
    before = sha256(path)
    listing = sorted(os.listdir(workspace.data_dir))
    garbage = tmp_path / "not-a-backup.sqlite3"
    garbage.write_bytes(b"PK\x03\x04 definitely not sqlite" * 100)

    with pytest.raises(DatabaseDamagedError) as refused:
        restore_from(workspace.data_dir, garbage)

    assert str(garbage) in str(refused.value)
    assert sha256(path) == before
    assert sorted(os.listdir(workspace.data_dir)) == listing  # not even a safety backup
    assert answers(path) == ["keep me"]


def test_restore_refuses_an_sqlite_file_that_is_not_pm_prep(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()
    other = tmp_path / "other-app.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = sha256(database_path(workspace.data_dir))
    with pytest.raises(DatabaseDamagedError, match="not a PM Prep database"):
        restore_from(workspace.data_dir, other)
    assert sha256(database_path(workspace.data_dir)) == before


def test_restore_refuses_a_backup_from_a_newer_build(workspace: Workspace, tmp_path: Path) -> None:
    newer = backup.backup_database(workspace.database_path, tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    workspace.close()
    before = sha256(database_path(workspace.data_dir))
    with pytest.raises(DatabaseTooNewError):
        restore_from(workspace.data_dir, newer)
    assert sha256(database_path(workspace.data_dir)) == before


def test_restore_backs_up_the_current_database_first(workspace: Workspace, tmp_path: Path) -> None:
    add_answer(workspace, "in the backup")
    source = backup.backup_database(workspace.database_path, tmp_path / "elsewhere" / "b.sqlite3")
    add_answer(workspace, "written after the backup")
    workspace.close()
    path = database_path(workspace.data_dir)

    safety = restore_from(workspace.data_dir, source)

    assert answers(path) == ["in the backup"]
    assert safety in backup.list_backups(workspace.data_dir)
    assert "pre-restore" in safety.name
    assert answers(safety) == ["in the backup", "written after the backup"]
    assert backup.integrity_problems(path) == []
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    # The restored database opens, and the source was not modified or moved.
    reopened = open_workspace(workspace.data_dir)
    reopened.close()
    assert answers(source) == ["in the backup"]


def test_restore_over_a_damaged_database_moves_it_aside(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_answer(workspace, "good")
    source = backup.backup_database(workspace.database_path, tmp_path / "good.sqlite3")
    workspace.close()
    path = database_path(workspace.data_dir)
    damaged = b"damaged bytes" * 500
    path.write_bytes(damaged)

    safety = restore_from(workspace.data_dir, source)

    assert ".corrupt-" in safety.name
    assert safety.read_bytes() == damaged
    assert answers(path) == ["good"]


# -- moving a damaged database aside ------------------------------------------------------------
def test_move_damaged_aside_renames_the_file_and_its_wal(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "pm_prep.sqlite3"
    path.write_bytes(b"main")
    Path(f"{path}-wal").write_bytes(b"wal")
    Path(f"{path}-shm").write_bytes(b"shm")
    moment = datetime(2026, 11, 22, 9, 30, 5, tzinfo=UTC)

    moved = move_damaged_aside(path, now=moment)

    assert moved.name == "pm_prep.sqlite3.corrupt-20261122-093005"
    assert moved.read_bytes() == b"main"
    assert Path(f"{moved}-wal").read_bytes() == b"wal"
    assert Path(f"{moved}-shm").read_bytes() == b"shm"
    assert not path.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [moved.name, f"{moved.name}-wal", f"{moved.name}-shm"]
    )


def test_move_damaged_aside_never_overwrites_an_earlier_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "pm_prep.sqlite3"
    moment = datetime(2026, 11, 22, 9, 30, 5, tzinfo=UTC)
    path.write_bytes(b"first damaged file")
    first = move_damaged_aside(path, now=moment)
    path.write_bytes(b"second damaged file")
    second = move_damaged_aside(path, now=moment)  # the same second

    assert first != second
    assert first.read_bytes() == b"first damaged file"
    assert second.read_bytes() == b"second damaged file"
    for moved in (first, second):
        assert ".corrupt-20261122-093005" in moved.name


def test_restore_takes_the_source_as_validated_including_its_wal(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A source still being written (its newest commits only in its -wal) is restored whole."""
    source = backup.backup_database(workspace.database_path, tmp_path / "live" / "db.sqlite3")
    in_wal_mode(source)  # a live database, as the app keeps it
    holder = sqlite3.connect(source)  # keeps the WAL from being folded into the file
    try:
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        with holder:
            holder.execute("INSERT INTO settings (key, value) VALUES ('track', 'intern')")
        assert Path(f"{source}-wal").stat().st_size > 0
        workspace.close()

        restore_from(workspace.data_dir, source)
    finally:
        holder.close()
    assert rows(database_path(workspace.data_dir), "SELECT key, value FROM settings") == [
        ("track", "intern")
    ]


@pytest.mark.parametrize("kind", ["made by this version", "a WAL-mode file"])
def test_restore_leaves_the_backup_folder_holding_only_the_backup(
    workspace: Workspace, tmp_path: Path, kind: str
) -> None:
    add_answer(workspace, "in the backup")
    folder = tmp_path / "backups I keep"
    source = backup.backup_database(workspace.database_path, folder / "saved.sqlite3")
    if kind == "a WAL-mode file":
        in_wal_mode(source)
    before = source.read_bytes()
    workspace.close()

    restore_from(workspace.data_dir, source)

    assert sorted(p.name for p in folder.iterdir()) == ["saved.sqlite3"]
    assert source.read_bytes() == before
    assert answers(database_path(workspace.data_dir)) == ["in the backup"]
    assert not list(workspace.data_dir.glob(".restore-*"))  # the private copy is gone


def test_a_refused_restore_leaves_no_copy_behind(workspace: Workspace, tmp_path: Path) -> None:
    workspace.close()
    garbage = tmp_path / "not-a-backup.sqlite3"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseDamagedError):
        restore_from(workspace.data_dir, garbage)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("not-a")) == [
        "not-a-backup.sqlite3"
    ]
    assert not list(workspace.data_dir.glob(".restore-*"))
