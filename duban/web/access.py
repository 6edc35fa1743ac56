"""The one permission gate. Every view and query asks `restrict(queryset, user, action)`.

Roles (accounts.Membership):
- office: reads and corrects everything in its organization; opens, reviews, closes rounds;
  manages its people (accounts: roster import, password reset, hand-over);
- unit: reads the plan; sees its own unit's reports in every state and other units' reports
  only once submitted or accepted; writes (change, submit) only its own unit's reports of an
  open period that are not yet submitted or accepted;
- leader: reads everything in its organization, writes nothing — but a report's evidence
  (佐证材料) only when the office lets it (evidence.EvidenceReader);
- anonymous (or a user with no role): only published periods — nothing else, not even task titles
  — and nothing of them the office marked 不宜公开 (disclosure/).
A city over its districts (Organization.parent, cityview/): the city's office and leaders also
read the published periods of each district that shares them (cityview.ParentSharing) — its
plan, tasks, units, and the submitted or accepted reports of those periods, marks 不宜公开
included (the city is not the public) — and write nothing of a district: every write is denied
as for another organization's object the user can see (403) or cannot (404).
A unit's contacts for notices are kept by the office and by that unit's reporters.
Background jobs (exports, reading an upload) are followed by the office and leaders of their
organization; the making of a published document by anyone.
A superuser acts as the office of every organization.
A unit reporter withdraws (撤回) its own unit's submissions of an open period; the round's
service (rounds.services.report_withdraw) refuses one the office has reviewed. Only a unit
acknowledges (签收) the task of one of its own report slots; the office does not sign for it.
办结: the lead unit's reporter applies from its own report slot; only the office decides.

The Django admin goes through this gate too (duban/web/admin.py): the rows it lists, the
choices of every foreign key and the ids typed into raw-id fields are all `restrict`ed.

What a denial answers, everywhere (tests/web/attacks/test_crawl.py holds every URL to it):
- 404 for what lies outside the user's organization, or does not exist (an id that is not a
  number in bounds included, duban/web/params.py): nothing tells the two apart;
- 403 inside the user's organization, for what the role may not see or do;
- anonymous visitors on a page for members: a redirect to the login page (plans/views.py);
- the API: 401 without a valid token, then 403/404 as above;
- a malformed query parameter, once the gate has let the request through: 400 (422 in the API).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from duban.web.accounts.models import Membership
from duban.web.audit.models import AuditEvent
from duban.web.changes.models import LeaderScope, UnitApprover
from duban.web.cityview.models import sharing_districts
from duban.web.disclosure.models import withheld
from duban.web.evidence.models import Attachment, EvidenceReader
from duban.web.jobs.models import Job
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import (
    REPORTED_STATES,
    Milestone,
    Period,
    Plan,
    Report,
    ReportVersion,
    Responsibility,
    Section,
    Task,
)
from duban.web.verdicts.models import LightSetting, VerdictOverride

M = TypeVar("M", bound=Model)

NOT_FOUND, FORBIDDEN, BAD_PARAMETER = 404, 403, 400  # the statuses of the docstring

Action = Literal[
    "view",
    "change",
    "submit",
    "withdraw",  # a unit takes back its submission before review (the service checks the state)
    "review",
    "publish",
    "open_round",
    "close",
    "oversee",
    "judge",
    "accounts",  # the organization's people: roster import, password reset, hand-over
    "contacts",
    "acknowledge",  # 签收: a unit acknowledges a task of its own report slot
    "request_change",  # 延期 (changes/): a unit asks on a task it is named for
    "apply_closing",  # 办结申请: a unit that leads the task, from its own report slot
    "decide_closing",  # the office approves (with a grade) or returns a closing application
]
RoleName = Literal["office", "unit", "leader", "anonymous", "superuser"]

# States of another unit's report that a unit reporter may read.
SHARED_REPORT_STATES = REPORTED_STATES
EDITABLE_REPORT_STATES = (Report.State.EMPTY, Report.State.DRAFT, Report.State.RETURNED)


@dataclass(frozen=True)
class Actor:
    role: RoleName
    organization_id: int | None = None
    unit_id: int | None = None
    user_id: int | None = None

    @property
    def is_member(self) -> bool:
        return self.role in ("office", "unit", "leader", "superuser")

    @property
    def sees_internal_notes(self) -> bool:
        """Reads every unit's reports, drafts and notes: the office and leaders (templates ask
        this, never the role)."""
        return self.role in ("office", "leader", "superuser")

    @property
    def reads_office_reasons(self) -> bool:
        """Reads what only the office decides with: an override's reason, closing decisions."""
        return self.role in ("office", "superuser")

    @property
    def imports_plans(self) -> bool:
        """Uploads and imports the organization's tables: its office."""
        return self.role == "office"


def actor_of(user) -> Actor:
    """The user's role, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated:
        return Actor("anonymous")
    cached = getattr(user, "_duban_actor", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        actor = Actor("superuser")
    else:
        from duban.web.accounts.models import Membership

        m = Membership.objects.filter(user=user).first()
        actor = (
            Actor(cast(RoleName, m.role), m.organization_id, m.unit_id, user.pk)
            if m
            else Actor("anonymous")
        )
    user._duban_actor = actor
    return actor


# Path from each model to its organization and to its plan.
_ORG = {
    Organization: "pk",
    Unit: "organization",
    Plan: "organization",
    Section: "plan__organization",
    Task: "plan__organization",
    Responsibility: "task__plan__organization",
    Period: "plan__organization",
    Report: "period__plan__organization",
    ReportVersion: "report__period__plan__organization",
    Milestone: "task__plan__organization",
    VerdictOverride: "task__plan__organization",
    LightSetting: "organization",
    Membership: "organization",
    AuditEvent: "organization",
    Job: "organization",
    Attachment: "report__period__plan__organization",
}
# The users of an organization are its members (Membership); read in _org_path, since the
# user model is looked up from settings.
_USER_ORG = "membership__organization"


def _org_path(model: type[Model]) -> str:
    if model is get_user_model():
        return _USER_ORG
    if model not in _ORG:
        raise TypeError(f"no access rule for {model.__name__}")
    return _ORG[model]


_PLAN = {
    Plan: "pk",
    Section: "plan",
    Task: "plan",
    Responsibility: "task__plan",
    Period: "plan",
}


def _published_plan(path: str) -> Exists:
    return Exists(Period.objects.filter(plan=OuterRef(path), state=Period.State.PUBLISHED))


def _anonymous(model: type[Model]) -> Q:
    if model is Job:  # the making of a published document
        return Q(public=True)
    # What the office marked 不宜公开 (disclosure.Withholding) is left out of every public read.
    if model is Task:
        return Q(_published_plan("plan")) & ~Q(withheld("task", "pk"))
    if model is Responsibility:
        return Q(_published_plan("task__plan")) & ~Q(withheld("task", "task"))
    if model in _PLAN and model is not Period:
        return Q(_published_plan(_PLAN[model]))
    if model is Period:
        return Q(state=Period.State.PUBLISHED)
    if model is Report:
        return (
            Q(period__state=Period.State.PUBLISHED, state=Report.State.ACCEPTED)
            & ~Q(withheld("report", "pk"))
            & ~Q(withheld("task", "task"))
        )
    if model is Unit:
        # Named on a task of a published plan, or the author of a published report (the towns
        # that answer under 各镇（街）).
        return Q(
            Exists(
                Responsibility.objects.filter(
                    ~Q(withheld("task", "task")),
                    unit=OuterRef("pk"),
                    task__plan__periods__state=Period.State.PUBLISHED,
                )
            )
        ) | Q(
            Exists(
                Report.objects.filter(
                    ~Q(withheld("report", "pk")),
                    ~Q(withheld("task", "task")),
                    unit=OuterRef("pk"),
                    period__state=Period.State.PUBLISHED,
                    state=Report.State.ACCEPTED,
                )
            )
        )
    if model is Organization:
        return Q(
            Exists(
                Period.objects.filter(
                    plan__organization=OuterRef("pk"), state=Period.State.PUBLISHED
                )
            )
        )
    return Q(pk__in=[])


def _nothing() -> Q:
    return Q(pk__in=[])


def _shared_with_parent(model: type[Model], actor: Actor, org_path: str) -> Q:
    """What the districts that share with the actor's organization let its office and leaders
    read: their published periods, in detail (cityview/)."""
    if actor.role not in ("office", "leader"):
        return _nothing()
    if model in (Organization, Unit):
        published = Q()
    elif model is Period:
        published = Q(state=Period.State.PUBLISHED)
    elif model is Report:
        published = Q(period__state=Period.State.PUBLISHED, state__in=REPORTED_STATES)
    elif model is ReportVersion:
        published = Q(
            report__period__state=Period.State.PUBLISHED, report__state__in=REPORTED_STATES
        )
    elif model in _PLAN_OF:
        published = Q(_published_plan(_PLAN_OF[model]))
    else:  # people, settings, audit, jobs: a district's own business
        return _nothing()
    return Q(**{f"{org_path}__in": sharing_districts(actor.organization_id)}) & published


# Path from a model to its plan, for the rule that an archived year is read-only.
_PLAN_OF = {
    **_PLAN,
    Report: "period__plan",
    ReportVersion: "report__period__plan",
    Milestone: "task__plan",
    VerdictOverride: "task__plan",
    Attachment: "report__period__plan",
}


def rule(model: type[Model], actor: Actor, action: Action) -> Q:
    """The filter a role gets on a model for an action; the whole policy in one function."""
    if action not in ("view", "oversee") and model in _PLAN_OF:
        # An archived year (归档) is read by everyone who read it before, written by no one.
        path = _PLAN_OF[model]
        return _rule(model, actor, action) & Q(
            **{"archived_at__isnull" if path == "pk" else f"{path}__archived_at__isnull": True}
        )
    return _rule(model, actor, action)


def _rule(model: type[Model], actor: Actor, action: Action) -> Q:
    org_path = _org_path(model)
    if actor.role == "superuser":
        return Q()
    if actor.role == "anonymous":
        return _anonymous(model) if action == "view" else _nothing()
    in_org = Q(**{org_path: actor.organization_id})
    if model is Job:  # background work: the office and leaders follow their organization's
        staff = in_org if actor.role in ("office", "leader") else _nothing()
        return staff | Q(public=True) if action == "view" else staff
    if model is Attachment:  # evidence: read only; its writes are its report's (change)
        return in_org & _evidence_reader(actor) if action == "view" else _nothing()
    if action == "view":
        if actor.role in ("office", "leader"):
            return in_org | _shared_with_parent(model, actor, org_path)
        if actor.role == "unit" and model is Report:
            return in_org & (Q(unit_id=actor.unit_id) | Q(state__in=SHARED_REPORT_STATES))
        if actor.role == "unit" and model is ReportVersion:
            return in_org & Q(report__unit_id=actor.unit_id)
        return in_org
    if action == "acknowledge":  # 签收 is the unit's own word: not the office's, nobody else's
        own = actor.role == "unit" and model is Report
        return in_org & Q(unit_id=actor.unit_id) if own else _nothing()
    if action == "apply_closing":  # 办结 is asked by the task's lead unit only
        if actor.role != "unit" or model is not Report:
            return _nothing()
        leads = Responsibility.objects.filter(
            Q(unit_id=actor.unit_id), task=OuterRef("task"), role=Responsibility.Role.LEAD
        )
        return in_org & Q(unit_id=actor.unit_id) & Q(Exists(leads))
    if action == "decide_closing":
        return in_org if actor.role == "office" and model is Task else _nothing()
    if action == "request_change":  # a unit named on the task asks; nobody asks for it
        if actor.role != "unit" or model is not Task or actor.unit_id is None:
            return _nothing()
        named = Responsibility.objects.filter(task=OuterRef("pk"), unit_id=actor.unit_id)
        return in_org & Q(Exists(named))
    if action == "oversee":  # a round's overview and reminders
        return in_org if actor.role in ("office", "leader") else _nothing()
    if actor.role == "office":
        return in_org
    if actor.role == "unit" and action == "contacts" and model is Unit:  # its own notices' contacts
        return in_org & Q(pk=actor.unit_id)
    if actor.role == "unit" and action == "withdraw" and model is Report:
        return in_org & Q(unit_id=actor.unit_id, period__state=Period.State.OPEN)
    if actor.role == "unit" and action in ("change", "submit") and model is Report:
        return in_org & Q(
            unit_id=actor.unit_id, period__state=Period.State.OPEN, state__in=EDITABLE_REPORT_STATES
        )
    return _nothing()


def _evidence_reader(actor: Actor) -> Q:
    """Who reads a report's evidence: the office, the report's own unit, a leader the office
    named (EvidenceReader); never another unit, even of a submitted report."""
    if actor.role == "office":
        return Q()
    if actor.role == "unit":
        return Q(report__unit_id=actor.unit_id)
    if actor.role == "leader" and actor.user_id and actor.organization_id:
        granted = EvidenceReader.objects.filter(
            user_id=actor.user_id, organization_id=actor.organization_id
        )
        return Q(Exists(granted))
    return _nothing()


def may_approve(user: Any, step: str, unit_id: int, organization_id: int) -> bool:
    """Who takes a step of a unit's request (changes/): the office its step; a unit account the
    office made its unit's approver (分管负责人, UnitApprover); a leader made 分管领导 of the
    unit (LeaderScope). Nobody else, and nobody of another organization."""
    actor = actor_of(user)
    if actor.role == "superuser":
        return step == "office"
    if actor.user_id is None or actor.organization_id != organization_id:
        return False
    if step == "office":
        return actor.role == "office"
    if step == "unit" and actor.role == "unit" and actor.unit_id == unit_id:
        return UnitApprover.objects.filter(user_id=actor.user_id, unit_id=unit_id).exists()
    if step == "leader" and actor.role == "leader":
        return LeaderScope.objects.filter(user_id=actor.user_id, unit_id=unit_id).exists()
    return False


def restrict(queryset: QuerySet[M], user: Any, action: Action = "view") -> QuerySet[M]:
    return queryset.filter(rule(queryset.model, actor_of(user), action))


def can(user, action: Action, obj: Model) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def get_or_deny(queryset: QuerySet[M], user: Any, action: Action = "view", **lookup: Any) -> M:
    """The object if the user may act on it; 403 inside the user's organization, else 404.

    Neither answer carries any of the object's data.
    """
    found = restrict(queryset, user, action).filter(**lookup).first()
    if found is not None:
        return found
    actor = actor_of(user)
    if actor.is_member and restrict(queryset, user, "view").filter(**lookup).exists():
        raise PermissionDenied
    if (
        actor.is_member
        and queryset.filter(**lookup)
        .filter(Q(**{_org_path(queryset.model): actor.organization_id}))
        .exists()
    ):
        raise PermissionDenied
    raise Http404
