from django.urls import path

from duban.web.disclosure import views

urlpatterns = [
    path("tasks/<id:task_id>/disclosure/", views.task_disclosure, name="task_disclosure"),
]
