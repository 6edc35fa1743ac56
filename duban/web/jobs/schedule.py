"""The scheduler: what is due at a moment becomes a job whose key names its day or week, so a
tick repeated (every minute in each worker, or by cron through `duban tick`) queues it once.

Work missed while no worker ran is done at the next tick of the same day (a nightly backup at
07:00 if the machine was off at 02:00); earlier days are not caught up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from duban.web.orgs.models import Organization

# Each producer: due(now: aware datetime) -> iterable of Due.
PRODUCERS = (
    "duban.web.jobs.housekeeping.due",
    "duban.web.notices.schedule.due",
)


@dataclass(frozen=True)
class Due:
    kind: str
    key: str
    label: str
    params: dict[str, Any] = field(default_factory=dict)
    organization: Organization | None = None


def tick(now: datetime | None = None) -> list[str]:
    """Queue what is due at `now` (default: this moment); returns the keys of the jobs made or
    found. Safe to call as often and from as many processes as one likes."""
    from duban.web.jobs.services import job_enqueue

    now = timezone.localtime(now or timezone.now())
    keys = []
    for path in PRODUCERS:
        due: Iterable[Due] = import_string(path)(now)
        for item in due:
            job_enqueue(
                item.kind,
                item.key,
                label=item.label,
                params=item.params,
                organization=item.organization,
            )
            keys.append(item.key)
    return keys


def hour_reached(now: datetime, hour: int) -> bool:
    return timezone.localtime(now).hour >= hour


def backup_hour() -> int:
    return int(getattr(settings, "DUBAN_BACKUP_HOUR", 2))
