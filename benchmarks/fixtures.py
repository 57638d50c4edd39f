"""Data folders with N synthetic attempts, built once per benchmark run."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from pm_prep.services.demo import fill_demo_history
from pm_prep.services.workspace import open_workspace

_ROOT = Path(tempfile.mkdtemp(prefix="pm-prep-bench-"))


@cache
def data_dir_with(attempts: int, days: int = 365) -> Path:
    """A data folder holding `attempts` rated attempts over `days` days (seed fixed)."""
    folder = _ROOT / f"attempts-{attempts}"
    ws = open_workspace(folder)
    try:
        if attempts:
            fill_demo_history(ws, attempts=attempts, days=days, seed=42)
    finally:
        ws.close()
    return folder
