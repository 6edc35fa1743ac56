from django.urls import path

from duban.web.cityview import views

urlpatterns = [
    path("city/<id:org_id>/", views.city_rollup, name="city_rollup"),
    path("orgs/<id:org_id>/sharing/", views.parent_sharing, name="parent_sharing"),
]
