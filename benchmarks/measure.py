"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}


@dataclass(frozen=True)
class Sample:
    median_s: float
    p95_s: float
    runs: int


def time_call(fn: Callable[[], object], runs: int = 20, warmup: int = 2) -> Sample:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return _sample(times)


def time_process(argv: Sequence[str], runs: int = 7) -> tuple[Sample, Sample]:
    """(launch to first paint, launch to exit) of a whole process, over `runs` runs.

    The process writes the wall-clock time of its first paint to PM_PREP_READY_FILE.
    """
    import tempfile

    painted, exited = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r", suffix=".ready") as ready:
            start_wall, start = time.time(), time.perf_counter()
            done = subprocess.run(
                argv,
                env={**ENV, "PM_PREP_READY_FILE": ready.name},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            exited.append(time.perf_counter() - start)
            text = ready.read()
        if done.returncode != 0 or not text:
            print(done.stderr.decode(errors="replace"), file=sys.stderr)
            raise RuntimeError(f"{argv} did not report its first paint")
        painted.append(float(text) - start_wall)
    return _sample(painted), _sample(exited)


def _sample(times: list[float]) -> Sample:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Sample(statistics.median(ordered), p95, len(ordered))


def peak_rss_kib(module: str, args: Sequence[str] = ()) -> int:
    """Peak resident memory of `python -m module args` (Linux), measured by the child itself."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.rss_probe", module, *args],
            env={**ENV, "PM_PREP_RSS_OUT": out.name},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return int(out.read() or 0)
