"""Hand-made plans from phrases of the 2021 Q3 example, for one rule at a time."""

from __future__ import annotations

from duban.core.model import Period, Plan, Report, Section, Task, UnitRef

Q3 = Period("第三季度", 9, 2021)


def unit(name: str, role: str = "lead") -> UnitRef:
    return UnitRef(name, role, name)  # type: ignore[arg-type]


def report(text: str, by: str | None = None) -> Report:
    return Report(by, text, by)


def task(seq: int, target: str, *reports: Report, units=("区住建局",)) -> Task:
    refs = tuple(u if isinstance(u, UnitRef) else unit(u) for u in units)
    return Task(seq, target, refs, tuple(reports))


def plan(*tasks: Task, period: Period | None = Q3) -> Plan:
    return Plan(
        "2021年政府工作报告重点任务落实情况",
        2021,
        "峄城区",
        period,
        (Section(1, "一", None, tasks),),
    )
