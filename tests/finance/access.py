"""Every finance page for anonymous and every role (DESIGN §5).

Everyone internal reads budgets and follow-up; the ledger is read by the
municipality-wide readers; the ekonom writes; the förvaltningschef of omsorgs- och
socialförvaltningen also writes the detail budget and forecasts of the nämnd it
serves, orders lokalanpassning and applies to the fund; the revisor writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod
from redthread.finance.models import (
    AllocationModel,
    BudgetYear,
    CompanyAccounts,
    FinancialGoal,
    FundApplication,
    ImportJob,
    InternalLease,
    LedgerImport,
    SocialInvestmentFund,
)
from tests.access import (
    CREATED,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
    ApiCase,
    Case,
    internal,
    only,
    roles,
)
from tests.finance.factories import finance_world

BAD = 400  # a write with an empty form: the writer sees the errors, nothing is saved
READERS = ["ekonom", "revisor", "kvalitetsstrateg", "admin"]
ECONOMIST = ["ekonom"]
PREPARERS = ["ekonom", "forvaltningschef"]


def _fw(w):
    """The finance data the pages need, built once per test."""
    budget_year = BudgetYear.objects.filter(municipality=w.municipality, year=2026).first()
    if budget_year is None:
        finance_world(w)
    return w


def _year(w):
    _fw(w)
    return 2026


def _osn(w):
    _fw(w)
    return w.bodies["osn"].pk


def _forecast_period(w):
    return ReportingPeriod.objects.get(
        municipality=w.municipality, year=2026, kind="forecast", end_date=dt.date(2026, 4, 30)
    ).pk


def _job(w):
    with acting_as(w.users["ekonom"]):
        job = ImportJob.objects.create(
            municipality=w.municipality,
            original_name="huvudbok.se",
            requested_by=w.users["ekonom"],
            upload="ledger-imports/huvudbok.se",
        )
    return job.pk


def _stalled_job(w):
    """A job whose worker stopped a day ago, mid-import."""
    pk = _job(w)
    ImportJob.objects.filter(pk=pk).update(
        state=ImportJob.State.RUNNING,
        started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return pk


def _ledger_import(w):
    with acting_as(w.users["ekonom"]):
        item = LedgerImport.objects.create(
            municipality=w.municipality,
            file_name="huvudbok.se",
            file_hash="0" * 64,
            file_format="sie",
        )
    return item.pk


def _company_accounts(w):
    from redthread.organisation.models import Body

    with acting_as(w.users["ekonom"]):
        company = Body.objects.create(
            municipality=w.municipality, kind=Body.Kind.COMPANY, name="Fastighets AB Mjölby"
        )
        accounts = CompanyAccounts.objects.create(
            company=company, year=2025, revenue=100, fixed_assets=50, equity=50
        )
    return accounts.pk


def _allocation(w):
    _fw(w)
    with acting_as(w.users["ekonom"]):
        model = AllocationModel.objects.create(
            municipality=w.municipality, budget_year=2027, name="Bas"
        )
    return model.pk


def _lease(w):
    with acting_as(w.users["ekonom"]):
        lease = InternalLease.objects.create(
            municipality=w.municipality,
            landlord=w.units["ksf"],
            tenant=w.units["norr"],
            premises="Norrgården",
            area_m2=400,
            yearly_rent=480_000,
            start=dt.date(2024, 1, 1),
        )
    return lease.pk


def _fund(w):
    with acting_as(w.users["ekonom"]):
        fund, _created = SocialInvestmentFund.objects.get_or_create(
            municipality=w.municipality, defaults={"opening_balance": 5_000_000}
        )
    return fund


def _application(w):
    with acting_as(w.users["ekonom"]):
        app = FundApplication.objects.create(
            fund=_fund(w),
            title="Tidiga insatser",
            applicant=w.units["osf"],
            target_group="Barn 0–6 år",
            expected_effect="Färre placeringar",
            budget=1_000_000,
            start_year=2026,
            end_year=2027,
        )
    return app.pk


def _goal(w):
    fw = (
        finance_world(w)
        if not BudgetYear.objects.filter(municipality=w.municipality).exists()
        else None
    )
    decision = fw.kf_budget if fw else w.decisions["ledningssystem"]
    with acting_as(w.users["ekonom"]):
        goal = FinancialGoal.objects.create(
            municipality=w.municipality,
            year=2026,
            title="Resultat minst 2 %",
            metric=FinancialGoal.Metric.RESULT_SHARE,
            target=2,
            decision=decision,
        )
    return goal.pk


def _change(w):
    _fw(w)
    return BudgetYear.objects.get(municipality=w.municipality, year=2026).changes.first().pk


def _code(w):
    fw = finance_world(w)
    return fw.codes["norr"].pk


INTERNAL = internal()
ECONOMIST_GET = only(ECONOMIST)
ECONOMIST_POST = only(ECONOMIST, ok=BAD)

PAGES = {
    "finance:home": Case(url=lambda w: reverse("finance:home"), get=INTERNAL),
    "finance:budget_create": Case(
        url=lambda w: reverse("finance:budget_create"),
        post=only(ECONOMIST, ok=REDIRECT),
        post_data=lambda w: {"year": 2031},
    ),
    "finance:budget": Case(url=lambda w: reverse("finance:budget", args=[_year(w)]), get=INTERNAL),
    "finance:budget_edit": Case(
        url=lambda w: reverse("finance:budget_edit", args=[_year(w)]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:frames_edit": Case(
        url=lambda w: reverse("finance:frames_edit", args=[_year(w)]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:budget_adopt": Case(
        url=lambda w: reverse("finance:budget_adopt", args=[_year(w)]),
        post=only(ECONOMIST, ok=REDIRECT),
    ),
    "finance:changes": Case(
        url=lambda w: reverse("finance:changes", args=[_year(w)]), get=INTERNAL
    ),
    "finance:change_create": Case(
        url=lambda w: reverse("finance:change_create", args=[_year(w), "tillaggsanslag"]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:change": Case(
        url=lambda w: reverse("finance:change", args=[_change(w)]), get=internal(denied=NOT_FOUND)
    ),
    "finance:bridge": Case(
        url=lambda w: reverse("finance:bridge", args=[_year(w), _osn(w)]), get=INTERNAL
    ),
    "finance:detail": Case(
        url=lambda w: reverse("finance:detail", args=[_year(w), _osn(w)]),
        get=INTERNAL,
        post=only(PREPARERS, ok=BAD),
        post_data=lambda w: {"rows": "0"},
    ),
    "finance:detail_export": Case(
        url=lambda w: reverse("finance:detail_export", args=[_year(w), _osn(w)]), get=INTERNAL
    ),
    "finance:detail_import": Case(
        url=lambda w: reverse("finance:detail_import", args=[_year(w), _osn(w)]),
        post=only(PREPARERS, ok=REDIRECT),
    ),
    "finance:carry_over": Case(
        url=lambda w: reverse("finance:carry_over", args=[_year(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:capital": Case(
        url=lambda w: reverse("finance:capital", args=[_year(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:structure": Case(url=lambda w: reverse("finance:structure"), get=INTERNAL),
    "finance:codes_import": Case(
        url=lambda w: reverse("finance:codes_import"), get=ECONOMIST_GET, post=ECONOMIST_POST
    ),
    "finance:code_create": Case(
        url=lambda w: reverse("finance:code_create", args=["ansvar"]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:code_edit": Case(
        url=lambda w: reverse("finance:code_edit", args=["ansvar", _code(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:ledger": Case(url=lambda w: reverse("finance:ledger"), get=only(READERS)),
    "finance:ledger_upload": Case(
        url=lambda w: reverse("finance:ledger_upload"), post=ECONOMIST_POST
    ),
    "finance:import_job": Case(
        url=lambda w: reverse("finance:import_job", args=[_job(w)]),
        get=only(READERS, denied=NOT_FOUND),
    ),
    "finance:import_job_status": Case(
        url=lambda w: reverse("finance:import_job_status", args=[_job(w)]),
        get=only(READERS, denied=NOT_FOUND),
    ),
    "finance:import_job_retry": Case(
        url=lambda w: reverse("finance:import_job_retry", args=[_stalled_job(w)]),
        post=only(ECONOMIST, ok=REDIRECT, denied=FORBIDDEN),
    ),
    "finance:ledger_import": Case(
        url=lambda w: reverse("finance:ledger_import", args=[_ledger_import(w)]),
        get=only(READERS, denied=NOT_FOUND),
    ),
    "finance:ledger_entries": Case(
        url=lambda w: reverse("finance:ledger_entries"), get=only(READERS)
    ),
    "finance:ledger_settings": Case(
        url=lambda w: reverse("finance:ledger_settings"),
        get=only(READERS),
        post=ECONOMIST_POST,
    ),
    "finance:followup": Case(url=lambda w: reverse("finance:followup"), get=internal(ok=REDIRECT)),
    "finance:month_report": Case(
        url=lambda w: reverse("finance:month_report", args=[_year(w), 3]), get=INTERNAL
    ),
    "finance:month_report_body": Case(
        url=lambda w: reverse("finance:month_report_body", args=[_year(w), 3, _osn(w)]),
        get=INTERNAL,
    ),
    "finance:result": Case(url=lambda w: reverse("finance:result", args=[_year(w)]), get=INTERNAL),
    "finance:forecasts": Case(
        url=lambda w: reverse("finance:forecasts", args=[_forecast_period(w)]), get=INTERNAL
    ),
    "finance:forecast_edit": Case(
        url=lambda w: reverse("finance:forecast_edit", args=[_forecast_period(w), _osn(w)]),
        get=internal(denied=NOT_FOUND),
        post=only(PREPARERS, ok=BAD) | {"outsider": NOT_FOUND},
    ),
    "finance:allocations": Case(url=lambda w: reverse("finance:allocations"), get=INTERNAL),
    "finance:allocation_create": Case(
        url=lambda w: reverse("finance:allocation_create"), post=only(ECONOMIST, ok=REDIRECT)
    ),
    "finance:allocation": Case(
        url=lambda w: reverse("finance:allocation", args=[_allocation(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:allocation_compare": Case(
        url=lambda w: _allocation(w) and reverse("finance:allocation_compare", args=[2027]),
        get=INTERNAL,
    ),
    "finance:population": Case(
        url=lambda w: reverse("finance:population"), get=INTERNAL, post=ECONOMIST_POST
    ),
    "finance:population_import": Case(
        url=lambda w: reverse("finance:population_import"), post=only(ECONOMIST, ok=REDIRECT)
    ),
    "finance:leases": Case(url=lambda w: reverse("finance:leases"), get=INTERNAL),
    "finance:lease_create": Case(
        url=lambda w: reverse("finance:lease_create"), get=ECONOMIST_GET, post=ECONOMIST_POST
    ),
    "finance:lease_edit": Case(
        url=lambda w: reverse("finance:lease_edit", args=[_lease(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:charges": Case(
        url=lambda w: reverse("finance:charges", args=[2026]), get=INTERNAL, post=ECONOMIST_POST
    ),
    "finance:premises": Case(
        url=lambda w: reverse("finance:premises", args=[2026]),
        get=INTERNAL,
        post=only(PREPARERS, ok=BAD),
    ),
    "finance:it": Case(
        url=lambda w: reverse("finance:it", args=[2026]), get=INTERNAL, post=ECONOMIST_POST
    ),
    "finance:fund": Case(url=lambda w: reverse("finance:fund"), get=INTERNAL, post=ECONOMIST_POST),
    "finance:fund_apply": Case(
        url=lambda w: _fund(w) and reverse("finance:fund_apply"),
        get=only(PREPARERS),
        post=only(PREPARERS, ok=BAD),
    ),
    "finance:fund_application": Case(
        url=lambda w: reverse("finance:fund_application", args=[_application(w)]), get=INTERNAL
    ),
    "finance:fund_decide": Case(
        url=lambda w: reverse("finance:fund_decide", args=[_application(w)]),
        post=only(ECONOMIST, ok=REDIRECT),
    ),
    "finance:fund_cost": Case(
        url=lambda w: reverse("finance:fund_cost", args=[_application(w)]),
        post=only(ECONOMIST, ok=REDIRECT),
    ),
    "finance:balance": Case(url=lambda w: reverse("finance:balance"), get=INTERNAL),
    "finance:balance_edit": Case(
        url=lambda w: reverse("finance:balance_edit", args=[2025]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:goals": Case(url=lambda w: reverse("finance:goals", args=[2026]), get=INTERNAL),
    "finance:goal_create": Case(
        url=lambda w: reverse("finance:goal_create", args=[2026]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:goal_edit": Case(
        url=lambda w: reverse("finance:goal_edit", args=[_goal(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:statements": Case(
        url=lambda w: reverse("finance:statements", args=[2025]), get=INTERNAL
    ),
    "finance:group": Case(url=lambda w: reverse("finance:group", args=[2025]), get=INTERNAL),
    "finance:company_accounts_create": Case(
        url=lambda w: reverse("finance:company_accounts_create", args=[2025]),
        get=ECONOMIST_GET,
        post=ECONOMIST_POST,
    ),
    "finance:company_accounts_import": Case(
        url=lambda w: reverse("finance:company_accounts_import", args=[2025]),
        post=only(ECONOMIST, ok=REDIRECT),
    ),
    "finance:company_accounts_edit": Case(
        url=lambda w: reverse("finance:company_accounts_edit", args=[_company_accounts(w)]),
        get=INTERNAL,
        post=ECONOMIST_POST,
    ),
    "finance:personnel": Case(
        url=lambda w: reverse("finance:personnel", args=[2025]), get=INTERNAL
    ),
    "finance:personnel_import": Case(
        url=lambda w: reverse("finance:personnel_import", args=[2025]),
        post=only(["ekonom", "admin"], ok=REDIRECT),
    ),
}

API_READ = roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)
API = {
    ("GET", "/api/v1/finance/budget-years/{year}/bodies"): ApiCase(
        lambda w: f"/api/v1/finance/budget-years/{_year(w)}/bodies", API_READ
    ),
    ("GET", "/api/v1/finance/budget-years/{year}/bodies/{body_id}/bridge"): ApiCase(
        lambda w: f"/api/v1/finance/budget-years/{_year(w)}/bodies/{_osn(w)}/bridge", API_READ
    ),
    ("POST", "/api/v1/finance/budget-years/{year}/changes"): ApiCase(
        lambda w: f"/api/v1/finance/budget-years/{_year(w)}/changes",
        roles(FORBIDDEN, anonymous=UNAUTHORIZED) | {"ekonom": CREATED},
        body=lambda w: {
            "kind": "appropriation",
            "decision_id": w.decisions["ledningssystem"].pk,
            "title": "Tilläggsanslag",
            "lines": [{"body_id": w.bodies["osn"].pk, "amount": 100000}],
        },
    ),
    ("GET", "/api/v1/finance/month-report/{year}/{month}"): ApiCase(
        lambda w: f"/api/v1/finance/month-report/{_year(w)}/3", API_READ
    ),
    ("GET", "/api/v1/finance/ledger/stats"): ApiCase(
        lambda w: "/api/v1/finance/ledger/stats",
        roles(FORBIDDEN, anonymous=UNAUTHORIZED) | {r: OK for r in READERS},
    ),
    ("GET", "/api/v1/finance/financial-goals/{year}"): ApiCase(
        lambda w: "/api/v1/finance/financial-goals/2026", API_READ
    ),
}
