from django.urls import path

from duban.web.dashboard import views

urlpatterns = [
    path("plans/<id:plan_id>/", views.dashboard_page, name="dashboard"),
    path("plans/<id:plan_id>/screen/", views.screen_page, name="dashboard_screen"),
    path("plans/<id:plan_id>/tasks/", views.tasks_page, name="dashboard_tasks"),
    path("plans/<id:plan_id>/assessment/", views.assessment_page, name="assessment"),
    path(
        "plans/<id:plan_id>/assessment.csv",
        views.assessment_export,
        {"fmt": "csv"},
        name="assessment_csv",
    ),
    path(
        "plans/<id:plan_id>/assessment.xlsx",
        views.assessment_export,
        {"fmt": "xlsx"},
        name="assessment_xlsx",
    ),
]
