"""A short human summary of a parsed plan, for `duban parse`."""

from __future__ import annotations

from duban.core.model import Plan


def plan_summary(plan: Plan) -> str:
    tasks = plan.tasks
    units = {u.canonical or u.name for t in tasks for u in t.units}
    reporters = {r.canonical or r.unit for t in tasks for r in t.reports if r.unit}
    period = (
        f"{plan.period.label}（截至{plan.period.end_month}月）" if plan.period else "无（计划表）"
    )
    lines = [
        plan.title or "(untitled)",
        f"year {plan.year}  district {plan.district or '?'}  period {period}",
        f"{len(plan.sections)} sections, {len(tasks)} tasks, {len(units)} responsible units, "
        f"{len(reporters)} reporting units, {sum(len(t.reports) for t in tasks)} reports",
    ]
    if plan.columns:
        lines.append(f"{len(plan.columns)} columns read:")
        for c in plan.columns:
            if c.meaning == "unknown":
                lines.append(f"  {c.header} → ⚠ not mapped: kept as written, not read")
            else:
                detail = f" ({c.detail})" if c.detail else ""
                lines.append(f"  {c.header} → {c.meaning}{detail}")
    if plan.earlier_periods:
        earlier = "、".join(p.label for p in plan.earlier_periods)
        lines.append(f"earlier period(s) in the table: {earlier}")
    for s in plan.sections:
        mark = (
            "" if s.declared_count in (None, len(s.tasks)) else f"  (declared {s.declared_count})"
        )
        lines.append(f"  [{s.number}] {s.title}: {len(s.tasks)} tasks{mark}")
    lines.append(f"{len(plan.warnings)} warnings")
    lines += [f"  line {w.line}: {w.message}" for w in plan.warnings]
    return "\n".join(lines)
