"""The year's end: unfinished tasks carried into next year's plan (linked, so a task's history reads
across years), and the year archived (read-only by the gate, still searchable)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from duban.web.audit.services import audit_record
from duban.web.plans.models import Period, Plan, Responsibility, Section, Task

FINISHED = ("completed", "closed")  # 已办结 is a kind of completed: nothing to carry over


class YearEndError(Exception):
    """A carry-over or an archiving that cannot be done; one Chinese sentence."""


@dataclass(frozen=True)
class Unfinished:
    task: Task
    verdict: str  # the label of its last verdict, or 未报送
    carried: bool  # already carried into next year


def last_period(plan: Plan) -> Period | None:
    return plan.periods.exclude(state=Period.State.OPEN).order_by("-end_month", "-pk").first()


def unfinished_tasks(plan: Plan) -> list[Unfinished]:
    """Tasks in force whose verdict in the last closed or published period is not 已完成."""
    from duban.web.dashboard.verdicts import period_judgement

    period = last_period(plan)
    verdicts = period_judgement(plan, period).tasks if period is not None else {}
    out = []
    for task in plan.tasks.in_force().order_by("seq"):
        v = verdicts.get(task.pk)
        if v is not None and v.verdict in FINISHED:
            continue
        carried = Task.objects.filter(carried_from=task).exists()
        out.append(Unfinished(task, v.label if v is not None else "未报送", carried))
    return out


def plan_carry_over(plan: Plan, tasks: list[Task], *, actor) -> Plan:
    """The tasks, as new tasks of next year's plan (made if need be), each linked to its origin,
    with the same sections and responsible units; a task carried before is not carried again."""
    with transaction.atomic():
        following, _ = Plan.objects.get_or_create(
            organization=plan.organization,
            year=plan.year + 1,
            defaults={"title": f"{plan.year + 1}年结转任务", "source": f"{plan.year}年结转"},
        )
        if following.archived_at is not None:
            raise YearEndError(f"{following.year} 年已归档，不能再结转任务。")
        seq = following.tasks.aggregate(n=Max("seq"))["n"] or 0
        carried = []
        for task in tasks:
            if task.plan_id != plan.pk or Task.objects.filter(carried_from=task).exists():
                continue
            section, _ = Section.objects.get_or_create(
                plan=following,
                number=task.section.number,
                defaults={"title": task.section.title},
            )
            seq += 1
            new = Task.objects.create(
                plan=following,
                section=section,
                seq=seq,
                target=task.target,
                deadline=task.deadline,
                ongoing=task.ongoing,
                carried_from=task,
            )
            Responsibility.objects.bulk_create(
                Responsibility(
                    task=new,
                    unit_id=r.unit_id,
                    role=r.role,
                    position=r.position,
                    name_as_written=r.name_as_written,
                )
                for r in task.responsibilities.all()
            )
            carried.append({"from": task.seq, "to": seq})
        if carried:
            audit_record(
                "plan_carry_over",
                following,
                actor=actor,
                after={"from_year": plan.year, "tasks": carried},
            )
    return following


def plan_archive(plan: Plan, *, actor) -> None:
    """Close the year: nothing of it can be written any more (access.py), everything stays
    readable and searchable. A round still open must be closed first."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.archived_at is not None:
            return
        if locked.periods.filter(state=Period.State.OPEN).exists():
            raise YearEndError("还有未结束的填报轮次，请先结束后再归档。")
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at"])
        audit_record("plan_archive", locked, actor=actor, after={"year": locked.year})
