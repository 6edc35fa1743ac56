"""A published period with a task marked 不宜公开, and a report of another task: the public pages,
public search, public downloads and the API for a caller with no role show nothing of them; the
office and units still see them; the office's export says 内部资料."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document

from duban.web.api.tokens import token_create
from duban.web.audit.models import AuditEvent
from duban.web.disclosure import services
from duban.web.disclosure.models import Withholding
from duban.web.plans.models import Report
from duban.web.rounds.services import period_publish
from duban.web.search.selectors import SearchFilters, search
from tests.web.conftest import download

HIDDEN_TARGET = "一般公共预算收入增长5%"  # task 2
HIDDEN_REPORT = "固定资产投资2.36亿元"  # 底阁镇's Q3 report on task 1
SHOWN_REPORT = "同比增长12.1%"  # 区发改局's Q3 report on task 1


@pytest.fixture
def marked(world):
    office = world.users["office"]
    period_publish(world.q3, actor=office)
    services.withhold(world.tasks[2], reason="涉及未公开的财政数据", actor=office)
    report = Report.objects.get(period=world.q3, unit=world.units["底阁镇"])
    services.withhold(report, reason="涉及企业经营信息", actor=office)
    return world


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = (c.text for t in doc.tables for row in t.rows for c in row.cells)
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


def test_the_public_period_and_task_pages_show_nothing_of_it(marked, as_user):
    visitor = as_user(None)
    page = visitor.get(reverse("public_period", args=[marked.q3.pk])).content.decode()
    assert HIDDEN_TARGET not in page and HIDDEN_REPORT not in page
    assert SHOWN_REPORT in page
    assert visitor.get(reverse("public_task", args=[marked.q3.pk, 2])).status_code == 404
    task1 = visitor.get(reverse("public_task", args=[marked.q3.pk, 1])).content.decode()
    assert HIDDEN_REPORT not in task1 and "2.36" not in task1 and SHOWN_REPORT in task1


def test_the_public_counts_leave_the_task_out(marked, as_user):
    from django.contrib.auth.models import AnonymousUser

    from duban.web.dashboard.selectors import plan_dashboard

    public = plan_dashboard(marked.plan, marked.q3, AnonymousUser())
    office = plan_dashboard(marked.plan, marked.q3, marked.users["office"])
    assert sum(public.counts.values()) == 2
    assert sum(office.counts.values()) == 3


def test_public_search_finds_none_of_it(marked):
    from django.contrib.auth.models import AnonymousUser

    visitor, office = AnonymousUser(), marked.users["office"]
    for words in ("预算收入", "2.36亿元"):
        assert search(words, SearchFilters(), 1, visitor).total == 0
        assert search(words, SearchFilters(), 1, office).total >= 1
    assert search("12.1%", SearchFilters(), 1, visitor).total == 1


def test_the_public_downloads_leave_it_out(marked, as_user):
    response = download(as_user(None), reverse("public_docx", args=[marked.q3.pk]))
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert HIDDEN_TARGET not in text and HIDDEN_REPORT not in text
    assert SHOWN_REPORT in text
    assert "内部资料" not in text


def test_the_api_shows_a_caller_without_a_role_nothing_of_it(marked, client):
    nobody = get_user_model().objects.create_user("visitor", password="x")
    _, secret = token_create(nobody, name="public")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    tasks = client.get("/api/v1/tasks", **headers)
    assert tasks.status_code == 200
    assert sorted(t["seq"] for t in tasks.json()["items"]) == [1, 3]
    assert client.get(f"/api/v1/tasks/{marked.tasks[2].pk}", **headers).status_code == 404
    reports = json.dumps(client.get("/api/v1/reports", **headers).json(), ensure_ascii=False)
    assert HIDDEN_REPORT not in reports and HIDDEN_TARGET not in reports
    assert SHOWN_REPORT in reports


def test_members_still_see_it(marked, as_user):
    office = as_user(marked.users["office"])
    task2 = office.get(reverse("task", args=[marked.tasks[2].pk]) + f"?period={marked.q3.pk}")
    assert HIDDEN_TARGET in task2.content.decode()
    unit = as_user(marked.users["unit_b"])
    page = unit.get(reverse("task", args=[marked.tasks[1].pk]) + f"?period={marked.q3.pk}")
    assert HIDDEN_REPORT in page.content.decode()


def test_the_offices_export_says_internal(marked, as_user):
    office = as_user(marked.users["office"])
    docx = download(office, reverse("period_table_docx", args=[marked.q3.pk])).content
    headers = [p.text for s in Document(io.BytesIO(docx)).sections for p in s.header.paragraphs]
    assert headers == ["内部资料"]
    assert HIDDEN_TARGET in _docx_text(docx)  # the office's copy is whole


def test_a_lifted_mark_makes_it_public_again_and_keeps_its_history(marked, as_user):
    mark = Withholding.objects.get(task=marked.tasks[2])
    services.withholding_lift(mark, reason="数据已由财政局公开", actor=marked.users["office"])
    assert as_user(None).get(reverse("public_task", args=[marked.q3.pk, 2])).status_code == 200
    assert Withholding.objects.filter(task=marked.tasks[2]).count() == 1  # kept, lifted
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["task_withhold", "report_withhold", "task_withhold_lift"]


def test_marking_needs_a_reason_and_happens_once(marked):
    office = marked.users["office"]
    with pytest.raises(services.DisclosureError, match="请写明理由"):
        services.withhold(marked.tasks[3], reason="  ", actor=office)
    with pytest.raises(services.DisclosureError, match="已标记为不宜公开"):
        services.withhold(marked.tasks[2], reason="再次标记", actor=office)
    assert Withholding.objects.filter(lifted_at__isnull=True).count() == 2


def test_the_office_marks_and_lifts_on_the_task_review_page(world, as_user):
    office = as_user(world.users["office"])
    url = reverse("task_disclosure", args=[world.tasks[3].pk])
    assert office.post(url, {"action": "withhold_task", "reason": ""}).status_code == 302
    assert not Withholding.objects.exists()
    office.post(url, {"action": "withhold_task", "reason": "涉及项目选址"})
    mark = Withholding.objects.get(task=world.tasks[3])
    page = office.get(url).content.decode()
    assert "涉及项目选址" in page and 'id="task-withheld"' in page
    office.post(url, {"action": "lift", "id": mark.pk, "reason": "选址已公示"})
    mark.refresh_from_db()
    assert mark.lift_reason == "选址已公示" and mark.lifted_by == world.users["office"]


def test_only_the_office_marks(world, as_user):
    url = reverse("task_disclosure", args=[world.tasks[3].pk])
    data = {"action": "withhold_task", "reason": "x"}
    assert as_user(world.users["leader"]).post(url, data).status_code == 403
    assert as_user(world.users["unit_a"]).post(url, data).status_code == 403
    assert as_user(world.users["other_office"]).post(url, data).status_code == 404
    assert not Withholding.objects.exists()


def test_a_public_file_made_before_the_mark_is_not_served_after_it(world, as_user):
    office = world.users["office"]
    period_publish(world.q3, actor=office)
    url = reverse("public_docx", args=[world.q3.pk])
    assert HIDDEN_TARGET in _docx_text(download(as_user(None), url).content)
    services.withhold(world.tasks[2], reason="涉及未公开的财政数据", actor=office)
    assert HIDDEN_TARGET not in _docx_text(download(as_user(None), url).content)
