"""Survey results in from CSV or Excel: per unit and gender, into indicators, all rows or none."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, Source
from redthread.quality.models import Survey, SurveyResult
from tests.quality.factories import a_unit_survey, an_employee_survey, hme_indicator
from tests.world import World

GOOD_CSV = """Index;Enhet;Värde;Kvinnor;Män;Antal svar
HME;;79;81;77;2140
HME;Hemtjänst Norr;82,5;;;41
HME;Hagaskolan;76;77;74;38
HME-L;;80;;;
"""


def _upload(client: Any, survey: Survey, content: bytes, name: str = "hme.csv") -> Any:
    return client.post(
        reverse("quality:survey_import", args=[survey.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _annual(world: World) -> ReportingPeriod:
    return world.extra["chain"].periods["annual"]


def test_it_reads_results_per_unit_and_gender_and_feeds_the_indicator(
    world: World, client_for: Any
) -> None:
    survey = an_employee_survey(world)
    response = _upload(client_for("kvalitetsstrateg"), survey, GOOD_CSV.encode())
    assert response.status_code == 302
    results = {
        (r.index.code, r.unit.name if r.unit else None): r
        for r in SurveyResult.objects.filter(survey=survey).select_related("index", "unit")
    }
    assert set(results) == {
        ("HME", None),
        ("HME", "Hemtjänst Norr"),
        ("HME", "Hagaskolan"),
        ("HME-L", None),
    }
    norr = results[("HME", "Hemtjänst Norr")]
    assert norr.value == Decimal("82.5") and norr.value_women is None and norr.respondents == 41
    haga = results[("HME", "Hagaskolan")]
    assert (haga.value_women, haga.value_men) == (Decimal("77"), Decimal("74"))
    actual = Actual.objects.get(indicator=hme_indicator(world), period=_annual(world))
    assert (actual.value, actual.value_women, actual.value_men) == (
        Decimal("79"),
        Decimal("81"),
        Decimal("77"),
    )
    assert actual.source == Source.SURVEY
    survey.refresh_from_db()
    assert survey.state == Survey.State.DONE
    page = client_for("medarbetare").get(survey.get_absolute_url()).content.decode()
    assert "Hemtjänst Norr" in page and "Utfall för indikatorn" in page


def test_an_excel_file_works_the_same(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Enhet", "Index", "Värde", "Kvinnor", "Män"])  # the order is free
    sheet.append([None, "HME", 78.5, 80, 77])
    sheet.append(["Hagaskolan", "hme", 74, None, None])
    buffer = BytesIO()
    workbook.save(buffer)
    response = _upload(client_for("kvalitetsstrateg"), survey, buffer.getvalue(), "hme.xlsx")
    assert response.status_code == 302
    assert SurveyResult.objects.filter(survey=survey).count() == 2
    assert Actual.objects.get(indicator=hme_indicator(world), period=_annual(world)).value == (
        Decimal("78.5")
    )


def test_a_bad_file_saves_nothing_and_names_each_row(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world)
    bad = """Index;Enhet;Värde;Kvinnor;Män;Antal svar
HME;;79;81;77;2140
HMX;;70;;;
HME;Hemtjänst Väster;80;;;
HME;Hagaskolan;sju;;;
HME;Hagaskolan;76;;;12,5
HME;;78;;;
"""
    response = _upload(client_for("kvalitetsstrateg"), survey, bad.encode())
    assert response.status_code == 400
    text = response.content.decode()
    assert "Filen lästes inte in. Ingenting är sparat." in text
    assert "Rad 3, kolumn Index: indexet ”HMX” finns inte för medarbetarenkät" in text
    assert "Kända index: HME, HME-L" in text
    assert "Rad 4, kolumn Enhet: enheten ”Hemtjänst Väster” finns inte" in text
    assert "Rad 5, kolumn Värde: ”sju” är inget tal" in text
    assert "Rad 6, kolumn Antal svar: antal svar ska vara ett heltal" in text
    assert "Rad 7: HME för hela kommunen finns redan på rad 2" in text
    assert not SurveyResult.objects.filter(survey=survey).exists()
    assert not Actual.objects.filter(indicator=hme_indicator(world)).exists()
    survey.refresh_from_db()
    assert survey.state == Survey.State.PLANNED


def test_a_bad_excel_cell_is_named_by_its_reference(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Index", "Enhet", "Värde"])
    sheet.append(["HME", None, 79])
    sheet.append(["HME", "Hagaskolan", "hög"])
    buffer = BytesIO()
    workbook.save(buffer)
    response = _upload(client_for("kvalitetsstrateg"), survey, buffer.getvalue(), "hme.xlsx")
    assert response.status_code == 400
    assert "Cell C3: ”hög” är inget tal" in response.content.decode()
    assert not SurveyResult.objects.exists()


def test_a_file_that_is_not_a_table_is_refused_clearly(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world)
    client = client_for("kvalitetsstrateg")
    broken = _upload(client, survey, b"PK\x03\x04 not really a workbook", "hme.xlsx")
    assert broken.status_code == 400
    assert "går inte att läsa som Excel" in broken.content.decode()
    headless = _upload(client, survey, "Namn;Poäng\nHME;79\n".encode())
    assert "kolumnen Index saknas" in headless.content.decode()
    empty = _upload(client, survey, b"")
    assert empty.status_code == 400
    assert not SurveyResult.objects.exists()


def test_a_closed_year_is_not_changed_by_an_import(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world, year=2025)
    annual = ReportingPeriod.objects.get(
        municipality=world.municipality, year=2025, kind=ReportingPeriod.Kind.ANNUAL
    )
    annual.state = ReportingPeriod.State.CLOSED
    annual.save()
    response = _upload(client_for("kvalitetsstrateg"), survey, GOOD_CSV.encode())
    assert response.status_code == 400
    assert "Helår 2025 är stängd" in response.content.decode()
    assert not SurveyResult.objects.filter(survey=survey).exists()


def test_importing_again_replaces_the_results(world: World, client_for: Any) -> None:
    survey = an_employee_survey(world)
    client = client_for("kvalitetsstrateg")
    assert _upload(client, survey, GOOD_CSV.encode()).status_code == 302
    corrected = "Index;Enhet;Värde\nHME;;80\nHME;Hagaskolan;75\n"
    assert _upload(client, survey, corrected.encode()).status_code == 302
    assert SurveyResult.objects.filter(survey=survey).count() == 2
    actual = Actual.objects.get(indicator=hme_indicator(world), period=_annual(world))
    assert (actual.value, actual.value_women) == (Decimal("80"), None)


def test_a_unit_imports_its_own_customer_survey(world: World, client_for: Any) -> None:
    from redthread.quality.models import SurveyIndex, SurveyKind

    SurveyIndex.objects.create(
        municipality=world.municipality, kind=SurveyKind.CUSTOMER, code="NKI", title="Nöjdhet"
    )
    survey = a_unit_survey(world)
    content = "Index;Enhet;Värde\nNKI;Hemtjänst Norr;84\n".encode()
    assert _upload(client_for("enhetschef"), survey, content).status_code == 302
    assert _upload(client_for("enhetschef_soder"), survey, content).status_code == 403
    assert SurveyResult.objects.get(survey=survey).value == Decimal("84")
