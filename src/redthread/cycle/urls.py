from __future__ import annotations

from django.urls import path

from redthread.cycle import views

app_name = "cycle"

urlpatterns = [
    path("perioder/", views.period_list, name="periods"),
    path("perioder/<int:pk>/", views.period_detail, name="period"),
    path(
        "perioder/<int:pk>/<str:action>/",
        views.period_transition,
        name="period_transition",
    ),
]
