"""Unit-test fixtures: real, migrated databases and workspaces, made fast by copying."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pm_prep.services.workspace import Workspace
from pm_prep.storage import migrate
from pm_prep.storage.database import Database
from tests.unit.workspaces import make_template, opened_copy


@pytest.fixture(scope="session")
def workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder opened (migrated, synced, bank cache filled) once per test run."""
    return make_template(tmp_path_factory.mktemp("template") / "data")


@pytest.fixture
def workspace(workspace_template: Path, data_dir: Path) -> Iterator[Workspace]:
    """A real, migrated and synced workspace: a fresh copy of the template folder."""
    yield from opened_copy(workspace_template, data_dir)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database file in tmp_path."""
    database = Database(tmp_path / "db.sqlite3")
    migrate.upgrade(database)
    try:
        yield database
    finally:
        database.close()
