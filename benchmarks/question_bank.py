"""Question bank speed: `python -m benchmarks.question_bank [--data-dir X] [--quick]`.

Budgets (issue 11, DESIGN section 10):
- filtering or searching 2,000 questions ≤ 30 ms: the filter itself, and the page's whole
  response (rows filtered, the table model filled, the question selected and shown, the
  table repainted);
- start-up with your own questions: the catalog is read on the way to the dashboard, so
  loading it is measured with 0 and with 1,600 own questions.

Without `--data-dir`, a folder gets 10,000 demo attempts (seed 42) and about 1,600 own
questions imported from a generated CSV (mixed skills, some with hints and talking points),
so that the bank holds 2,000 questions. Results go to benchmarks/results/question-bank-*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pm_prep.services.workspace import Workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

TOTAL_QUESTIONS = 2000
# What a user types, as the page sees it after each key: the search is not debounced.
TYPED = ("r", "re", "ret", "rete", "reten", "retention", "retention d", "retention drop")
SEARCHES = (
    "metric",
    "design a",
    "tell me about a time",
    "prioritise",
    "estimate how many",
    "north star",
    "zzz-no-match",
    "שלום",
    "🚀",
)
FILTERS: tuple[dict[str, object], ...] = (
    {"skill": "analytical"},
    {"type": "product_design"},
    {"difficulty": 3},
    {"track": "intern"},
    {"source": "own"},
    {"source": "builtin"},
    {"hidden": "hidden"},
    {"progress": "never"},
    {"progress": "due"},
    {"skill": "communication", "type": "behavioural", "progress": "attempted"},
    {"text": "metric", "skill": "analytical", "difficulty": 2},
)
WORDS = (
    "retention drop creators onboarding search ranking metric funnel pricing launch roadmap "
    "stakeholder experiment growth notifications privacy latency comments duets live streams "
    "shop ads subscription churn engagement feed recommendation safety accessibility"
).split()
SKILLS = (
    "analytical",
    "communication",
    "technical",
    "user_centric",
    "product_strategy",
    "execution",
    "creativity",
)


def own_questions_csv(count: int, seed: int = 7) -> str:
    """A spreadsheet of `count` questions of every skill, as a user might bring."""
    import csv
    import io

    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["skill", "prompt", "tags", "hints", "talking_points"])
    for n in range(count):
        words = rng.sample(WORDS, 6)
        prompt = (
            f"Question {n}: how would you improve {words[0]} and {words[1]} for "
            f"{words[2]} while protecting {words[3]}? 🚀 שלום"
        )
        rich = n % 3 == 0
        writer.writerow(
            [
                SKILLS[n % len(SKILLS)],
                prompt,
                ", ".join(words[4:]),
                "Start with the user | Then the metric" if rich else "",
                f"{words[0]} first: {words[0]}, {words[4]} | guardrail: {words[5]}" if rich else "",
            ]
        )
    return out.getvalue()


def make_folder(root: Path, attempts: int) -> Path:
    from pm_prep.services.bank_import import import_bank
    from pm_prep.services.demo import fill_demo_history
    from pm_prep.services.question_bank import set_hidden
    from pm_prep.services.workspace import open_workspace

    folder = root / "bank-bench"
    ws = open_workspace(folder)
    try:
        if attempts:
            fill_demo_history(ws, attempts=attempts, days=365, seed=42)
        own = TOTAL_QUESTIONS - len(ws.catalog.questions)
        source = root / "prep.csv"
        source.write_text(own_questions_csv(own), encoding="utf-8")
        import_bank(ws, source)
        for qid in list(ws.catalog.questions)[::40]:
            set_hidden(ws, qid, True)
    finally:
        ws.close()
    return folder


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_service(folder: Path, runs: int) -> dict[str, object]:
    """The filter alone, and reading every row with its progress (one SQL query)."""
    from pm_prep.services import question_bank
    from pm_prep.services.question_bank import BankFilter
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(folder, lock=False)
    try:
        texts: question_bank.SearchTexts = {}  # kept between reads, as the page keeps it
        rows = question_bank.bank_rows(ws, texts=texts)
        now = datetime.now().astimezone()
        cases = [BankFilter(text=t) for t in TYPED + SEARCHES] + [
            BankFilter(**f)  # type: ignore[arg-type]
            for f in FILTERS
        ]
        per_case: dict[str, dict[str, float]] = {}
        every: list[float] = []
        for wanted in cases:
            times = _timed(partial(question_bank.filter_rows, rows, wanted, now), runs)
            every += times
            per_case[_label(wanted)] = _stats(times) | {
                "rows": len(question_bank.filter_rows(rows, wanted, now))
            }
        reload_times = _timed(lambda: question_bank.bank_rows(ws, texts=texts), max(5, runs // 3))
        with ws.db.raw() as conn:
            (attempts,) = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()
        return {
            "questions": len(rows),
            "own_questions": len(ws.loaded.own),
            "attempts": int(attempts),
            "filter_all": _stats(every),
            "filter_cases": per_case,
            "rows_with_progress": _stats(reload_times),
        }
    finally:
        ws.close()


def _label(wanted: object) -> str:
    from dataclasses import asdict

    fields = {k: v for k, v in asdict(wanted).items() if v}  # type: ignore[call-overload]
    return json.dumps(fields, ensure_ascii=False) if fields else "(none)"


def bench_page(folder: Path, runs: int) -> dict[str, object]:
    """The page's whole response to a key or a filter, from the change to the repaint."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from pm_prep.ui import build_main_window
    from pm_prep.ui.bank.page import BankPage  # imported first, as the idle-time build does

    window = build_main_window(folder)
    try:
        window.resize(1400, 900)
        app.processEvents()
        start = time.perf_counter()
        page = window.show_page("bankPage")  # type: ignore[attr-defined]
        assert isinstance(page, BankPage)
        page.table.viewport().repaint()
        opened = time.perf_counter() - start
        app.processEvents()

        def respond(change: Callable[[], None]) -> float:
            start = time.perf_counter()
            change()  # the signal runs the filter, fills the model, selects, shows the detail
            page.table.viewport().repaint()
            page.detail.viewport().repaint()
            return time.perf_counter() - start

        typed: list[float] = []
        for _ in range(max(3, runs // 5)):
            for text in TYPED:
                typed.append(respond(partial(page.search.setText, text)))
            typed.append(respond(page.search.clear))
        searched = [
            respond(partial(page.search.setText, text)) for text in SEARCHES for _ in range(3)
        ]
        page.search.clear()
        combos = (
            page.skill_filter,
            page.type_filter,
            page.difficulty_filter,
            page.track_filter,
            page.source_filter,
            page.hidden_filter,
            page.progress_filter,
        )
        filtered: list[float] = []
        for _ in range(max(3, runs // 5)):
            for combo in combos:
                for index in range(1, min(combo.count(), 5)):
                    filtered.append(respond(partial(combo.setCurrentIndex, index)))
                filtered.append(respond(partial(combo.setCurrentIndex, 0)))
        return {
            "open_page_ms": opened * 1000,
            "typing": _stats(typed),
            "searches": _stats(searched),
            "filters": _stats(filtered),
        }
    finally:
        window.close()


def bench_startup_catalog(root: Path, runs: int) -> dict[str, object]:
    """Loading the catalog as start-up does (banks from the cache, then your questions)."""
    from pm_prep.services.bank_import import import_bank
    from pm_prep.services.workspace import open_workspace

    results: dict[str, object] = {}
    for own in (0, 100, 1600):
        folder = root / f"startup-{own}"
        ws = open_workspace(folder)
        try:
            if own:
                source = root / f"own-{own}.csv"
                source.write_text(own_questions_csv(own, seed=own), encoding="utf-8")
                import_bank(ws, source)
        finally:
            ws.close()
        ws = open_workspace(folder, lock=False)
        try:
            results[f"own_{own}"] = _startup_times(ws, folder, runs)
        finally:
            ws.close()
    return results


def _startup_times(ws: Workspace, folder: Path, runs: int) -> dict[str, object]:
    from pm_prep.services.catalog import (
        LoadedCatalog,
        load_catalog,
        load_own_questions,
        sync_questions,
    )
    from pm_prep.services.workspace import cache_dir, imported_banks_dir

    def catalog_only() -> LoadedCatalog:
        return load_catalog(imported=imported_banks_dir(folder), cache_dir=cache_dir(folder))

    def with_own() -> LoadedCatalog:
        loaded = catalog_only()
        load_own_questions(ws.db, loaded)
        return loaded

    def sync_path() -> LoadedCatalog:
        loaded = catalog_only()
        sync_questions(ws.db, loaded)  # own questions merged, bank files unchanged
        return loaded

    return {
        "load_catalog": _stats(_timed(catalog_only, runs)),
        "load_catalog_and_own": _stats(_timed(with_own, runs)),
        "load_and_sync_as_at_start": _stats(_timed(sync_path, runs)),
        "questions": len(with_own().catalog.questions),
    }


def bench_launch(root: Path, runs: int) -> dict[str, object]:
    """Launch to the dashboard painted (`--exit-when-ready`), 0 and 1,600 own questions,
    the two folders interleaved; the startup-* folders of `bench_startup_catalog`."""
    from benchmarks.measure import time_process

    app = [sys.executable, "-m", "pm_prep", "--exit-when-ready", "--data-dir"]
    times: dict[str, list[float]] = {"own_0": [], "own_1600": []}
    for _ in range(runs):
        for name in times:
            painted, _exited = time_process([*app, str(root / f"startup-{name[4:]}")], runs=1)
            times[name].append(painted.median_s)
    return {name: _stats(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="an existing folder (else one is made)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no demo attempts")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 25
    root = Path(tempfile.mkdtemp(prefix="pm-prep-bank-bench-"))
    folder = args.data_dir or make_folder(root, 0 if args.quick else 10_000)
    result = {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "service": bench_service(folder, runs),
        "page": bench_page(folder, runs),
        "startup_catalog": bench_startup_catalog(root, runs),
    }
    if not args.quick:
        result["launch"] = bench_launch(root, 7)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (out / f"question-bank-{stamp}.json").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
