from django.urls import path

from duban.web.jobs import views

urlpatterns = [
    path("jobs/<id:job_id>/", views.job_page, name="job"),
    path("jobs/<id:job_id>/file", views.job_file, name="job_file"),
    path("orgs/<id:org_id>/jobs/", views.jobs_page, name="jobs"),
]
