"""The dashboard's stored index of the catalog: equal to the catalog, and never used stale."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.services import catalog as catalog_service
from pm_prep.services.catalog_index import (
    BANK_SUFFIXES,
    INDEX_FILE,
    OWN_SOURCES_SQL,
    CatalogIndex,
)
from pm_prep.services.demo import fill_demo_history
from pm_prep.services.question_bank import save_question
from pm_prep.services.stats import summary, summary_json
from pm_prep.services.workspace import Workspace, cache_dir, open_workspace
from pm_prep.storage.lock import LOCK_NAME

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _copy(template: Path, data_dir: Path) -> Path:
    shutil.copytree(template, data_dir, ignore=shutil.ignore_patterns(LOCK_NAME))
    return data_dir


def _deferred(data_dir: Path) -> Workspace:
    return open_workspace(data_dir, defer_catalog=True)


def test_the_index_says_what_the_catalog_says(workspace: Workspace) -> None:
    catalog = workspace.catalog
    index = CatalogIndex.of(catalog)

    assert list(index.skills) == list(catalog.skills)
    assert index.tracks == catalog.tracks
    for track in catalog.tracks:
        for skill in catalog.skills:
            expected = len(catalog.questions_for(skill, track))
            assert index.questions_in_track(track)[skill] == expected
            assert index.has_questions(skill, track) == (expected > 0)
    assert CatalogIndex.from_json(index.to_json()) == index


def test_a_deferred_open_reads_the_index_and_gives_the_same_numbers(
    workspace_template: Path, tmp_path: Path
) -> None:
    data_dir = _copy(workspace_template, tmp_path / "data")
    full = open_workspace(data_dir)
    try:
        fill_demo_history(full, attempts=300, days=60, seed=7)
        expected = summary_json(summary(full, now=NOW))
        expected_index = full.index
    finally:
        full.close()

    ws = _deferred(data_dir)
    try:
        assert not ws.catalog_loaded  # the banks were not read
        assert ws.index == expected_index
        assert summary_json(summary(ws, now=NOW)) == expected
        assert not ws.catalog_loaded
        assert ws.catalog.questions  # and load, synced, on first use
        assert ws.catalog_loaded
        assert summary_json(summary(ws, now=NOW)) == expected
    finally:
        ws.close()


def test_a_changed_bank_file_makes_the_index_stale(
    workspace_template: Path, tmp_path: Path
) -> None:
    data_dir = _copy(workspace_template, tmp_path / "data")
    open_workspace(data_dir).close()
    banks = data_dir / catalog_service.IMPORTED_DIR_NAME
    banks.mkdir()
    (banks / "mine.toml").write_text(
        '[[questions]]\nid = "mine-1"\nskill = "analytical"\n'
        'prompt = "How would you size the market for bike locks?"\n',
        encoding="utf-8",
    )
    ws = _deferred(data_dir)
    try:
        assert ws.catalog_loaded  # the stored index did not know this file
        assert "mine-1" in ws.catalog.questions
    finally:
        ws.close()
    # Now the index knows it; editing the file in place makes it stale again.
    ws = _deferred(data_dir)
    try:
        assert not ws.catalog_loaded
    finally:
        ws.close()
    stamp = os.stat(banks / "mine.toml").st_mtime_ns + 5_000_000_000
    os.utime(banks / "mine.toml", ns=(stamp, stamp))
    ws = _deferred(data_dir)
    try:
        assert ws.catalog_loaded
    finally:
        ws.close()


def test_an_own_question_added_since_makes_the_index_stale(
    workspace_template: Path, tmp_path: Path
) -> None:
    data_dir = _copy(workspace_template, tmp_path / "data")
    # The index on disk is written when the catalog is loaded; a question saved afterwards
    # (here, or by `pm-prep import-bank` in another process) is not in it.
    other = open_workspace(data_dir)
    try:
        saved = save_question(
            other, {"skill": "analytical", "prompt": "How would you price a gym pass?"}, now=NOW
        )
        with_it = other.index
    finally:
        other.close()
    ws = _deferred(data_dir)
    try:
        assert ws.catalog_loaded
        assert saved.question_id in ws.catalog.questions
        assert ws.index == with_it
    finally:
        ws.close()


def test_a_damaged_index_is_ignored(workspace_template: Path, tmp_path: Path) -> None:
    data_dir = _copy(workspace_template, tmp_path / "data")
    open_workspace(data_dir).close()
    (cache_dir(data_dir) / INDEX_FILE).write_text('{"key": 3, "skills": [', encoding="utf-8")
    ws = _deferred(data_dir)
    try:
        assert ws.catalog_loaded
        assert ws.index == CatalogIndex.of(ws.catalog)
    finally:
        ws.close()


def test_the_index_reads_sources_and_files_as_the_catalog_does() -> None:
    assert BANK_SUFFIXES == catalog_service.BANK_SUFFIXES
    assert f"source = '{catalog_service.OWN_SOURCE}'" in OWN_SOURCES_SQL
    prefix = catalog_service.IMPORT_SOURCE_PREFIX
    assert f"substr(source, 1, {len(prefix)}) = '{prefix}'" in OWN_SOURCES_SQL
