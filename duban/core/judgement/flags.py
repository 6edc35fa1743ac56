"""Report-quality flags: a weak, copied, missing, stale or estimated report, each with its reason."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from duban.core.indicators.actuals import find_scopes
from duban.core.indicators.quantities import find_quantities
from duban.core.judgement.match import Match, ReportedActual, common_run
from duban.core.judgement.match import reporter_of as unit_of
from duban.core.judgement.verdicts import BLOCKED, is_blocked, parts
from duban.core.model import Plan, Task
from duban.core.units import Registry

FlagKind = Literal[
    "vague",
    "unchanged",
    "reused",
    "missing_report",
    "unlisted_reporter",
    "inconsistent",
    "blocked",
    "stale",
    "estimate",
    "status_disagrees",
]


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    unit: str | None
    reason: str
    quote: str = ""  # the passage the flag is about, when there is one


@dataclass(frozen=True)
class FlagSettings:
    """Office-tunable limits of the report-quality flags."""

    unchanged_ratio: float = 0.9  # this similar to the previous period's report: "unchanged"
    reused_min_chars: int = 20  # this many characters of identical clauses in another task
    reused_min_clause: int = 10  # shorter identical clauses are common phrases, not copying
    vague_max_chars: int = 120  # a longer report without a figure is not called vague


_CONCRETE = re.compile(
    r"[0-9０-９A-Za-z“”《》「」]|[一二三四五六七八九十两]+[月日项个家处条次批]|项目|工程|公司|村|路|园"
)
# Something done that can be checked: a document issued, a body set up, a step reached.
_SPECIFIC = re.compile(r"已|出台|印发|成立|上报|签订|设立|划定|投产|抽检|共有|通过")
_GENERIC = re.compile(
    r"积极|有力|不断|进一步|扎实|稳步|持续|深入|认真|全力|大力|继续|加大|力度|坚决|各项|有序|切实|"
    r"全面|主动|做好|完善|加强|提升|深化|推进|开展|落实|配合"
)
_CLAUSES = re.compile(r"[^，,。；;：:\n]+")


def vague_flags(task: Task, settings: FlagSettings) -> list[Flag]:
    out = []
    for r in task.reports:
        text = r.text.strip()
        if not text or len(text) > settings.vague_max_chars:
            continue
        if _CONCRETE.search(text) or _SPECIFIC.search(text):
            continue
        if len(_GENERIC.findall(text)) < max(2, len(text) / 25) or find_quantities(text):
            continue
        out.append(
            Flag("vague", unit_of(task, r), "只有概括性表述，没有数字、具体项目、地点或时间", text)
        )
    return out


def blocked_flags(task: Task) -> list[Flag]:
    return [
        Flag("blocked", unit_of(task, r), f"部分工作受阻：“{part.strip()}”", part.strip())
        for r in task.reports
        if BLOCKED.search(r.text)
        for _, part in parts(r.text)
        if is_blocked(part)
    ]


def stale_flags(task: Task, end_month: int, label: str) -> list[Flag]:
    out = []
    for r in task.reports:
        seen = set()
        for _, scope, month in find_scopes(r.text):
            if month is not None and month < end_month and scope not in seen:
                seen.add(scope)
                reason = f"引用{scope}的数据，早于本期（{label}，截至{end_month}月）"
                out.append(Flag("stale", unit_of(task, r), reason, scope))
    return out


def estimate_flags(task: Task, figures: tuple[ReportedActual, ...]) -> list[Flag]:
    out, seen = [], set()
    for f in figures:
        if f.actual.estimate and f.report_index not in seen:
            seen.add(f.report_index)
            quote = f.actual.clause
            out.append(Flag("estimate", f.reporter, f"以预计数作为完成数：“{quote}”", quote))
    return out


def missing_report_flags(task: Task, units: Registry) -> list[Flag]:
    if not task.reports or all(not r.text.strip() for r in task.reports):
        return [
            Flag("missing_report", u.canonical or u.name, "责任单位未报送进展情况")
            for u in task.lead_units
        ]
    if all(r.unit is None for r in task.reports):
        return []  # one report without a header: the lead's, and co-units cannot be told apart
    reporters = [r.canonical or r.unit for r in task.reports if r.unit and r.text.strip()]
    out = []
    for u in task.units:
        if units.kind(u.name) == "group":
            continue  # a group's members answer as they have something to say
        if not any(units.covers(u.name, rep) for rep in reporters if rep):
            role = "牵头单位" if u.role == "lead" else "配合单位"
            out.append(Flag("missing_report", u.canonical or u.name, f"{role}未报送进展情况"))
    return out


def unlisted_reporter_flags(task: Task, units: Registry) -> list[Flag]:
    out = []
    for r in task.reports:
        if r.unit is None:
            continue
        if not any(units.covers(u.name, r.unit) for u in task.units):
            out.append(
                Flag("unlisted_reporter", r.canonical or r.unit, "报送单位不在本任务的责任单位之列")
            )
    return out


def inconsistent_flags(
    task: Task,
    matches: Sequence[Match],
    figures: Sequence[ReportedActual],
    level: str | None = None,
) -> list[Flag]:
    """A town's figure above the organization's total for the same metric (a warning only);
    `level` (区, 县 …) words the total as 全区, 全县."""
    whole = f"全{level}" if level else "总体"
    out = []
    for m in matches:
        if m.found is None or not m.found.lead or m.indicator.kind != "amount":
            continue
        total = m.found.actual
        if total.kind != "amount":
            continue
        for f in figures:
            a = f.actual
            if f.lead or a.kind != "amount" or not a.result:
                continue
            if a.quantity.base_unit != total.quantity.base_unit:
                continue
            if common_run(m.indicator.metric, a.clause) < min(4, len(m.indicator.metric)):
                continue
            if a.quantity.base > total.quantity.base:
                reason = (
                    f"{f.reporter}报“{a.clause}”，高于{whole}“{total.clause}”"
                    "（统计口径可能不同，请核实）"
                )
                out.append(Flag("inconsistent", f.reporter, reason, a.clause))
    return out


def _similarity(old: str, new: str, at_least: float) -> float:
    """difflib's ratio of two texts, or 0 where its cheap upper bounds already fall short (the
    full ratio is the judgement's costliest step on a period whose texts repeat)."""
    sm = SequenceMatcher(None, old, new, autojunk=False)
    if sm.real_quick_ratio() < at_least or sm.quick_ratio() < at_least:
        return 0.0
    return sm.ratio()


def unchanged_flags(task: Task, previous: Task | None, settings: FlagSettings) -> list[Flag]:
    if previous is None:
        return []
    before = {unit_of(previous, r): r.text.strip() for r in previous.reports}
    out = []
    for r in task.reports:
        unit = unit_of(task, r)
        old, new = before.get(unit), r.text.strip()
        if not old or not new:
            continue
        ratio = 1.0 if old == new else _similarity(old, new, settings.unchanged_ratio)
        if ratio >= settings.unchanged_ratio:
            pct = ratio * 100
            out.append(Flag("unchanged", unit, f"与上期报送内容基本相同（相似度{pct:.0f}%）"))
    return out


def reused_flags(plan: Plan, settings: FlagSettings) -> dict[int, list[Flag]]:
    """Flags, by task seq, for reports sharing identical clauses with another task's report."""
    where: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for t in plan.tasks:
        for i, r in enumerate(t.reports):
            for c in _CLAUSES.findall(r.text):
                c = c.strip()
                if len(c) >= settings.reused_min_clause:
                    where[c].add((t.seq, i))
    shared: dict[tuple[tuple[int, int], tuple[int, int]], list[str]] = defaultdict(list)
    for clause, places in where.items():
        for a in places:
            for b in places:
                if a[0] != b[0]:
                    shared[(a, b)].append(clause)
    by_task = {t.seq: t for t in plan.tasks}
    out: dict[int, list[Flag]] = defaultdict(list)
    for (a, b), clauses in sorted(shared.items()):
        if sum(len(c) for c in clauses) < settings.reused_min_chars:
            continue
        task = by_task[a[0]]
        unit = unit_of(task, task.reports[a[1]])
        quote = max(clauses, key=len)
        reason = f"与第{b[0]}项任务的报送内容重复：“{quote}”"
        if not any(f.reason == reason and f.unit == unit for f in out[a[0]]):
            out[a[0]].append(Flag("reused", unit, reason, quote))
    return out
