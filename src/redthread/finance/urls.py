from __future__ import annotations

from django.urls import path

from redthread.finance.views import (
    allocation,
    balance,
    budget,
    changes,
    detail,
    followup,
    fund,
    group,
    internal,
    ledger,
    structure,
)

app_name = "finance"

urlpatterns = [
    path("", budget.home, name="home"),
    # Budget
    path("budget/ny/", budget.budget_create, name="budget_create"),
    path("budget/<int:year>/", budget.budget, name="budget"),
    path("budget/<int:year>/andra/", budget.budget_edit, name="budget_edit"),
    path("budget/<int:year>/ramar/", budget.frames_edit, name="frames_edit"),
    path("budget/<int:year>/faststall/", budget.budget_adopt, name="budget_adopt"),
    path("budget/<int:year>/andringar/", changes.changes, name="changes"),
    path("budget/<int:year>/andringar/ny/<str:kind>/", changes.change_create, name="change_create"),
    path("budget/andring/<int:pk>/", changes.change, name="change"),
    path("budget/<int:year>/namnd/<int:body>/", changes.budget_bridge, name="bridge"),
    path("budget/<int:year>/namnd/<int:body>/detaljbudget/", detail.detail, name="detail"),
    path(
        "budget/<int:year>/namnd/<int:body>/detaljbudget.xlsx",
        detail.detail_export,
        name="detail_export",
    ),
    path(
        "budget/<int:year>/namnd/<int:body>/detaljbudget/import/",
        detail.detail_import,
        name="detail_import",
    ),
    path("budget/<int:year>/tillaggsbudget/", changes.carry_over, name="carry_over"),
    path("budget/<int:year>/investeringar/", changes.capital, name="capital"),
    # Structure
    path("struktur/", structure.structure, name="structure"),
    path("struktur/import/", structure.codes_import, name="codes_import"),
    path("struktur/<str:kind>/ny/", structure.code_create, name="code_create"),
    path("struktur/<str:kind>/<int:pk>/", structure.code_edit, name="code_edit"),
    # Ledger
    path("huvudbok/", ledger.ledger, name="ledger"),
    path("huvudbok/importera/", ledger.ledger_upload, name="ledger_upload"),
    path("huvudbok/jobb/<int:pk>/", ledger.import_job, name="import_job"),
    path("huvudbok/jobb/<int:pk>/status/", ledger.import_job_status, name="import_job_status"),
    path("huvudbok/jobb/<int:pk>/igen/", ledger.import_job_retry, name="import_job_retry"),
    path("huvudbok/import/<int:pk>/", ledger.ledger_import, name="ledger_import"),
    path("huvudbok/transaktioner/", ledger.ledger_entries, name="ledger_entries"),
    path("huvudbok/installningar/", structure.ledger_settings, name="ledger_settings"),
    # Follow-up
    path("uppfoljning/", followup.followup_index, name="followup"),
    path("uppfoljning/<int:year>/<int:month>/", followup.month_report, name="month_report"),
    path(
        "uppfoljning/<int:year>/<int:month>/namnd/<int:body>/",
        followup.month_report_body,
        name="month_report_body",
    ),
    path("resultat/<int:year>/", followup.result, name="result"),
    path("prognos/<int:period>/", followup.forecasts, name="forecasts"),
    path("prognos/<int:period>/namnd/<int:body>/", followup.forecast_edit, name="forecast_edit"),
    # Resource allocation
    path("resursfordelning/", allocation.allocations, name="allocations"),
    path("resursfordelning/ny/", allocation.allocation_create, name="allocation_create"),
    path("resursfordelning/<int:pk>/", allocation.allocation, name="allocation"),
    path(
        "resursfordelning/jamfor/<int:year>/",
        allocation.allocation_compare,
        name="allocation_compare",
    ),
    path("befolkning/", allocation.population, name="population"),
    path("befolkning/import/", allocation.population_import, name="population_import"),
    # Internal rent, lokalanpassning, IT
    path("internhyra/", internal.leases, name="leases"),
    path("internhyra/ny/", internal.lease_create, name="lease_create"),
    path("internhyra/<int:pk>/", internal.lease_edit, name="lease_edit"),
    path("debiteringar/<int:year>/", internal.charges, name="charges"),
    path("lokalanpassning/<int:year>/", internal.premises, name="premises"),
    path("it/<int:year>/", internal.it, name="it"),
    # Social investment fund
    path("sif/", fund.fund, name="fund"),
    path("sif/ansokan/ny/", fund.fund_apply, name="fund_apply"),
    path("sif/ansokan/<int:pk>/", fund.fund_application, name="fund_application"),
    path("sif/ansokan/<int:pk>/beslut/", fund.fund_decide, name="fund_decide"),
    path("sif/ansokan/<int:pk>/kostnad/", fund.fund_cost, name="fund_cost"),
    # Balanskrav and financial goals
    path("balanskrav/", balance.balance, name="balance"),
    path("balanskrav/<int:year>/", balance.balance_edit, name="balance_edit"),
    path("finansiella-mal/<int:year>/", balance.goals, name="goals"),
    path("finansiella-mal/<int:year>/ny/", balance.goal_create, name="goal_create"),
    path("finansiella-mal/andra/<int:pk>/", balance.goal_edit, name="goal_edit"),
    # Räkenskaper for the årsredovisning: statements, the companies, personnel
    path("rakenskaper/<int:year>/", group.statements_page, name="statements"),
    path("koncern/<int:year>/", group.group, name="group"),
    path("koncern/<int:year>/ny/", group.company_accounts_create, name="company_accounts_create"),
    path(
        "koncern/<int:year>/import/",
        group.company_accounts_import,
        name="company_accounts_import",
    ),
    path("koncern/andra/<int:pk>/", group.company_accounts_edit, name="company_accounts_edit"),
    path("personal/<int:year>/", group.personnel, name="personnel"),
    path("personal/<int:year>/import/", group.personnel_import, name="personnel_import"),
]
