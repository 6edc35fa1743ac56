"""Reads for a round's pages, all through access.restrict."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from duban.web.access import actor_of, restrict
from duban.web.plans.models import Milestone, Period, Report

MISSING_STATES = (Report.State.EMPTY, Report.State.DRAFT, Report.State.RETURNED)
STATE_ORDER = [s for s, _ in Report.State.choices]


@dataclass
class UnitRow:
    unit: str
    unit_id: int | None
    counts: Counter = field(default_factory=Counter)
    late: int = 0

    @property
    def missing(self) -> int:
        return sum(self.counts[s] for s in MISSING_STATES)

    @property
    def cells(self) -> list[int]:
        return [self.counts[s] for s in STATE_ORDER]


@dataclass
class RoundOverview:
    period: Period
    rows: list[UnitRow]
    totals: Counter
    late: list[Report]

    @property
    def total_cells(self) -> list[int]:
        return [self.totals[s] for s in STATE_ORDER]


def round_overview(period: Period, user) -> RoundOverview:
    reports = restrict(period.reports.select_related("unit", "task"), user)
    rows: dict[int | None, UnitRow] = {}
    totals: Counter = Counter()
    late = []
    for r in reports.order_by("unit__name", "task__seq"):
        row = rows.setdefault(
            r.unit_id, UnitRow(r.unit.name if r.unit else "（未注明）", r.unit_id)
        )
        row.counts[r.state] += 1
        totals[r.state] += 1
        if r.late:
            row.late += 1
            late.append(r)
    ordered = sorted(rows.values(), key=lambda row: (-row.missing, row.unit))
    return RoundOverview(period, ordered, totals, late)


def review_queue(period: Period, user) -> list[Report]:
    """Submitted reports, oldest first, each with `.milestone` (形象进度 due this period or None)."""
    reports = list(
        restrict(period.reports.filter(state=Report.State.SUBMITTED), user, "review")
        .select_related("unit", "task")
        .order_by("submitted_at", "pk")
    )
    milestones = {
        m.task_id: m
        for m in Milestone.objects.filter(
            task__in=[r.task_id for r in reports], end_month=period.end_month
        )
    }
    for r in reports:
        r.milestone = milestones.get(r.task_id)  # type: ignore[attr-defined]  # for the page
    return reports


def milestone_for(report: Report) -> Milestone | None:
    return Milestone.objects.filter(
        task_id=report.task_id, end_month=report.period.end_month
    ).first()


@dataclass
class Reminder:
    unit: str
    tasks: list[int]


def reminders(period: Period, user) -> list[Reminder]:
    """Units with reports still missing (未填报, 草稿 or 已退回), with the task numbers."""
    missing: dict[str, list[int]] = defaultdict(list)
    for r in (
        restrict(period.reports.filter(state__in=MISSING_STATES), user)
        .select_related("unit", "task")
        .order_by("unit__name", "task__seq")
    ):
        missing[r.unit.name if r.unit else "（未注明）"].append(r.task.seq)
    return [Reminder(u, seqs) for u, seqs in missing.items()]


def reminder_notice(period: Period, items: list[Reminder]) -> str:
    """The text the office pastes into its messaging group (催报通知)."""
    deadline = f"{period.deadline:%Y年%-m月%-d日}" if period.deadline else "规定时限"
    lines = [
        f"关于报送{period}《政府工作报告》任务落实情况的提醒",
        f"截至目前，以下单位尚有任务进展未报送，请于{deadline}前报送：",
    ]
    for item in items:
        seqs = "、".join(str(s) for s in item.tasks)
        lines.append(f"{item.unit}：第{seqs}项（共{len(item.tasks)}项）")
    return "\n".join(lines)


def my_reports(user) -> list[Report]:
    """A unit reporter's slots in open rounds, and returned ones first."""
    actor = actor_of(user)
    if actor.unit_id is None:
        return []
    reports = restrict(
        Report.objects.filter(unit_id=actor.unit_id, period__state=Period.State.OPEN), user
    ).select_related("task", "period")
    order: dict[str, int] = {Report.State.RETURNED: 0, Report.State.EMPTY: 1, Report.State.DRAFT: 2}
    return sorted(reports, key=lambda r: (order.get(r.state, 3), r.period.end_month, r.task.seq))


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level differences (Chinese has no spaces to split words on):
    [(op, text)] with op in {"same", "del", "ins"}."""
    import difflib

    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", old[a1:a2]))
            continue
        if a2 > a1:
            out.append(("del", old[a1:a2]))
        if b2 > b1:
            out.append(("ins", new[b1:b2]))
    return out


@dataclass(frozen=True)
class RoundCounts:
    """What a closing or a publication leaves behind: reports by state, for the confirmation."""

    by_state: dict[str, int]

    @property
    def waiting(self) -> int:
        """已报送, not yet reviewed."""
        return self.by_state.get(Report.State.SUBMITTED, 0)

    @property
    def never_filed(self) -> int:
        """未填报: not a word written."""
        return self.by_state.get(Report.State.EMPTY, 0)

    @property
    def unfinished(self) -> int:
        """草稿 and 已退回: written, not (again) submitted."""
        return self.by_state.get(Report.State.DRAFT, 0) + self.by_state.get(
            Report.State.RETURNED, 0
        )

    @property
    def accepted(self) -> int:
        return self.by_state.get(Report.State.ACCEPTED, 0)

    @property
    def total(self) -> int:
        return sum(self.by_state.values())


def round_counts(period: Period) -> RoundCounts:
    """The period's reports counted by state (the office's confirmation pages: it sees all)."""
    from django.db.models import Count

    rows = period.reports.values("state").annotate(n=Count("id")).order_by()
    return RoundCounts({r["state"]: r["n"] for r in rows})
