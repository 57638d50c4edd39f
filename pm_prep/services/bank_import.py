"""Import a user's own question bank: validated whole, added in one go or not at all."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pm_prep.domain.bank_problems import BankError, Problem
from pm_prep.paths import ensure_private_dir
from pm_prep.services.catalog import (
    BANK_SUFFIXES,
    IMPORTED_DIR_NAME,
    add_bank,
    default_types,
    read_bank,
    remove_bank,
    sync_questions,
)
from pm_prep.services.changes import Changes, writes
from pm_prep.services.workspace import Workspace, imported_banks_dir


@dataclass(frozen=True, slots=True)
class ImportResult:
    skill: str
    questions: int
    stored_as: Path


@writes(Changes.CATALOG)
def import_bank(ws: Workspace, path: Path) -> ImportResult:
    """Validate `path` and add its questions; raises BankError listing every problem."""
    if path.suffix.lower() not in BANK_SUFFIXES:
        raise BankError([Problem(path.name, "a bank file must end in .toml, .json or .csv")])
    label = f"{IMPORTED_DIR_NAME}/{path.name}"
    skills = ws.catalog.skills
    bank = read_bank(path, set(skills), types=default_types(skills), source=label)
    replacing = {q.id for b in ws.loaded.banks if b.source == label for q in b.questions}
    clashes = [
        q.id for q in bank.questions if q.id in ws.catalog.questions and q.id not in replacing
    ]
    if clashes:
        raise BankError(
            [Problem(path.name, "id is already used by another bank", qid, "id") for qid in clashes]
        )
    folder = ensure_private_dir(imported_banks_dir(ws.data_dir))
    target = folder / path.name
    partial = folder / f".{path.name}.partial"
    shutil.copyfile(path, partial)
    try:
        remove_bank(ws.loaded, label)
        add_bank(ws.loaded, bank)
        sync_questions(ws.db, ws.loaded)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return ImportResult(bank.skill, len(bank.questions), target)
