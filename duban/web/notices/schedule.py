"""What the notices owe at a moment: each organization's reminders of the day once its hour has
come, and the leaders' weekly summary on its weekday. Keys name the day or the week."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from duban.web.jobs.schedule import Due
from duban.web.notices.services import notice_settings
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period


def due(now: datetime) -> list[Due]:
    local = timezone.localtime(now)
    day = local.date()
    items: list[Due] = []
    busy = Organization.objects.filter(plans__periods__state=Period.State.OPEN).distinct()
    for org in busy:
        rules = notice_settings(org)
        if local.hour < rules.hour:
            continue
        items.append(
            Due(
                "notices_due",
                f"notices:{org.pk}:{day.isoformat()}",
                f"{day} {org.name} 到期提醒",
                {"day": day.isoformat()},
                org,
            )
        )
        if rules.summary_weekday == day.weekday():
            year, week, _ = day.isocalendar()
            items.append(
                Due(
                    "weekly_summary",
                    f"summary:{org.pk}:{year}-W{week:02d}",
                    f"{year}年第{week}周 {org.name} 报送情况汇总",
                    {"day": day.isoformat()},
                    org,
                )
            )
    return items
