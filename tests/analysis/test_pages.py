"""The analysis pages: the overview, a key figure, an indicator's comparison with its analysis
note (written into the goal chain's follow-up), figures waiting for a decision, the sync log."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from redthread.analysis.models import (
    ComparisonSettings,
    KoladaKpi,
    KoladaSync,
    PendingValue,
)
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, FollowUp
from tests.analysis.factories import MEMBERS, annual, figure, from_kolada, group, waiting
from tests.goals.factories import Chain
from tests.world import World


@pytest.fixture
def compared(chain: Chain, world: World) -> Chain:
    """Brukarbedömning helhetssyn fed from U21468, with figures for Mjölby and G37466."""
    from_kolada(chain.indicators["nojdhet"])
    KoladaKpi.objects.create(
        code="U21468", title="Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)"
    )
    group()
    ComparisonSettings.objects.create(municipality=world.municipality, group_code="G37466")
    for year in (2024, 2025):
        figure("U21468", "0586", year, "85")
        for index, code in enumerate(MEMBERS):
            figure("U21468", code, year, str(80 + index * 2))
    return chain


def _interim(world: World) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, kind="interim", year=2026)


def test_the_overview_lists_the_indicators_key_figures_with_their_place(
    compared: Chain, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("politiker")
    from_kolada(compared.indicators["personal"], "U21401")
    from_kolada(compared.indicators["sjuk"], "N00090")
    with django_assert_max_num_queries(20):  # the same however many indicators
        response = client.get(reverse("analysis:overview") + "?ar=2026")
    text = response.content.decode()
    assert "Brukarbedömning helhetssyn" in text and "U21468" in text and "U21401" in text
    assert "5 av 8" in text  # 86 88 90 92 | 85 | 84 82 80


def test_the_catalogue_is_searched_by_name_or_id(compared: Chain, client_for: Any) -> None:
    KoladaKpi.objects.create(code="N01951", title="Invånare totalt, antal")
    client = client_for("medarbetare")

    by_name = client.get(reverse("analysis:overview") + "?q=invånare").content.decode()
    by_id = client.get(reverse("analysis:overview") + "?q=u21468").content.decode()

    assert "N01951" in by_name and "1 nyckeltal matchar" in by_name
    assert reverse("analysis:kpi", args=["U21468"]) in by_id


def test_a_key_figure_is_compared_and_an_unknown_one_is_not_found(
    compared: Chain, client_for: Any
) -> None:
    client = client_for("politiker")

    text = client.get(reverse("analysis:kpi", args=["U21468"])).content.decode()

    assert "Jämförelsegruppen (medel)" in text and "<svg" in text and "Placering 2025" in text
    assert "Mjölby har plats <strong>5 av 8</strong>" in text
    assert client.get(reverse("analysis:kpi", args=["N99999"])).status_code == 404


def test_the_comparison_downloads_as_a_workbook(compared: Chain, client_for: Any) -> None:
    response = client_for("revisor").get(reverse("analysis:kpi_excel", args=["U21468"]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    assert "Tidsserie" in workbook.sheetnames


def test_the_analysis_note_is_written_into_the_indicators_follow_up(
    compared: Chain, world: World, client_for: Any
) -> None:
    client = client_for("kvalitetsstrateg")
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])
    page = client.get(url).content.decode()
    assert "Analys – Delår 2026" in page and "Mjölby jämfört över tid" in page

    response = client.post(url, {"period": _interim(world).pk, "analysis": "Högre än gruppen."})

    assert response.status_code == 302
    note = FollowUp.objects.get(indicator=compared.indicators["nojdhet"], period=_interim(world))
    assert note.analysis == "Högre än gruppen." and note.author == world.users["kvalitetsstrateg"]
    goal_page = client.get(reverse("goals:indicator", args=[compared.indicators["nojdhet"].pk]))
    assert "Högre än gruppen." in goal_page.content.decode()


def test_a_second_writer_sees_a_conflict_instead_of_overwriting(
    compared: Chain, world: World, client_for: Any
) -> None:
    note = FollowUp.objects.create(
        period=_interim(world),
        indicator=compared.indicators["nojdhet"],
        analysis="Första texten.",
        author=world.users["kvalitetsstrateg"],
    )
    note.analysis = "Någon annans ändring."
    note.save()  # version 2
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])

    response = client_for("kvalitetsstrateg").post(
        url, {"period": _interim(world).pk, "version": "1", "analysis": "Min text."}
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert "Någon annan har ändrat analysen" in text
    assert (
        "Någon annans ändring." in text and "Min text." in text
    )  # theirs in the field, mine below
    note.refresh_from_db()
    assert note.analysis == "Någon annans ändring."


def test_an_empty_note_is_refused_with_a_message(
    compared: Chain, world: World, client_for: Any
) -> None:
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])

    response = client_for("kvalitetsstrateg").post(url, {"analysis": "  "})

    assert response.status_code == 400
    assert "Skriv analysen innan du sparar." in response.content.decode()
    assert not FollowUp.objects.filter(indicator=compared.indicators["nojdhet"]).exists()


def test_the_note_of_a_closed_period_cannot_be_written(
    compared: Chain, world: World, client_for: Any
) -> None:
    period = _interim(world)
    period.close()
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])
    client = client_for("kvalitetsstrateg")

    page = client.get(url + f"?period={period.pk}").content.decode()
    response = client.post(url, {"period": period.pk, "analysis": "För sent."})

    assert "Perioden är stängd." in page and "Spara analysen" not in page
    assert response.status_code == 403
    assert not FollowUp.objects.filter(indicator=compared.indicators["nojdhet"]).exists()


def test_a_returned_follow_up_is_a_draft_again_once_its_note_is_saved(
    compared: Chain, world: World, client_for: Any
) -> None:
    note = FollowUp.objects.create(
        period=_interim(world),
        indicator=compared.indicators["nojdhet"],
        analysis="Kort.",
        author=world.users["kvalitetsstrateg"],
        state=FollowUp.State.RETURNED,
        review_comment="Jämför med liknande kommuner.",
    )
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])

    client_for("kvalitetsstrateg").post(
        url, {"period": note.period_id, "version": note.version, "analysis": "Längre, jämfört."}
    )

    note.refresh_from_db()
    assert note.state == FollowUp.State.DRAFT and note.analysis == "Längre, jämfört."


def test_those_who_do_not_write_the_indicator_read_the_note(
    compared: Chain, world: World, client_for: Any
) -> None:
    FollowUp.objects.create(
        period=_interim(world),
        indicator=compared.indicators["nojdhet"],
        analysis="Nöjdheten ligger i mitten av gruppen.",
        author=world.users["kvalitetsstrateg"],
        state=FollowUp.State.SUBMITTED,
    )
    url = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])

    text = client_for("politiker").get(url).content.decode()

    assert "Nöjdheten ligger i mitten av gruppen." in text and "Spara analysen" not in text


def test_the_indicator_page_links_to_the_comparison_when_it_has_a_kolada_id(
    compared: Chain, client_for: Any
) -> None:
    client = client_for("medarbetare")
    with_id = client.get(reverse("goals:indicator", args=[compared.indicators["nojdhet"].pk]))
    without = client.get(reverse("goals:indicator", args=[compared.indicators["sjuk"].pk]))

    link = reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk])
    assert link in with_id.content.decode()
    assert reverse("analysis:indicator", args=[compared.indicators["sjuk"].pk]) not in (
        without.content.decode()
    )


def test_a_waiting_figure_is_accepted_from_the_page(world: World, client_for: Any) -> None:
    pending = waiting(world)
    url = reverse("analysis:pending_resolve", args=[pending.pk, "accept"])

    response = client_for("kvalitetsstrateg").post(url, {"next": "/analys/vantande/"})

    assert response.status_code == 302 and response["Location"] == "/analys/vantande/"
    actual = Actual.objects.get(indicator=pending.indicator, period=pending.period)
    assert actual.value == Decimal("85.3") and actual.source == "kolada"


def test_accepting_in_a_closed_period_says_why_and_changes_nothing(
    world: World, client_for: Any
) -> None:
    pending = waiting(world)
    pending.period.close()
    client = client_for("kvalitetsstrateg")

    response = client.post(
        reverse("analysis:pending_resolve", args=[pending.pk, "accept"]), follow=True
    )

    assert "är stängd och kan inte ändras" in response.content.decode()
    assert not Actual.objects.filter(indicator=pending.indicator, period=pending.period).exists()
    pending.refresh_from_db()
    assert pending.state == PendingValue.State.OPEN


def test_the_list_of_waiting_figures_shows_the_actual_beside_koladas(
    world: World, client_for: Any
) -> None:
    pending = waiting(world)
    pending.indicator.decimals = 1
    pending.indicator.save()
    Actual.objects.create(indicator=pending.indicator, period=pending.period, value=Decimal("80"))

    text = client_for("revisor").get(reverse("analysis:pending")).content.decode()

    assert "85,3" in text and "80,0" in text and "Ett annat utfall är redan inlagt" in text
    assert "Använd Koladas värde" not in text  # the revisor decides nothing


def test_the_start_page_tells_the_owner_about_waiting_figures(
    world: World, client_for: Any
) -> None:
    waiting(world)

    owner = client_for("kvalitetsstrateg").get("/").content.decode()
    other = client_for("enhetschef").get("/").content.decode()

    assert "Kolada-värden väntar på beslut" in owner
    assert "Kolada-värden väntar på beslut" not in other


def test_the_sync_log_shows_a_failed_run_and_its_error(world: World, client_for: Any) -> None:
    KoladaSync.objects.create(
        source=KoladaSync.Source.API,
        state=KoladaSync.State.FAILED,
        message="https://api.kolada.se/v3/kpi: Kolada svarade 503 Service Unavailable.",
    )

    text = client_for("revisor").get(reverse("analysis:syncs")).content.decode()

    assert "Misslyckades" in text.replace("misslyckades", "Misslyckades")
    assert "Kolada svarade 503" in text


def test_the_closed_period_figure_is_shown_waiting_on_the_indicator_page(
    compared: Chain, world: World, client_for: Any
) -> None:
    from redthread.analysis import feed

    annual(world, 2025).close()
    feed.feed(world.municipality)

    text = (
        client_for("kvalitetsstrateg")
        .get(reverse("analysis:indicator", args=[compared.indicators["nojdhet"].pk]))
        .content.decode()
    )

    assert "Väntar: perioden är stängd" in text
    assert "Perioden är stängd. Den kan öppnas igen med stöd av ett beslut." in text


def test_the_waiting_list_and_the_sync_log_run_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from tests.goals.factories import load_chain

    chain = load_chain(world)
    for key in ("nojdhet", "personal", "sjuk"):
        indicator = from_kolada(chain.indicators[key])
        for year in (2025, 2026):
            PendingValue.objects.create(
                indicator=indicator,
                period=annual(world, year),
                kpi="U21468",
                value=Decimal("1"),
                reason=PendingValue.Reason.CLOSED,
            )
        KoladaSync.objects.create(source=KoladaSync.Source.API, user=world.users["admin"])
    client = client_for("kvalitetsstrateg")
    client.get("/")

    with django_assert_max_num_queries(9):
        waiting_page = client.get(reverse("analysis:pending"))
    with django_assert_max_num_queries(9):
        log = client.get(reverse("analysis:syncs"))

    assert waiting_page.content.decode().count("Använd Koladas värde") == 6
    assert log.content.decode().count("Admin") >= 3
