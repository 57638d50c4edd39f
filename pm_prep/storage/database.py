"""The SQLite database: connection settings, schema version checks, sessions.

SQLAlchemy costs more to import than a bare Qt window takes to appear, so it is imported
only when a session or the engine is first needed. Reads on the way to the first painted
page use `raw()`, a plain sqlite3 connection with the same settings.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

from pm_prep.paths import make_private_file
from pm_prep.storage.errors import StorageError, classify_sqlite

# The newest migration this build knows. A test keeps it equal to Alembic's head.
HEAD_REVISION = "0003_skill_counts"
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL: a commit is on disk before the UI says "saved", even through a power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def classify(exc: BaseException, path: Path) -> StorageError | None:
    """Turn an SQLite error caused by the environment into a StorageError the user can act on.

    Decided by SQLite's result code (`sqlite_errorcode`), never by the message text, which
    changes between SQLite versions and locales. SQLAlchemy's wrapper is looked through.
    """
    return classify_sqlite(exc, path)


def _connect(path: Path, *, read_only: bool, autocommit: bool) -> sqlite3.Connection:
    # A file: URI keeps '?', '#' and '%' in folder names part of the path.
    uri = path.absolute().as_uri() + ("?mode=ro" if read_only else "")
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        # SQLAlchemy relies on pysqlite's own transaction handling; raw reads autocommit.
        isolation_level=None if autocommit else "DEFERRED",
        check_same_thread=False,  # each connection is used by one thread at a time
    )
    _set_pragmas(conn, None)
    return conn


class Database:
    """One SQLite file, its engine and its sessions. Close it to release the file."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        # Held open while the database is: when the last connection to a WAL database
        # closes, SQLite checkpoints the WAL into the file and deletes it, two more fsyncs
        # after every commit (about 2 ms a save, measured). With this one idle connection
        # open, SQLite checkpoints when the WAL reaches 1,000 pages instead, and once more at
        # `close`. It holds no lock and no snapshot: it never runs a statement after this.
        self._keeper: sqlite3.Connection | None = None
        existed = path.exists()
        if not read_only:
            try:
                conn = _connect(path, read_only=False, autocommit=True)
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    # A read maps the WAL index, which is what makes this connection count.
                    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                except BaseException:
                    conn.close()
                    raise
            except sqlite3.DatabaseError as exc:
                raise classify(exc, path) or exc from None
            self._keeper = conn
            # Closed with the database, or when it is dropped without `close` (never leaked).
            self._release_keeper = weakref.finalize(self, conn.close)
            # The WAL and its index now exist too; SQLite made them with the file's mode.
            for part in ("", "-wal", "-shm") if not existed else ("-wal", "-shm"):
                make_private_file(Path(f"{path}{part}"))

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, created (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import NullPool

            read_only = self.read_only
            path = self.path
            self._engine = create_engine(
                "sqlite://",
                poolclass=NullPool,
                creator=lambda: _connect(path, read_only=read_only, autocommit=False),
            )
        return self._engine

    def _session_factory(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection (autocommit) for fast reads; closed after the block."""
        try:
            conn = _connect(self.path, read_only=self.read_only, autocommit=True)
        except sqlite3.DatabaseError as exc:
            raise classify(exc, self.path) or exc from None
        try:
            yield conn
        except sqlite3.DatabaseError as exc:
            raise classify(exc, self.path) or exc from None
        finally:
            conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 transaction: BEGIN IMMEDIATE, then COMMIT (ROLLBACK if it raises).

        For the writes the user waits for after every answer, where SQLAlchemy's own work
        was most of the time; everything else writes through `transaction()`.
        """
        try:
            conn = _connect(self.path, read_only=self.read_only, autocommit=True)
        except sqlite3.DatabaseError as exc:
            raise classify(exc, self.path) or exc from None
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise classify(exc, self.path) or exc from None
            raise
        finally:
            conn.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        from sqlalchemy.exc import DatabaseError

        with self._session_factory()() as session:
            try:
                yield session
            except DatabaseError as exc:
                raise classify(exc, self.path) or exc from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits when the block ends, or rolls back if it raises."""
        from sqlalchemy.exc import DatabaseError

        with self._session_factory()() as session:
            try:
                with session.begin():
                    yield session
            except DatabaseError as exc:
                raise classify(exc, self.path) or exc from None

    def schema_revision(self) -> str | None:
        """The Alembic revision stamped in the file, or None for a database without one."""
        with self.raw() as conn:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if exists is None:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])

    def close(self) -> None:
        """Release every connection; on close SQLite folds the WAL back into the file."""
        if self._engine is not None:
            self._engine.dispose()
        if self._keeper is not None:
            self._release_keeper()  # the last connection: the WAL is checkpointed and removed
            self._keeper = None
