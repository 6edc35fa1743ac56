"""URLs: pages by id; every view checks access itself (access.py)."""

from django.contrib import admin
from django.urls import include, path

from duban.web.plans import downloads, views
from duban.web.rounds import views as rounds

admin.site.site_header = admin.site.site_title = "督办 后台管理"
admin.site.index_title = "数据维护"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("periods/<int:period_id>/table.docx", downloads.table_docx, name="period_table_docx"),
    path("periods/<int:period_id>/table.xlsx", downloads.table_xlsx, name="period_table_xlsx"),
    path("periods/<int:period_id>/table.pdf", downloads.table_pdf, name="period_table_pdf"),
    path(
        "periods/<int:period_id>/bulletin.docx",
        downloads.bulletin_docx,
        name="period_bulletin_docx",
    ),
    path(
        "periods/<int:period_id>/units/<int:unit_id>/report.docx",
        downloads.unit_report_docx,
        name="period_unit_report_docx",
    ),
    path("tasks/<int:task_id>/", views.task_page, name="task"),
    path("units/<int:unit_id>/", views.unit_page, name="unit"),
    path("reports/<int:report_id>/", views.report_page, name="report"),
    path("reports/<int:report_id>/edit/", rounds.report_edit, name="report_edit"),
    path("reports/<int:report_id>/autosave/", rounds.report_autosave, name="report_autosave"),
    path("reports/<int:report_id>/review/", rounds.report_review, name="report_review"),
    path("reports/<int:report_id>/diff/", rounds.report_diff, name="report_diff"),
    path("my/", rounds.my_tasks, name="my_tasks"),
    path("plans/<int:plan_id>/rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:period_id>/", rounds.round_page, name="round"),
    path("rounds/<int:period_id>/reminders/", rounds.reminders_page, name="reminders"),
    path("rounds/<int:period_id>/close/", rounds.round_close, name="round_close"),
    path("periods/<int:period_id>/publish/", views.period_publish, name="period_publish"),
    path("", include("duban.web.verdicts.urls")),
    path("", include("duban.web.documents.urls")),
    path("search/", include("duban.web.search.urls")),
    path("dashboard/", include("duban.web.dashboard.urls")),
    path("public/", include("duban.web.public.urls")),
    path("", include("duban.web.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
