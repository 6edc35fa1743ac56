"""Writes of background jobs: enqueue with a de-duplication key, run one attempt, retry, recover.

Delivery is at least once: an attempt may run again after a worker dies. A job's key makes the
repeat harmless: enqueueing an existing key returns the existing job (so ten requests for one
file make one job), and each handler writes its effect under that key (one file, one notice).
"""

from __future__ import annotations

import logging
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from duban.core.errors import DubanError
from duban.web.jobs.kinds import kind_of
from duban.web.jobs.models import Job
from duban.web.orgs.models import Organization

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """A job that cannot succeed; its message is one Chinese sentence for the office."""


class JobRetry(Exception):
    """A failure worth another try later (a channel that did not answer)."""


class JobTimeout(Exception):
    """The job ran past its time limit."""


def retry_delay(attempts: int) -> timedelta:
    """Back off: base, 2×base, 4×base ... (DUBAN_JOB_RETRY_SECONDS, 60 by default), at most 1 h."""
    base = float(getattr(settings, "DUBAN_JOB_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _enqueue_attempt(job: Job, run_after: datetime | None = None) -> None:
    """One delivery of the job to the queue (a django-tasks row), in the caller's transaction."""
    from duban.web.jobs.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def job_enqueue(
    kind: str,
    key: str,
    *,
    label: str,
    params: dict[str, Any] | None = None,
    organization: Organization | None = None,
    user=None,
    public: bool = False,
    timeout: int | None = None,
) -> Job:
    """The job of this key: a new one queued, or the one that exists (queued, running, done),
    or a failed one queued again. Safe when many requests race for one key."""
    spec = kind_of(kind)
    existing = Job.objects.filter(key=key).first()
    if existing is None:
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind,
                    key=key,
                    label=label[:200],
                    organization=organization,
                    requested_by=user if user is not None and user.is_authenticated else None,
                    public=public,
                    params=params or {},
                    max_attempts=spec.max_attempts,
                    timeout=timeout or spec.timeout,
                )
                _enqueue_attempt(job)
                return job
        except IntegrityError:
            existing = Job.objects.get(key=key)  # another request made it first
    if existing.state == Job.State.FAILED:
        job_again(existing)
        existing.refresh_from_db()
    return existing


def job_again(job: Job) -> bool:
    """Queue a finished job once more (a failed export asked for again, a file swept away).
    Of several callers at once, one wins; returns whether this one did."""
    with transaction.atomic():
        won = Job.objects.filter(pk=job.pk, state__in=(Job.State.FAILED, Job.State.DONE)).update(
            state=Job.State.QUEUED, attempts=0, error="", progress=0, step="", finished_at=None
        )
        if won:
            _enqueue_attempt(job)
    return bool(won)


@dataclass
class JobContext:
    """What a handler may do besides its work: report progress."""

    job: Job

    def progress(self, percent: int, step: str = "") -> None:
        percent = max(0, min(int(percent), 99))
        Job.objects.filter(pk=self.job.pk).update(progress=percent, step=step[:200])
        self.job.progress, self.job.step = percent, step


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise JobTimeout in the job after `seconds` (main thread only: the worker's)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise JobTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def job_attempt(job_id: int, worker: str = "") -> str:
    """Run one attempt of the job; returns its state afterwards. Never raises for the job's own
    failures: they are recorded on the job (and retried when worth it)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        worker=worker[:64],
        error="",
    )
    if not claimed:  # a repeated delivery of a job already running or finished: nothing to do
        return Job.objects.filter(pk=job_id).values_list("state", flat=True).first() or "gone"
    job = Job.objects.get(pk=job_id)
    handler: Callable[[Job, JobContext], dict | None] = import_string(kind_of(job.kind).handler)
    try:
        with _time_limit(job.timeout):
            result = handler(job, JobContext(job))
    except JobTimeout:
        return _failed(job, f"超过时限（{job.timeout} 秒）未完成", retry=True)
    except JobRetry as exc:
        return _failed(job, str(exc), retry=True)
    except (JobFailed, DubanError) as exc:
        return _failed(job, str(exc), retry=False)
    except Exception as exc:  # anything else may be passing (a database busy, a disk full)
        logger.error("job %s (%s) failed:\n%s", job.pk, job.kind, traceback.format_exc())
        return _failed(job, f"内部错误（{type(exc).__name__}: {str(exc)[:200]}）", retry=True)
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.DONE,
        progress=100,
        step="",
        result=result or {},
        finished_at=timezone.now(),
    )
    return Job.State.DONE


def _failed(job: Job, message: str, *, retry: bool) -> str:
    """Record a failed attempt: queued again after a delay while tries remain, else failed."""
    job.refresh_from_db()
    again = retry and job.attempts < job.max_attempts
    with transaction.atomic():
        if again:
            Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, error=message, step="")
            _enqueue_attempt(job, timezone.now() + retry_delay(job.attempts))
        else:
            Job.objects.filter(pk=job.pk).update(
                state=Job.State.FAILED, error=message, step="", finished_at=timezone.now()
            )
    logger.warning("job %s (%s) attempt %s: %s", job.pk, job.kind, job.attempts, message)
    return Job.State.QUEUED if again else Job.State.FAILED


LOST = "工作进程中断，未能完成"


def job_recover_stale(now: datetime | None = None) -> int:
    """Jobs left running by a worker that died (SIGKILL, power loss): once past their timeout
    plus a grace, the attempt counts as failed and the job is queued again at once (or failed,
    when it has used up its tries). Any worker may run this; one wins each job. Returns how many.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    # A live worker ends a job at its timeout, so a job running past it (and a grace for the
    # worker's own bookkeeping) has lost its worker.
    grace = float(getattr(settings, "DUBAN_JOB_GRACE_SECONDS", 30))
    recovered = 0
    running = Job.objects.filter(state=Job.State.RUNNING, started_at__isnull=False)
    for job in running.only("pk", "timeout", "started_at", "attempts", "max_attempts", "task_id"):
        assert job.started_at is not None  # the filter above
        if job.started_at + timedelta(seconds=job.timeout + grace) > now:
            continue
        again = job.attempts < job.max_attempts
        with transaction.atomic():
            won = Job.objects.filter(
                pk=job.pk, state=Job.State.RUNNING, started_at=job.started_at
            ).update(
                state=Job.State.QUEUED if again else Job.State.FAILED,
                error=LOST,
                step="",
                finished_at=None if again else now,
            )
            if not won:
                continue
            if job.task_id:  # close the lost attempt's queue row, left RUNNING by the dead worker
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=now, exception_class_path="WorkerLost"
                )
            if again:
                _enqueue_attempt(job)
        logger.warning(
            "job %s: its worker was lost; %s", job.pk, "queued again" if again else "failed"
        )
        recovered += 1
    return recovered
