from django.urls import path

from duban.web.verdicts import views

urlpatterns = [
    path("tasks/<id:task_id>/verdict/", views.override, name="verdict_override"),
    path("orgs/<id:org_id>/lights/", views.lights, name="light_settings"),
]
