"""What every `make bench` figure shares: the example it reads and the median of repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "yicheng-2021-q3.txt"


def median_seconds(fn: Callable[[], object], runs: int = 20) -> float:
    """The median wall-clock seconds of `runs` calls: one slow call on a shared machine does not
    move it."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_cpu_seconds(fn: Callable[[], object], runs: int = 20) -> float:
    """The median CPU seconds of this process over `runs` calls (after one untimed call): on a
    shared machine the wall time of a longer call waits for a core more often than a short one's,
    which skews a ratio of the two; CPU time does not."""
    fn()
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)
