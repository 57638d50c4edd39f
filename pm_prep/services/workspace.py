"""Open a data folder: lock it, open and migrate its database, load and sync the banks."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pm_prep.paths import DATABASE_NAME, IMPORTED_DIR_NAME, ensure_private_dir, make_private_file
from pm_prep.services.catalog_index import CatalogIndex, index_key, read_index, write_index
from pm_prep.services.changes import Changes, writes
from pm_prep.storage import backup, migrate
from pm_prep.storage.database import Database
from pm_prep.storage.errors import DatabaseDamagedError, DatabaseTooNewError, DiskError
from pm_prep.storage.lock import DataDirLock

if TYPE_CHECKING:
    from pm_prep.domain.bank_problems import Problem
    from pm_prep.domain.content import Catalog
    from pm_prep.services.catalog import LoadedCatalog


class Workspace:
    """An open data folder. Everything a use case needs is reached through it.

    The catalog (`loaded`, `catalog`, `bank_problems`) may be loaded on first use: the app
    opens its folder with `defer_catalog`, and the dashboard's first frame reads only
    `index`, which a valid stored index answers without the banks (services/catalog_index).
    """

    __slots__ = ("_index", "_loaded", "_sync", "data_dir", "db", "lock", "notices")

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        loaded: LoadedCatalog | None = None,
        lock: DataDirLock | None = None,
        *,
        index: CatalogIndex | None = None,
        sync: bool = True,
    ) -> None:
        if loaded is None and index is None:
            raise ValueError("a workspace needs its catalog or a valid index of it")
        self.data_dir = data_dir
        self.db = db
        self._loaded = loaded
        self._index = index
        self._sync = sync
        self.lock = lock
        self.notices: list[str] = []

    @property
    def loaded(self) -> LoadedCatalog:
        """The full catalog, loaded (and synced into the database) on first use."""
        if self._loaded is None:
            self._loaded = _load_catalog(self.data_dir, self.db, sync=self._sync)
        return self._loaded

    @loaded.setter
    def loaded(self, value: LoadedCatalog) -> None:
        self._loaded = value

    @property
    def catalog_loaded(self) -> bool:
        return self._loaded is not None

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def index(self) -> CatalogIndex:
        """Skills, tracks and question counts: from the catalog once it is loaded."""
        if self._loaded is not None:
            return CatalogIndex.of(self._loaded.catalog)
        assert self._index is not None
        return self._index

    @property
    def bank_problems(self) -> list[Problem]:
        return self.loaded.problems

    @property
    def database_path(self) -> Path:
        return self.db.path

    def resync(self) -> None:
        """After the database was swapped (a restore): bring it and the catalog into step."""
        from pm_prep.services.catalog import sync_questions

        sync_questions(self.db, self.loaded)

    def close(self) -> None:
        """Release the database and the folder lock."""
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def cache_dir(data_dir: Path) -> Path:
    """Derived data that can always be rebuilt (validated banks as JSON)."""
    return data_dir / "cache"


def imported_banks_dir(data_dir: Path) -> Path:
    return data_dir / IMPORTED_DIR_NAME


def open_workspace(
    data_dir: Path, *, lock: bool = True, sync: bool = True, defer_catalog: bool = False
) -> Workspace:
    """Open (creating if needed) the data folder for the app or a writing CLI command.

    With `defer_catalog` (the app's start), the catalog is loaded on first use when the
    stored index of it is still valid, so the dashboard can be painted first.

    Raises DataDirLockedError, DatabaseTooNewError, DatabaseDamagedError or DiskError,
    each with a message meant for the user.
    """
    try:
        ensure_private_dir(data_dir)
    except OSError as exc:
        raise DiskError(f"Cannot create the data folder {data_dir}: {exc.strerror}.") from None
    folder_lock = DataDirLock(data_dir) if lock else None
    if folder_lock is not None:
        folder_lock.acquire()
    try:
        path = database_path(data_dir)
        if path.exists():
            migrate.refuse_if_too_new(path)
        db = Database(path)
        try:
            migrate.upgrade(
                db,
                before_upgrade=lambda: backup.make_backup(data_dir, path, reason="pre-migration"),
            )
        except Exception:
            db.close()
            raise
        index = _stored_index(data_dir, db) if defer_catalog else None
        loaded = None if index is not None else _load_catalog(data_dir, db, sync=sync)
    except BaseException:
        if folder_lock is not None:
            folder_lock.release()
        raise
    return Workspace(data_dir, db, loaded, folder_lock, index=index, sync=sync)


def _stored_index(data_dir: Path, db: Database) -> CatalogIndex | None:
    from pm_prep.paths import resources_dir

    with db.raw() as conn:
        key = index_key(resources_dir(), imported_banks_dir(data_dir), conn)
    return read_index(cache_dir(data_dir), key)


def _load_catalog(data_dir: Path, db: Database, *, sync: bool) -> LoadedCatalog:
    """Every bank (validated ones from the cache), synced; the dashboard's index kept."""
    from pm_prep.paths import resources_dir
    from pm_prep.services.catalog import load_catalog, sync_questions

    loaded = load_catalog(imported=imported_banks_dir(data_dir), cache_dir=cache_dir(data_dir))
    if sync:
        sync_questions(db, loaded)
        with db.raw() as conn:
            key = index_key(resources_dir(), imported_banks_dir(data_dir), conn)
        write_index(cache_dir(data_dir), key, CatalogIndex.of(loaded.catalog))
    return loaded


def move_damaged_aside(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) to `*.corrupt-<timestamp>`; never deletes."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    attempt = 1
    # Two damaged files within one second must not overwrite each other.
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        attempt += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{target}{suffix}"))
    return target


def restore_from(data_dir: Path, source: Path) -> Path:
    """Replace the database with a validated copy of `source`; the current one is backed up first.

    Returns the path of the safety backup (or the moved-aside file) of the previous database.
    Only a private copy of `source` is opened, so nothing is created beside it.
    """
    with backup.reading_copy(source, data_dir) as copy:
        return _restore_copy(data_dir, source, copy)


def _restore_copy(data_dir: Path, source: Path, copy: Path) -> Path:
    problems = backup.integrity_problems(copy)
    if problems:
        raise DatabaseDamagedError(source, problems[0])
    probe = Database(copy, read_only=True)
    try:
        revision = probe.schema_revision()
    finally:
        probe.close()
    if revision is None:
        raise DatabaseDamagedError(source, "not a PM Prep database")
    if revision not in migrate.known_revisions():
        raise DatabaseTooNewError(source, revision)
    path = database_path(data_dir)
    if path.exists():
        if backup.integrity_problems(path):
            safety = move_damaged_aside(path)
        else:
            safety = backup.make_backup(data_dir, path, reason="pre-restore")
    else:
        safety = path
    partial = path.with_name(path.name + ".restoring")
    # The backup API, not a file copy: it takes what was validated, commits still in the
    # source's -wal included.
    backup.backup_database(copy, partial)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, path)
    make_private_file(path)
    return safety


@writes(Changes.EVERYTHING)
def reopen_after_restore(ws: Workspace, source: Path) -> Path:
    """Restore `source` under a running app: close the database, swap it, reopen and sync."""
    ws.db.close()
    try:
        safety = restore_from(ws.data_dir, source)
    finally:
        ws.db = Database(database_path(ws.data_dir))
        migrate.upgrade(ws.db)
        ws.resync()
    return safety
