from django.urls import path

from duban.web.orgs import views

urlpatterns = [
    path("orgs/<id:org_id>/settings/", views.org_settings, name="org_settings"),
    path("orgs/<id:org_id>/units/", views.units_page, name="org_units"),
    path("orgs/<id:org_id>/units/merge/", views.unit_merge, name="org_unit_merge"),
    path("orgs/<id:org_id>/units/file/", views.units_file_upload, name="org_units_upload"),
    path("orgs/<id:org_id>/units.toml", views.units_file_download, name="org_units_file"),
    path("orgs/<id:org_id>/units/<id:unit_id>/", views.unit_change, name="org_unit_change"),
]
