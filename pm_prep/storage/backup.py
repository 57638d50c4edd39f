"""Online backups with SQLite's backup API: consistent even while the app is writing."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.paths import ensure_private_dir, make_private_file
from pm_prep.storage.errors import classify_sqlite

BACKUP_DIR_NAME = "backups"
KEEP_BACKUPS = 14
_PREFIX = "pm_prep-"
_SUFFIX = ".sqlite3"
# pm_prep-20260503-091500-123456-daily.sqlite3: the UTC moment it was taken, then why.
_NAME = re.compile(r"^pm_prep-(\d{8}-\d{6})(?:-(\d{6}))?(?:-([a-z-]+))?\.sqlite3$")


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
                # A rollback-journal file, not WAL: whoever opens a backup (to check it, or
                # with another tool) then leaves no -wal and -shm files beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
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


def taken_at(path: Path) -> datetime:
    """When a backup was taken (UTC): from its name when PM Prep made it, else the file's time."""
    found = _NAME.match(path.name)
    if found:
        try:
            moment = datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
        else:
            return moment.replace(tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def reason_of(path: Path) -> str | None:
    """Why PM Prep made the backup ("daily", "manual", "pre-restore", ...), None if not known."""
    found = _NAME.match(path.name)
    return found.group(3) if found else None


@contextmanager
def reading_copy(source: Path, work_dir: Path) -> Iterator[Path]:
    """A private copy of `source` (and of its -wal, if it has one) to check and restore from.

    Opening a WAL-mode file, even read-only, makes SQLite create -wal and -shm files beside
    it; reading a copy leaves the folder the user chose exactly as it was. The copy lives in
    `work_dir` (the data folder, where the restored file goes anyway) and is removed after.
    """
    ensure_private_dir(work_dir)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=work_dir) as folder:
        copy = Path(folder) / "backup.sqlite3"
        shutil.copyfile(source, copy)
        wal = Path(f"{source}-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        yield copy


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
