from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "duban.web.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The queue's own rows carry only job ids and are not the office's business: its jobs
        # are on /orgs/<id>/jobs/. Unregistered so no admin escapes the gate (admin_gate.py).
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
