"""The queue: one job per de-duplication key, a finished file served until the data changes,
failures retried then recorded, time limits, and jobs whose worker died taken again."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.web.conftest import run_jobs


def _kind(monkeypatch, name: str, handler: str, **extra) -> None:
    from duban.web.jobs import kinds

    monkeypatch.setitem(kinds.KINDS, name, kinds.Kind(handler, name, **extra))


def fails_to_reach(job, ctx):
    from duban.web.jobs.services import JobRetry

    raise JobRetry("127.0.0.1:9 没有响应（连接被拒绝）")


def refuses_input(job, ctx):
    from duban.web.jobs.services import JobFailed

    raise JobFailed("参数有误：没有这个报送期")


def sleeps(job, ctx):
    ctx.progress(50, "等待中")
    time.sleep(job.params["seconds"])
    return {"slept": job.params["seconds"]}


def _queue_rows() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.count()


def test_it_makes_one_job_and_one_file_for_ten_requests_of_one_export(world, settings):
    from django.core.files.storage import default_storage

    from duban.web.jobs.exports import export_request
    from duban.web.jobs.models import Job

    jobs = {export_request(world.q3, "table", "docx").pk for _ in range(10)}
    assert len(jobs) == 1 and Job.objects.count() == 1 and _queue_rows() == 1
    assert run_jobs() == 1
    job = Job.objects.get()
    assert (job.state, job.attempts, job.progress) == ("done", 1, 100)
    folder = f"exports/{world.org.pk}"
    assert default_storage.listdir(folder)[1] == [job.result["file"].rsplit("/", 1)[1]]
    assert job.result["name"] == "2021年第三季度落实情况表.docx"


def test_it_serves_the_finished_file_again_until_the_data_changes(world):
    from duban.web.jobs.exports import export_request
    from duban.web.plans.models import Report

    first = export_request(world.q4, "table", "xlsx")
    run_jobs()
    again = export_request(world.q4, "table", "xlsx")
    assert (again.pk, again.state) == (first.pk, "done")
    assert run_jobs() == 0  # nothing made twice

    report = world.drafts["区发改局"]
    Report.objects.filter(pk=report.pk).update(text="改过的草稿", version=report.version + 1)
    changed = export_request(world.q4, "table", "xlsx")
    assert changed.pk != first.pk and changed.state == "queued"


def test_it_makes_a_finished_export_again_when_its_file_was_swept(world):
    from django.core.files.storage import default_storage

    from duban.web.jobs.exports import export_request

    job = export_request(world.q3, "table", "docx")
    run_jobs()
    job.refresh_from_db()
    default_storage.delete(job.result["file"])
    again = export_request(world.q3, "table", "docx")
    assert (again.pk, again.state) == (job.pk, "queued")
    run_jobs()
    again.refresh_from_db()
    assert again.state == "done" and default_storage.exists(again.result["file"])


def test_it_retries_a_failing_job_later_and_records_each_reason(db, monkeypatch, settings):
    from duban.web.jobs.services import job_enqueue

    settings.DUBAN_JOB_RETRY_SECONDS = 0  # the next try at once, so the test sees all three
    _kind(monkeypatch, "flaky", "tests.web.jobs.test_queue.fails_to_reach", max_attempts=3)
    job = job_enqueue("flaky", "flaky:1", label="发送")
    assert run_jobs() == 3
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 3)
    assert job.error == "127.0.0.1:9 没有响应（连接被拒绝）"
    assert _queue_rows() == 3


def test_it_waits_before_trying_again(db, monkeypatch):
    from duban.web.jobs.services import job_enqueue

    _kind(monkeypatch, "flaky", "tests.web.jobs.test_queue.fails_to_reach", max_attempts=3)
    job = job_enqueue("flaky", "flaky:2", label="发送")
    assert run_jobs() == 1  # the second try is not ready yet (60 s later)
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("queued", 1)
    assert job.error.startswith("127.0.0.1:9")


def test_it_does_not_retry_a_job_that_cannot_succeed(db, monkeypatch):
    from duban.web.jobs.services import job_enqueue

    _kind(monkeypatch, "wrong", "tests.web.jobs.test_queue.refuses_input")
    job = job_enqueue("wrong", "wrong:1", label="导出")
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("failed", 1, "参数有误：没有这个报送期")


def test_it_queues_a_failed_job_again_when_it_is_asked_for_again(db, monkeypatch):
    from duban.web.jobs.services import job_enqueue

    _kind(monkeypatch, "wrong", "tests.web.jobs.test_queue.refuses_input")
    job = job_enqueue("wrong", "wrong:2", label="导出")
    run_jobs()
    again = job_enqueue("wrong", "wrong:2", label="导出")
    assert (again.pk, again.state, again.attempts, again.error) == (job.pk, "queued", 0, "")


def test_it_ends_a_job_at_its_time_limit(db, monkeypatch, settings):
    from duban.web.jobs.services import job_enqueue

    _kind(monkeypatch, "slow", "tests.web.jobs.test_queue.sleeps", max_attempts=1)
    job = job_enqueue("slow", "slow:1", label="慢", params={"seconds": 5}, timeout=1)
    started = time.monotonic()
    run_jobs()
    assert time.monotonic() - started < 4
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "超过时限（1 秒）未完成")


def test_it_takes_again_a_job_left_running_past_its_timeout(db, monkeypatch):
    from duban.web.jobs.models import Job
    from duban.web.jobs.services import LOST, job_enqueue, job_recover_stale

    _kind(monkeypatch, "slow", "tests.web.jobs.test_queue.sleeps")
    job = job_enqueue("slow", "slow:2", label="慢", params={"seconds": 0}, timeout=60)
    # A worker claimed it, then died: the row says running, started long ago.
    started = timezone.now() - timedelta(seconds=60 + 31)
    Job.objects.filter(pk=job.pk).update(state="running", attempts=1, started_at=started)
    assert job_recover_stale(started + timedelta(seconds=60)) == 0  # not past timeout + grace
    assert job_recover_stale() == 1
    job.refresh_from_db()
    assert (job.state, job.error) == ("queued", LOST)
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == ("done", 2, {"slept": 0})


def test_it_fails_a_lost_job_that_used_up_its_tries(db, monkeypatch):
    from duban.web.jobs.models import Job
    from duban.web.jobs.services import LOST, job_enqueue, job_recover_stale

    _kind(monkeypatch, "slow", "tests.web.jobs.test_queue.sleeps", max_attempts=1)
    job = job_enqueue("slow", "slow:3", label="慢", params={"seconds": 0}, timeout=10)
    Job.objects.filter(pk=job.pk).update(
        state="running", attempts=1, started_at=timezone.now() - timedelta(hours=1)
    )
    assert job_recover_stale() == 1
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", LOST)


@pytest.mark.parametrize("who, seen", [("office", 200), ("leader", 200), ("unit_a", 403)])
def test_the_office_follows_its_jobs_on_a_page(world, as_user, who, seen):
    from duban.web.jobs.exports import export_request

    job = export_request(world.q3, "table", "docx")
    page = as_user(world.users[who]).get(f"/jobs/{job.pk}/")
    assert page.status_code == seen
    if seen == 200:
        assert "排队中" in page.content.decode()
        run_jobs()
        text = as_user(world.users[who]).get(f"/jobs/{job.pk}/").content.decode()
        assert "已完成" in text and f"/jobs/{job.pk}/file" in text
        listing = as_user(world.users[who]).get(f"/orgs/{world.org.pk}/jobs/").content.decode()
        assert "2021年第三季度落实情况表.docx" in listing


def test_a_download_is_the_file_when_ready_and_the_jobs_page_before(world, as_user):
    client = as_user(world.users["office"])
    first = client.get(f"/periods/{world.q3.pk}/table.docx")
    assert first.status_code == 302 and first["Location"].startswith("/jobs/")
    run_jobs()
    ready = client.get(f"/periods/{world.q3.pk}/table.docx")
    assert ready.status_code == 200
    assert ready["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(ready.streaming_content)[:2] == b"PK"


def test_a_bulletin_with_the_offices_choices_is_its_own_file(world):
    from docx import Document

    from duban.web.jobs.exports import export_request

    plain = export_request(world.q3, "bulletin", "docx")
    numbered = export_request(world.q3, "bulletin", "docx", options={"issue_no": 7})
    assert plain.pk != numbered.pk
    assert export_request(world.q3, "bulletin", "docx", options={"issue_no": 7}).pk == numbered.pk
    run_jobs()
    numbered.refresh_from_db()
    from django.core.files.storage import default_storage

    with default_storage.open(numbered.result["file"], "rb") as f:
        text = "\n".join(p.text for p in Document(f).paragraphs)
    assert "第7期" in text
