from django.urls import path

from duban.web.workflow import views

urlpatterns = [
    path("reports/<id:report_id>/acknowledge/", views.acknowledge, name="task_acknowledge"),
    path("reports/<id:report_id>/closing/", views.closing_apply_view, name="closing_apply"),
    path("tasks/<id:task_id>/closing/", views.closing_decide_view, name="closing_decide"),
]
