from __future__ import annotations

from django.urls import path

from redthread.documents.views import life, register

app_name = "documents"

urlpatterns = [
    path("", register.register, name="register"),
    path("ny/", register.create, name="create"),
    path("<int:pk>/", register.detail, name="detail"),
    path("<int:pk>/andra/", register.edit, name="edit"),
    path("<int:pk>/filer/ny/", life.upload, name="upload"),
    path("<int:pk>/filer/<int:number>/", life.file, name="file"),
    path("<int:pk>/aktualitetsprovning/", life.review, name="review"),
    path("<int:pk>/revidering/", life.start_revision, name="start_revision"),
    path("<int:pk>/upphav/", life.revoke, name="revoke"),
    path("<int:pk>/kopplingar/", life.link_add, name="link_add"),
    path("kopplingar/<int:pk>/ta-bort/", life.link_delete, name="link_delete"),
]
