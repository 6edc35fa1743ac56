"""The city's roll-up: for each district, the figures of each plan's latest published period.

Every figure is read from dashboard/verdicts.period_judgement (the one place verdicts come from),
and every object through the permission gate (access.py): a district that does not share with
the city is listed by name only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from duban.web.access import restrict
from duban.web.dashboard.verdicts import VERDICTS, TaskVerdict, period_judgement
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period, Plan, Task


@dataclass(frozen=True)
class PlanFigures:
    plan: Plan
    period: Period
    counts: dict[str, int]  # per verdict, as the district's own dashboard counts them
    late_units: tuple[str, ...]  # units with a report marked late (the judgement's late flags)
    red_tasks: tuple[tuple[Task, TaskVerdict], ...]  # tasks whose light is red, by number

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class DistrictRow:
    organization: Organization
    shared: bool
    plans: list[PlanFigures] = field(default_factory=list)


@dataclass
class Rollup:
    city: Organization
    districts: list[DistrictRow]

    @property
    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for d in self.districts:
            for p in d.plans:
                for verdict, n in p.counts.items():
                    out[verdict] += n
        return out

    @property
    def late_units(self) -> int:
        return sum(len(p.late_units) for d in self.districts for p in d.plans)

    @property
    def red_tasks(self) -> int:
        return sum(len(p.red_tasks) for d in self.districts for p in d.plans)


def plan_figures(plan: Plan, period: Period) -> PlanFigures:
    judgement = period_judgement(plan, period)
    late = sorted(
        {f.unit for v in judgement.tasks.values() for f in v.flags if f.kind == "late" and f.unit}
    )
    red_ids = {tid for tid, v in judgement.tasks.items() if v.light == "red"}
    tasks = Task.objects.filter(pk__in=red_ids).order_by("seq")
    return PlanFigures(
        plan=plan,
        period=period,
        counts=judgement.counts(),
        late_units=tuple(late),
        red_tasks=tuple((t, judgement.tasks[t.pk]) for t in tasks),
    )


def city_rollup(city: Organization, user) -> Rollup:
    """The districts of `city`, each with the latest published period of each of its plans."""
    shared = set(
        restrict(Organization.objects.filter(parent=city), user).values_list("pk", flat=True)
    )
    rows = []
    for district in Organization.objects.filter(parent=city).order_by("name"):
        row = DistrictRow(district, district.pk in shared)
        if row.shared:
            plans = restrict(Plan.objects.filter(organization=district), user)
            for plan in plans.order_by("-year", "pk"):
                period = (
                    restrict(plan.periods.filter(state=Period.State.PUBLISHED), user)
                    .order_by("-year", "-end_month", "-pk")
                    .first()
                )
                if period is not None:
                    row.plans.append(plan_figures(plan, period))
        rows.append(row)
    return Rollup(city, rows)
