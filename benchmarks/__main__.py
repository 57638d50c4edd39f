"""Run every benchmark: `make bench` (or `python -m benchmarks [--quick]`).

Each budget is a ratio against a baseline measured in the same run, or a time measured
in-process, so the results mean the same on a fast laptop and a loaded CI machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.fixtures import data_dir_with
from benchmarks.measure import peak_rss_kib, time_call, time_process

APP = [sys.executable, "-m", "pm_prep", "--exit-when-ready", "--data-dir"]
BARE = [sys.executable, "-m", "benchmarks.bare_window"]


def bench_bank_loading() -> dict[str, float]:
    from pm_prep.services.catalog import load_catalog

    cache = Path(tempfile.mkdtemp(prefix="pm-prep-cache-"))
    cold = time_call(lambda: load_catalog(), runs=5, warmup=1)
    load_catalog(cache_dir=cache)
    warm = time_call(lambda: load_catalog(cache_dir=cache), runs=20)
    return {"cold_parse_ms": cold.median_s * 1000, "warm_cached_ms": warm.median_s * 1000}


def bench_dashboard(attempts: int) -> dict[str, float]:
    from pm_prep.services.readiness import activity_counts, readiness_trend
    from pm_prep.services.stats import summary
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(data_dir_with(attempts), lock=False)
    try:
        since = (datetime.now(UTC) - timedelta(weeks=26)).date()
        data = time_call(lambda: (summary(ws), activity_counts(ws, since)), runs=15)

        def cold_trend() -> None:
            with ws.db.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM readiness_snapshots")
            readiness_trend(ws, "pm", 365)

        cold = time_call(cold_trend, runs=3, warmup=0)
        trend = {
            days: time_call(lambda d=days: readiness_trend(ws, "pm", d), runs=5).median_s * 1000
            for days in (30, 90, 365)
        }
    finally:
        ws.close()
    return {
        "dashboard_data_ms": data.median_s * 1000,
        "dashboard_data_p95_ms": data.p95_s * 1000,
        "trend_365d_first_time_ms": cold.median_s * 1000,
        **{f"trend_{d}d_ms": v for d, v in trend.items()},
    }


def bench_save_attempt() -> dict[str, float]:
    from pm_prep.services import practice
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(data_dir_with(10_000))
    try:
        question = next(iter(ws.catalog.questions.values()))
        rubric = ws.catalog.rubric_for(question)
        assert rubric is not None
        scores = {c.id: 4 for c in rubric.criteria}
        answer = "Clarify the goal, segment users, pick a metric and a guardrail. " * 40

        def save() -> None:
            now = datetime.now(UTC)
            attempt = practice.submit_answer(
                ws, question.id, answer, started_at=now, duration_s=300, hints_used=0
            )
            practice.rate_attempt(ws, attempt, scores)

        sample = time_call(save, runs=60, warmup=5)
    finally:
        ws.close()
    return {
        "save_attempt_median_ms": sample.median_s * 1000,
        "save_attempt_p95_ms": sample.p95_s * 1000,
    }


def _compile_bytecode() -> None:
    """Compile pm_prep (and the baseline) as an install does (pip compiles at install time).

    Without it, a checkout run with PYTHONDONTWRITEBYTECODE set would compile every module
    from source on every start, which no installed app does.
    """
    import compileall

    import pm_prep

    root = Path(pm_prep.__file__).resolve().parent
    for folder in (root, Path(__file__).resolve().parent):
        compileall.compile_dir(str(folder), quiet=1)


def bench_startup(runs: int) -> dict[str, float]:
    _compile_bytecode()
    small, ten_k, hundred_k = data_dir_with(1_000), data_dir_with(10_000), data_dir_with(100_000)
    for folder in (small, ten_k, hundred_k):  # warm the OS file cache and the bank cache
        time_process([*APP, str(folder)], runs=1)
    time_process(BARE, runs=1)
    # Interleaved, one run of each per round, so drift in the machine hits all alike.
    programs = {
        "bare": BARE,
        "10k": [*APP, str(ten_k)],
        "1k": [*APP, str(small)],
        "100k": [*APP, str(hundred_k)],
    }
    rounds = [
        {name: time_process(argv, runs=1) for name, argv in programs.items()} for _ in range(runs)
    ]
    paint = {n: statistics.median(r[n][0].median_s for r in rounds) for n in programs}
    exit_ = {n: statistics.median(r[n][1].median_s for r in rounds) for n in programs}
    bare, app_10k, app_1k, app_100k = (
        _Median(paint["bare"]),
        _Median(paint["10k"]),
        _Median(paint["1k"]),
        _Median(paint["100k"]),
    )
    bare_exit, app_10k_exit = _Median(exit_["bare"]), _Median(exit_["10k"])
    bare_rss = peak_rss_kib("benchmarks.bare_window")
    rss_100k = peak_rss_kib("pm_prep", ["--exit-when-ready", "--data-dir", str(hundred_k)])
    return {
        "bare_window_paint_s": bare.median_s,
        "app_10k_paint_s": app_10k.median_s,
        "app_1k_paint_s": app_1k.median_s,
        "app_100k_paint_s": app_100k.median_s,
        "ratio_paint_10k_vs_bare": app_10k.median_s / bare.median_s,
        "ratio_paint_100k_vs_1k": app_100k.median_s / app_1k.median_s,
        "bare_window_exit_s": bare_exit.median_s,
        "app_10k_exit_s": app_10k_exit.median_s,
        "ratio_exit_10k_vs_bare": app_10k_exit.median_s / bare_exit.median_s,
        "bare_rss_mib": bare_rss / 1024,
        "app_100k_rss_mib": rss_100k / 1024,
        "ratio_rss_100k_vs_bare": rss_100k / bare_rss,
    }


@dataclass(frozen=True)
class _Median:
    median_s: float


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--only", choices=("banks", "dashboard", "save", "startup"))
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    steps = {
        "banks": bench_bank_loading,
        "dashboard": lambda: bench_dashboard(100_000),
        "save": bench_save_attempt,
        "startup": lambda: bench_startup(5 if args.quick else 15),
    }
    for name, step in steps.items():
        if args.only and name != args.only:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = step()
        for key, value in results[name].items():
            print(f"  {key:<28}{value:10.3f}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (out / f"{stamp}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
