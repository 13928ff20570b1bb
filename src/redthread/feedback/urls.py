from __future__ import annotations

from django.urls import path

from redthread.feedback.views import handling, privacy, public, stats

app_name = "feedback"

urlpatterns = [
    # Public: no login.
    path("lamna/", public.submit, name="submit"),
    path("kvitto/<str:reference>/", public.receipt, name="receipt"),
    path("status/", public.status_lookup, name="status_lookup"),
    path("status/<str:reference>/", public.status, name="status"),
    # Handling.
    path("", handling.inbox, name="inbox"),
    path("registrera/", handling.register, name="register"),
    path("arenden/<int:pk>/", handling.case_detail, name="case"),
    path("arenden/<int:pk>/tilldela/", handling.assign, name="assign"),
    path("arenden/<int:pk>/status/", handling.transition, name="transition"),
    path("arenden/<int:pk>/anteckning/", handling.add_note, name="note"),
    path("arenden/<int:pk>/svar/", handling.answer, name="answer"),
    path("arenden/<int:pk>/andra/", handling.edit, name="edit"),
    path("arenden/<int:pk>/foto/<int:photo_id>/", handling.photo, name="photo"),
    # Statistics and privacy.
    path("statistik/", stats.statistics, name="statistics"),
    path("statistik/export.<str:fmt>", stats.export, name="statistics_export"),
    path("gallring/", privacy.erasure, name="erasure"),
    path("registerutdrag/", privacy.personal_data, name="personal_data"),
]
