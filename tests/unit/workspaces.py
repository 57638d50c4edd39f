"""Fast real workspaces for tests: migrate and sync the banks once, then copy the folder.

Opening a fresh data folder migrates the database, parses every bank and syncs ~300
questions (about 0.3 s). A copy of a folder opened once costs about 20 ms and is the same
real SQLite file, so tests that only need "a workspace" use a copy: see the
`workspace_template` and `workspace` fixtures in tests/unit/conftest.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from pm_prep.services.workspace import Workspace, open_workspace
from pm_prep.storage.lock import LOCK_NAME


def make_template(folder: Path) -> Path:
    """A data folder opened (migrated, synced, bank cache filled) once and closed."""
    open_workspace(folder).close()
    return folder


def open_copy(template: Path, data_dir: Path) -> Workspace:
    shutil.copytree(template, data_dir, ignore=shutil.ignore_patterns(LOCK_NAME))
    return open_workspace(data_dir)


def opened_copy(template: Path, data_dir: Path) -> Iterator[Workspace]:
    """For a `workspace` fixture: yield an open copy of `template`, closed afterwards."""
    ws = open_copy(template, data_dir)
    try:
        yield ws
    finally:
        ws.close()
