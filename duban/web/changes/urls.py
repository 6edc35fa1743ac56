from django.urls import path

from duban.web.changes import views

urlpatterns = [
    path("tasks/<id:task_id>/changes/", views.request_file, name="change_request_file"),
    path(
        "tasks/<id:task_id>/changes/decide/",
        views.request_decide_view,
        name="change_request_decide",
    ),
]
