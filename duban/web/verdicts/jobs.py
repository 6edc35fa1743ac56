"""The judgement warm-up: after a round closes, its judgement (and the next period's, which
reads it as "the period before") is computed once by the worker and left in the shared cache,
so the first dashboard after closing is as fast as the others."""

from __future__ import annotations

from duban.web.jobs.models import Job
from duban.web.plans.models import Period


def warm(job: Job, ctx) -> dict:
    from duban.web.dashboard.verdicts import period_judgement

    period = Period.objects.select_related("plan__organization").get(pk=job.params["period"])
    later = Period.objects.filter(plan=period.plan, end_month__gt=period.end_month)
    warmed = []
    for n, each in enumerate([period, *later.order_by("end_month")], 1):
        ctx.progress(100 * n // (later.count() + 2), f"研判 {each}")
        period_judgement(each.plan, each)
        warmed.append(each.pk)
    return {"periods": warmed}
