from __future__ import annotations

from django.urls import path

from redthread.analysis.views import indicator, kpi, pending

app_name = "analysis"

urlpatterns = [
    path("", kpi.overview, name="overview"),
    path("nyckeltal/<str:code>/", kpi.kpi_detail, name="kpi"),
    path("nyckeltal/<str:code>/excel/", kpi.kpi_excel, name="kpi_excel"),
    path("indikatorer/<int:pk>/", indicator.indicator_analysis, name="indicator"),
    path("vantande/", pending.pending_list, name="pending"),
    path("vantande/<int:pk>/<str:action>/", pending.pending_resolve, name="pending_resolve"),
    path("hamtningar/", kpi.sync_log, name="syncs"),
]
