"""URLs: pages by id; every view checks access itself (access.py). Ids in paths are `<id:…>`
(params.py): ASCII digits within bounds, anything else matches no route (404)."""

from django.contrib import admin
from django.urls import include, path, register_converter

from duban.web import home
from duban.web.params import IdConverter
from duban.web.plans import downloads, views
from duban.web.rounds import views as rounds

register_converter(IdConverter, "id")  # before the includes below read their routes
handler400 = "duban.web.plans.views.bad_request"

admin.site.site_header = admin.site.site_title = "督办 后台管理"
admin.site.index_title = "数据维护"

urlpatterns = [
    path("", home.home, name="home"),
    path("plans/<id:plan_id>/", views.plan_page, name="plan"),
    path("periods/<id:period_id>/table.docx", downloads.table_docx, name="period_table_docx"),
    path("periods/<id:period_id>/table.xlsx", downloads.table_xlsx, name="period_table_xlsx"),
    path("periods/<id:period_id>/table.pdf", downloads.table_pdf, name="period_table_pdf"),
    path(
        "periods/<id:period_id>/bulletin.docx",
        downloads.bulletin_docx,
        name="period_bulletin_docx",
    ),
    path("periods/<id:period_id>/bulletin.pdf", downloads.bulletin_pdf, name="period_bulletin_pdf"),
    path(
        "periods/<id:period_id>/units/<id:unit_id>/report.docx",
        downloads.unit_report_docx,
        name="period_unit_report_docx",
    ),
    path("plans/<id:plan_id>/year-end/", views.plan_year_end, name="plan_year_end"),
    path("tasks/<id:task_id>/", views.task_page, name="task"),
    path("units/<id:unit_id>/", views.unit_page, name="unit"),
    path("reports/<id:report_id>/", views.report_page, name="report"),
    path("reports/<id:report_id>/edit/", rounds.report_edit, name="report_edit"),
    path("reports/<id:report_id>/autosave/", rounds.report_autosave, name="report_autosave"),
    path("reports/<id:report_id>/review/", rounds.report_review, name="report_review"),
    path("reports/<id:report_id>/diff/", rounds.report_diff, name="report_diff"),
    path("my/", rounds.my_tasks, name="my_tasks"),
    path("plans/<id:plan_id>/rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<id:period_id>/", rounds.round_page, name="round"),
    path("rounds/<id:period_id>/reminders/", rounds.reminders_page, name="reminders"),
    path("", include("duban.web.rounds.urls")),
    path("", include("duban.web.verdicts.urls")),
    path("", include("duban.web.documents.urls")),
    path("", include("duban.web.orgs.urls")),
    path("", include("duban.web.jobs.urls")),
    path("", include("duban.web.notices.urls")),
    path("search/", include("duban.web.search.urls")),
    path("dashboard/", include("duban.web.dashboard.urls")),
    path("public/", include("duban.web.public.urls")),
    path("", include("duban.web.api.urls")),
    path("", include("duban.web.accounts.urls")),
    path("", include("duban.web.disclosure.urls")),
    path("", include("duban.web.evidence.urls")),
    path("", include("duban.web.workflow.urls")),
    path("", include("duban.web.changes.urls")),
    path("", include("duban.web.cityview.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
