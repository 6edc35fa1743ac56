"""The cache of a period's automatic judgement.

Judging a plan's period reads every task and every report of the period and of the one before
(~40 ms on the example, ~100 ms per period at 100 tasks × 3 reports, several periods per
dashboard). The result is cached under a key that changes with everything the judgement reads:
the reports of both periods (their number, the sum of their versions — every text change adds
one — and the newest change) and the plan's stamp (tasks, responsibilities, unit names; bumped
by signals and by the import) and the office's tolerances, which the judgement reads. The
office's overrides, the light thresholds and the late flags are applied after the cache, so they
take effect at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, F, Max, Sum

from duban import __version__
from duban.core.judgement.tolerances import DEFAULT_TOLERANCES, Tolerances
from duban.web.plans.models import Period, Plan, Report
from duban.web.verdicts.models import JudgementStamp

# Bump when the shape of what is cached changes; a new release (its rules) changes the key too.
FORMAT = 3  # 3: (verdicts, 未报送 units), the document's status as one text
TIMEOUT = 24 * 3600

T = TypeVar("T")


def stamp(plan_id: int) -> int:
    return (
        JudgementStamp.objects.filter(plan_id=plan_id).values_list("generation", flat=True).first()
        or 0
    )


def bump(plan_ids) -> None:
    """The plans' structure changed: their cached judgements no longer apply."""
    for plan_id in set(plan_ids) - {None}:
        updated = JudgementStamp.objects.filter(plan_id=plan_id).update(
            generation=F("generation") + 1
        )
        if not updated:
            JudgementStamp.objects.get_or_create(plan_id=plan_id, defaults={"generation": 1})


def key(
    plan: Plan,
    period: Period,
    earlier: Period | None,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
) -> str:
    ids = [period.pk] + ([earlier.pk] if earlier is not None else [])
    agg = Report.objects.filter(period_id__in=ids).aggregate(
        n=Count("id"), versions=Sum("version"), last=Max("updated_at")
    )
    last = agg["last"].timestamp() if agg["last"] else 0
    return (
        f"duban:judgement:{FORMAT}:{__version__}:{plan.pk}:{stamp(plan.pk)}:"
        f"{period.pk}:{period.end_month}:{earlier.pk if earlier else 0}:"
        f"{agg['n']}:{agg['versions'] or 0}:{last}:"
        f"{tolerances.about_points}:{tolerances.about_amount_share}"
    )


def cached(cache_key: str, compute: Callable[[], T]) -> T:
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, TIMEOUT)
    return found
