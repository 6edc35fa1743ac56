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
