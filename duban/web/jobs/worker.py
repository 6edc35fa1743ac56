"""`duban worker`: take jobs from the database queue and run them, one at a time, for ever.

Several workers (on one machine or several) share one queue: a queue row is claimed under a
row lock (SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite), so each attempt runs
once. SIGTERM or Ctrl-C lets the running job finish, then the worker exits; a second Ctrl-C
abandons it. A worker killed outright leaves its job "running"; any worker takes it again once
its timeout has passed (services.job_recover_stale). The worker also runs the scheduler
(schedule.tick) every minute unless told not to; `duban tick` does the same once, for cron.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from types import FrameType

from django.conf import settings
from django.db import OperationalError, close_old_connections

from duban.web.jobs.signals import worker_starting, worker_stopping

logger = logging.getLogger("duban.worker")

TICK_SECONDS = 60.0


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def claim_next(worker_id: str):
    """The next ready queue row, claimed for this worker, or None."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

    ready = DBTaskResult.objects.ready().filter(backend_name="default")
    if not ready.exists():  # read first: the idle poll takes no write lock on SQLite
        return None
    try:
        with exclusive_transaction(ready.db):
            found = ready.get_locked()
            if found is not None:
                found.claim(worker_id)
            return found
    except OperationalError as exc:
        if is_locked_database_exception(exc):
            return None
        raise


def run_claimed(row) -> None:
    """Run a claimed queue row's task and record its outcome on the row."""
    from django_tasks import TaskContext

    try:
        task = row.task
        result = row.task_result
        args, kwargs = result.args, result.kwargs
        value = (
            task.call(TaskContext(task_result=result), *args, **kwargs)
            if task.takes_context
            else task.call(*args, **kwargs)
        )
        row.set_successful(value)
    except Exception as exc:  # the job records its own failures; this is the queue's own
        logger.exception("queue row %s failed", row.pk)
        row.set_failed(exc)


@dataclass
class Worker:
    worker_id: str = field(default_factory=new_worker_id)
    interval: float = 1.0
    scheduler: bool = True
    max_jobs: int | None = None  # stop after this many (tests)
    stop_when_idle: bool = False  # stop once nothing is ready (tests, `--burst`)
    stopping: bool = False
    busy: bool = False
    done: int = 0

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping and signum == signal.SIGINT and self.busy:
            raise KeyboardInterrupt  # a second Ctrl-C: abandon the job (it will be taken again)
        self.stopping = True
        logger.warning(
            "%s: %s, stopping%s",
            self.worker_id,
            signal.Signals(signum).name,
            " after the running job" if self.busy else "",
        )

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        if settings.DUBAN_WORKER_NICE:
            os.nice(settings.DUBAN_WORKER_NICE)  # the web server first: it has people waiting
        worker_starting.send(Worker, worker_id=self.worker_id)
        logger.warning("%s: worker started", self.worker_id)
        next_housekeeping = next_tick = 0.0
        try:
            while not self.stopping:
                close_old_connections()
                now = time.monotonic()
                if now >= next_housekeeping:
                    self.housekeeping()
                    next_housekeeping = now + settings.DUBAN_JOB_HOUSEKEEPING_SECONDS
                if self.scheduler and now >= next_tick:
                    self.tick()
                    next_tick = now + TICK_SECONDS
                row = claim_next(self.worker_id)
                if row is not None:
                    self.busy = True
                    try:
                        run_claimed(row)
                    finally:
                        self.busy = False
                    self.done += 1
                    if self.max_jobs is not None and self.done >= self.max_jobs:
                        break
                    continue
                if self.stop_when_idle:
                    break
                self._sleep(self.interval)
        finally:
            worker_stopping.send(Worker, worker_id=self.worker_id)
            close_old_connections()
        logger.warning("%s: worker stopped after %s job(s)", self.worker_id, self.done)
        return self.done

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.1, seconds))

    def housekeeping(self) -> None:
        from duban.web.jobs.services import job_recover_stale

        try:
            job_recover_stale()
        except OperationalError:  # the database busy: next round
            logger.warning("%s: recovery skipped (database busy)", self.worker_id)

    def tick(self) -> None:
        from duban.web.jobs.schedule import tick

        try:
            tick()
        except Exception:  # a broken producer never stops the worker
            logger.exception("%s: scheduler tick failed", self.worker_id)


def run_pending(max_jobs: int = 100, worker_id: str = "inline") -> int:
    """Run what is ready now in this process and return how many ran (tests, `--burst`);
    installs no signal handler, runs no scheduler."""
    done = 0
    while done < max_jobs:
        row = claim_next(worker_id)
        if row is None:
            break
        run_claimed(row)
        done += 1
    return done
