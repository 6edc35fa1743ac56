from django.urls import path

from duban.web.workflow import views

urlpatterns = [
    path("reports/<id:report_id>/acknowledge/", views.acknowledge, name="task_acknowledge"),
]
