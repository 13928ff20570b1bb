"""Texts, templates, snapshots and the command line, on stub builders."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod
from redthread.reports import registry
from redthread.reports.engine import ReportRefused, build_report, period_for
from redthread.reports.models import ReportSnapshot, ReportTemplate, SectionText, SnapshotImmutable
from redthread.reports.snapshots import snapshot_create
from tests.reports.conftest import EMPTY_YEAR
from tests.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stub_builders")]

GEH = "forvaltningsberattelse.god_ekonomisk_hushallning"


def annual(world: World, year: int = 2025) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, year=year, kind="annual")


def close(period: ReportingPeriod) -> None:
    if period.state == period.State.PLANNED:
        period.open()
    period.close()


def text(world: World, key: str, words: str, *, approve: bool = False) -> SectionText:
    with acting_as(world.users["forvaltningschef"]):
        item = SectionText(
            municipality=world.municipality,
            kind="arsredovisning",
            year=2025,
            section_key=key,
            written_by=world.users["forvaltningschef"],
        )
        item.write(words, by=world.users["forvaltningschef"])
        if approve:
            item.submit(by=world.users["forvaltningschef"])
            item.approve(by=world.users["kvalitetsstrateg"])
    return item


def test_the_registry_knows_every_kind_with_a_swedish_name_and_its_needs() -> None:
    assert [k.kind for k in registry.all_kinds()] == list(registry.KINDS)
    assert str(registry.get("arsredovisning").name) == "Årsredovisning"
    assert registry.get("verksamhetsberattelse").needs_body
    assert registry.get("manadsrapport").takes_body  # for the whole municipality or a nämnd
    assert not registry.get("manadsrapport").needs_body
    assert registry.get("internkontroll").takes_body
    assert not registry.get("internkontroll").needs_body
    assert not registry.get("arsredovisning").takes_body
    with pytest.raises(registry.UnknownKind, match="finns inte"):
        registry.get("budgetbok")


def test_an_unapproved_text_shows_as_a_draft_in_the_preview_but_not_in_the_final(
    world: World,
) -> None:
    text(world, GEH, "Kommunen har god ekonomisk hushållning.")
    preview = build_report(world.municipality, "arsredovisning", 2025, period=annual(world))
    assert preview.report.section(GEH).text == "Kommunen har god ekonomisk hushållning."
    assert preview.drafts == {GEH}
    final = build_report(
        world.municipality, "arsredovisning", 2025, period=annual(world), final=True
    )
    assert final.report.section(GEH).text == ""


def test_an_approved_text_goes_into_the_final_and_an_edit_waits_for_approval(world: World) -> None:
    item = text(world, GEH, "Godkänd analys.", approve=True)
    with acting_as(world.users["forvaltningschef"]):
        item.write("Ny analys, inte godkänd.", by=world.users["forvaltningschef"])
    final = build_report(world.municipality, "arsredovisning", 2025, final=True)
    assert final.report.section(GEH).text == "Godkänd analys."
    preview = build_report(world.municipality, "arsredovisning", 2025)
    assert preview.report.section(GEH).text == "Ny analys, inte godkänd."
    assert item.history.count() >= 4  # written, submitted, approved, written again


def test_only_a_submitted_text_can_be_approved(world: World) -> None:
    item = text(world, GEH, "Utkast.")
    with pytest.raises(ValidationError, match="inskickad"):
        item.approve(by=world.users["kvalitetsstrateg"])


def test_the_template_orders_sections_and_adds_intros(world: World) -> None:
    with acting_as(world.users["kvalitetsstrateg"]):
        ReportTemplate.objects.create(
            municipality=world.municipality,
            kind="arsredovisning",
            section_order=["resultatrakning", "forvaltningsberattelse.balanskrav"],
            intros={"resultatrakning": "Resultaträkningen visar årets intäkter och kostnader."},
        )
    report = build_report(world.municipality, "arsredovisning", 2025).report
    assert [s.key for s in report.sections] == ["resultatrakning", "forvaltningsberattelse"]
    assert [s.key for s in report.sections[1].children] == [
        "forvaltningsberattelse.balanskrav",
        GEH,
    ]
    assert report.section("resultatrakning").intro.startswith("Resultaträkningen visar")


def test_a_nämnd_report_needs_a_nämnd(world: World) -> None:
    with pytest.raises(ReportRefused, match="per nämnd"):
        build_report(world.municipality, "verksamhetsberattelse", 2025)
    with pytest.raises(ReportRefused, match="hela kommunen"):
        build_report(world.municipality, "arsredovisning", 2025, body=world.bodies["osn"])


def test_a_month_report_is_for_the_month_asked(world: World) -> None:
    period = period_for(world.municipality, "manadsrapport", 2026, 3)
    assert period is not None and period.end_date.month == 3 and period.kind == "month"
    assert period_for(world.municipality, "mal-och-budget", 2026) is None


def test_a_final_report_needs_a_closed_period(world: World) -> None:
    with pytest.raises(ReportRefused, match="inte stängd"):
        snapshot_create(
            municipality=world.municipality,
            kind="arsredovisning",
            year=2025,
            body=None,
            period=annual(world),
            fmt="pdf",
            by=world.users["ekonom"],
            confirm_no_texts=True,
        )
    assert not ReportSnapshot.objects.exists()


def test_a_final_report_needs_every_text_approved_or_none_confirmed(world: World) -> None:
    close(annual(world))
    arguments: dict[str, Any] = {
        "municipality": world.municipality,
        "kind": "arsredovisning",
        "year": 2025,
        "body": None,
        "period": annual(world),
        "fmt": "pdf",
        "by": world.users["ekonom"],
    }
    with pytest.raises(ReportRefused, match="inga skrivna avsnittstexter"):
        snapshot_create(**arguments)
    text(world, GEH, "Ej godkänd.")
    with pytest.raises(ReportRefused, match="inte godkända"):
        snapshot_create(**arguments, confirm_no_texts=True)
    assert not ReportSnapshot.objects.exists()


def test_a_snapshot_keeps_its_bytes_and_hash_after_the_data_changes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    close(annual(world))
    text(world, GEH, "Hushållningen är god.", approve=True)
    snapshot = snapshot_create(
        municipality=world.municipality,
        kind="arsredovisning",
        year=2025,
        body=None,
        period=annual(world),
        fmt="pdf",
        by=world.users["ekonom"],
    )
    stored = snapshot.read()
    assert snapshot.sha256 == hashlib.sha256(stored).hexdigest()
    assert snapshot.size == len(stored)
    first = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stored)).pages)
    assert "48\u00a0213" in first or "48 213" in first
    assert snapshot.source_summary["key_figures"]["Årets resultat"] == "48\u00a0213\u00a0tkr"

    # The data changes: the result is now different, and the text is edited.
    from tests.reports import samples

    monkeypatch.setattr(samples, "RESULT", Decimal("99999999"))
    item = SectionText.objects.get(section_key=GEH)
    with acting_as(world.users["forvaltningschef"]):
        item.write("En helt annan text.", by=world.users["forvaltningschef"])
    again = ReportSnapshot.objects.get(pk=snapshot.pk)
    assert again.read() == stored
    assert again.verify()
    assert again.sha256 == snapshot.sha256


def test_a_snapshot_is_never_changed_or_removed(world: World) -> None:
    close(annual(world))
    snapshot = snapshot_create(
        municipality=world.municipality,
        kind="arsredovisning",
        year=2025,
        body=None,
        period=annual(world),
        fmt="xlsx",
        by=world.users["ekonom"],
        confirm_no_texts=True,
    )
    snapshot.title = "Ändrad"
    with pytest.raises(SnapshotImmutable):
        snapshot.save()
    with pytest.raises(SnapshotImmutable):
        snapshot.delete()
    with pytest.raises(SnapshotImmutable):
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(title="Ändrad")
    with pytest.raises(SnapshotImmutable):
        ReportSnapshot.objects.all().delete()
    assert ReportSnapshot.objects.get(pk=snapshot.pk).title == "Årsredovisning"


def test_the_command_writes_a_pdf(world: World, tmp_path: Any, settings: Any) -> None:
    settings.REDTHREAD_MUNICIPALITY_CODE = world.municipality.code
    out = tmp_path / "ar.pdf"
    call_command("report", "arsredovisning", "--year", "2025", "--format", "pdf", "-o", str(out))
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Balanskravsresultat" in text


def test_the_command_writes_docx_and_xlsx_for_a_nämnd(
    world: World, tmp_path: Any, settings: Any
) -> None:
    settings.REDTHREAD_MUNICIPALITY_CODE = world.municipality.code
    body = world.bodies["osn"]
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"vb.{fmt}"
        call_command(
            "report",
            "verksamhetsberattelse",
            "--year",
            "2025",
            "--body",
            str(body.pk),
            "--format",
            fmt,
            "-o",
            str(out),
        )
        assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["budgetbok", "--year", "2025"], "Rapporttypen ”budgetbok” finns inte"),
        (["verksamhetsberattelse", "--year", "2025"], "görs per nämnd"),
        (["mal-och-budget", "--year", str(EMPTY_YEAR)], "inga uppgifter"),
        (["arsredovisning", "--year", str(EMPTY_YEAR)], "ingen rapportperiod"),
        (["verksamhetsberattelse", "--year", "2025", "--body", "999999"], "ingen nämnd med id"),
    ],
)
def test_the_command_refuses_with_a_swedish_message(
    world: World, tmp_path: Any, settings: Any, arguments: list[str], message: str
) -> None:
    settings.REDTHREAD_MUNICIPALITY_CODE = world.municipality.code
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("report", *arguments, "-o", str(out))
    assert not out.exists()
