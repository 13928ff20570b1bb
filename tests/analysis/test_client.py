"""The Kolada client against a local server speaking the API's shapes: paging, retries,
more than 25 ids, malformed pages. No test needs the internet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redthread.analysis.client import KoladaClient, KoladaError, KoladaFormatError, chunks
from tests.analysis.fake_kolada import FakeKolada


def test_it_follows_next_url_through_every_page(kolada: FakeKolada) -> None:
    for year in range(2016, 2026):
        kolada.add_value("N01951", "0586", year, 33000 + year)
    client = KoladaClient(kolada.base_url, per_page=3, backoff=0.001)

    rows = list(client.values(["N01951"], ["0586"], list(range(2016, 2026))))

    assert [r.year for r in rows] == list(range(2016, 2026))
    assert len(kolada.requests) == 4  # 3 + 3 + 3 + 1 rows
    assert "page=2" in kolada.requests[1] and "page=4" in kolada.requests[3]


def test_it_flattens_genders_counts_and_statuses(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.add_value("N15428", "0586", 2025, 86.04, "T")
    kolada.add_value("N15428", "0586", 2025, 88.6, "K")
    kolada.add_value("N15428", "0586", 2025, None, "M")

    rows = {r.gender: r for r in client.values(["N15428"], ["0586"], [2025])}

    assert rows["T"].value == Decimal("86.04") and rows["T"].count == 1
    assert rows["K"].value == Decimal("88.6")
    assert rows["M"].value is None and rows["M"].status == "Missing"


def test_it_retries_a_429_with_back_off_and_then_succeeds(
    kolada: FakeKolada, client: KoladaClient
) -> None:
    kolada.kpis = [{"id": "N01951", "title": "Invånare totalt, antal"}]
    kolada.fail_with = [429, 503]
    waits: list[float] = []
    client.sleep = waits.append

    rows = list(client.kpis())

    assert [r["id"] for r in rows] == ["N01951"]
    assert len(kolada.requests) == 3
    assert waits == [0.001, 0.002]  # exponential, capped by max_delay


def test_it_gives_up_after_the_last_retry_with_a_clear_error(
    kolada: FakeKolada, client: KoladaClient
) -> None:
    kolada.fail_with = [503] * 10
    client.retries = 2

    with pytest.raises(KoladaError, match="Kolada svarade 503"):
        list(client.municipalities())
    assert len(kolada.requests) == 3


def test_it_does_not_retry_a_client_error(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.fail_with = [404, 404]

    with pytest.raises(KoladaError, match="404"):
        list(client.kpis(["N99999"]))
    assert len(kolada.requests) == 1


def test_it_asks_for_at_most_25_ids_per_request(kolada: FakeKolada, client: KoladaClient) -> None:
    municipalities = [f"{code:04d}" for code in range(1100, 1160)]  # 60 kommuner
    for code in municipalities:
        kolada.add_value("N00097", code, 2025, 1.5)

    rows = list(client.values(["N00097"], municipalities, [2025]))

    assert len(rows) == 60
    asked = [r.split("/municipality/")[1].split("/")[0].split(",") for r in kolada.requests]
    assert [len(ids) for ids in asked] == [25, 25, 10]
    assert sorted(code for ids in asked for code in ids) == municipalities


def test_it_splits_every_dimension_and_metadata_ids_too(
    kolada: FakeKolada, client: KoladaClient
) -> None:
    kolada.kpis = [{"id": f"N{n:05d}", "title": f"Nyckeltal {n}"} for n in range(30)]

    rows = list(client.kpis([f"N{n:05d}" for n in range(30)]))

    assert len(rows) == 30
    assert len(kolada.requests) == 2
    assert chunks(["a", "b", "a", "c"], 2) == [["a", "b"], ["c"]]


def test_a_page_that_is_not_json_is_a_clear_error(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.malformed["municipality"] = b"<html>Bad gateway</html>"

    with pytest.raises(KoladaFormatError, match="svaret är inte JSON"):
        list(client.municipalities())


def test_a_page_with_a_value_that_is_no_number_is_a_clear_error(
    kolada: FakeKolada, client: KoladaClient
) -> None:
    kolada.malformed["data"] = (
        b'{"values": [{"kpi": "N01951", "municipality": "0586", "period": 2025,'
        b' "values": [{"gender": "T", "value": "many"}]}], "next_url": null}'
    )

    with pytest.raises(KoladaFormatError, match=r"N01951 0586 2025: värdet 'many' är inget tal"):
        list(client.values(["N01951"], ["0586"], [2025]))


def test_a_page_without_values_is_a_clear_error(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.malformed["kpi"] = b'{"count": 3, "next_url": null}'

    with pytest.raises(KoladaFormatError, match="saknar listan values"):
        list(client.kpis())


def test_a_next_url_to_another_server_is_refused(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.malformed["kpi"] = (
        b'{"values": [{"id": "N1", "title": "x"}], "next_url": "https://evil.example/v3/kpi"}'
    )

    with pytest.raises(KoladaFormatError, match="annan server"):
        list(client.kpis())


def test_it_sends_from_date_for_an_incremental_sync(
    kolada: FakeKolada, client: KoladaClient
) -> None:
    list(client.values(["N01951"], ["0586"], None, from_date=dt.date(2026, 3, 1)))

    assert "from_date=2026-03-01" in kolada.requests[0]
    assert "/data/kpi/N01951/municipality/0586?" in kolada.requests[0]


def test_it_reads_group_members_as_kolada_ids(kolada: FakeKolada, client: KoladaClient) -> None:
    kolada.groups = [
        {
            "id": "G37466",
            "title": "Liknande kommuner, övergripande, Mjölby, 2025",
            "members": [{"id": "0662", "title": "Gislaved"}, {"id": "1267", "title": "Höör"}],
        }
    ]

    [group] = list(client.groups(["G37466"]))

    assert group["members"] == ["0662", "1267"]


def test_data_needs_two_of_the_three_dimensions(client: KoladaClient) -> None:
    with pytest.raises(ValueError, match="two of"):
        list(client.values(["N01951"]))
