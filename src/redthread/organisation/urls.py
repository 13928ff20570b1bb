from __future__ import annotations

from django.urls import path

from redthread.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.chart, name="chart"),
    path("organ/<int:pk>/", views.body_detail, name="body"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit"),
    path("personer/<int:pk>/", views.person_detail, name="person"),
    path("grupper/<int:pk>/", views.group_detail, name="group"),
    path("beslut/", views.decision_list, name="decisions"),
    path("beslut/ny/", views.decision_create, name="decision_create"),
    path("beslut/<int:pk>/", views.decision_detail, name="decision"),
    path("beslut/<int:pk>/andra/", views.decision_edit, name="decision_edit"),
    path("beslut/<int:pk>/bilaga/", views.decision_attachment, name="decision_attachment"),
]
