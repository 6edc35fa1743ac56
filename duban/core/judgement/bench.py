"""`make bench` row for the judgement: judging the parsed example, in-process (goal < 50 ms)."""

from __future__ import annotations

import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "yicheng-2021-q3.txt"


def bench_judge(runs: int = 20) -> float:
    """Median seconds of judge_plan on the parsed example (parsing is not timed)."""
    from duban.core.importers import read_plan
    from duban.core.judgement import judge_plan
    from duban.core.units import units_beside

    plan = read_plan(EXAMPLE, units=units_beside(EXAMPLE))
    judge_plan(plan)  # warm the regex and cn2an caches once, as a long-running server would
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        judge_plan(plan)
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    print(f"judge example: {bench_judge() * 1000:.1f} ms (median of 20)")
