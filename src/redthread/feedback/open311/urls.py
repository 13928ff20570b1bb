"""Open311 GeoReport v2, mounted at /open311/v2/ by redthread/urls.py."""

from __future__ import annotations

from django.urls import path, re_path

from redthread.feedback.open311 import views

app_name = "open311"
FMT = r"(?P<fmt>[A-Za-z0-9]+)"

urlpatterns = [
    path("", views.root, name="root"),
    re_path(rf"^discovery\.{FMT}$", views.discovery, name="discovery"),
    re_path(rf"^services\.{FMT}$", views.services, name="services"),
    re_path(rf"^services/(?P<code>[^/]+)\.{FMT}$", views.service_definition, name="service"),
    re_path(rf"^requests\.{FMT}$", views.requests, name="requests"),
    re_path(
        rf"^requests/(?P<service_request_id>[^/]+)\.{FMT}$", views.request_detail, name="request"
    ),
    re_path(rf"^tokens/(?P<token>[^/]+)\.{FMT}$", views.token, name="token"),
]
