"""Reports: the årsredovisning as PDF, for the demo and for the large generated municipality.

Each municipality is loaded into this benchmark's own database (``redthread load-demo``,
then ``redthread generate --scale large`` after a fresh database), and the årsredovisning
is built from the data and rendered by WeasyPrint, as ``redthread report arsredovisning``
does. Goal: the demo's in at most 20 s. ``BENCH_REPORTS_SCALES=demo`` measures the demo
only (the large municipality takes long to generate).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redthread.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.timing import emit, markdown_table  # noqa: E402

GOAL_S = 20.0
KIND = "arsredovisning"


def fresh_database() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(database["NAME"]) + suffix).unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def builder_missing() -> bool:
    from redthread.reports import registry

    try:
        registry.get(KIND).builder()
    except registry.BuilderMissing:
        return True
    return False


def measure(scale: str) -> dict[str, object]:
    from pypdf import PdfReader

    from redthread.organisation.models import Municipality
    from redthread.reports.document import NoData
    from redthread.reports.engine import build_report, period_for
    from redthread.reports.render.pdf import render

    fresh_database()
    started = time.monotonic()
    if scale == "demo":
        # The ledger first: the goal chain's demo closes 2025, and a closed year takes no
        # ledger (as in tests/reports/test_kinds_demo.py).
        call_command("load_demo", "--only", "organisation", "cycle", "finance", verbosity=0)
        call_command("load_demo", verbosity=0)
    else:
        call_command("generate", scale=scale, verbosity=0)
    loaded = time.monotonic() - started
    municipality = Municipality.objects.current()
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        try:
            period = period_for(municipality, KIND, year)
            start = time.perf_counter()
            built = build_report(municipality, KIND, year, period=period)
            built_s = time.perf_counter() - start
            break
        except NoData:
            continue
    else:
        raise SystemExit(f"No årsredovisning data in {this_year - 1} or {this_year} ({scale}).")
    start = time.perf_counter()
    pdf = render(built.report, built.drafts)
    rendered_s = time.perf_counter() - start
    out = Path(settings.BASE_DIR) / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"arsredovisning-{scale}.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(path).pages)
    total = built_s + rendered_s
    return {
        "name": f"Årsredovisning som PDF ({scale})",
        "scale": scale,
        "year": year,
        "build_s": round(built_s, 2),
        "render_s": round(rendered_s, 2),
        "total_s": round(total, 2),
        "pages": pages,
        "bytes": len(pdf),
        "load_s": round(loaded, 1),
        "ok": "ja" if total <= GOAL_S else "nej",
    }


def main() -> None:
    if builder_missing():
        print(f"The {KIND} builder (reports/kinds/arsredovisning.py) is missing; skipped.")
        emit("reports", "Rapporter", "Årsredovisningens byggare saknas; inget mätt.", [])
        return
    scales = os.environ.get("BENCH_REPORTS_SCALES", "demo,large").split(",")
    rows = [measure(scale.strip()) for scale in scales if scale.strip()]
    table = markdown_table(
        rows,
        [
            ("name", "rapport"),
            ("year", "år"),
            ("pages", "sidor"),
            ("build_s", "bygga (s)"),
            ("render_s", "PDF (s)"),
            ("total_s", "totalt (s)"),
            ("ok", f"≤ {GOAL_S:.0f} s"),
        ],
    )
    markdown = (
        "The årsredovisning built from the data (`build_report`) and rendered by WeasyPrint "
        "(`render.pdf`), in-process, once, after loading the municipality (demo: "
        "`load-demo`; large: `generate --scale large`). SQLite unless BENCH_DATABASE_URL says "
        f"otherwise. Goal for the demo: at most {GOAL_S:.0f} s.\n\n{table}"
    )
    emit(
        "reports", "Rapporter", markdown, [{k: v for k, v in r.items() if k != "ok"} for r in rows]
    )


if __name__ == "__main__":
    sys.exit(main())
