"""Importing the ledger: all or nothing, replacing earlier data, the log and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from redthread.cycle.models import ReportingPeriod
from redthread.finance.ledger_import import ImportRefused, import_ledger, ledger_stats
from redthread.finance.models import (
    Account,
    ImportJob,
    LedgerBalance,
    LedgerEntry,
    LedgerImport,
    LedgerSummary,
    ResponsibilityCode,
)
from tests.finance.factories import FinanceWorld, balanced, sie_file, write
from tests.world import World


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            LedgerEntry,
            LedgerBalance,
            LedgerSummary,
            LedgerImport,
            Account,
            ResponsibilityCode,
        )
    }


def _import(path: Path, world: World, **kwargs: Any) -> Any:
    return import_ledger(
        path, municipality=world.municipality, user=world.users["ekonom"], **kwargs
    )


def test_it_imports_transactions_with_the_log_of_who_when_and_the_hash(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    data = sie_file([balanced("20260115", 150000), balanced("20260220", 2500, resp="2100")])
    outcome = _import(write(tmp_path, "jan-feb.se", data), fw.world)
    log = outcome.ledger_import
    assert log.transactions == 4 and log.vouchers == 2
    assert log.imported_by == fw.world.users["ekonom"]
    assert len(log.file_hash) == 64 and log.file_size == len(data)
    assert log.period_label == "2026-01 – 2026-02"
    assert LedgerEntry.objects.filter(ledger_import_id=log.pk).count() == 4
    assert log.history.count() >= 1  # the import keeps history; its rows do not


def test_the_cli_prints_the_sum_of_trans_amounts_per_account_as_json(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "f.se", sie_file([balanced("20260115", 123450), balanced("20260116", -50)])
    )
    out = io.StringIO()
    call_command("import_sie", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "transactions": 4,
        "vouchers": 2,
        "accounts": {"1930": "-1234.00", "5011": "1234.00"},
    }
    stats = io.StringIO()
    call_command("ledger_stats", "--json", stdout=stats)
    assert json.loads(stats.getvalue()) == {"entries": 4, "imports": 1}


def test_a_dry_run_reads_the_whole_file_and_writes_nothing(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    path = write(tmp_path, "f.se", sie_file([balanced("20260115", 100)]))
    before = _counts()
    out = io.StringIO()
    call_command("import_sie", str(path), "--dry-run", "--json", stdout=out)
    assert json.loads(out.getvalue())["transactions"] == 2
    assert _counts() == before


def test_a_bad_file_exits_with_the_line_and_the_problem_and_changes_nothing(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    good = [balanced("20260115", 100)] * 3
    bad = ("20260116", [("5011", 100, "1100", "510"), ("1930", -99, "", "")])
    path = write(tmp_path, "bad.se", sie_file([*good, bad], accounts=[("9999", "Nytt konto")]))
    before = _counts()
    with pytest.raises(CommandError, match=r"Rad \d+: verifikationen A 4 .* balanserar inte"):
        call_command("import_sie", str(path), "--json")
    assert _counts() == before  # not even the new account from #KONTO


def test_reimporting_the_same_period_replaces_the_earlier_import_atomically(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    first = _import(write(tmp_path, "a.se", sie_file([balanced("20260115", 100)] * 3)), fw.world)
    second = _import(write(tmp_path, "b.se", sie_file([balanced("20260110", 700)] * 2)), fw.world)
    first.ledger_import.refresh_from_db()
    assert first.ledger_import.replaced_by == second.ledger_import
    assert ledger_stats(fw.world.municipality) == {"entries": 4, "imports": 1}
    total = LedgerBalance.objects.filter(account="5011").values_list("amount_ore", flat=True)
    assert list(total) == [1400]
    assert second.ledger_import.comparison == [
        {"month": "2026-01", "before": "3.00", "after": "14.00"}
    ]


def test_a_failed_reimport_keeps_the_earlier_data(fw: FinanceWorld, tmp_path: Path) -> None:
    _import(write(tmp_path, "a.se", sie_file([balanced("20260115", 100)])), fw.world)
    before = _counts()
    bad = ("20260116", [("5011", 100, "1100", "510"), ("1930", -1, "", "")])
    with pytest.raises(ImportRefused):
        _import(write(tmp_path, "b.se", sie_file([balanced("20260115", 900), bad])), fw.world)
    assert _counts() == before
    assert LedgerImport.objects.active().count() == 1


def test_an_import_of_other_months_adds_to_the_ledger(fw: FinanceWorld, tmp_path: Path) -> None:
    _import(write(tmp_path, "jan.se", sie_file([balanced("20260115", 100)])), fw.world)
    _import(write(tmp_path, "feb.se", sie_file([balanced("20260215", 100)])), fw.world)
    assert ledger_stats(fw.world.municipality) == {"entries": 4, "imports": 2}


def test_a_closed_period_refuses_new_ledger_data(fw: FinanceWorld, tmp_path: Path) -> None:
    period = ReportingPeriod.objects.get(
        municipality=fw.world.municipality, year=2026, kind="month", end_date__month=2
    )
    period.close()
    before = _counts()
    for day in ("20260115", "20260228"):
        with pytest.raises(ImportRefused, match="Månadsrapport februari 2026 är stängd"):
            _import(write(tmp_path, f"{day}.se", sie_file([balanced(day, 100)])), fw.world)
    assert _counts() == before
    _import(
        write(tmp_path, "mar.se", sie_file([balanced("20260301", 100)])), fw.world
    )  # March is open


def test_unknown_accounts_and_codes_are_added_and_the_unmapped_listed(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    vouchers = [("20260115", [("7010", 500, "4711", "999"), ("1930", -500, "", "")])]
    outcome = _import(
        write(tmp_path, "f.se", sie_file(vouchers, accounts=[("7010", "Konsulter")])), fw.world
    )
    assert Account.objects.get(number="7010").added_by_import
    assert ResponsibilityCode.objects.filter(code="4711", unit__isnull=True).exists()
    assert "4711" in outcome.ledger_import.unmapped["responsibility"]
    assert "999" in outcome.ledger_import.unmapped["activity"]


def test_period_balances_from_sie_3_split_the_total_by_ansvar(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    text = (
        '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 3\n#DIM 1 "Ansvar"\n'
        "#PSALDO 0 202603 5011 {} 1000.00\n"
        '#PSALDO 0 202603 5011 {1 "1100"} 600.00\n'
        '#PSALDO 0 202603 5011 {1 "1200"} 300.00\n'
        "#PBUDGET 0 202603 5011 {} 1200.00\n"
    )
    outcome = _import(write(tmp_path, "s3.se", text.encode("cp437")), fw.world)
    rows = dict(
        LedgerBalance.objects.filter(kind="actual").values_list("responsibility", "amount_ore")
    )
    assert rows == {"1100": 60000, "1200": 30000, "": 10000}
    assert LedgerBalance.objects.get(kind="budget").amount_ore == 120000
    assert outcome.info.balances == 3 and outcome.info.transactions == 0


def test_a_csv_ledger_imports_like_a_sie_file(fw: FinanceWorld, tmp_path: Path) -> None:
    csv = (
        "datum;konto;ansvar;verksamhet;belopp;verifikation;text\n"
        "2026-01-15;5011;1100;510;1 234,50;7;Lön\n"
        "2026-01-15;1930;;;-1 234,50;7;Lön\n"
    )
    outcome = _import(write(tmp_path, "hb.csv", csv.encode("utf-8-sig")), fw.world)
    assert outcome.as_json()["accounts"] == {"1930": "-1234.50", "5011": "1234.50"}
    assert outcome.ledger_import.file_format == "csv"


def test_a_csv_voucher_that_does_not_balance_names_its_line(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    csv = "datum;konto;belopp;verifikation\n2026-01-15;5011;100;1\n2026-01-15;1930;-90;1\n"
    with pytest.raises(ImportRefused, match="Rad 3: verifikationen 1 som börjar på rad 2"):
        _import(write(tmp_path, "hb.csv", csv.encode()), fw.world)


def test_a_spreadsheet_is_refused_as_neither_sie_nor_csv(fw: FinanceWorld, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="varken en SIE-fil eller en CSV-fil"):
        _import(write(tmp_path, "hb.xlsx", b"PK\x03\x04\x00\x00rest"), fw.world)


def test_the_ekonom_uploads_a_file_and_follows_its_job_to_the_summary(
    fw: FinanceWorld, client_for: Any, tmp_path: Path
) -> None:
    client = client_for("ekonom")
    data = sie_file([balanced("20260115", 100)])
    upload = io.BytesIO(data)
    upload.name = "huvudbok.se"
    response = client.post(reverse("finance:ledger_upload"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == ImportJob.State.DONE  # the test settings run tasks immediately
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Inläst" in page and 'value="100"' in page
    status = client.get(reverse("finance:import_job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in status  # finished: the polling stops


def test_a_refused_upload_shows_the_reason_and_changes_nothing(
    fw: FinanceWorld, client_for: Any
) -> None:
    before = _counts()
    upload = io.BytesIO(b"<!DOCTYPE HTML>\n<html>404</html>\n")
    upload.name = "TRANSAK.SE"
    client_for("ekonom").post(reverse("finance:ledger_upload"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED and "webbsida" in job.message
    assert _counts() == before


def test_a_queued_job_polls_its_status_until_it_finishes(
    fw: FinanceWorld, client_for: Any, settings: Any
) -> None:
    from redthread.finance.tasks import run_import

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    upload = io.BytesIO(sie_file([balanced("20260115", 100)]))
    upload.name = "huvudbok.se"
    client = client_for("ekonom")
    client.post(reverse("finance:ledger_upload"), {"file": upload})
    job = ImportJob.objects.get()
    status_url = reverse("finance:import_job_status", args=[job.pk])
    assert job.state == ImportJob.State.QUEUED
    assert 'hx-trigger="every 1s"' in client.get(status_url).content.decode()
    run_import(job.pk)
    assert "Inläst" in client.get(status_url).content.decode()
