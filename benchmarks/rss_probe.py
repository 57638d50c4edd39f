"""Run a module as __main__, then print its own peak resident memory (KiB) to fd 3's file.

ru_maxrss of a child counts the pages of the parent it was forked from; VmHWM in
/proc/self/status is the peak of this program image alone.
"""

from __future__ import annotations

import contextlib
import os
import runpy
import sys


def _peak_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    target, out = sys.argv[1], os.environ["PM_PREP_RSS_OUT"]
    sys.argv = [target, *sys.argv[2:]]
    with contextlib.suppress(SystemExit):
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    with open(out, "w", encoding="ascii") as handle:
        handle.write(str(_peak_kib()))


if __name__ == "__main__":
    main()
