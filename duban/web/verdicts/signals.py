"""Cached judgements of a plan are stale once its tasks, their units or the unit names change."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from duban.web.orgs.models import Unit
from duban.web.plans.models import Plan, Responsibility, Section, Task
from duban.web.plans.signals import plan_imported
from duban.web.verdicts.cache import bump


@receiver([post_save, post_delete], sender=Task)
@receiver([post_save, post_delete], sender=Section)
def _plan_part_changed(sender, instance, **kwargs) -> None:
    bump([instance.plan_id])


@receiver([post_save, post_delete], sender=Responsibility)
def _responsibility_changed(sender, instance, **kwargs) -> None:
    bump([Task.objects.filter(pk=instance.task_id).values_list("plan_id", flat=True).first()])


@receiver(post_save, sender=Unit)
@receiver(m2m_changed, sender=Unit.members.through)
def _unit_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, Unit):
        bump(
            Plan.objects.filter(organization_id=instance.organization_id).values_list(
                "pk", flat=True
            )
        )


@receiver(plan_imported)
def _plan_imported(sender, plan, **kwargs) -> None:
    bump([plan.pk])
