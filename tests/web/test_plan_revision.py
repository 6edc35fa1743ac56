"""A revised table of the example (three tasks reworded, one added, one removed, renumbered as an
office would reissue it): the preview lists exactly those differences; after confirming, every
report is still on its task, the removed task is retired with its reports, the change recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.core.render.export import export_table
from duban.web.plans.models import PlanRevision, Report, Task
from duban.web.plans.revisions import revision_preview
from tests.core.test_revision import NEW_TASK, _reworded, revised
from tests.web.conftest import run_jobs


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def example(db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    office = get_user_model().objects.create_user("office", password="pw")
    Membership.objects.create(user=office, organization=org, role="office")
    return org, office


@pytest.fixture
def revision(example_plan):
    return revised(
        example_plan, reword=_reworded(example_plan), remove={60}, add_after={30: NEW_TASK}
    )


def _upload(client, org, tmp_path, plan):
    path = tmp_path / "调整后任务表.docx"
    path.write_bytes(export_table(plan, "docx"))
    with open(path, "rb") as f:
        response = client.post(reverse("document_upload", args=[org.pk]), {"file": f, "year": 2021})
    run_jobs()
    return client.get(response["Location"])


def test_the_preview_lists_exactly_the_changes(example, revision):
    org, _ = example
    diff = revision_preview(org.plans.get(), revision)
    assert [t.target for t in diff.added] == [NEW_TASK.target]
    assert [t.seq for t in diff.removed] == [60]
    assert [(p.old.seq, p.new.seq) for p in diff.reworded] == [(5, 5), (40, 41), (90, 90)]
    assert diff.units_changed == ()


def test_after_confirming_every_report_is_still_on_its_task(example, revision, client, tmp_path):
    org, office = example
    before = {r.pk: (r.task_id, r.task.target) for r in Report.objects.select_related("task").all()}
    client.force_login(office)
    preview = _upload(client, org, tmp_path, revision)
    page = preview.content.decode()
    assert "新增 1 项、删除 1 项、改写 3 项、责任单位调整 0 项" in page
    confirm = client.post(
        reverse("document_confirm", args=[org.pk]), {"token": preview.context["token"]}
    )
    assert confirm.status_code == 302

    after = {r.pk: r.task_id for r in Report.objects.filter(pk__in=before)}
    assert after == {pk: task for pk, (task, _) in before.items()}
    retired = Task.objects.get(retired_at__isnull=False)
    assert retired.seq == 60 and retired.reports.count() > 0
    in_force = Task.objects.in_force().filter(plan__organization=org)
    assert in_force.count() == 108
    assert in_force.get(seq=31).target == NEW_TASK.target
    moved = Task.objects.get(pk=in_force.get(seq=41).pk)
    assert moved.target.startswith("（调整）")
    (record,) = PlanRevision.objects.all()
    assert record.summary == "新增 1 项、删除 1 项、改写 3 项、责任单位调整 0 项"
    assert record.source == "调整后任务表.docx" and len(record.document_sha256) == 64
