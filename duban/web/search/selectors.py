"""search(query, filters, page, user): the one search interface of the code."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from duban.web.access import actor_of, restrict
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period, Report, Responsibility, Task
from duban.web.search.backends import backend, match
from duban.web.search.bigrams import parse_query
from duban.web.search.models import SearchEntry
from duban.web.search.synonyms import expand, groups_of

PAGE_SIZE = 20
CAP = 1000  # matches ranked at most; a commoner word lists its newest CAP (issue #8: 5 s → ms)
# Newest first: the search_newest index's order, so the capped scan can stop early.
NEWEST = ("-year", "-end_month", "task_id", "id")
SNIPPET_CONTEXT = 40  # characters shown either side of the first match


@dataclass(frozen=True)
class SearchFilters:
    organization: int | None = None
    year: int | None = None
    period: int | None = None
    section: int | None = None
    unit: int | None = None
    verdict: str | None = None  # needs a period: verdicts belong to one
    flag: str | None = None  # members only, needs a period
    kind: str | None = None  # "task" or "report"


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: SafeString


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    page: int
    pages: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False  # more than `total` matched: only the newest `total` are listed


def visible_entries(user) -> QuerySet[SearchEntry]:
    """Entries whose task or report the user may read (access.py decides, not this module)."""
    # EXISTS per entry, not IN: the public may read a million reports, a set PostgreSQL will
    # not hash in work_mem (it then rescans it for every entry: minutes, `make scale`).
    task = restrict(Task.objects.filter(pk=OuterRef("task_id")), user)
    report = restrict(Report.objects.filter(pk=OuterRef("report_id")), user)
    # The organizations are implied by the rules; said outright (as constants), they let the
    # database read one organization's entries rather than every entry with a common word.
    organizations = list(restrict(Organization.objects.all(), user).values_list("pk", flat=True))
    return SearchEntry.objects.filter(organization__in=organizations).filter(
        Q(Exists(task), kind=SearchEntry.Kind.TASK)
        | Q(Exists(report), kind=SearchEntry.Kind.REPORT)
    )


def _judged_tasks(filters: SearchFilters, user, notes: list[str]) -> set[int] | None:
    """Task ids with the wanted verdict or flag in the filtered period, or None (no filter)."""
    if not (filters.verdict or filters.flag):
        return None
    period = (
        restrict(Period.objects.select_related("plan"), user).filter(pk=filters.period).first()
        if filters.period
        else None
    )
    if period is None:
        notes.append("按研判结论或标记筛选时请先选择报送期。")
        return None
    from duban.web.dashboard.verdicts import period_judgement

    judged = period_judgement(period.plan, period).tasks.values()
    wanted = set()
    for v in judged:
        if filters.verdict and v.verdict != filters.verdict:
            continue
        if filters.flag and not any(f.kind == filters.flag for f in v.flags):
            continue
        wanted.add(v.task_id)
    return wanted


def _filtered(entries: QuerySet, filters: SearchFilters, user, notes: list[str]) -> QuerySet:
    if filters.flag and not actor_of(user).is_member:
        filters = SearchFilters(**{**filters.__dict__, "flag": None})
    for name in ("organization", "year", "section", "kind"):
        value = getattr(filters, name)
        if value:
            key = name if name in ("year", "kind") else f"{name}_id"
            entries = entries.filter(**{key: value})
    if filters.unit:
        # A unit's own reports, and the targets of the tasks it answers for.
        entries = entries.filter(
            Q(unit_id=filters.unit)
            | Q(
                kind=SearchEntry.Kind.TASK,
                task__in=Responsibility.objects.filter(unit_id=filters.unit).values("task_id"),
            )
        )
    if filters.period:
        # A task's target belongs to every period of its plan.
        plan = Period.objects.filter(pk=filters.period).values("plan_id")
        entries = entries.filter(
            Q(period_id=filters.period) | Q(kind=SearchEntry.Kind.TASK, plan_id__in=plan)
        )
    tasks = _judged_tasks(filters, user, notes)
    if tasks is not None:
        entries = entries.filter(task_id__in=tasks)
    return entries


def snippet(text: str, words: list[str]) -> SafeString:
    """A window of the original text around the first match, every match wrapped in <mark>."""
    words = [w for w in words if w]
    pattern = (
        re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
        if words
        else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_CONTEXT) if first else 0
    end = min(len(text), (first.end() if first else 0) + SNIPPET_CONTEXT * 2)
    window = text[start:end]
    out, pos = [], 0
    for m in pattern.finditer(window) if pattern else ():
        out += [html.escape(window[pos : m.start()]), "<mark>", html.escape(m.group(0)), "</mark>"]
        pos = m.end()
    out.append(html.escape(window[pos:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # every piece of text is escaped above


def search(query: str, filters: SearchFilters, page: int, user) -> SearchResults:
    """The matches, newest first, a page at a time. At most CAP are ranked: a word found in
    most texts lists its newest CAP and says the total is more (`capped`); only the page's
    rows are read whole and highlighted."""
    terms = parse_query(query)
    notes: list[str] = []
    if not terms:
        return SearchResults(query, [], 0, 1, 0, notes)
    terms = expand(terms, groups_of(filters.organization or actor_of(user).organization_id))
    also = [w for t in terms for w in t.words[1:]]
    if also:
        notes.append("同时检索同义词：" + "、".join(dict.fromkeys(also)))
    entries = _filtered(match(visible_entries(user), terms), filters, user, notes)
    # Ids only, in index order, stopping after CAP + 1: one query gives both the page and an
    # honest total (exact up to CAP), with no COUNT over every match.
    one_organization = bool(filters.organization or actor_of(user).organization_id)
    with backend().scope(one_organization):
        ids = list(entries.order_by(*NEWEST).values_list("pk", flat=True)[: CAP + 1])
    capped = len(ids) > CAP
    ids = ids[:CAP]
    pages = -(-len(ids) // PAGE_SIZE)
    number = min(max(page, 1), max(pages, 1))  # out of range: the nearest page, as Paginator
    page_ids = ids[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    rows = SearchEntry.objects.select_related(
        "task", "period", "unit", "plan__organization"
    ).prefetch_related("task__responsibilities__unit")  # the page names the responsible units
    by_id = rows.in_bulk(page_ids)
    words = [w for t in terms for w in t.words]
    hits = [Hit(by_id[i], snippet(by_id[i].text, words)) for i in page_ids]
    if capped:
        notes.append(f"超过 {CAP} 条结果，仅列出最新的 {CAP} 条；请加筛选条件缩小范围。")
    return SearchResults(query, hits, len(ids), number, pages, notes, capped)
