from __future__ import annotations

from django.urls import path

from redthread.control import views

app_name = "control"

urlpatterns = [
    path("", views.index, name="index"),
    # The risk analysis.
    path("risker/", views.risks, name="risks"),
    path("risker/ny/", views.risk_create, name="risk_create"),
    path("risker/<int:pk>/", views.risk_detail, name="risk"),
    path("risker/<int:pk>/andra/", views.risk_edit, name="risk_edit"),
    path("risker/<int:pk>/bedomning/<int:year>/", views.risk_assess, name="risk_assess"),
    # Plans and control points.
    path("planer/", views.plans, name="plans"),
    path("planer/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_detail, name="plan"),
    path("planer/<int:pk>/beslut/", views.plan_decide, name="plan_decide"),
    path("planer/<int:pk>/kontrollmoment/ny/", views.point_create, name="point_create"),
    path("planer/<int:pk>/rapport/<int:period_pk>/", views.report, name="report"),
    path(
        "planer/<int:pk>/rapport/<int:period_pk>/till-ks/",
        views.report_forward,
        name="report_forward",
    ),
    path("kontrollmoment/<int:pk>/", views.point_detail, name="point"),
    path("kontrollmoment/<int:pk>/andra/", views.point_edit, name="point_edit"),
    path(
        "kontrollmoment/<int:pk>/resultat/<int:period_pk>/",
        views.result_record,
        name="result_record",
    ),
    path("gemensamma/", views.common, name="common"),
    path("gemensamma/ny/", views.common_create, name="common_create"),
    path("gemensamma/<int:pk>/andra/", views.common_edit, name="common_edit"),
    # Results, deviations and actions.
    path("resultat/<int:pk>/", views.result_detail, name="result"),
    path("resultat/<int:pk>/avvikelse/ny/", views.deviation_create, name="deviation_create"),
    path(
        "avvikelser/<int:pk>/atgard/ny/",
        views.deviation_action_create,
        name="deviation_action_create",
    ),
    path("atgarder/", views.actions, name="actions"),
    path("atgarder/<int:pk>/", views.action_detail, name="action"),
    path("atgarder/<int:pk>/andra/", views.action_edit, name="action_edit"),
    path("atgarder/<int:pk>/uppfoljning/", views.action_follow_up, name="action_follow_up"),
    # Kommunstyrelsen's evaluation.
    path("utvardering/<int:year>/", views.evaluation, name="evaluation"),
    path("utvardering/<int:year>/andra/", views.evaluation_edit, name="evaluation_edit"),
    path(
        "utvardering/<int:year>/atgard/ny/",
        views.evaluation_action_create,
        name="evaluation_action_create",
    ),
    # Revisionsrapporter.
    path("revision/", views.audit_reports, name="audit_reports"),
    path("revision/ny/", views.audit_report_create, name="audit_report_create"),
    path("revision/<int:pk>/", views.audit_report_detail, name="audit_report"),
    path("revision/<int:pk>/andra/", views.audit_report_edit, name="audit_report_edit"),
    path(
        "revision/<int:pk>/rekommendation/ny/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "rekommendationer/<int:pk>/svar/",
        views.recommendation_answer,
        name="recommendation_answer",
    ),
    path(
        "rekommendationer/<int:pk>/atgard/ny/",
        views.recommendation_action_create,
        name="recommendation_action_create",
    ),
]
