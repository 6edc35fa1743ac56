"""保密审查: before publishing, the office sees exactly what will become public — tasks, reports,
files — with what is marked 不宜公开 shown as left out (and why), and a report not accepted left
out by its state; the page publishes nothing; after publishing, the public reads exactly the
items the page said."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from duban.web.access import restrict
from duban.web.disclosure import services
from duban.web.disclosure.review import period_review
from duban.web.plans.models import Period, Report, Task
from duban.web.rounds.services import period_publish


def _closed_and_marked(world):
    office = world.users["office"]
    Period.objects.filter(pk=world.q3.pk).update(state=Period.State.CLOSED)
    world.q3.refresh_from_db()
    services.withhold(world.tasks[2], reason="涉及未公开的财政数据", actor=office)
    report = Report.objects.get(period=world.q3, unit=world.units["底阁镇"])
    services.withhold(report, reason="涉及企业经营信息", actor=office)
    submitted = Report.objects.get(period=world.q3, task=world.tasks[3])
    submitted.state = Report.State.SUBMITTED  # sent, never reviewed
    submitted.save()
    return world


def _lines(review):
    tasks = {
        line.task.seq: (line.public, line.mark.reason if line.mark else None)
        for line in review.tasks
    }
    reports = {
        (line.report.task.seq, line.report.unit.name if line.report.unit else None): (
            line.public,
            line.why_not,
        )
        for line in review.reports
    }
    return tasks, reports


def test_it_lists_what_becomes_public_and_what_is_left_out(world):
    _closed_and_marked(world)
    tasks, reports = _lines(period_review(world.q3))
    assert tasks == {1: (True, None), 2: (False, "涉及未公开的财政数据"), 3: (True, None)}
    assert reports == {
        (1, "区发改局"): (True, ""),
        (1, "底阁镇"): (False, "report"),
        (2, "区财政局"): (False, "task"),
        (3, "区工信局"): (False, "state"),  # the lead unit answers for the unnamed report
    }


def test_the_review_publishes_nothing(world):
    _closed_and_marked(world)
    period_review(world.q3)
    world.q3.refresh_from_db()
    assert world.q3.state == Period.State.CLOSED
    assert not restrict(Task.objects.filter(plan=world.plan), AnonymousUser()).exists()


def test_after_publishing_the_public_reads_exactly_what_the_review_said(world):
    _closed_and_marked(world)
    review = period_review(world.q3)
    period_publish(world.q3, actor=world.users["office"])
    visitor = AnonymousUser()
    public_tasks = set(restrict(Task.objects.filter(plan=world.plan), visitor))
    public_reports = set(restrict(Report.objects.filter(period=world.q3), visitor))
    assert public_tasks == {line.task for line in review.tasks if line.public}
    assert public_reports == {line.report for line in review.reports if line.public}


def test_the_office_sees_the_page_with_the_reasons(world, client):
    _closed_and_marked(world)
    client.force_login(world.users["office"])
    response = client.get(reverse("period_disclosure", args=[world.q3.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="task-{world.tasks[2].pk}" class="left-out"' in page
    assert "涉及未公开的财政数据" in page and "涉及企业经营信息" in page
    assert f'id="task-{world.tasks[1].pk}" class="public"' in page
    assert 'id="review-files"' in page
    assert reverse("period_publish", args=[world.q3.pk]) in page  # on to the confirmation


def test_only_the_office_reviews(world, client):
    url = reverse("period_disclosure", args=[world.q3.pk])
    for user, status in (
        (world.users["leader"], 403),
        (world.users["unit_a"], 403),
        (world.users["other_office"], 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_publish_confirmation_links_to_the_review(world, client):
    Period.objects.filter(pk=world.q3.pk).update(state=Period.State.CLOSED)
    client.force_login(world.users["office"])
    response = client.get(reverse("period_publish", args=[world.q3.pk]))
    assert response.status_code == 200
    assert f'href="{reverse("period_disclosure", args=[world.q3.pk])}"' in response.content.decode()
