"""The SQLite database: connection settings, schema version checks, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from pm_prep.paths import make_private_file
from pm_prep.storage.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskError,
    StorageError,
)

# The newest migration this build knows. A test keeps it equal to Alembic's head.
HEAD_REVISION = "0001_baseline"
BUSY_TIMEOUT_MS = 5000
_DAMAGE_MARKERS = ("not a database", "malformed", "disk image", "file is encrypted")
_DISK_MARKERS = ("disk is full", "readonly", "read-only", "disk i/o", "unable to open")


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL: a commit is on disk before the UI says "saved", even through a power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def classify(exc: BaseException, path: Path) -> StorageError | None:
    """Turn an SQLite error caused by the environment into a StorageError the user can act on."""
    message = str(getattr(exc, "orig", exc) or exc).lower()
    if any(marker in message for marker in _DAMAGE_MARKERS):
        return DatabaseDamagedError(path, message.strip())
    if any(marker in message for marker in _DISK_MARKERS):
        return DiskError(f"Could not write to {path}: {message.strip()}. Nothing was changed.")
    if "database is locked" in message or "database is busy" in message:
        return DatabaseBusyError(
            f"{path} is busy: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_MS // 1000} seconds. Nothing was changed; try again."
        )
    return None


class Database:
    """One SQLite file, its engine and its sessions. Close it to release the file."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        existed = path.exists()
        # URL objects, not strings: a '?' or '#' in a folder name must stay part of the path.
        url = URL.create("sqlite", database=str(path))
        connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_MS / 1000}
        if read_only:
            url = URL.create(
                "sqlite", database=path.absolute().as_uri(), query={"mode": "ro", "uri": "true"}
            )
        self.engine: Engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
        event.listen(self.engine, "connect", _set_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if not read_only:
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA journal_mode = WAL")
            except DatabaseError as exc:
                raise classify(exc, path) or exc from None
            if not existed:
                make_private_file(path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._sessions() as session:
            try:
                yield session
            except (OperationalError, DatabaseError) as exc:
                raise classify(exc, self.path) or exc from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits when the block ends, or rolls back if it raises."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except (OperationalError, DatabaseError) as exc:
                raise classify(exc, self.path) or exc from None

    def schema_revision(self) -> str | None:
        """The Alembic revision stamped in the file, or None for a database without one."""
        try:
            with self.engine.connect() as conn:
                exists = conn.execute(
                    text(
                        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
                    )
                ).first()
                if exists is None:
                    return None
                row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
                return None if row is None else str(row[0])
        except DatabaseError as exc:
            raise classify(exc, self.path) or exc from None

    def close(self) -> None:
        """Release every connection; on close SQLite folds the WAL back into the file."""
        self.engine.dispose()
