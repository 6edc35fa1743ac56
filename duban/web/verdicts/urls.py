from django.urls import path

from duban.web.verdicts import views

urlpatterns = [
    path("tasks/<int:task_id>/verdict/", views.override, name="verdict_override"),
    path("orgs/<int:org_id>/lights/", views.lights, name="light_settings"),
]
