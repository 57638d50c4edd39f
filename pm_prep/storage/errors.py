"""Storage failures that come from the user's environment, not from a bug.

The UI and the CLI tell the user about these in plain words; anything else is a bug.
"""

from __future__ import annotations

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
