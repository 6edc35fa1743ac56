from django.urls import path

from duban.web.changes import settings_page, views

urlpatterns = [
    path("orgs/<id:org_id>/changes/", settings_page.change_settings, name="change_settings"),
    path("tasks/<id:task_id>/changes/", views.request_file, name="change_request_file"),
    path(
        "tasks/<id:task_id>/changes/decide/",
        views.request_decide_view,
        name="change_request_decide",
    ),
]
