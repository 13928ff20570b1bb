"""``redthread kolada-sync`` against a local Kolada, and from published files for offline use."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from redthread.analysis.models import (
    ComparisonSettings,
    KoladaGroup,
    KoladaKpi,
    KoladaMunicipality,
    KoladaSync,
    KoladaValue,
)
from redthread.analysis.sync import parse_years
from redthread.goals.models import Actual
from tests.analysis.factories import MEMBERS, annual, from_kolada
from tests.analysis.fake_kolada import FakeKolada
from tests.goals.factories import Chain
from tests.world import World


@pytest.fixture
def published(kolada_settings: FakeKolada, chain: Chain, world: World) -> FakeKolada:
    """Kolada with U21468 for Mjölby, its group G37466, the county and Riket, 2024–2025."""
    from_kolada(chain.indicators["nojdhet"])
    ComparisonSettings.objects.create(municipality=world.municipality, group_code="G37466")
    kolada = kolada_settings
    kolada.kpis = [
        {
            "id": "U21468",
            "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
            "is_divided_by_gender": True,
            "municipality_type": "K",
            "publ_period": "2025",
            "publication_date": "2026-04-28",
        }
    ]
    kolada.municipalities = [
        {"id": "0586", "title": "Mjölby", "type": "K"},
        {"id": "0005", "title": "Region Östergötland", "type": "L"},
        {"id": "0000", "title": "Riket", "type": "L"},
        *({"id": code, "title": f"Kommun {code}", "type": "K"} for code in MEMBERS),
    ]
    kolada.groups = [
        {
            "id": "G37466",
            "title": "Liknande kommuner, övergripande, Mjölby, 2025",
            "members": [{"id": code, "title": f"Kommun {code}"} for code in MEMBERS],
        }
    ]
    for year, value in ((2024, 84.0), (2025, 85.3)):
        for place in ["0586", "0005", "0000", *MEMBERS]:
            kolada.add_value("U21468", place, year, value + (0 if place == "0586" else 1))
        kolada.add_value("U21468", "0586", year, value + 2, "K")
        kolada.add_value("U21468", "0586", year, value - 2, "M")
    return kolada


def test_the_sync_fetches_the_indicators_key_figures_and_feeds_them(
    published: FakeKolada, chain: Chain, world: World
) -> None:
    call_command("kolada_sync", "--years", "2024-2025", verbosity=0)

    run = KoladaSync.objects.get()
    assert run.state == KoladaSync.State.DONE and run.values_created == 2 * (10 + 2)
    assert KoladaKpi.objects.get().code == "U21468"
    assert KoladaGroup.objects.get().members == MEMBERS
    actual = Actual.objects.get(indicator=chain.indicators["nojdhet"], period=annual(world, 2025))
    assert (actual.value, actual.value_women, actual.value_men) == (
        Decimal("85.3"),
        Decimal("87.3"),
        Decimal("83.3"),
    )
    assert run.actuals_written == 2
    data_requests = [r for r in published.requests if r.startswith("/v3/data/")]
    assert data_requests == [
        "/v3/data/kpi/U21468/municipality/0586,0005,0000,"
        + ",".join(MEMBERS)
        + "/year/2024,2025?per_page=5000"
    ]


def test_a_second_sync_changes_nothing(published: FakeKolada, chain: Chain, world: World) -> None:
    call_command("kolada_sync", "--years", "2024-2025", verbosity=0)
    actual = Actual.objects.get(indicator=chain.indicators["nojdhet"], period=annual(world, 2025))

    call_command("kolada_sync", "--years", "2024-2025", verbosity=0)

    second = KoladaSync.objects.order_by("started_at").last()
    assert second is not None
    assert (second.values_created, second.values_updated, second.values_unchanged) == (0, 0, 24)
    assert second.actuals_written == 0
    assert actual.history.count() == 1  # type: ignore[attr-defined]


def test_a_malformed_page_saves_nothing_and_says_where(published: FakeKolada) -> None:
    published.malformed["data"] = b'{"values": [{"kpi": "U21468", "municipality": "0586"}]}'

    with pytest.raises(CommandError, match="period None är inget år"):
        call_command("kolada_sync", "--years", "2025", verbosity=0)

    assert not KoladaValue.objects.exists()
    assert not KoladaKpi.objects.exists() and not KoladaMunicipality.objects.exists()
    assert not Actual.objects.filter(source="kolada").exists()
    run = KoladaSync.objects.get()
    assert run.state == KoladaSync.State.FAILED and "/v3/data/kpi/U21468" in run.message


def test_all_municipalities_asks_by_key_figure_and_year(published: FakeKolada) -> None:
    call_command("kolada_sync", "--years", "2025", "--all-municipalities", verbosity=0)

    assert any(r.startswith("/v3/data/kpi/U21468/year/2025?") for r in published.requests)
    assert KoladaValue.objects.filter(year=2025, gender="T").count() == 10


def test_an_incremental_sync_asks_for_changes_since_the_last_one(published: FakeKolada) -> None:
    call_command("kolada_sync", "--years", "2025", verbosity=0)
    KoladaSync.objects.update(started_at=timezone.make_aware(dt.datetime(2026, 3, 1, 6, 0)))
    published.requests.clear()

    call_command("kolada_sync", "--years", "2025", "--incremental", verbosity=0)

    assert all("from_date=2026-03-01" in r for r in published.requests if "/data/" in r)


@pytest.mark.parametrize("text", ["2025-2016", "20x5", "1800-1900"])
def test_years_that_are_no_range_are_refused(text: str, published: FakeKolada) -> None:
    with pytest.raises(CommandError, match="--years"):
        call_command("kolada_sync", "--years", text, verbosity=0)
    assert parse_years("2016-2018") == [2016, 2017, 2018]


def _write_files(directory: Path, values: str) -> None:
    (directory / "rkolada_sysdata_kpi_df.csv").write_text(
        "id,title,description,is_divided_by_gender,municipality_type,auspice,operating_area,"
        "perspective,prel_publication_date,publication_date,publ_period,has_ou_data\n"
        'U21468,"Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",Beskrivning,'
        "True,K,,Äldre och funktionshinder,Kvalitet och resultat,,2026-04-28,2025,False\n"
    )
    (directory / "rkolada_sysdata_municipality.csv").write_text(
        "id,title,type\n0000,Riket,L\n0005,Region Östergötland,L\n0586,Mjölby,K\n"
    )
    (directory / "rkolada_sysdata_municipality_groups.json").write_text(
        json.dumps(
            [
                {
                    "id": "G37466",
                    "title": "Liknande kommuner, övergripande, Mjölby, 2025",
                    "members": [{"member_id": "0662", "member_title": "Gislaved"}],
                }
            ]
        )
    )
    (directory / "rkolada_sysdata_values_U21468.csv").write_text(
        "gender,count,status,value,kpi,year,municipality_id,municipality,municipality_type\n"
        + values
    )


def test_the_published_files_are_loaded_offline(tmp_path: Path, chain: Chain, world: World) -> None:
    from_kolada(chain.indicators["nojdhet"])
    _write_files(
        tmp_path, "T,1,,85.3,U21468,2025,0586,Mjölby,K\nT,1,,88,U21468,2025,0662,Gislaved,K\n"
    )

    call_command("kolada_sync", "--from-files", str(tmp_path), verbosity=0)

    assert KoladaGroup.objects.get(code="G37466").members == ["0662"]
    assert KoladaKpi.objects.get().operating_area == "Äldre och funktionshinder"
    assert KoladaValue.objects.count() == 2
    actual = Actual.objects.get(indicator=chain.indicators["nojdhet"], period=annual(world, 2025))
    assert actual.value == Decimal("85.3")
    assert KoladaSync.objects.get().source == KoladaSync.Source.FILES


def test_a_bad_file_names_the_file_and_line_and_saves_nothing(tmp_path: Path, world: World) -> None:
    _write_files(tmp_path, "T,1,,85.3,U21468,2025,0586,Mjölby,K\nT,1,,lots,U21468,2025,0662,G,K\n")

    with pytest.raises(CommandError, match=r"rkolada_sysdata_values_U21468.csv rad 3"):
        call_command("kolada_sync", "--from-files", str(tmp_path), verbosity=0)

    assert not KoladaKpi.objects.exists() and not KoladaValue.objects.exists()


def test_a_missing_directory_is_a_clear_error(tmp_path: Path, world: World) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("kolada_sync", "--from-files", str(tmp_path / "nowhere"), verbosity=0)
