"""History page speed: `python -m benchmarks.history [--data-dir X] [--quick]`.

Budgets (issue 9, DESIGN section 10), 100k attempts:
- a full-text search: ≤ 50 ms a query (count and first page, one connection each);
- the table shows its first rows ≤ 100 ms after typing stops (the query, the model filled
  and the view painted: what the user waits for);
- opening the page ≤ 150 ms (built, first query, painted).

Without `--data-dir` a folder is filled like `pm-prep demo --attempts 100000 --days 365`
(seed 42, about a minute); with it, an existing folder is used as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

# What a user types, as the page sees it after each pause: words being typed (prefixes),
# whole words, phrases, common and rare words, right-to-left script, emoji with a word.
TYPED = (
    "re",
    "ret",
    "reten",
    "retentio",
    "retention",
    "segment",
    "segment users",
    "metric tree",
    "north star",
    "A/B",
    "guardrail",
    "funnel",
    "pricin",
    "plann",
    "creators",
    "the",
    "using",
    "zebra",
    "שלום",
    "retention 📈",
)
FILTERED = (
    {"text": "retention", "skill": "analytical"},
    {"text": "using", "skill": "communication"},
    {"text": "metric", "rated": "rated"},
    {"text": "the", "rated": "rated"},
    {"text": "segment", "rated": "unrated"},
    {"text": "funnel", "days": 30},
    {"text": "", "skill": "user_centric", "rated": "rated", "days": 90},
)
EMOJI_ONLY = "📈"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm: the first run reads the pages into the OS cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _summary(per_query: dict[str, float]) -> dict[str, object]:
    values = sorted(per_query.values())
    worst = max(per_query, key=lambda k: per_query[k])
    return {
        "median_ms": _ms(statistics.median(values)),
        "p95_ms": _ms(values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]),
        "max_ms": _ms(values[-1]),
        "slowest": worst,
    }


def bench_search(data_dir: Path, runs: int) -> dict[str, object]:
    """The service alone: count and first page, a fresh read connection per query."""
    from pm_prep.services import history
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(data_dir, lock=False)
    try:
        with ws.db.raw() as conn:
            total = history.total_attempts(conn)

        def run(query: history.HistoryQuery) -> None:
            with ws.db.raw() as conn:
                history.search(conn, query)

        now = datetime.now(UTC)
        typed = {
            text: statistics.median(_timed(lambda t=text: run(history.HistoryQuery(text=t)), runs))
            for text in TYPED
        }
        filtered = {}
        for spec in FILTERED:
            days = spec.get("days")
            query = history.HistoryQuery(
                text=str(spec["text"]),
                skill=spec.get("skill"),  # type: ignore[arg-type]
                rated=spec.get("rated", "all"),  # type: ignore[arg-type]
                since=now - timedelta(days=int(days)) if days else None,  # type: ignore[arg-type]
            )
            label = " ".join(f"{k}={v}" for k, v in spec.items())
            filtered[label] = statistics.median(_timed(lambda q=query: run(q), runs))
        emoji = statistics.median(
            _timed(lambda: run(history.HistoryQuery(text=EMOJI_ONLY)), max(3, runs // 3))
        )
        sorts = {
            sort: statistics.median(
                _timed(lambda s=sort: run(history.HistoryQuery(sort=s)), max(3, runs // 3))
            )
            for sort in history.SORT_KEYS
        }
        with ws.db.raw() as conn:
            first = history.search(conn, history.HistoryQuery())
            after = first.page.rows[-1]
        next_page = statistics.median(
            _timed(
                lambda: _next(ws, history, after),
                runs,
            )
        )
    finally:
        ws.close()
    return {
        "attempts": total,
        "typed": _summary(typed),
        "typed_each_ms": {k: _ms(v) for k, v in typed.items()},
        "filtered": _summary(filtered),
        "filtered_each_ms": {k: _ms(v) for k, v in filtered.items()},
        "emoji_only_ms": _ms(emoji),
        "no_search_by_sort_ms": {k: _ms(v) for k, v in sorts.items()},
        "next_page_ms": _ms(next_page),
    }


def _next(ws: object, history: object, after: object) -> None:
    with ws.db.raw() as conn:  # type: ignore[attr-defined]
        history.next_page(conn, history.HistoryQuery(), after)  # type: ignore[attr-defined]


def bench_page(data_dir: Path, runs: int) -> dict[str, object]:
    """The page in a real main window: opening it, and first rows after typing stops."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from pm_prep.ui import build_main_window

    window = build_main_window(data_dir)
    window.resize(1180, 820)
    for _ in range(20):  # let the dashboard's deferred chart and first paint settle
        app.processEvents()
        time.sleep(0.01)

    start = time.perf_counter()
    from pm_prep.ui.history.page import HistoryPage

    import_s = time.perf_counter() - start

    # Opening the page the first time: built, first query, shown and painted.
    def open_fresh() -> None:
        page = HistoryPage(window.ws, window.runner)
        window.pages.addWidget(page)
        window.pages.setCurrentWidget(page)
        window.repaint()
        assert page.model.rowCount() > 0
        window.pages.removeWidget(page)
        page.deleteLater()
        app.processEvents()

    opened = _timed(open_fresh, runs)

    # Opening it again after new practice (built in idle time, stale): reload and paint.
    from pm_prep.services.changes import Changes

    page = window.show_page("historyPage")
    app.processEvents()

    def reopen() -> None:
        window.show_page("dashboardPage")
        app.processEvents()
        page.notify(Changes.ATTEMPTS)
        start = time.perf_counter()
        window.show_page("historyPage")
        window.repaint()
        times.append(time.perf_counter() - start)

    times: list[float] = []
    for _ in range(runs + 1):
        reopen()
    reopened = times[1:]

    # Typing stops: the debounce fires, the query runs, the model fills, the view paints.
    typed: dict[str, float] = {}
    for text in TYPED:
        samples = []
        for _ in range(max(3, runs // 2) + 1):
            blocked = page.search.blockSignals(True)
            page.search.setText(text)
            page.search.blockSignals(blocked)
            start = time.perf_counter()
            page._search_timer.timeout.emit()  # the debounce timer's own signal
            page.table.viewport().repaint()
            samples.append(time.perf_counter() - start)
        typed[text] = statistics.median(samples[1:])
    window.close()
    return {
        "import_page_module_ms": _ms(import_s),
        "open_first_time_ms": _ms(statistics.median(opened)),
        "open_first_time_p95_ms": _ms(sorted(opened)[-1]),
        "open_again_after_practice_ms": _ms(statistics.median(reopened)),
        "first_rows_after_typing": _summary(typed),
        "first_rows_each_ms": {k: _ms(v) for k, v in typed.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history")
    parser.add_argument("--data-dir", type=Path, help="an existing data folder to measure")
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    if args.data_dir is not None:
        folder = args.data_dir
    else:
        from benchmarks.fixtures import data_dir_with

        print(f"filling a data folder with {args.attempts:,} attempts …", file=sys.stderr)
        folder = data_dir_with(args.attempts)
    results = {"search": bench_search(folder, runs), "page": bench_page(folder, runs)}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (out / f"history-{stamp}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
