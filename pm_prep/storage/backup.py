"""Online backups with SQLite's backup API: consistent even while the app is writing."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.paths import ensure_private_dir, make_private_file
from pm_prep.storage.errors import classify_sqlite

BACKUP_DIR_NAME = "backups"
KEEP_BACKUPS = 14
_PREFIX = "pm_prep-"
_SUFFIX = ".sqlite3"


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only; '#', '?' and '%' in folder names are escaped."""
    return f"{path.absolute().as_uri()}?mode=ro"


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def list_backups(data_dir: Path) -> list[Path]:
    """Backups in the data folder, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"), reverse=True)


def backup_database(source: Path, target: Path) -> Path:
    """Copy the database at `source` to `target` with the online backup API.

    The file is private (0600); a folder the user chose keeps its own permissions.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        # Renamed only when complete, so a half-written backup is never mistaken for a good one.
        os.replace(partial, target)
    except sqlite3.Error as exc:
        _remove_partial(partial)
        raise classify_sqlite(exc, target) or exc from None
    except BaseException:
        _remove_partial(partial)
        raise
    make_private_file(target)
    return target


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal")):
        leftover.unlink(missing_ok=True)


def make_backup(data_dir: Path, database: Path, *, reason: str = "auto") -> Path:
    """A new timestamped backup in the data folder; keeps the newest KEEP_BACKUPS."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = ensure_private_dir(backup_dir(data_dir)) / f"{_PREFIX}{stamp}-{reason}{_SUFFIX}"
    backup_database(database, target)
    for old in list_backups(data_dir)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def backed_up_today(data_dir: Path, now: datetime | None = None) -> bool:
    """True when a backup was made on the current UTC day."""
    today = (now or datetime.now(UTC)).strftime("%Y%m%d")
    return any(p.name.startswith(f"{_PREFIX}{today}") for p in list_backups(data_dir))


def integrity_problems(database: Path) -> list[str]:
    """SQLite's integrity check and foreign-key check; an empty list means healthy."""
    try:
        conn = sqlite3.connect(read_only_uri(database), uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        problems = [r for r in rows if r != "ok"]
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
