from django.urls import path

from duban.web.disclosure import views

urlpatterns = [
    path("tasks/<id:task_id>/disclosure/", views.task_disclosure, name="task_disclosure"),
    path("periods/<id:period_id>/disclosure/", views.period_disclosure, name="period_disclosure"),
]
