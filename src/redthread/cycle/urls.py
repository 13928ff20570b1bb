from __future__ import annotations

from django.urls import path

from redthread.cycle.views import dialogues, mine, periods, scans, template, wheel

app_name = "cycle"

urlpatterns = [
    path("", wheel.wheel, name="wheel"),
    path("<int:year>.ics", mine.municipality_ics, name="ics"),
    path("steg/<int:pk>/", wheel.event_detail, name="event"),
    path("steg/<int:pk>/klart/", wheel.event_done, name="event_done"),
    path("steg/<int:pk>/inte-klart/", wheel.event_undone, name="event_undone"),
    path("steg/<int:pk>/datum/", wheel.event_reschedule, name="event_reschedule"),
    path("mina/", mine.my_deadlines, name="my_deadlines"),
    path("mina/kalender/", mine.feed_issue, name="feed_issue"),
    path("kalender/<str:key>.ics", mine.user_ics, name="user_ics"),
    path("mall/", template.template, name="template"),
    path("mall/installningar/", template.settings_edit, name="settings"),
    path("mall/steg/ny/", template.step_create, name="step_create"),
    path("mall/steg/<int:pk>/", template.step_edit, name="step_edit"),
    path("mall/skapa/", template.generate, name="generate"),
    path("mall/paminnelser/", template.reminder_log, name="reminders"),
    path("perioder/", periods.period_list, name="periods"),
    path("perioder/<int:pk>/", periods.period_detail, name="period"),
    path(
        "perioder/<int:pk>/<str:action>/",
        periods.period_transition,
        name="period_transition",
    ),
    path("dialoger/", dialogues.dialogue_list, name="dialogues"),
    path("dialoger/ny/", dialogues.dialogue_create, name="dialogue_create"),
    path("dialoger/<int:pk>/", dialogues.dialogue_detail, name="dialogue"),
    path("dialoger/<int:pk>/andra/", dialogues.dialogue_edit, name="dialogue_edit"),
    path("dialoger/atgarder/<int:pk>/klar/", dialogues.action_done, name="action_done"),
    path("omvarldsanalys/", scans.scan_list, name="scans"),
    path("omvarldsanalys/aktuell/", scans.scan_current, name="scan_current"),
    path("omvarldsanalys/ny/", scans.scan_create, name="scan_create"),
    path("omvarldsanalys/<int:pk>/", scans.scan_detail, name="scan"),
    path("omvarldsanalys/<int:pk>/andra/", scans.scan_edit, name="scan_edit"),
]
