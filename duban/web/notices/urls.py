from django.urls import path

from duban.web.notices import views

urlpatterns = [
    path("units/<id:unit_id>/contacts/", views.unit_contacts, name="unit_contacts"),
    path("orgs/<id:org_id>/notices/", views.notice_settings, name="notice_settings"),
]
