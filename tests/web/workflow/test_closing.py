"""办结销号: the lead unit applies to close a task with its report's evidence, the office returns
it with a comment or approves it with a grade; the closed task reads 已办结 on every page that
lists it, the next round has no slot for it, its grade is a point of the unit assessment, and
every step is an audit event. Nobody else applies or decides; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

STATEMENT = "三项指标均已完成，佐证材料见附件。"


def apply(client, world, statement=STATEMENT):
    draft = world.drafts["区发改局"]
    return client.post(reverse("closing_apply", args=[draft.pk]), {"statement": statement})


def decide(client, world, **data):
    return client.post(reverse("closing_decide", args=[world.tasks[1].pk]), data)


def test_the_whole_flow_closes_the_task_everywhere(world, as_user):
    from duban.web.audit.models import AuditEvent
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.plans.models import Period, Report
    from duban.web.workflow.models import Closing
    from tests.web.evidence.conftest import evidence_photo

    photo = evidence_photo(world, world.drafts["区发改局"])
    reporter = as_user(world.users["unit_a"])
    editor = reporter.get(reverse("report_edit", args=[world.drafts["区发改局"].pk]))
    assert 'id="closing-apply"' in editor.content.decode()
    response = apply(reporter, world)
    assert response.status_code == 302
    assert Closing.objects.get().state == "pending"

    office = as_user(world.users["office"])
    page = office.get(reverse("task", args=[world.tasks[1].pk])).content.decode()
    assert STATEMENT in page and 'id="closing-decide"' in page
    assert reverse("evidence_file", args=[photo.pk]) in page  # the report's evidence goes with it
    assert decide(office, world, decision="return", comment="请补充验收材料").status_code == 302
    returned = Closing.objects.get()
    assert (returned.state, returned.comment, returned.grade) == ("returned", "请补充验收材料", "")

    reporter = as_user(world.users["unit_a"])
    assert apply(reporter, world, "已补充验收材料。").status_code == 302
    office = as_user(world.users["office"])
    assert decide(office, world, decision="approve", grade="good").status_code == 302
    rows = list(Closing.objects.order_by("pk").values_list("state", "grade"))
    assert rows == [("returned", ""), ("approved", "good")]  # the returned one is kept
    assert list(
        AuditEvent.objects.filter(action__startswith="closing_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["closing_apply", "closing_return", "closing_apply", "closing_approve"]

    # 已办结 in the one judgement, from the period of the application's report on…
    q4 = period_judgement(world.plan, world.q4).tasks[world.tasks[1].pk]
    assert (q4.verdict, q4.label, q4.light) == ("closed", "已办结", "green")
    assert "评定良好" in q4.explanation
    assert period_judgement(world.plan, world.q4).counts()["closed"] == 1
    # …while the history before it stands as judged.
    assert period_judgement(world.plan, world.q3).tasks[world.tasks[1].pk].verdict != "closed"

    # …on every page that lists the task.
    mark = "verdict-closed light-green"
    task_page = office.get(reverse("task", args=[world.tasks[1].pk]) + f"?period={world.q4.pk}")
    assert mark in task_page.content.decode() and 'id="closed"' in task_page.content.decode()
    overview = office.get(reverse("plan", args=[world.plan.pk]) + f"?period={world.q4.pk}")
    assert mark in overview.content.decode()
    unit = office.get(reverse("unit", args=[world.units["区发改局"].pk]) + f"?period={world.q4.pk}")
    assert mark in unit.content.decode()
    Period.objects.filter(pk=world.q4.pk).update(state=Period.State.PUBLISHED)
    public = as_user(None).get(reverse("public_task", args=[world.q4.pk, 1]))
    assert "● 已办结" in public.content.decode()

    # The assessment: the grade is a point of the lead unit in the period it closed in.
    office = as_user(world.users["office"])
    ranking = office.get(reverse("assessment", args=[world.plan.pk]) + f"?period={world.q4.pk}")
    assert "办结评定：良好" in ranking.content.decode()
    csv = office.get(
        reverse("assessment_csv", args=[world.plan.pk]) + f"?period={world.q4.pk}"
    ).content.decode("utf-8-sig")
    assert "区发改局,1,办结评定：良好,2," in csv

    # The next round has no slot for the closed task; the others have theirs.
    Period.objects.filter(pk=world.q4.pk).update(state=Period.State.CLOSED)
    from duban.web.rounds.services import round_open

    opened = round_open(
        world.plan, label="全年", end_month=12, kind="year", actor=world.users["office"]
    )
    slots = Report.objects.filter(period=opened.period)
    assert not slots.filter(task=world.tasks[1]).exists()
    assert slots.filter(task=world.tasks[2]).exists()
    assert Report.objects.filter(period=world.q4, task=world.tasks[1]).count() == 2  # history

    # In that round the task is still 已办结, nobody is 未报送 on it, and the bulletin counts it
    # as 已办结, apart from 已完成; the dashboard's share of done tasks includes it.
    later = period_judgement(world.plan, opened.period)
    assert later.tasks[world.tasks[1].pk].verdict == "closed"
    assert all(1 not in seqs for seqs in later.missing.values())
    from duban.core.render.bulletin_data import verdict_counts
    from duban.web.dashboard.verdicts import for_documents
    from duban.web.plans import seam

    counts = verdict_counts(seam.to_core(world.plan, opened.period), for_documents(later))
    assert (counts["closed"], sum(counts.values())) == (1, 3)


@pytest.mark.parametrize("who, status", [("unit_b", 403), ("office", 403), ("leader", 403)])
def test_only_the_lead_unit_applies(world, as_user, who, status):
    from duban.web.workflow.models import Closing

    client = as_user(world.users[who])
    draft = world.drafts["区发改局"] if who != "unit_b" else world.drafts["底阁镇"]
    response = client.post(reverse("closing_apply", args=[draft.pk]), {"statement": STATEMENT})
    assert response.status_code == status
    assert not Closing.objects.exists()


def test_a_co_unit_is_told_it_cannot_apply(world, as_user):
    from duban.web.workflow.models import Closing

    client = as_user(world.users["unit_b"])  # 底阁镇: co-unit of task 1, on its own slot
    response = client.post(
        reverse("closing_apply", args=[world.drafts["底阁镇"].pk]), {"statement": STATEMENT}
    )
    assert response.status_code == 403
    assert "只有任务的牵头单位可以申请办结。" in response.content.decode()
    assert not Closing.objects.exists()


def test_anonymous_is_sent_to_log_in(world, as_user):
    from duban.web.workflow.models import Closing

    for response in (apply(as_user(None), world), decide(as_user(None), world, decision="x")):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not Closing.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("unit_a", 403), ("unit_b", 403), ("leader", 403), ("other_office", 404)]
)
def test_only_the_office_decides(world, as_user, who, status):
    from duban.web.workflow.models import Closing

    apply(as_user(world.users["unit_a"]), world)
    response = decide(as_user(world.users[who]), world, decision="approve", grade="excellent")
    assert response.status_code == status
    assert Closing.objects.get().state == "pending"


def test_approving_without_a_grade_is_refused(world, as_user):
    from duban.web.audit.models import AuditEvent
    from duban.web.workflow.models import Closing

    apply(as_user(world.users["unit_a"]), world)
    office = as_user(world.users["office"])
    for grade in ("", "very good"):
        response = decide(office, world, decision="approve", grade=grade)
        assert response.status_code == 400
        assert "批准办结须评定等次（优秀、良好、合格或不合格）。" in response.content.decode()
    response = decide(office, world, decision="return", comment=" ")
    assert (response.status_code, "退回办结申请须填写意见。" in response.content.decode()) == (
        400,
        True,
    )
    assert Closing.objects.get().state == "pending"
    assert not AuditEvent.objects.filter(action__in=["closing_approve", "closing_return"]).exists()


def test_applying_twice_or_empty_is_refused(world, as_user):
    from duban.web.workflow.models import Closing

    reporter = as_user(world.users["unit_a"])
    empty = apply(reporter, world, "  ")
    assert (empty.status_code, "请填写办结说明。" in empty.content.decode()) == (400, True)
    assert not Closing.objects.exists()
    apply(reporter, world)
    again = apply(reporter, world, "再次申请")
    assert again.status_code == 409
    assert "该任务已有待审核的办结申请。" in again.content.decode()
    assert Closing.objects.count() == 1

    as_user(world.users["office"])
    decide(as_user(world.users["office"]), world, decision="approve", grade="pass")
    closed = apply(as_user(world.users["unit_a"]), world, "再次申请")
    assert (closed.status_code, "该任务已办结。" in closed.content.decode()) == (409, True)
    twice = decide(as_user(world.users["office"]), world, decision="approve", grade="fail")
    assert (twice.status_code, "该任务没有待审核的办结申请。" in twice.content.decode()) == (
        409,
        True,
    )
    assert list(Closing.objects.values_list("state", "grade")) == [("approved", "pass")]
