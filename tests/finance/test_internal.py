"""Internal rent, lokalanpassning and the IT model, and the charges they produce."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.finance.charges import generate_charges
from redthread.finance.models import (
    InternalCharge,
    InternalLease,
    ItChargeModel,
    ItPriceItem,
    ItUsage,
    PremisesAdaptation,
)
from tests.finance.factories import FinanceWorld


@pytest.fixture
def lease(fw: FinanceWorld) -> InternalLease:
    with acting_as(fw.world.users["ekonom"]):
        return InternalLease.objects.create(
            municipality=fw.world.municipality,
            landlord=fw.world.units["ksf"],
            tenant=fw.world.units["norr"],
            responsibility=fw.codes["norr"],
            premises="Norrgården, plan 2",
            area_m2=Decimal("420.0"),
            yearly_rent=600_000,
            index_percent=Decimal("2.00"),
            start=dt.date(2024, 7, 1),
        )


def test_the_rent_is_indexed_each_new_year_after_the_start(lease: InternalLease) -> None:
    assert lease.rent_for_year(2024) == 600_000
    assert lease.rent_for_year(2026) == 624_240  # 600 000 × 1.02²
    assert lease.monthly_charge(2026, 3) == 52_020
    assert lease.monthly_charge(2024, 6) == 0  # before the lease started


def test_a_months_charges_appear_in_the_namnds_follow_up(
    fw: FinanceWorld, lease: InternalLease
) -> None:
    with acting_as(fw.world.users["ekonom"]):
        assert generate_charges(fw.world.municipality, 2026, 1) == 1
        generate_charges(fw.world.municipality, 2026, 1)  # again: replaced, not doubled
    charge = InternalCharge.objects.get()
    assert charge.body == fw.world.bodies["osn"] and charge.amount == 52_020
    report = figures.month_report(fw.world.municipality, 2026, 3)
    osn = next(r for r in report.rows if r.body == fw.world.bodies["osn"])
    assert osn.internal_charges == 52_020


def test_charges_for_a_closed_month_are_refused(fw: FinanceWorld, lease: InternalLease) -> None:
    ReportingPeriod.objects.get(
        municipality=fw.world.municipality, year=2026, kind="month", end_date__month=2
    ).close()
    with pytest.raises(ValidationError, match="stängd"):
        generate_charges(fw.world.municipality, 2026, 2)
    assert not InternalCharge.objects.exists()


def test_the_it_model_charges_each_forvaltning_by_its_counts(fw: FinanceWorld) -> None:
    with acting_as(fw.world.users["ekonom"]):
        model = ItChargeModel.objects.create(
            municipality=fw.world.municipality, year=2026, infrastructure_frame=30_000_000
        )
        computer = ItPriceItem.objects.create(
            model=model, kind="device", name="Dator", unit_price=6_000
        )
        system = ItPriceItem.objects.create(
            model=model, kind="system", name="Verksamhetssystem", unit_price=240_000
        )
        ItUsage.objects.create(item=computer, unit=fw.world.units["osf"], count=400)
        ItUsage.objects.create(item=system, unit=fw.world.units["osf"], count=1)
        ItUsage.objects.create(item=computer, unit=fw.world.units["uf"], count=900)
        generate_charges(fw.world.municipality, 2026, 4)
    assert model.charges_by_unit() == {
        fw.world.units["osf"].pk: 2_640_000,
        fw.world.units["uf"].pk: 5_400_000,
    }
    charges = dict(
        InternalCharge.objects.filter(kind="it").values_list("body__short_name", "amount")
    )
    assert charges == {"OSN": 220_000, "UN": 450_000}


def test_lokalanpassning_is_drawn_against_the_appropriation_and_never_beyond(
    fw: FinanceWorld, client_for: Any
) -> None:
    client = client_for("forvaltningschef")
    url = reverse("finance:premises", args=[2026])
    data = {
        "action": "order",
        "ordered_by": fw.world.units["osf"].pk,
        "title": "Ny entré",
        "amount": "2 000 000",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Nytt kök", "amount": "1 500 000"})
    assert response.status_code == 400
    assert "har 1\xa0000\xa0000\xa0kr kvar" in response.content.decode()
    assert PremisesAdaptation.drawn(fw.world.municipality, 2026) == 2_000_000


def test_a_forvaltningschef_orders_only_for_the_own_forvaltning(
    fw: FinanceWorld, client_for: Any
) -> None:
    response = client_for("forvaltningschef").post(
        reverse("finance:premises", args=[2026]),
        {"action": "order", "ordered_by": fw.world.units["uf"].pk, "title": "x", "amount": "1"},
    )
    assert response.status_code == 400 and not PremisesAdaptation.objects.exists()


def test_the_ekonom_records_a_lease_in_the_browser(fw: FinanceWorld, client_for: Any) -> None:
    response = client_for("ekonom").post(
        reverse("finance:lease_create"),
        {
            "landlord": fw.world.units["ksf"].pk,
            "tenant": fw.world.units["haga"].pk,
            "premises": "Hagaskolan hus B",
            "area_m2": "1 250,5",
            "yearly_rent": "1 800 000",
            "index_percent": "1,5",
            "start": "2026-01-01",
        },
    )
    assert response.status_code == 302
    lease = InternalLease.objects.get()
    assert lease.area_m2 == Decimal("1250.5") and lease.index_percent == Decimal("1.5")
