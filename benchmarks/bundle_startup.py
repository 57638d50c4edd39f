"""Start-up of the desktop bundle against the source install (DESIGN §10, issue 13).

    python -m benchmarks.bundle_startup dist/pm-prep [--rounds 15] [--attempts 10000]

Runs `DIST_DIR/pm-prep --exit-when-ready` (the frozen bundle), `python -m pm_prep
--exit-when-ready` (the source install in this venv) and the bare PySide6 window,
interleaved, one run of each per round and the order turned each round, on one data folder
with 10k attempts. Reports medians of launch to the dashboard's readiness painted (the time
each program writes to PM_PREP_READY_FILE) and of launch to exit. The budget: the bundle
starts no slower than the source install. Offscreen Qt, like `make bench`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.fixtures import data_dir_with
from benchmarks.measure import time_process

BARE = [sys.executable, "-m", "benchmarks.bare_window"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bundle_startup")
    parser.add_argument("dist_dir", type=Path, help="the bundle folder (dist/pm-prep)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument(
        "--max-ratio",
        type=float,
        help="exit 1 when the bundle's median exceeds the source's times this",
    )
    args = parser.parse_args(argv)
    executable = args.dist_dir.resolve() / ("pm-prep.exe" if sys.platform == "win32" else "pm-prep")
    if not executable.is_file():
        parser.error(f"{executable} does not exist (make bundle)")
    print(f"filling a data folder with {args.attempts} attempts …", file=sys.stderr, flush=True)
    data = str(data_dir_with(args.attempts))
    programs = {
        "bundle": [str(executable), "--exit-when-ready", "--data-dir", data],
        "source": [sys.executable, "-m", "pm_prep", "--exit-when-ready", "--data-dir", data],
        "bare": BARE,
    }
    for argv_ in programs.values():  # warm the file cache (and the bank cache in the folder)
        time_process(argv_, runs=1)
    names = list(programs)
    paint: dict[str, list[float]] = {name: [] for name in names}
    exit_: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(args.rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            painted, exited = time_process(programs[name], runs=1)
            paint[name].append(painted.median_s)
            exit_[name].append(exited.median_s)
    result = {
        "rounds": args.rounds,
        "attempts": args.attempts,
        **{f"{name}_ready_s": statistics.median(paint[name]) for name in names},
        **{f"{name}_exit_s": statistics.median(exit_[name]) for name in names},
    }
    result["ratio_ready_bundle_vs_source"] = result["bundle_ready_s"] / result["source_ready_s"]
    result["ratio_exit_bundle_vs_source"] = result["bundle_exit_s"] / result["source_exit_s"]
    result["ratio_ready_bundle_vs_bare"] = result["bundle_ready_s"] / result["bare_ready_s"]
    result["ratio_ready_source_vs_bare"] = result["source_ready_s"] / result["bare_ready_s"]
    for key, value in result.items():
        print(f"  {key:<32}{value:10.3f}")
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (out / f"bundle-startup-{stamp}.json").write_text(json.dumps(result, indent=2))
    if args.max_ratio is not None and result["ratio_ready_bundle_vs_source"] > args.max_ratio:
        print(
            f"bundle start-up {result['ratio_ready_bundle_vs_source']:.2f}x the source install, "
            f"more than {args.max_ratio}x",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
