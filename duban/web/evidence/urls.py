from django.urls import path

from duban.web.evidence import views

urlpatterns = [
    path("reports/<id:report_id>/evidence/", views.upload, name="evidence_upload"),
    path("evidence/<id:attachment_id>/", views.download, name="evidence_file"),
    path("evidence/<id:attachment_id>/thumbnail/", views.thumbnail, name="evidence_thumbnail"),
    path("evidence/<id:attachment_id>/remove/", views.remove, name="evidence_remove"),
    path("orgs/<id:org_id>/evidence/", views.settings_page, name="evidence_settings"),
]
