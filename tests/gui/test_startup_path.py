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

HEAVY = (
    "sqlalchemy",
    "alembic",
    "fsrs",
    "PySide6.QtQuick",
    "PySide6.QtGraphs",
    # The banks: the first frame reads the catalog's stored index (services/catalog_index).
    "pm_prep.domain.content",
    "pm_prep.services.catalog",
)

PROBE = """
import json, sys
from pathlib import Path
from pm_prep.ui import app as app_module
watched = json.loads(sys.argv[2])
seen = {}
note_ready = app_module._note_ready
def at_first_paint():
    seen.update({name: name in sys.modules for name in watched})
    # PySide6 builds the `Qt` namespace's ~90 enums on first touch (40 ms): not before this.
    seen["Qt namespace"] = "Qt" in vars(sys.modules["PySide6.QtCore"])
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
    assert loaded == dict.fromkeys((*HEAVY, "Qt namespace"), False)


JOURNEY = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pm_prep.ui import app as app_module
seen = {}
note_ready = app_module._note_ready
def at_ready():
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    gauge = window.findChild(object, "overallReadiness")
    seen["shown"] = gauge.value()
    seen["text"] = gauge.text()
    seen["built_before_idle"] = [n for n in window.pages.names if window.pages.is_built(n)]
    note_ready()
    def visit():
        for name in window.pages.names:
            page = window.show_page(name)
            seen.setdefault("visited", []).append([name, page.isVisible()])
        QApplication.instance().quit()
    QTimer.singleShot(200, visit)
app_module._note_ready = at_ready
code = app_module.run_app(Path(sys.argv[1]))
print(json.dumps(seen))
sys.exit(code)
"""


def test_the_real_start_up_shows_the_users_own_readiness_then_every_page(tmp_path: Path) -> None:
    """`pm-prep` as a user starts it: the dashboard's first paint holds `stats --json`."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    cli = [sys.executable, "-m", "pm_prep", "--data-dir", str(data_dir)]
    subprocess.run([*cli, "demo", "--attempts", "300"], check=True, capture_output=True, env=env)
    stats = json.loads(
        subprocess.run(
            [*cli, "stats", "--json"], check=True, capture_output=True, text=True, env=env
        ).stdout
    )
    assert stats["attempts"] > 0
    done = subprocess.run(
        [sys.executable, "-c", JOURNEY, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert round(seen["shown"], 2) == stats["overall"]
    assert seen["text"].startswith(f"{stats['overall']:.0f}/100")
    assert seen["built_before_idle"] == ["dashboardPage"]
    assert [name for name, visible in seen["visited"] if not visible] == []
    assert len(seen["visited"]) >= 3


def test_exit_when_ready_prints_nothing_and_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    done = subprocess.run(
        [sys.executable, "-m", "pm_prep", "--exit-when-ready", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (0, "")
