from __future__ import annotations

from django.urls import path

from redthread.quality.views import declarations, processes, proposals, public, reports, surveys

app_name = "quality"

urlpatterns = [
    path("", reports.overview, name="overview"),
    # Kvalitetsdeklarationer, inside.
    path("kvalitetsdeklarationer/", declarations.declaration_list, name="declarations"),
    path("kvalitetsdeklarationer/ny/", declarations.declaration_create, name="declaration_create"),
    path("kvalitetsdeklarationer/<int:pk>/", declarations.declaration_detail, name="declaration"),
    path(
        "kvalitetsdeklarationer/<int:pk>/andra/",
        declarations.declaration_edit,
        name="declaration_edit",
    ),
    path(
        "kvalitetsdeklarationer/<int:pk>/faststall/",
        declarations.declaration_decide,
        name="declaration_decide",
    ),
    path(
        "kvalitetsdeklarationer/<int:pk>/loften/ny/",
        declarations.promise_edit,
        name="promise_create",
    ),
    path(
        "kvalitetsdeklarationer/<int:pk>/loften/<int:promise_pk>/",
        declarations.promise_edit,
        name="promise_edit",
    ),
    # Kvalitetsdeklarationer and the värdegrund for citizens, no login.
    path("oppen/kvalitetsdeklarationer/", public.public_declarations, name="public_declarations"),
    path(
        "oppen/kvalitetsdeklarationer/<slug:code>/",
        public.public_declaration,
        name="public_declaration",
    ),
    path(
        "oppen/kvalitetsdeklarationer/<slug:code>/version/<int:number>/",
        public.public_declaration_version,
        name="public_declaration_version",
    ),
    path("oppen/vardegrund/", public.public_values, name="public_values"),
    # Förbättringsförslag.
    path("forbattringsforslag/", proposals.proposal_list, name="proposals"),
    path("forbattringsforslag/nytt/", proposals.proposal_create, name="proposal_create"),
    path(
        "forbattringsforslag/statistik/",
        proposals.proposal_statistics_page,
        name="proposal_statistics",
    ),
    path("forbattringsforslag/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("forbattringsforslag/<int:pk>/andra/", proposals.proposal_edit, name="proposal_edit"),
    path(
        "forbattringsforslag/<int:pk>/flytta/<str:key>/",
        proposals.proposal_move,
        name="proposal_move",
    ),
    # Processes.
    path("processer/", processes.process_list, name="processes"),
    path("processer/ny/", processes.process_create, name="process_create"),
    path("processer/<int:pk>/", processes.process_detail, name="process"),
    path("processer/<int:pk>/andra/", processes.process_edit, name="process_edit"),
    path("processer/<int:pk>/steg/", processes.process_steps, name="process_steps"),
    # Surveys and the årsplan för kundundersökningar.
    path("undersokningar/", surveys.survey_list, name="surveys"),
    path("undersokningar/ny/", surveys.survey_create, name="survey_create"),
    path("undersokningar/<int:pk>/", surveys.survey_detail, name="survey"),
    path("undersokningar/<int:pk>/andra/", surveys.survey_edit, name="survey_edit"),
    path("undersokningar/<int:pk>/las-in/", surveys.survey_import, name="survey_import"),
    path("kundundersokningar/", surveys.customer_plan_current, name="customer_plan_current"),
    path("kundundersokningar/<int:year>/", surveys.customer_plan, name="customer_plan"),
    # The kvalitetsredovisning.
    path("kvalitetsredovisning/<int:body_pk>/<int:year>/", reports.report, name="report"),
    path(
        "kvalitetsredovisning/<int:body_pk>/<int:year>/andra/",
        reports.report_edit,
        name="report_edit",
    ),
]
