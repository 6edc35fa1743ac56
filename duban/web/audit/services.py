"""Writing audit events; callers run this inside their own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms.models import model_to_dict

from duban.web.audit.models import AuditEvent


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's fields as JSON-safe values, for before/after."""
    data = model_to_dict(obj)
    return {k: _json_safe(v) for k, v in data.items()}


def _json_safe(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _organization_id(obj: models.Model) -> int | None:
    for path in (
        "organization_id",
        "plan.organization_id",
        "period.plan.organization_id",
        "membership.organization_id",
    ):
        target: Any = obj
        try:
            for part in path.split("."):
                target = getattr(target, part)
        except (AttributeError, models.ObjectDoesNotExist):
            continue
        return target
    return None


def audit_record(
    action: str,
    obj: models.Model | None,
    *,
    actor: Any = None,
    before: dict | None = None,
    after: dict | None = None,
    organization_id: int | None = None,
) -> AuditEvent:
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        organization_id=organization_id or (_organization_id(obj) if obj is not None else None),
        actor_id=actor_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        before=before,
        after=after,
    )
