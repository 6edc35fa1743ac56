"""Re-indexing the search in the background: one plan, or every plan (`duban reindex`)."""

from __future__ import annotations

from duban.web.jobs.models import Job
from duban.web.plans.models import Plan
from duban.web.search.services import search_index_plan


def reindex(job: Job, ctx) -> dict:
    plans = Plan.objects.all().order_by("pk")
    if job.params.get("plan"):
        plans = plans.filter(pk=job.params["plan"])
    total = plans.count()
    entries = 0
    for n, plan in enumerate(plans, 1):
        ctx.progress(100 * (n - 1) // max(total, 1), f"索引 {plan}")
        entries += search_index_plan(plan)
    return {"plans": total, "entries": entries}
