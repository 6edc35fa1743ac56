from django.urls import path

from duban.web.documents import views

urlpatterns = [
    path("orgs/<id:org_id>/upload/", views.upload, name="document_upload"),
    path("orgs/<id:org_id>/upload/confirm/", views.confirm, name="document_confirm"),
    path("orgs/<id:org_id>/upload/cancel/", views.cancel, name="document_cancel"),
    # Last: a token would otherwise take "confirm" and "cancel" for itself.
    path("orgs/<id:org_id>/upload/<str:token>/", views.preview, name="document_preview"),
]
