"""What the user waits for on the UI thread: saving a rating, and a first visit to a page.

`python -m benchmarks.ui_timings` (offscreen). Both run the real window the way `pm-prep`
starts it (`run_app`), on a data folder with 10k attempts.

- Save: submit and Save rating through the Practice page's own slots with the dashboard
  hidden, timing each Save rating on the UI thread (commit, announcement to every page,
  the page's own update). Budget p95 ≤ 30 ms.
- First visit: 2 s after the dashboard's first paint (idle-time building done), open each
  page from the navigation and time until that page has painted. Budget ≤ 100 ms.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.fixtures import data_dir_with
from benchmarks.measure import ENV

PROBE = r"""
import json, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from pm_prep.ui import app as app_module

results = {}
note_ready = app_module._note_ready


class PaintWatch(QObject):
    def __init__(self):
        super().__init__()
        self.painted = None

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.painted is None:
            self.painted = time.perf_counter()
        return False


def window():
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")


def first_visits():
    w = window()
    app = QApplication.instance()
    visits = {}
    for row, name in enumerate(w.pages.names):
        if name == "dashboardPage":
            continue
        watch = PaintWatch()
        app.installEventFilter(watch)
        start = time.perf_counter()
        w.navigation.setCurrentRow(row)
        while watch.painted is None and time.perf_counter() - start < 5:
            app.processEvents()
        app.removeEventFilter(watch)
        visits[name] = (watch.painted - start) * 1000
        w.navigation.setCurrentRow(0)
        app.processEvents()
    results["first_visit_ms"] = visits
    QTimer.singleShot(0, saves)


def saves():
    w = window()
    page = w.practice_page
    w.pages.show_page("practicePage")
    QApplication.instance().processEvents()
    times = []
    for i in range(40):
        page.editor.setPlainText(f"Answer {i}: clarify the goal, pick a metric, segment it. " * 20)
        page._on_submit()
        for selector in page._criteria.values():
            selector.setValue(4)
        start = time.perf_counter()
        page._on_save_rating()
        times.append((time.perf_counter() - start) * 1000)
        page._on_next()
    times.sort()
    results["save_rating_ui_ms"] = {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "runs": len(times),
    }
    results["dashboard_refreshes_during_saves"] = w.dashboard_page.refresh_count
    QApplication.instance().quit()


def at_ready():
    note_ready()
    QTimer.singleShot(2000, first_visits)


app_module._note_ready = at_ready
app_module.run_app(Path(sys.argv[1]))
print(json.dumps(results))
"""


def measure() -> dict[str, object]:
    folder = data_dir_with(10_000)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    started = time.perf_counter()
    result = measure()
    visits = result["first_visit_ms"]
    assert isinstance(visits, dict)
    print(json.dumps(result, indent=2))
    print(f"slowest first visit: {max(visits.values()):.1f} ms (budget 100)")
    print(f"took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
