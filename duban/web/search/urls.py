from django.urls import path

from duban.web.search import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("synonyms/<id:org_id>/", views.synonyms_page, name="search_synonyms"),
]
