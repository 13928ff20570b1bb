from __future__ import annotations

from django.urls import path

from redthread.projects.views import parts, portfolio, project

app_name = "projects"

urlpatterns = [
    path("", portfolio.portfolio, name="portfolio"),
    path("projektmodell/", portfolio.model, name="model"),
    path("ny/", project.create, name="create"),
    path("<int:pk>/", project.detail, name="detail"),
    path("<int:pk>/andra/", project.edit, name="edit"),
    path("<int:pk>/beslutspunkter/", project.tollgate_plan, name="tollgate_plan"),
    path("<int:pk>/beslutspunkter/<int:order>/", project.tollgate, name="tollgate"),
    path("<int:pk>/status/ny/", parts.status_report, name="status_report"),
    path("<int:pk>/risker/ny/", parts.risk, name="risk_create"),
    path("<int:pk>/risker/<int:risk_pk>/", parts.risk, name="risk_edit"),
    path("<int:pk>/effektmal/ny/", parts.effect_goal, name="goal_create"),
    path("<int:pk>/effektmal/<int:goal_pk>/", parts.effect_goal, name="goal_edit"),
]
