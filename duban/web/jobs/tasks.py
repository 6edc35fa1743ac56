"""The one task the queue carries: run an attempt of a Job (its id is the only argument, so a
queue row is plain JSON and everything else is on the Job)."""

from __future__ import annotations

from django_tasks import TaskContext, task


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    from duban.web.jobs.services import job_attempt

    worker = context.task_result.worker_ids[-1] if context.task_result.worker_ids else ""
    return job_attempt(job_id, worker)
