"""The reports pages: preview, files made in the background, final versions, texts."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from redthread.cycle.models import ReportingPeriod
from redthread.reports.models import ReportJob, ReportSnapshot, SectionText
from tests.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stub_builders")]

REPORT = reverse("reports:report", args=["arsredovisning"])
GEH = "forvaltningsberattelse.god_ekonomisk_hushallning"


def close_2025(world: World) -> ReportingPeriod:
    period = ReportingPeriod.objects.get(municipality=world.municipality, year=2025, kind="annual")
    period.open()
    period.close()
    return period


def test_the_index_lists_every_kind_in_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_num_queries: Any
) -> None:
    client = client_for("medarbetare")
    client.get(reverse("reports:index"))  # warm the session and scope
    with django_assert_num_queries(9):
        response = client.get(reverse("reports:index"))
    text = response.content.decode()
    for name in ("Mål och budget", "Delårsrapport", "Årsredovisning", "Verksamhetsberättelse",
                 "Månadsrapport", "Internkontrollrapport"):  # fmt: skip
        assert name in text
    assert 'for="namnd-verksamhetsberattelse"' in text


def test_the_preview_shows_the_reports_headings_and_numbers(world: World, client_for: Any) -> None:
    response = client_for("politiker").get(REPORT + "?ar=2025")
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h2" in text and "Förvaltningsberättelse" in text
    assert "48\u00a0213" in text and "62,5\u00a0%" in text
    assert "Skapa PDF" in text  # politiker writes (a file), even if not texts


def test_a_draft_text_is_marked_in_the_preview(world: World, client_for: Any) -> None:
    SectionText.objects.create(
        municipality=world.municipality, kind="arsredovisning", year=2025,
        section_key=GEH, text="Preliminär analys.", written_by=world.users["ekonom"],
    )  # fmt: skip
    text = client_for("ekonom").get(REPORT + "?ar=2025").content.decode()
    assert "Preliminär analys." in text and "Utkast" in text


def test_a_nämnd_report_asks_for_the_nämnd(world: World, client_for: Any) -> None:
    url = reverse("reports:report", args=["verksamhetsberattelse"])
    text = client_for("ekonom").get(url + "?ar=2025").content.decode()
    assert "Välj vilken nämnd" in text
    body = world.bodies["osn"]
    text = client_for("ekonom").get(url + f"?ar=2025&namnd={body.pk}").content.decode()
    assert "Omsorgs- och socialnämnden" in text and "Förvaltningsberättelse" in text


def test_a_year_without_data_says_so(world: World, client_for: Any) -> None:
    url = reverse("reports:report", args=["mal-och-budget"])
    text = client_for("ekonom").get(url + "?ar=1999").content.decode()
    assert "Det finns inga uppgifter för 1999." in text


def test_making_a_pdf_runs_in_the_background_and_offers_the_file(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("ekonom")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:generate", args=["arsredovisning"]), {"ar": "2025", "format": "pdf"}
        )
    job = ReportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    status = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "Klar" in status and reverse("reports:job_download", args=[job.pk]) in status
    assert "hx-get" not in status  # finished: the page stops polling
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    assert "Balanskravsresultat" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(data)).pages
    )


def test_a_running_job_is_polled_and_a_stalled_one_can_run_again(
    world: World, client_for: Any, settings: Any
) -> None:
    import datetime as dt

    job = ReportJob.objects.create(
        municipality=world.municipality, kind="arsredovisning", year=2025, format="xlsx",
        requested_by=world.users["ekonom"], state=ReportJob.State.RUNNING, progress=40,
        started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    client = client_for("ekonom")
    text = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert "Avbruten" in text and "Försök igen" in text
    settings.REDTHREAD_IMPORT_STALL_SECONDS = 10**9
    text = client.get(reverse("reports:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in text and 'value="40"' in text


def test_a_final_report_needs_a_closed_period_and_is_then_stored_with_its_hash(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("ekonom")
    data = {"ar": "2025", "format": "pdf", "slutlig": "1", "utan_texter": "1"}
    url = reverse("reports:generate", args=["arsredovisning"])
    refused = client.post(url, data)
    assert refused.status_code == 400 and "inte stängd" in refused.content.decode()
    close_2025(world)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    snapshot = ReportSnapshot.objects.get()
    download = client.get(snapshot.get_absolute_url())
    assert hashlib.sha256(download.content).hexdigest() == snapshot.sha256
    assert download["X-Content-SHA256"] == snapshot.sha256
    page = client.get(REPORT + "?ar=2025").content.decode()
    assert snapshot.sha256 in page and snapshot.file_name in page


def test_only_staff_make_a_report_final(world: World, client_for: Any) -> None:
    close_2025(world)
    response = client_for("politiker").post(
        reverse("reports:generate", args=["arsredovisning"]),
        {"ar": "2025", "format": "pdf", "slutlig": "1", "utan_texter": "1"},
    )
    assert response.status_code == 403
    assert not ReportJob.objects.exists()


def _save(client: Any, action: str, version: int | None = None, text: str = "") -> Any:
    data = {"ar": "2025", "avsnitt": GEH, "atgard": action, "text": text}
    if version is not None:
        data["version"] = str(version)
    return client.post(reverse("reports:text_save", args=["arsredovisning"]), data)


def test_a_text_is_written_submitted_and_approved(world: World, client_for: Any) -> None:
    ekonom, strategist = client_for("ekonom"), client_for("kvalitetsstrateg")
    assert _save(ekonom, "spara", text="God hushållning.").status_code == 302
    item = SectionText.objects.get()
    assert item.state == "draft" and item.written_by == world.users["ekonom"]
    assert _save(ekonom, "skicka", item.version).status_code == 302
    item.refresh_from_db()
    assert _save(strategist, "godkann", item.version).status_code == 302
    item.refresh_from_db()
    assert item.is_approved and item.approved_by == world.users["kvalitetsstrateg"]
    page = strategist.get(reverse("reports:texts", args=["arsredovisning"]) + "?ar=2025")
    assert "godkänd" in page.content.decode()


def test_a_text_saved_on_an_old_copy_is_refused(world: World, client_for: Any) -> None:
    client = client_for("ekonom")
    _save(client, "spara", text="Första.")
    item = SectionText.objects.get()
    _save(client, "spara", item.version, text="Andra.")
    response = _save(client, "spara", item.version, text="Tredje, på gammal kopia.")
    assert response.status_code == 409
    assert "Någon annan har ändrat texten" in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Andra."


def test_the_förvaltningschef_writes_the_nämnds_texts_but_does_not_approve(
    world: World, client_for: Any
) -> None:
    client = client_for("forvaltningschef")
    body = world.bodies["osn"]
    url = reverse("reports:text_save", args=["verksamhetsberattelse"])
    data = {"ar": "2025", "namnd": str(body.pk), "avsnitt": GEH, "atgard": "spara", "text": "Ok."}
    assert client.post(url, data).status_code == 302
    item = SectionText.objects.get(body=body)
    client.post(url, {**data, "atgard": "skicka", "version": str(item.version)})
    item.refresh_from_db()
    response = client.post(url, {**data, "atgard": "godkann", "version": str(item.version)})
    assert response.status_code == 403
    other = {**data, "namnd": str(world.bodies["un"].pk)}
    assert client.post(url, other).status_code == 403


def test_a_stalled_job_is_queued_again_and_a_running_one_is_not(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    job = ReportJob.objects.create(
        municipality=world.municipality, kind="arsredovisning", year=2025, format="xlsx",
        requested_by=world.users["ekonom"], state=ReportJob.State.RUNNING,
        started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    client = client_for("ekonom")
    response = client.post(reverse("reports:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ReportJob.State.DONE  # the immediate test backend ran it again
    assert job.output.name.endswith(".xlsx")
    response = client.post(reverse("reports:job_retry", args=[job.pk]))
    assert response.status_code == 409 and "har inte stannat" in response.content.decode()


def test_the_report_page_lists_its_final_versions_in_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_num_queries: Any
) -> None:
    from redthread.reports.snapshots import snapshot_create

    period = close_2025(world)
    client = client_for("revisor")
    client.get(REPORT + "?ar=2025")

    def make(fmt: str) -> None:
        snapshot_create(
            municipality=world.municipality, kind="arsredovisning", year=2025, body=None,
            period=period, fmt=fmt, by=world.users["ekonom"], confirm_no_texts=True,
        )  # fmt: skip

    make("xlsx")
    with django_assert_num_queries(14) as one:
        client.get(REPORT + "?ar=2025")
    make("docx")
    make("xlsx")
    with django_assert_num_queries(len(one.captured_queries)):
        text = client.get(REPORT + "?ar=2025").content.decode()
    assert text.count("-slutlig.") == 3
    assert "Skapa slutlig rapport" not in text  # the revisor writes nothing
