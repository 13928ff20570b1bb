"""The kommunkoncern's companies and the personnel figures: forms, CSV imports, statements."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.finance import statements
from redthread.finance.group_import import CsvRefused, import_company_accounts, import_personnel
from redthread.finance.models import CompanyAccounts, PersonnelFigures
from redthread.organisation.models import Body
from tests.world import World

COMPANY_CSV = """bolag;ar;post;belopp
Fastighets AB Mjölby;2025;agarandel;100
Fastighets AB Mjölby;2025;intakter;200 000 000
Fastighets AB Mjölby;2025;kostnader;150000000
Fastighets AB Mjölby;2025;avskrivningar;30000000
Fastighets AB Mjölby;2025;finansnetto;-12000000
Fastighets AB Mjölby;2025;skatt;2000000
Fastighets AB Mjölby;2025;anlaggningstillgangar;1500000000
Fastighets AB Mjölby;2025;omsattningstillgangar;60000000
Fastighets AB Mjölby;2025;eget_kapital;300000000
Fastighets AB Mjölby;2025;avsattningar;10000000
Fastighets AB Mjölby;2025;langfristiga_skulder;1200000000
Fastighets AB Mjölby;2025;kortfristiga_skulder;50000000
Fastighets AB Mjölby;2025;interna_intakter;90000000
Fastighets AB Mjölby;2025;interna_fordringar;5000000
Fastighets AB Mjölby;2025;aktiernas_bokforda_varde;40000000
Energi AB;2025;agarandel;60,5
Energi AB;2025;intakter;100000000
Energi AB;2025;kostnader;80000000
Energi AB;2025;anlaggningstillgangar;200000000
Energi AB;2025;eget_kapital;100000000
Energi AB;2025;langfristiga_skulder;100000000
"""

PERSONNEL_CSV = (
    "\ufeffForvaltning;Ar;Anstallda;Arsarbetare;Sjukfranvaro_procent;Personalomsattning_procent\n"
    "Kommunstyrelsens förvaltning;2025;200;190,5;4,2;8,0\n"
    "Omsorgs- och socialförvaltningen;2025;1000;900;8,5;12\n"
)


@pytest.fixture
def companies(world: World) -> dict[str, Body]:
    with acting_as(world.users["ekonom"]):
        return {
            "fami": Body.objects.create(
                municipality=world.municipality,
                kind=Body.Kind.COMPANY,
                name="Fastighets AB Mjölby",
                short_name="FAMI",
                order=1,
            ),
            "energi": Body.objects.create(
                municipality=world.municipality,
                kind=Body.Kind.COMPANY,
                name="Energi AB",
                order=2,
            ),
        }


def test_a_company_file_is_imported_and_consolidated_proportionally(
    world: World, companies: dict[str, Body]
) -> None:
    m = world.municipality
    with acting_as(world.users["ekonom"]):
        result = import_company_accounts(m, COMPANY_CSV.encode())
    assert (result.created, result.changed) == (2, 0)
    fami = CompanyAccounts.objects.get(company=companies["fami"], year=2025)
    assert fami.revenue == 200_000_000
    assert fami.result == 200_000_000 - 150_000_000 - 30_000_000 - 12_000_000 - 2_000_000
    energi = CompanyAccounts.objects.get(company=companies["energi"], year=2025)
    assert energi.ownership_percent == Decimal("60.5")
    assert fami.history.first().history_user == world.users["ekonom"]  # type: ignore[union-attr]

    group = statements.group_accounts(m, 2025, unit="kr")
    assert group.columns == [
        "Kommunen",
        "Fastighets AB Mjölby (100 %)",
        "Energi AB (60,5 %)",
        "Elimineringar",
        "Kommunkoncernen",
    ]
    revenue = group.line("revenue").values
    assert revenue[1] == 200_000_000
    assert revenue[2] == 60_500_000  # 60.5 % of 100 million
    assert revenue[3] == -90_000_000  # FAMI's rent from the municipality
    assert revenue[4] == sum(revenue[:4])  # type: ignore[arg-type]
    result = group.line("result").values
    assert result[1] == fami.result
    assert result[2] == 12_100_000  # 60.5 % of 20 million
    assert result[3] == 0  # eliminations move revenue and cost, never the result
    assert result[4] == result[0] + fami.result + 12_100_000  # type: ignore[operator]
    for column in range(5):
        assert group.value("total_assets", column) == group.value("total_claims", column)
    assert group.value("fixed_assets", 3) == -40_000_000  # the shares against the equity
    assert group.value("equity", 3) == -40_000_000


def test_a_bad_company_file_changes_nothing_and_names_the_line(
    world: World, companies: dict[str, Body]
) -> None:
    m = world.municipality
    with acting_as(world.users["ekonom"]):
        import_company_accounts(m, COMPANY_CSV.encode())
    bad = COMPANY_CSV.replace("2025;intakter;200 000 000", "2025;intakter;200 000 001").replace(
        "Energi AB;2025;kostnader;80000000", "Energi AB;2025;kostnaderna;80000000"
    )
    with pytest.raises(CsvRefused) as refused, acting_as(world.users["ekonom"]):
        import_company_accounts(m, bad.encode())
    assert refused.value.errors == [
        "Rad 19, kolumn post: okänd post ”kostnaderna”. Tillåtna: "
        + ", ".join(
            [
                "agarandel",
                "intakter",
                "kostnader",
                "avskrivningar",
                "finansnetto",
                "skatt",
                "anlaggningstillgangar",
                "omsattningstillgangar",
                "eget_kapital",
                "avsattningar",
                "langfristiga_skulder",
                "kortfristiga_skulder",
                "interna_intakter",
                "interna_kostnader",
                "interna_fordringar",
                "interna_skulder",
                "aktiernas_bokforda_varde",
            ]
        )
        + "."
    ]
    assert CompanyAccounts.objects.get(company=companies["fami"]).revenue == 200_000_000
    # A balance sheet that does not add up is refused, naming the company's first line.
    unbalanced = COMPANY_CSV.replace("eget_kapital;300000000", "eget_kapital;300000001")
    with pytest.raises(CsvRefused, match="Rad 2: Fastighets AB Mjölby 2025: Balansräkningen"):
        import_company_accounts(m, unbalanced.encode())
    unknown = "bolag;ar;post;belopp\nOkänt AB;2025;intakter;1\n"
    with pytest.raises(CsvRefused, match="Rad 2, kolumn bolag: bolaget ”Okänt AB” finns inte"):
        import_company_accounts(m, unknown.encode())
    assert CompanyAccounts.objects.count() == 2


def test_the_company_form_checks_the_balance_and_a_closed_year_is_read_only(
    world: World, companies: dict[str, Body], client_for: Any
) -> None:
    client = client_for("ekonom")
    url = reverse("finance:company_accounts_create", args=[2025])
    data = {
        "company": companies["fami"].pk,
        "ownership_percent": "100",
        "revenue": "1 000",
        "fixed_assets": "500",
        "equity": "400",
    }
    for name in statements_fields():
        data.setdefault(name, "0")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Balansräkningen går inte ihop" in response.content.decode()
    data["equity"] = "500"
    response = client.post(url, data)
    assert response.status_code == 302
    accounts = CompanyAccounts.objects.get(company=companies["fami"], year=2025)
    assert accounts.revenue == 1000

    ensure_periods(world.municipality, 2025)
    ReportingPeriod.objects.get(municipality=world.municipality, year=2025, kind="annual").close()
    data["revenue"] = "2000"
    response = client.post(reverse("finance:company_accounts_edit", args=[accounts.pk]), data)
    assert response.status_code == 400
    assert "Året är stängt" in response.content.decode()
    accounts.refresh_from_db()
    assert accounts.revenue == 1000
    with pytest.raises(CsvRefused, match="Året 2025 är stängt"):
        import_company_accounts(world.municipality, COMPANY_CSV.encode())


def statements_fields() -> list[str]:
    from redthread.finance.models.group import COMPANY_FIELDS

    return COMPANY_FIELDS


def test_the_group_page_shows_the_companies_and_the_consolidated_statement(
    world: World, companies: dict[str, Body], client_for: Any, django_assert_max_num_queries: Any
) -> None:
    with acting_as(world.users["ekonom"]):
        import_company_accounts(world.municipality, COMPANY_CSV.encode())
    client = client_for("politiker")
    with django_assert_max_num_queries(30):
        response = client.get(reverse("finance:group", args=[2025]))
    text = response.content.decode()
    assert "Fastighets AB Mjölby" in text
    assert "Kommunkoncernen" in text
    assert "Läs in från CSV" not in text  # the politician reads only


def test_a_personnel_file_is_imported_and_the_total_is_weighted(world: World) -> None:
    m = world.municipality
    with acting_as(world.users["ekonom"]):
        result = import_personnel(m, PERSONNEL_CSV.encode(), source="hr.csv")
    assert result.created == 2
    osf = PersonnelFigures.objects.get(unit=world.units["osf"], year=2025)
    assert osf.full_time_equivalents == Decimal("900.0")
    assert osf.sick_leave_percent == Decimal("8.50")
    assert osf.source == "hr.csv"
    table = statements.personnel_figures(m, 2025)
    assert table.line(f"unit-{world.units['ksf'].pk}").values == [
        200,
        Decimal("190.5"),
        Decimal("4.20"),
        Decimal("8.00"),
    ]
    employees, fte, sick, turnover = table.line("total").values
    assert employees == 1200
    assert fte == Decimal("1090.5")
    # Sick leave weighted by årsarbetare, turnover by employees.
    assert sick == (
        (Decimal("4.2") * Decimal("190.5") + Decimal("8.5") * 900) / Decimal("1090.5")
    ).quantize(Decimal("0.01"))
    assert turnover == Decimal("11.33")
    # Importing the same file again changes nothing.
    with acting_as(world.users["ekonom"]):
        again = import_personnel(m, PERSONNEL_CSV.encode())
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert osf.history.count() == 1


def test_a_bad_personnel_file_changes_nothing_and_names_line_and_column(world: World) -> None:
    m = world.municipality
    with acting_as(world.users["ekonom"]):
        import_personnel(m, PERSONNEL_CSV.encode())
    bad = PERSONNEL_CSV.replace("900;8,5;12", "950;åtta;12").replace(
        "200;190,5;4,2;8,0", "210;190,5;4,2;108"
    )
    with pytest.raises(CsvRefused) as refused:
        import_personnel(m, bad.encode())
    assert refused.value.errors == [
        "Rad 2, kolumn personalomsattning_procent: en procentsats ligger mellan 0 och 100.",
        "Rad 3, kolumn sjukfranvaro_procent: ”åtta” är inte ett tal.",
    ]
    assert PersonnelFigures.objects.get(unit=world.units["osf"]).full_time_equivalents == 900
    assert PersonnelFigures.objects.get(unit=world.units["ksf"]).employees == 200
    with pytest.raises(CsvRefused, match="Rad 1: kolumnen arsarbetare saknas"):
        import_personnel(
            m, b"forvaltning;ar;anstallda;sjukfranvaro_procent;personalomsattning_procent\n"
        )
    with pytest.raises(CsvRefused, match="inte sparad som UTF-8"):
        import_personnel(m, PERSONNEL_CSV.encode("utf-16"))
    with pytest.raises(
        CsvRefused, match="Rad 2, kolumn forvaltning: förvaltningen ”Hemtjänst Norr”"
    ):
        import_personnel(
            m,
            (
                "forvaltning;ar;anstallda;arsarbetare;sjukfranvaro_procent;personalomsattning_procent\n"
                "Hemtjänst Norr;2025;10;9;5;5\n"
            ).encode(),
        )


def test_the_personnel_page_imports_for_the_ekonom_and_lists_for_everyone(
    world: World, client_for: Any, django_assert_num_queries: Any
) -> None:
    upload = SimpleUploadedFile("hr.csv", PERSONNEL_CSV.encode(), content_type="text/csv")
    response = client_for("ekonom").post(
        reverse("finance:personnel_import", args=[2025]), {"file": upload}, follow=True
    )
    text = response.content.decode()
    assert "Filen är inläst: 2 nya, 0 ändrade, 0 oförändrade." in text
    assert "Omsorgs- och socialförvaltningen" in text
    assert "1 090,5" in text or "1\u00a0090,5" in text
    bad = SimpleUploadedFile("hr.csv", PERSONNEL_CSV.replace("1000", "x").encode())
    response = client_for("ekonom").post(
        reverse("finance:personnel_import", args=[2025]), {"file": bad}, follow=True
    )
    text = response.content.decode()
    assert "Filen lästes inte in och inget ändrades." in text
    assert "Rad 3, kolumn anstallda" in text
    client = client_for("medarbetare")
    client.get(reverse("finance:personnel", args=[2025]))  # warm the session
    with django_assert_num_queries(11):
        response = client.get(reverse("finance:personnel", args=[2025]))
    assert "Kommunen totalt" in response.content.decode()
