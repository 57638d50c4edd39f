"""Start-up stays light: nothing heavy is imported before the first page is painted.

A structural check, not a timing one (timings live in benchmarks/): it records which
modules are loaded at the moment the dashboard first paints, in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "fsrs", "PySide6.QtQuick", "PySide6.QtGraphs")

PROBE = """
import json, sys
from pathlib import Path
from pm_prep.ui import app as app_module
watched = json.loads(sys.argv[2])
seen = {}
note_ready = app_module._note_ready
def at_first_paint():
    seen.update({name: name in sys.modules for name in watched})
    note_ready()
app_module._note_ready = at_first_paint
code = app_module.run_app(Path(sys.argv[1]), exit_when_ready=True)
print(json.dumps(seen))
sys.exit(code)
"""


def _loaded_at_first_paint(data_dir: Path) -> dict[str, bool]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_first_paint_needs_no_orm_migrations_scheduler_or_charts(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    # First run creates and migrates the database and fills the bank cache.
    subprocess.run(
        [sys.executable, "-m", "pm_prep", "--data-dir", str(data_dir), "demo", "--attempts", "50"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    loaded = _loaded_at_first_paint(data_dir)
    assert loaded == dict.fromkeys(HEAVY, False)
