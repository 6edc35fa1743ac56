"""`make bench` row for the judgement: judging the parsed example, in-process (goal < 50 ms).

CPU time, as the parse row measures (duban/core/timing.py: on the shared machine a wall clock
waits for a core); `python -m duban.core.judgement.bench` also prints the wall time and the ratio
to the parse time.
"""

from __future__ import annotations

from duban.core.model import Plan
from duban.core.timing import EXAMPLE, median_cpu_seconds, median_seconds


def _plan() -> Plan:
    from duban.core.importers import read_plan
    from duban.core.units import units_beside

    return read_plan(EXAMPLE, units=units_beside(EXAMPLE))


def bench_judge(runs: int = 20) -> float:
    """Median CPU seconds of judge_plan on the parsed example (parsing is not timed; one untimed
    call first warms the regex and cn2an caches, as a long-running server would)."""
    from duban.core.judgement import judge_plan

    plan = _plan()
    return median_cpu_seconds(lambda: judge_plan(plan), runs)


def bench_judge_against_parse(runs: int = 20) -> dict[str, float]:
    """Judging's CPU median, its wall median, parsing's CPU median and their ratio."""
    from duban.core.judgement import judge_plan

    plan = _plan()
    judge = median_cpu_seconds(lambda: judge_plan(plan), runs)
    parse = median_cpu_seconds(_plan, runs)
    wall = median_seconds(lambda: judge_plan(plan), runs)
    return {"judge_s": judge, "judge_wall_s": wall, "parse_s": parse, "ratio": judge / parse}


if __name__ == "__main__":
    r = bench_judge_against_parse()
    print(
        f"judge example: {r['judge_s'] * 1000:.1f} ms CPU (wall {r['judge_wall_s'] * 1000:.1f} ms), "
        f"parse {r['parse_s'] * 1000:.1f} ms CPU, judge/parse {r['ratio']:.2f} (median of 20)"
    )
