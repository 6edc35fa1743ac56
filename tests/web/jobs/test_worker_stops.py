"""`duban worker` stopped mid-job: SIGTERM lets the job finish, then the worker exits; after
SIGKILL the job left "running" is taken again once its timeout has passed. Either way the
export's file is made once. Real processes on one database (tests/web/processes.py)."""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime

import pytest

from tests.web.processes import Site, wait_for

ENQUEUE_PDF = """
from duban.web.plans.models import Period
from duban.web.jobs.exports import export_request
print(export_request(Period.objects.get(), "table", "pdf").pk)
"""


@pytest.fixture
def site(tmp_path, db):
    site = Site(tmp_path / "var")
    site.setup_example()
    yield site
    site.close()


def _job(site: Site, job_id: int) -> tuple:
    return site.sql(
        "SELECT state, attempts, result, error, started_at FROM jobs_job WHERE id = ?", job_id
    )[0]


def _exports(site: Site) -> list[str]:
    folder = site.var / "files" / "exports"
    return sorted(p.name for p in folder.rglob("*.pdf")) if folder.exists() else []


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_it_finishes_the_running_job_on_sigterm_then_stops(site):
    job_id = int(site.python(ENQUEUE_PDF))
    worker = site.start_worker()
    wait_for(lambda: _job(site, job_id)[0] == "running", 60, "the export to start")
    os.killpg(worker.pid, signal.SIGTERM)
    output, _ = worker.communicate(timeout=180)
    assert worker.returncode == 0, output
    state, attempts, _result, error, _ = _job(site, job_id)
    assert (state, attempts, error) == ("done", 1, "")
    assert len(_exports(site)) == 1
    assert "stopping after the running job" in output


def test_it_takes_again_after_its_timeout_a_job_whose_worker_was_killed(site):
    job_id = int(site.python(ENQUEUE_PDF))
    timeout = 20  # longer than the export takes
    site.sql("UPDATE jobs_job SET timeout = ? WHERE id = ?", timeout, job_id)
    first = site.start_worker()
    wait_for(lambda: _job(site, job_id)[0] == "running", 60, "the export to start")
    first_start = _moment(_job(site, job_id)[4])
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    time.sleep(2)
    assert _job(site, job_id)[0] == "running"  # nobody is left to say otherwise

    site.start_worker(DUBAN_JOB_GRACE_SECONDS="1", DUBAN_JOB_HOUSEKEEPING_SECONDS="1")
    wait_for(lambda: _job(site, job_id)[0] == "done", timeout + 120, "the export taken again")
    state, attempts, _result, _error, started = _job(site, job_id)
    assert (state, attempts) == ("done", 2)
    assert (_moment(started) - first_start).total_seconds() >= timeout
    assert len(_exports(site)) == 1
    rows = sorted(
        site.sql("SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult")
    )
    assert rows == [("FAILED", "WorkerLost"), ("SUCCESSFUL", "")]
