"""Ledger import and month report at scale (issue: Ekonomistyrning).

1. Generates a SIE 4 file of 1 000 000 transactions and times ``redthread import-sie``
   end to end in its own process (Django start included), with its peak memory; the
   floor beside it is a plain Python loop that reads and splits the same file's lines.
2. Imports a file twice as large (replacing the first, same months) to show that
   memory stays flat.
3. Fills the ledger to 5 000 000 transactions and times the month report.

Run with ``make bench ONLY=finance``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redthread.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks.timing import emit, markdown_table, measure_get  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "finance-files"
REDTHREAD = Path(sys.executable).parent / "redthread"
RESPONSIBILITIES = [str(1000 + i) for i in range(450)]
ACTIVITIES = ["407", "440", "450", "510", "520", "530", "910", "920"]
ACCOUNTS = ["3010", "3410", "4010", "4510", "5011", "5610", "6150", "6510", "7010"]
BODIES = 10


def fresh_database() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(database["NAME"]) + suffix).unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def generate(path: Path, transactions: int, year: int, seed: int) -> None:
    """A SIE 4E file: vouchers of three costs or revenues and one counter row."""
    rng = random.Random(seed)
    pairs = [(r, ACTIVITIES[i % len(ACTIVITIES)]) for i, r in enumerate(RESPONSIBILITIES)]
    per_month = transactions // 12
    with path.open("w", encoding="cp437", newline="\n") as out:
        w = out.write
        w('#FLAGGA 0\n#PROGRAM "Bench" 1.0\n#FORMAT PC8\n#GEN 20261231\n#SIETYP 4\n')
        w(
            f'#FNAMN "Bänkkommunen"\n#RAR 0 {year}0101 {year}1231\n#DIM 1 "Ansvar"\n#DIM 20 "Verksamhet"\n'
        )
        for account in ACCOUNTS:
            w(f'#KONTO {account} "Konto {account}"\n')
        written = 0
        number = 0
        while written < transactions:
            month = min(12, written // per_month + 1)
            day = f"{year}{month:02d}{rng.randint(1, 28):02d}"
            number += 1
            w(f'#VER A {number} {day} "Leverantörsfaktura"\n{{\n')
            total = 0
            for _ in range(3):
                resp, act = pairs[rng.randrange(len(pairs))]
                account = ACCOUNTS[rng.randrange(len(ACCOUNTS))]
                ore = rng.randint(100, 5_000_000)
                if account[0] == "3":
                    ore = -ore
                total += ore
                sign = "-" if ore < 0 else ""
                amount = f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"
                w(f'   #TRANS {account} {{1 "{resp}" 20 "{act}"}} {amount} {day} "Faktura"\n')
            counter = "-" if total > 0 else ""
            w(f"   #TRANS 2440 {{}} {counter}{abs(total) // 100}.{abs(total) % 100:02d}\n}}\n")
            written += 4


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def floor(path: Path) -> float:
    start = time.perf_counter()
    with path.open("rb") as handle:
        for line in handle:
            line.split()
    return time.perf_counter() - start


def run_import(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of ``redthread import-sie``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors_file:
        process = subprocess.Popen(
            [str(REDTHREAD), "import-sie", str(path), "--json"],
            stdout=subprocess.PIPE,
            stderr=errors_file,
            env=os.environ.copy(),
        )
        assert process.stdout is not None
        output = process.stdout.read().decode()
        errors_file.seek(0)
        errors = errors_file.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0 or '"transactions"' not in output:
        raise SystemExit(f"import-sie failed: {errors[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def setup_organisation() -> Client:
    # Pages render without collected static files: the benchmark measures the server's work.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from redthread.core.audit import acting_as
    from redthread.finance.models import BudgetChange, BudgetYear, ChangeLine, ResponsibilityCode
    from redthread.organisation.models import Body, Decision, Municipality, Person, RoleGrant, User

    user = User.objects.create_user(username="ekonom", password="bench-password-123")
    with acting_as(user):
        municipality = Municipality.objects.create(
            name="Bänkkommunen", code=settings.REDTHREAD_MUNICIPALITY_CODE
        )
        person = Person.objects.create(
            municipality=municipality, first_name="Karin", last_name="Holm", user=user
        )
        RoleGrant.objects.create(person=person, role=RoleGrant.Role.ECONOMIST)
        kf = Body.objects.create(
            municipality=municipality,
            kind=Body.Kind.COUNCIL,
            name="Kommunfullmäktige",
            short_name="KF",
        )
        bodies = [
            Body.objects.create(
                municipality=municipality,
                kind=Body.Kind.COMMITTEE,
                name=f"Nämnd {i + 1}",
                parent=kf,
                order=i,
            )
            for i in range(BODIES)
        ]
        for index, code in enumerate(RESPONSIBILITIES):
            ResponsibilityCode.objects.create(
                municipality=municipality, code=code, body=bodies[index % BODIES]
            )
        decision = Decision.objects.create(
            body=kf, date=dt.date(2025, 11, 24), paragraph="1", title="Budget 2026"
        )
        for year in (2025, 2026):
            budget_year = BudgetYear.objects.create(municipality=municipality, year=year)
            BudgetChange.book(
                budget_year=budget_year,
                kind=BudgetChange.Kind.ANNUAL,
                decision=decision,
                title=f"Årsbudget {year}",
                lines=[ChangeLine(body=body, amount=200_000_000) for body in bodies],
            )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def main() -> None:
    fresh_database()
    WORK.mkdir(parents=True, exist_ok=True)
    client = setup_organisation()
    rows = []

    one = WORK / "ledger-1m.se"
    generate(one, 1_000_000, 2026, seed=1)
    floor_seconds = floor(one)
    seconds, cpu, peak = run_import(one)
    rows.append(
        {
            "case": "Read and split the lines of the 1 000 000-transaction file (plain Python floor)",
            "transactions": 1_000_000,
            "seconds": round(floor_seconds, 2),
            "cpu_seconds": "",
            "peak_mb": "",
        }
    )
    rows.append(
        {
            "case": "redthread import-sie, 1 000 000 transactions, empty ledger",
            "transactions": 1_000_000,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "peak_mb": round(peak),
            "load": load(),
        }
    )

    two = WORK / "ledger-2m.se"
    generate(two, 2_000_000, 2026, seed=2)
    seconds, cpu, peak = run_import(two)
    rows.append(
        {
            "case": "redthread import-sie, 2 000 000 transactions, replacing the same months",
            "transactions": 2_000_000,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "peak_mb": round(peak),
            "load": load(),
        }
    )
    one.unlink()
    two.unlink()

    for year in (2023, 2024, 2025):
        path = WORK / f"ledger-{year}.se"
        generate(path, 1_000_000, year, seed=year)
        run_import(path)
        path.unlink()
    from redthread.finance.models import LedgerEntry, LedgerSummary

    entries = LedgerEntry.objects.count()
    summaries = LedgerSummary.objects.count()
    url = "/ekonomi/uppfoljning/2026/6/"
    timing = measure_get(client, url, repeat=20)
    cpu = []
    for _ in range(20):
        start = time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start) * 1000)
    timing["cpu_ms"] = round(sorted(cpu)[len(cpu) // 2], 1)
    rows.append(
        {
            "load": load(),
            "case": (
                f"Month report (june 2026, {BODIES} nämnder, {len(RESPONSIBILITIES)} ansvar) "
                f"with {entries:_} ledger rows and {summaries:_} aggregate rows"
            ).replace("_", " "),
            "transactions": entries,
            "seconds": "",
            "peak_mb": "",
            **timing,
        }
    )
    markdown = markdown_table(
        rows,
        [
            ("case", "case"),
            ("transactions", "transactions"),
            ("seconds", "wall (s)"),
            ("cpu_seconds", "CPU (s)"),
            ("peak_mb", "peak memory (MB)"),
            ("load", "load average"),
            ("p50_ms", "p50 (ms)"),
            ("p95_ms", "p95 (ms)"),
            ("cpu_ms", "CPU p50 (ms)"),
            ("queries", "queries"),
        ],
    )
    markdown += (
        f"\n\nDatabase: {connection.vendor}. Wall time is the import process end to end (Django start "
        "included); CPU time is its user plus system time, which does not grow when other work "
        "shares the two cores (the load average, over 1 minute, is beside each row). Goals: import of 1 000 000 transactions <= 30 s with peak memory "
        "<= 500 MB, the same memory for a file twice as large, month report <= 200 ms with 5 million ledger rows."
    )
    emit("finance", "Finance: ledger import and month report", markdown, rows)


if __name__ == "__main__":
    main()
