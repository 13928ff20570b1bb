from __future__ import annotations

from django.urls import path

from redthread.goals.views import chain, followup, manage, plan, public

app_name = "goals"

urlpatterns = [
    path("", chain.overview, name="overview"),
    path("kommunmal/<int:pk>/", chain.goal_detail, name="goal"),
    path("indikatorer/<int:pk>/", chain.indicator_detail, name="indicator"),
    path("ataganden/<int:pk>/", chain.commitment_detail, name="commitment"),
    path("matt/<int:pk>/", chain.measure_detail, name="measure"),
    path("aktiviteter/<int:pk>/", chain.activity_detail, name="activity"),
    path("aktiviteter/<int:pk>/andra/", plan.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/rad/", plan.activity_row, name="activity_row"),
    path("strategiska-atgarder/<int:pk>/", chain.strategic_action_detail, name="strategic_action"),
    path("namnder/<int:pk>/", chain.body_goals, name="body"),
    path("trad/<str:kind>/<int:pk>/", chain.chain_view, name="chain"),
    path("verksamhetsplan/<int:unit_pk>/<int:year>/", plan.plan, name="plan"),
    path(
        "verksamhetsplan/<int:unit_pk>/<int:year>/ny/", plan.activity_create, name="activity_create"
    ),
    path("att-rapportera/", followup.todo, name="todo"),
    path(
        "uppfoljning/<str:kind>/<int:pk>/<int:period_pk>/", followup.followup_edit, name="followup"
    ),
    path("granskning/", followup.review, name="review"),
    path("granskning/<int:pk>/<str:action>/", followup.review_action, name="review_action"),
    path("granskning/paminn/<int:period_pk>/", followup.remind, name="remind"),
    path("datakvalitet/", manage.data_health, name="health"),
    path("nytt-planeringsar/", manage.new_year, name="new_year"),
    path("excel/<int:body_pk>/<int:year>/", manage.excel_exchange, name="excel"),
    path("oppen/", public.public_overview, name="public_overview"),
    path("oppen/kommunmal/<int:pk>/", public.public_goal, name="public_goal"),
]
