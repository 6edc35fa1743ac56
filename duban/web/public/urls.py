from django.urls import path

from duban.web.public import views

urlpatterns = [
    path("", views.public_index, name="public_index"),
    path("<id:period_id>/", views.public_period, name="public_period"),
    path("<id:period_id>/tasks/<id:seq>/", views.public_task, name="public_task"),
    path("<id:period_id>/table.docx", views.public_download, {"fmt": "docx"}, name="public_docx"),
    path("<id:period_id>/table.pdf", views.public_download, {"fmt": "pdf"}, name="public_pdf"),
]
