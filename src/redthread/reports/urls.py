from __future__ import annotations

from django.urls import path

from redthread.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("jobb/<int:pk>/", views.job, name="job"),
    path("jobb/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobb/<int:pk>/fil/", views.job_download, name="job_download"),
    path("jobb/<int:pk>/igen/", views.job_retry, name="job_retry"),
    path("slutliga/<int:pk>/", views.snapshot_download, name="snapshot_download"),
    path("<slug:kind>/", views.report, name="report"),
    path("<slug:kind>/skapa/", views.generate, name="generate"),
    path("<slug:kind>/texter/", views.texts, name="texts"),
    path("<slug:kind>/texter/spara/", views.text_save, name="text_save"),
]
