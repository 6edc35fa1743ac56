"""Two people of the same unit save the same report at the same moment: one wins, the other is
told, and both texts survive (a real server with row locks: PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_it_keeps_both_texts_when_two_saves_race():
    from django.contrib.auth import get_user_model
    from django.db import connection

    from duban.web.audit.models import AuditEvent
    from duban.web.plans.models import Period, Report
    from duban.web.plans.services import StaleReport, plan_import, report_save
    from tests.web.conftest import small_plan

    plan_import(small_plan(), source="small")
    q3 = Period.objects.get()
    q4 = Period.objects.create(plan=q3.plan, year=2021, label="第四季度", end_month=12)
    base = Report.objects.filter(period=q3).select_related("task", "unit").first()
    report = Report.objects.create(period=q4, task=base.task, unit=base.unit, version=1)
    writer = get_user_model().objects.create_user("writer")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(text: str) -> None:
        try:
            barrier.wait()
            report_save(report, text=text, actor=writer, expected_version=1)
            outcomes.append("saved")
        except StaleReport:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("甲的文字", "乙的文字")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    report.refresh_from_db()
    kept = {report.text, AuditEvent.objects.get(action="report_conflict").after["text"]}
    assert kept == {"甲的文字", "乙的文字"}
    assert report.versions.count() == 1
