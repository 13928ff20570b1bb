from __future__ import annotations

from django.urls import path

from redthread.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search, name="search"),
    path("omrade/<slug:key>/", views.area, name="area"),
    path("historik/<str:model_label>/<int:pk>/", views.history, name="history"),
]
