from django.urls import path

from duban.web.rounds import advice
from duban.web.verdicts import views

urlpatterns = [
    path("tasks/<id:task_id>/verdict/", views.override, name="verdict_override"),
    path("orgs/<id:org_id>/lights/", views.lights, name="light_settings"),
    # The editor's advice reads the judgement; kept here beside the other judgement routes.
    path("reports/<id:report_id>/advice/", advice.report_advice, name="report_advice"),
]
