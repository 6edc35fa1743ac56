"""The home page of each role: where its day's work starts.

- office: the current round's progress (reported of all slots, late, waiting for review, red
  lights), each figure a link to where it is worked on;
- leader: the dashboard's summary (verdict counts of the latest period), one click from 挂图作战;
- unit reporter: its open tasks with their deadline and state;
- anonymous: the published periods, each a link to its public page.
Counts are read from the round's overview (rounds/selectors.py) and the one judgement
(dashboard/verdicts.py), never recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.web.access import actor_of
from duban.web.plans import selectors as plan_selectors
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report
from duban.web.rounds import selectors as round_selectors


@dataclass(frozen=True)
class RoundProgress:
    """序时 of a round at a glance: the office's home."""

    period: Period
    total: int
    reported: int
    late: int
    waiting: int  # submitted, waiting for the office's review
    red: int  # tasks whose light is red

    @property
    def share(self) -> int:
        return round(100 * self.reported / self.total) if self.total else 0


def _current_period(plan: Plan, user) -> Period | None:
    """The open round (the latest if several), else the latest period the user may read."""
    periods = plan_selectors.visible_periods(plan, user)
    open_rounds = [p for p in periods if p.state == Period.State.OPEN]
    chosen = open_rounds or periods
    return chosen[-1] if chosen else None


def round_progress(period: Period, user) -> RoundProgress:
    from duban.web.dashboard.verdicts import period_judgement

    overview = round_selectors.round_overview(period, user)
    judgement = period_judgement(period.plan, period)
    return RoundProgress(
        period=period,
        total=sum(overview.totals.values()),
        reported=sum(overview.totals[s] for s in REPORTED_STATES),
        late=len(overview.late),
        waiting=overview.totals[Report.State.SUBMITTED],
        red=sum(1 for v in judgement.tasks.values() if v.light == "red"),
    )


def home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not actor.is_member:
        return _anonymous(request)
    plan = plan_selectors.current_plan(request.user)
    if plan is None:
        return render(request, "plans/empty.html", {"actor": actor})
    period = _current_period(plan, request.user)
    ctx = {"actor": actor, "plan": plan, "period": period}
    if actor.unit_id is not None:
        ctx["reports"] = round_selectors.my_reports(request.user)
        return render(request, "home/unit.html", ctx)
    if actor.role == "leader":
        return _leader(request, ctx)
    if period is not None:
        from duban.web.navigation import review_url

        ctx["progress"] = round_progress(period, request.user)
        ctx["review_url"] = review_url(period.pk)
    return render(request, "home/office.html", ctx)


def _leader(request: HttpRequest, ctx: dict) -> HttpResponse:
    from duban.web.dashboard.verdicts import LABELS, period_judgement

    if ctx["period"] is not None:
        judgement = period_judgement(ctx["plan"], ctx["period"])
        counts = judgement.counts()
        ctx["verdict_counts"] = [(v, LABELS[v], n) for v, n in counts.items()]
        ctx["red"] = sum(1 for v in judgement.tasks.values() if v.light == "red")
    return render(request, "home/leader.html", ctx)


def _anonymous(request: HttpRequest) -> HttpResponse:
    from duban.web.public.selectors import published_periods

    return render(request, "home/anonymous.html", {"periods": published_periods()})
