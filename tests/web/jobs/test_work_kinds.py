"""The other heavy work done by the worker: the judgement warm-up once a round closes, the
search re-indexing, the nightly backup with its rotation."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from django.utils import timezone

from tests.web.conftest import run_jobs


def test_closing_a_round_queues_its_judgement_for_the_worker(world):
    from django.core.cache import cache

    from duban.web.jobs.models import Job
    from duban.web.rounds.services import round_close
    from duban.web.verdicts.cache import key

    round_close(world.q4, actor=world.users["office"])
    job = Job.objects.get(kind="judgement_warm")
    assert (job.state, job.params) == ("queued", {"period": world.q4.pk})
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.result) == ("done", {"periods": [world.q4.pk]})
    assert cache.get(key(world.plan, world.q4, world.q3)) is not None


def test_duban_reindex_rebuilds_the_search_in_the_background(world):
    from duban.cli import main
    from duban.web.jobs.models import Job
    from duban.web.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    result = CliRunner().invoke(main, ["reindex"])
    assert result.exit_code == 0 and "已排队" in result.output
    run_jobs()
    job = Job.objects.get(kind="search_reindex")
    assert job.state == "done" and job.result["plans"] == 2
    assert SearchEntry.objects.count() == job.result["entries"] > 0


def test_the_nightly_backup_keeps_the_newest_files_only(tmp_path, settings, monkeypatch):
    from duban.web.jobs import housekeeping
    from duban.web.jobs.models import Job

    settings.DUBAN_BACKUP_DIR = str(tmp_path)
    settings.DUBAN_BACKUP_KEEP = 2
    made = []

    def fake_backup(path):  # the backup service itself is tests/web/test_backup.py's
        path.write_bytes(b"SQLite format 3\\x00")
        made.append(path.name)
        return path

    monkeypatch.setattr("duban.web.backup.backup", fake_backup)
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        job = Job(key=f"backup:{day}", kind="backup", params={})
        housekeeping.nightly_backup(job, ctx=_Quiet())
    assert made == ["duban-2026-03-01.backup", "duban-2026-03-02.backup", "duban-2026-03-03.backup"]
    assert sorted(p.name for p in tmp_path.iterdir()) == made[1:]


class _Quiet:
    def progress(self, percent: int, step: str = "") -> None:
        pass


def test_the_scheduler_queues_the_backup_once_a_night_after_its_hour(db, settings):
    from duban.web.jobs.models import Job
    from duban.web.jobs.schedule import tick

    settings.DUBAN_BACKUP_HOUR = 2
    night = timezone.make_aware(dt.datetime(2026, 3, 2, 1, 30))
    tick(night)
    assert not Job.objects.filter(kind="backup").exists()
    for minutes in (60, 61, 300):
        tick(night + dt.timedelta(minutes=minutes))
    assert list(Job.objects.filter(kind="backup").values_list("key", flat=True)) == [
        "backup:2026-03-02"
    ]


def test_duban_tick_says_what_is_wrong_with_a_moment_it_cannot_read(db):
    from duban.cli import main

    result = CliRunner().invoke(main, ["tick", "--at", "明天早上"])
    assert result.exit_code == 2
    assert "时间应写作 YYYY-MM-DDTHH:MM，而不是 '明天早上'" in result.output
