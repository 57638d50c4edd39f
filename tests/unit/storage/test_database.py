"""The SQLite database: connection settings, file permissions, UTC times and the folder lock."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import StatementError

from pm_prep.services.workspace import Workspace, database_path, open_workspace
from pm_prep.storage import backup
from pm_prep.storage.database import BUSY_TIMEOUT_MS, Database
from pm_prep.storage.errors import DatabaseDamagedError, DataDirLockedError
from pm_prep.storage.lock import LOCK_NAME, DataDirLock
from pm_prep.storage.models import BankFileRow, UTCDateTime

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX promise")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """A typical permissive umask, so a 0600 file proves PM Prep restricted it itself."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# -- connection settings -----------------------------------------------------------------------
def test_connections_use_wal_foreign_keys_and_a_busy_timeout(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        assert BUSY_TIMEOUT_MS >= 1000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_wal_mode_is_stored_in_the_file(db: Database) -> None:
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(
            text(
                "INSERT INTO drafts (question_id, text, started_at, updated_at, elapsed_s,"
                " hints_used) VALUES ('no-such-question', 'x', '', '', 0, 0)"
            )
        )
    with db.session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM drafts")).scalar() == 0


def test_a_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    with pytest.raises(DatabaseDamagedError) as damaged:
        Database(path)
    assert str(path) in str(damaged.value)


def test_a_damaged_database_in_a_data_folder_is_refused_and_the_lock_released(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    garbage = b"\x00garbage" * 1000
    database_path(data_dir).write_bytes(garbage)
    with pytest.raises(DatabaseDamagedError):
        open_workspace(data_dir)
    assert database_path(data_dir).read_bytes() == garbage
    with DataDirLock(data_dir):
        pass


# -- permissions --------------------------------------------------------------------------------
@POSIX
@pytest.mark.usefixtures("usual_umask")
def test_data_folder_is_0700_and_database_files_0600(data_dir: Path) -> None:
    from pm_prep.services.practice import submit_answer

    ws = open_workspace(data_dir)
    try:
        question = next(iter(ws.catalog.questions))
        # A second open connection keeps SQLite from folding the WAL back at each commit.
        with ws.db.engine.connect() as reader:
            reader.exec_driver_sql("SELECT COUNT(*) FROM questions").scalar()
            submit_answer(
                ws, question, "an answer", started_at=datetime.now(UTC), duration_s=5, hints_used=0
            )
            assert mode(data_dir) == 0o700
            assert mode(database_path(data_dir)) == 0o600
            for side in ("-wal", "-shm"):
                side_file = Path(f"{database_path(data_dir)}{side}")
                assert side_file.exists()
                assert mode(side_file) == 0o600
        made = backup.make_backup(data_dir, database_path(data_dir))
        assert mode(made) == 0o600
        assert mode(made.parent) == 0o700
    finally:
        ws.close()


@POSIX
@pytest.mark.usefixtures("usual_umask")
def test_an_existing_permissive_data_folder_is_tightened(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    open_workspace(data_dir).close()
    assert mode(data_dir) == 0o700


# -- UTC times ----------------------------------------------------------------------------------
def test_utc_datetime_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 2, 3, 4, 5), sqlite_dialect.dialect())


def test_a_naive_datetime_is_never_written(db: Database) -> None:
    with pytest.raises(StatementError) as refused, db.transaction() as session:
        session.add(BankFileRow(name="x", content_hash="h", synced_at=datetime(2026, 1, 1)))
    assert isinstance(refused.value.orig, ValueError)
    with db.session() as session:
        assert session.scalars(select(BankFileRow)).all() == []


def test_aware_datetimes_round_trip_as_the_same_instant_in_utc(db: Database) -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    moment = datetime(2026, 3, 29, 1, 59, 58, 123456, tzinfo=india)
    with db.transaction() as session:
        session.add(BankFileRow(name="a", content_hash="h", synced_at=moment))
    with db.session() as session:
        stored = session.get(BankFileRow, "a")
        assert stored is not None
        assert stored.synced_at == moment
        assert stored.synced_at.utcoffset() == timedelta(0)
        assert stored.synced_at.microsecond == 123456
    conn = sqlite3.connect(db.path)
    try:
        raw = conn.execute("SELECT synced_at FROM bank_files").fetchone()[0]
    finally:
        conn.close()
    assert raw == "2026-03-28 20:29:58.123456"  # UTC, sortable as text


def test_stored_times_sort_chronologically_as_text(db: Database) -> None:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    moments = [base + timedelta(days=400), base + timedelta(microseconds=1), base]
    with db.transaction() as session:
        for index, moment in enumerate(moments):
            session.add(BankFileRow(name=str(index), content_hash="h", synced_at=moment))
    with db.session() as session:
        ordered = session.scalars(select(BankFileRow.synced_at).order_by(BankFileRow.synced_at))
        assert list(ordered) == sorted(moments)


# -- one running app per data folder ------------------------------------------------------------
def test_a_second_lock_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    first = DataDirLock(tmp_path)
    first.acquire()
    try:
        with pytest.raises(DataDirLockedError) as locked:
            DataDirLock(tmp_path).acquire()
        assert str(tmp_path) in str(locked.value)
        assert (tmp_path / LOCK_NAME).read_text(encoding="utf-8") == str(os.getpid())
    finally:
        first.release()
    again = DataDirLock(tmp_path)
    again.acquire()
    again.release()


def test_the_lock_is_a_context_manager_and_release_is_idempotent(tmp_path: Path) -> None:
    with DataDirLock(tmp_path) as lock, pytest.raises(DataDirLockedError):
        DataDirLock(tmp_path).acquire()
    lock.release()
    with DataDirLock(tmp_path):
        pass


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pathlib; from pm_prep.storage.lock import DataDirLock; "
            f"lock = DataDirLock(pathlib.Path({str(tmp_path)!r})); lock.acquire(); "
            "print('held', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"held"
        with pytest.raises(DataDirLockedError):
            DataDirLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait(timeout=10)
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
    with DataDirLock(tmp_path):  # killed, not released: the OS freed it
        pass


def test_open_workspace_twice_on_one_folder_is_refused_while_the_first_is_open(
    data_dir: Path,
) -> None:
    first = open_workspace(data_dir)
    try:
        with pytest.raises(DataDirLockedError):
            open_workspace(data_dir)
        # A reader (a CLI command) may still open it beside the app.
        reader = open_workspace(data_dir, lock=False)
        reader.close()
    finally:
        first.close()
    second = open_workspace(data_dir)
    second.close()


def test_closing_a_workspace_twice_is_harmless(workspace: Workspace) -> None:
    workspace.close()
    workspace.close()
    with DataDirLock(workspace.data_dir):
        pass


# -- unusual folder names ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["with space", "hash#1", "what?", "100%41 sure", "naïve ü"])
def test_a_data_folder_with_any_name_keeps_its_database_inside(tmp_path: Path, name: str) -> None:
    parent = tmp_path / "parent"
    data_dir = parent / name
    ws = open_workspace(data_dir)
    try:
        questions = len(ws.catalog.questions)
        made = backup.make_backup(data_dir, ws.database_path)
    finally:
        ws.close()
    # Nothing was created beside the data folder (a URL cut short at '#' or '?' would).
    assert sorted(p.name for p in parent.iterdir()) == [name]
    assert database_path(data_dir).stat().st_size > 0
    assert backup.integrity_problems(database_path(data_dir)) == []
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == questions
    finally:
        conn.close()
    reader = Database(database_path(data_dir), read_only=True)
    try:
        assert reader.schema_revision() is not None
    finally:
        reader.close()


def test_a_read_only_database_refuses_writes(db: Database) -> None:
    from sqlalchemy import text

    from pm_prep.storage.errors import DiskError

    reader = Database(db.path, read_only=True)
    try:
        with pytest.raises(DiskError), reader.transaction() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('a', 'b')"))
    finally:
        reader.close()
    with db.session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM settings")).scalar() == 0


def test_a_long_held_write_lock_is_reported_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_prep.storage import database as database_module
    from pm_prep.storage.database import Database
    from pm_prep.storage.errors import DatabaseBusyError
    from pm_prep.storage.models import SettingRow

    path = tmp_path / "busy.sqlite3"
    db = Database(path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    quick = Database(path)
    try:
        with (
            pytest.raises(DatabaseBusyError, match="Nothing was changed"),
            quick.transaction() as session,
        ):
            session.add(SettingRow(key="theme", value="dark"))
    finally:
        quick.close()
        other.execute("ROLLBACK")
        other.close()
        db.close()


def test_a_plain_write_commits_or_rolls_back_as_a_whole(db: Database) -> None:
    with db.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('theme', 'dark')")
    with pytest.raises(ValueError, match="changed my mind"), db.write() as conn:
        conn.execute("UPDATE settings SET value = 'light' WHERE key = 'theme'")
        raise ValueError("changed my mind")
    with db.raw() as conn:
        assert conn.execute("SELECT value FROM settings").fetchall() == [("dark",)]


def test_a_plain_write_against_the_rules_is_refused_and_leaves_nothing(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError), db.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('goal', '3')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('goal', '4')")  # same key
    with db.raw() as conn:
        assert conn.execute("SELECT COUNT(*) FROM settings").fetchone() == (0,)


def test_the_wal_stays_until_close_then_is_folded_back(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    database = Database(path)
    try:
        with database.write() as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
            conn.execute("INSERT INTO notes VALUES ('kept')")
        # One idle connection stays open, so no checkpoint ran after the commit.
        assert Path(f"{path}-wal").exists()
    finally:
        database.close()
    assert not Path(f"{path}-wal").exists()
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT body FROM notes").fetchall() == [("kept",)]
    finally:
        check.close()
