"""Storage failures that come from the user's environment, not from a bug.

The UI and the CLI tell the user about these in plain words; anything else is a bug.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StorageError(Exception):
    """A problem with the data folder or the database that the user can act on."""


class DatabaseTooNewError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of PM Prep (schema {revision}); "
            "update PM Prep to open it. The file was left untouched."
        )


class DatabaseDamagedError(StorageError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path} is damaged ({detail}).")
        self.path = path
        self.detail = detail


class DataDirLockedError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"PM Prep is already open with the data folder {path}. Close the other window first."
        )


class DiskError(StorageError):
    """The disk is full, read-only or otherwise refused a write; nothing was changed."""


class DatabaseBusyError(StorageError):
    """Another connection held a write lock longer than the busy timeout; nothing changed."""


# SQLite's primary result codes (https://sqlite.org/rescode.html); the extended code's low
# byte is the primary one.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
DAMAGED_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
DISK_CODES = frozenset({SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN})
BUSY_CODES = frozenset({SQLITE_BUSY, SQLITE_LOCKED})
BUSY_TIMEOUT_S = 5


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of an sqlite3 (or SQLAlchemy-wrapped) error."""
    inner = getattr(exc, "orig", None) or exc
    if not isinstance(inner, sqlite3.Error):
        return None
    code = getattr(inner, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def classify_code(code: int | None, path: Path, detail: str) -> StorageError | None:
    """The user-facing error for an SQLite result code, or None when it is not the environment's."""
    detail = detail.strip().rstrip(".")
    if code in DAMAGED_CODES:
        return DatabaseDamagedError(path, detail)
    if code == SQLITE_FULL:
        return DiskError(f"The disk holding {path} is full ({detail}). Nothing was changed.")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return DiskError(f"{path} cannot be written: {detail}. Nothing was changed.")
    if code in DISK_CODES:
        return DiskError(f"Could not read or write {path}: {detail}. Nothing was changed.")
    if code in BUSY_CODES:
        return DatabaseBusyError(
            f"{path} is busy: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_S} seconds. Nothing was changed; try again."
        )
    return None


def classify_sqlite(exc: BaseException, path: Path) -> StorageError | None:
    """`classify_code` for an exception."""
    return classify_code(sqlite_code(exc), path, str(getattr(exc, "orig", exc) or exc))
