from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "duban.web.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from duban.web.jobs.resident_pdf import start_resident, stop_resident
        from duban.web.jobs.signals import worker_starting, worker_stopping

        worker_starting.connect(start_resident, dispatch_uid="resident-pdf-start")
        worker_stopping.connect(stop_resident, dispatch_uid="resident-pdf-stop")
        # The queue's own rows carry only job ids and are not the office's business: its jobs
        # are on /orgs/<id>/jobs/. Unregistered so no admin escapes the gate (admin_gate.py).
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
