from django.urls import path

from duban.web.search import views

urlpatterns = [path("", views.search_page, name="search")]
