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


def time_process(argv: Sequence[str], runs: int = 7) -> tuple[Sample, int]:
    """Wall time of a whole process and its peak resident memory in KiB."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, rusage = os.wait4(proc.pid, 0)[1:]
        elapsed = time.perf_counter() - start
        proc.returncode = 0
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if stderr.strip():
            print(stderr, file=sys.stderr)
        times.append(elapsed)
        peak = max(peak, rusage.ru_maxrss)
    return _sample(times), peak


def _sample(times: list[float]) -> Sample:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Sample(statistics.median(ordered), p95, len(ordered))
