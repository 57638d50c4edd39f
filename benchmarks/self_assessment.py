"""Self-assessment page: opening it with thousands of attempts, cold and warm coverage cache.

`python -m benchmarks.self_assessment [DATA_DIR ...]` (default: the 10k and 100k demo folders
of benchmarks.fixtures). Prints JSON; the figures are recorded in docs/self-assessment.md.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

SKILL = "analytical"


def _service(folder: Path) -> dict[str, float]:
    from pm_prep.services.calibration import (
        CACHE_NAME,
        CoverageCache,
        analyse_pending,
        load_calibration,
    )
    from pm_prep.services.workspace import cache_dir, open_workspace

    (cache_dir(folder) / CACHE_NAME).unlink(missing_ok=True)
    ws = open_workspace(folder, lock=False)
    try:
        with ws.db.raw() as conn:
            (answers,) = conn.execute(
                "SELECT COUNT(*) FROM attempts WHERE skill_id = ?", (SKILL,)
            ).fetchone()
        cache = CoverageCache.for_workspace(ws)
        started = time.perf_counter()
        data = load_calibration(ws, SKILL, cache)
        cold_load = time.perf_counter() - started
        pending = len(data.pending)
        started = time.perf_counter()
        analyse_pending(ws, data, cache)
        analysis = time.perf_counter() - started
        warm = []
        for _ in range(7):
            started = time.perf_counter()
            load_calibration(ws, SKILL, cache)
            warm.append(time.perf_counter() - started)
    finally:
        ws.close()
    return {
        "skill_answers": answers,
        "cold_load_ms": cold_load * 1000,
        "answers_read_first_time": pending,
        "first_time_reading_ms": analysis * 1000,
        "per_answer_ms": analysis * 1000 / max(1, pending),
        "warm_load_ms": statistics.median(warm) * 1000,
    }


def _page(folder: Path) -> dict[str, float]:
    """First visit of the built page to its first paint, then to the filled chart (warm)."""
    from PySide6.QtWidgets import QApplication

    from pm_prep.ui import build_main_window

    app = QApplication.instance() or QApplication([])
    copy = Path(tempfile.mkdtemp(prefix="pm-prep-sa-")) / "data"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("pm_prep.lock"))
    window = build_main_window(copy)
    try:
        # As two seconds after launch: the dashboard's chart (and Qt Quick) loaded, every
        # page built in idle time.
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline or not window.dashboard_page.chart.loaded:
            app.processEvents()
            time.sleep(0.005)
        page = window.pages.page("selfAssessmentPage")
        page.open_skill(SKILL)
        started = time.perf_counter()
        window.show_page("selfAssessmentPage")
        page.repaint()
        painted = time.perf_counter() - started
        while page.calibration_data is None:
            app.processEvents()
        noted = time.perf_counter() - started
        while page.analysing or not page.chart.loaded:
            app.processEvents()
            time.sleep(0.001)
        filled = time.perf_counter() - started
    finally:
        window.close()
        shutil.rmtree(copy.parent, ignore_errors=True)
    return {
        "first_visit_painted_ms": painted * 1000,
        "note_filled_ms": noted * 1000,
        "chart_drawn_ms": filled * 1000,
    }


def main(argv: list[str]) -> int:
    if argv:
        folders = [Path(a) for a in argv]
    else:
        from benchmarks.fixtures import data_dir_with

        folders = [data_dir_with(10_000), data_dir_with(100_000)]
    results = {}
    for folder in folders:
        service = _service(folder)  # also leaves a warm cache for the page
        results[folder.name] = {**service, **_page(folder)}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
