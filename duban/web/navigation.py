"""The header menu, as data read from the permission gate (access.py): a link shows where the
gate lets the user's role take the link's action, so a new role or action needs no template edit.

`menu_for(request, plan)` answers the menu of a page (base.html asks through the `main_menu`
tag, plans/templatetags/navigation.py), pointing into the page's plan when it shows one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import Model
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duban.web.access import Action, actor_of, rule
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Period, Plan, Report
from duban.web.plans.templatetags.duban import pending_count


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    current: bool = False
    count: int = 0  # a figure beside the label: 我的任务's slots still to be written


@dataclass(frozen=True)
class Menu:
    main: tuple[Link, ...]
    secondary: tuple[Link, ...]  # tokens, admin: kept, less prominent
    role: str = "anonymous"  # access.Actor.role, for the words beside the account's name


@dataclass(frozen=True)
class Where:
    """What the links point into: the user's organization, current plan and current round."""

    organization_id: int | None
    plan_id: int | None
    round_id: int | None  # the open round, else the latest one
    unit_id: int | None = None  # the unit the user reports for


@dataclass(frozen=True)
class Item:
    label: str | Promise
    model: type[Model]
    action: Action
    target: str  # a url name, or one of the targets of _url below
    needs_unit: bool = False  # "my" links: only for a user who reports for a unit


# The order of the header, as the gate answers today — office: 总览 填报轮次 审核 挂图作战
# 考核 检索 上传 公开 设置; leader: 总览 挂图作战 考核 检索; unit reporter: 我的任务 检索. Labels
# have a context of their own ("main menu"): the admin's "Search" keeps Django's translation.
MAIN: tuple[Item, ...] = (
    Item(pgettext_lazy("main menu", "Overview"), Plan, "oversee", "plan"),
    Item(pgettext_lazy("main menu", "My tasks"), Report, "submit", "my_tasks", needs_unit=True),
    Item(pgettext_lazy("main menu", "Reporting rounds"), Plan, "open_round", "round"),
    Item(pgettext_lazy("main menu", "Review"), Report, "review", "review"),
    Item(pgettext_lazy("main menu", "Situation map"), Plan, "oversee", "dashboard"),
    Item(pgettext_lazy("main menu", "Assessment"), Plan, "oversee", "assessment"),
    Item(pgettext_lazy("main menu", "Search"), Report, "view", "search"),
    Item(pgettext_lazy("main menu", "Upload"), Organization, "change", "document_upload"),
    Item(pgettext_lazy("main menu", "Publication"), Period, "publish", "public_index"),
    Item(pgettext_lazy("main menu", "Settings"), Organization, "judge", "light_settings"),
)
# Beside the account's name, less prominent.
SECONDARY: tuple[Item, ...] = (
    Item(pgettext_lazy("main menu", "My unit's tasks"), Unit, "contacts", "unit", True),
    Item(pgettext_lazy("main menu", "Accounts"), Organization, "accounts", "accounts"),
    Item(pgettext_lazy("main menu", "Units"), Organization, "change", "org_units"),
    Item(pgettext_lazy("main menu", "Organization"), Organization, "change", "org_settings"),
)


def gate_allows(actor: Any, model: type[Model], action: Action) -> bool:
    """Whether the gate lets this role take the action on any row at all: its rule compiles
    to something other than "nothing" (no query is run)."""
    queryset = model._default_manager.filter(rule(model, actor, action))
    compiler = queryset.query.get_compiler(queryset.db)
    try:  # the WHERE clause alone: it is where "nothing" shows, and the whole SELECT costs 3×
        compiler.compile(queryset.query.where)
    except EmptyResultSet:
        return False
    except FullResultSet:  # no condition at all (the superuser's rule)
        return True
    return True


def where(user, plan: Plan | None = None, periods: Any = None) -> Where:
    """The page's plan, else the user's current plan (the newest it may read), and its current
    round (the open one, else the latest), from the page's periods when it lists them."""
    from duban.web.plans.selectors import current_plan

    actor = actor_of(user)
    if not actor.is_member:
        return Where(None, None, None)
    plan = plan if isinstance(plan, Plan) else current_plan(user)
    if plan is None:
        return Where(actor.organization_id, None, None, actor.unit_id)
    if isinstance(periods, list) and all(isinstance(p, Period) for p in periods):
        rounds = [(p.pk, p.state) for p in sorted(periods, key=lambda p: (-p.end_month, -p.pk))]
    else:
        rounds = list(plan.periods.order_by("-end_month", "-pk").values_list("pk", "state"))
    open_ids = [pk for pk, state in rounds if state == Period.State.OPEN]
    round_id = open_ids[0] if open_ids else (rounds[0][0] if rounds else None)
    return Where(actor.organization_id or plan.organization_id, plan.pk, round_id, actor.unit_id)


def _url(item: Item, at: Where) -> str | None:
    """The link of an item, or None when there is nothing for it to point at yet."""
    try:
        if item.target in ("plan", "dashboard", "assessment"):
            return reverse(item.target, args=[at.plan_id]) if at.plan_id else None
        if item.target == "round":
            if at.round_id:
                return reverse("round", args=[at.round_id])
            return reverse("round_new", args=[at.plan_id]) if at.plan_id else None
        if item.target == "review":
            return review_url(at.round_id) if at.round_id else None
        if item.target == "unit":
            return reverse("unit", args=[at.unit_id]) if at.unit_id else None
        if item.target in (
            "document_upload",
            "light_settings",
            "accounts",
            "org_units",
            "org_settings",
        ):
            return reverse(item.target, args=[at.organization_id]) if at.organization_id else None
        return reverse(item.target)
    except NoReverseMatch:
        return None


def review_url(round_id: int) -> str:
    """The review queue's own page where it exists (rounds/), else the queue on the round."""
    for name in ("review_queue", "rounds:review_queue", "rounds:queue"):
        try:
            return reverse(name, args=[round_id])
        except NoReverseMatch:
            continue
    return reverse("round", args=[round_id]) + "#queue"


def _gate_memo(actor: Any) -> Callable[[type[Model], Action], bool]:
    """gate_allows for one page, each (model, action) compiled once: the menu asks 17 times for
    10 pairs, and a compilation is the ORM's whole SQL compiler (docs/PERFORMANCE.md, the rush)."""
    known: dict[tuple[type[Model], Action], bool] = {}

    def allows(model: type[Model], action: Action) -> bool:
        if (model, action) not in known:
            known[(model, action)] = gate_allows(actor, model, action)
        return known[(model, action)]

    return allows


def _links(
    items: tuple[Item, ...],
    actor: Any,
    at: Where,
    user,
    allows: Callable[[type[Model], Action], bool],
) -> list[Link]:
    links = []
    for item in items:
        if item.needs_unit and actor.unit_id is None:
            continue
        if not allows(item.model, item.action):
            continue
        url = _url(item, at)
        if url is not None:
            count = pending_count(user) if item.target == "my_tasks" else 0
            links.append(Link(item.label, url, count=count))
    return links


def _mark_current(links: list[Link], path: str) -> list[Link]:
    """The link the page lies under: the longest whose address starts the page's path."""
    under = [link for link in links if path.startswith(link.url.split("#")[0])]
    if not under:
        return links
    best = max(under, key=lambda link: len(link.url.split("#")[0]))
    return [replace(link, current=link is best) for link in links]


# Targets that point into the current plan or round (the others need no query to build).
_PLACED = ("plan", "dashboard", "assessment", "round", "review")


def menu_for(request: HttpRequest, plan: Plan | None = None, periods: Any = None) -> Menu:
    user = request.user
    actor = actor_of(user)
    allows = _gate_memo(actor)
    placed = actor.is_member and any(
        item.target in _PLACED and allows(item.model, item.action) for item in MAIN
    )
    at = (
        where(user, plan, periods)
        if placed
        else Where(actor.organization_id, None, None, actor.unit_id)
    )
    main = _mark_current(_links(MAIN, actor, at, user, allows), request.path)
    secondary = _links(SECONDARY, actor, at, user, allows) if actor.is_member else []
    if user.is_authenticated:
        secondary.append(Link(_("API tokens"), reverse("api_tokens")))
        if user.is_staff:
            label = pgettext_lazy("site admin link", "Administration")
            secondary.append(Link(label, reverse("admin:index")))
    return Menu(tuple(main), tuple(secondary), actor.role)


@dataclass(frozen=True)
class Crumb:
    label: str | Promise
    url: str = ""


def _plan_crumbs(plan: Any, period: Any) -> list[Crumb]:
    query = f"?period={period.pk}" if period is not None else ""
    return [
        Crumb(pgettext_lazy("breadcrumbs", "Home"), reverse("home")),
        Crumb(pgettext_lazy("main menu", "Overview"), reverse("plan", args=[plan.pk]) + query),
    ]


def _task_crumbs(task: Any, period: Any) -> list[Crumb]:
    query = f"?period={period.pk}" if period is not None else ""
    section = task.section
    return [
        *_plan_crumbs(task.plan, period),
        Crumb(section.title, f"{reverse('plan', args=[task.plan_id])}{query}#s{section.number}"),
        Crumb(f"第 {task.seq} 项", reverse("task", args=[task.pk]) + query),
    ]


def crumbs_for(url_name: str | None, context: Any) -> list[Crumb]:
    """The trail above a deep page — task, report, its comparison, a round — from the objects
    the page shows (the last crumb is the page itself, without a link)."""
    if url_name == "task" and context.get("view") is not None:
        trail = _task_crumbs(context["view"].task, context.get("period"))
        return [*trail[:-1], replace(trail[-1], url="")]
    report = context.get("report")
    if url_name in ("report", "report_diff") and report is not None:
        page = reverse("report", args=[report.pk])
        trail = [
            *_task_crumbs(report.task, report.period),
            Crumb(f"{report.unit.name if report.unit else ''} · {report.period}", page),
        ]
        if url_name == "report_diff":
            return [*trail, Crumb(pgettext_lazy("breadcrumbs", "Compare"))]
        return [*trail[:-1], replace(trail[-1], url="")]
    period = context.get("period")
    if url_name == "round" and period is not None:
        return [*_plan_crumbs(period.plan, period), Crumb(str(period))]
    return []
