"""Bring a database to this build's schema with Alembic, or refuse one from a newer build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pm_prep.storage.database import HEAD_REVISION, Database
from pm_prep.storage.errors import DatabaseTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    # Imported here: Alembic is only needed when the schema actually has to change.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every revision this build can migrate from."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    """Alembic's head according to the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def refuse_if_too_new(path: Path) -> None:
    """Raise DatabaseTooNewError for a file from a newer build before anything writes to it.

    Opening read-write would already change it (journal mode, WAL checkpoint), so this
    looks through a read-only connection first.
    """
    probe = Database(path, read_only=True)
    try:
        current = probe.schema_revision()
    finally:
        probe.close()
    if current is not None and current != HEAD_REVISION and current not in known_revisions():
        raise DatabaseTooNewError(path, current)


def upgrade(db: Database, before_upgrade: Callable[[], object] | None = None) -> bool:
    """Migrate `db` to HEAD_REVISION; returns True when anything ran.

    The common case (already current) costs one query and never imports Alembic.
    `before_upgrade` runs before an existing database is changed (the backup hook).
    """
    current = db.schema_revision()
    if current == HEAD_REVISION:
        return False
    if current is not None and current not in known_revisions():
        raise DatabaseTooNewError(db.path, current)
    if current is not None and before_upgrade is not None:
        before_upgrade()
    from alembic import command

    config = _alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
