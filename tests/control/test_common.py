from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.control.models import CommonControlPoint, ControlPlan, ControlPoint, ControlResult
from redthread.organisation.models import Body
from tests.control import factories as f
from tests.world import World


def test_a_common_point_is_placed_in_every_nämnds_plan(world: World) -> None:
    f.plan(world)  # OSN has a plan already; KS and UN get theirs now
    common = f.common_point(world)
    plans = ControlPlan.objects.filter(year=2026)
    assert {p.body.name for p in plans} == {
        "Kommunstyrelsen",
        "Omsorgs- och socialnämnden",
        "Utbildningsnämnden",
    }
    for plan in plans:
        copy = plan.points.get(common_source=common)
        assert copy.is_common and copy.title == "Avtalstrohet vid inköp"
        assert {p.kind for p in copy.report_periods.all()} == {"interim", "annual"}


def test_common_points_do_not_go_to_kf_the_revision_utskott_or_other_municipalities(
    world: World,
) -> None:
    m = world.municipality
    Body.objects.create(
        municipality=m,
        kind=Body.Kind.SUBCOMMITTEE,
        name="Socialutskottet",
        parent=world.bodies["osn"],
    )
    Body.objects.create(
        municipality=m,
        kind=Body.Kind.COMMITTEE,
        name="Miljö- och byggnämnden i Boxholm",
        external_municipality="Boxholms kommun",
    )
    Body.objects.create(
        municipality=m,
        kind=Body.Kind.COMMITTEE,
        name="Överförmyndarnämnden",
        joint_host="Motala kommun",
    )
    assert f.common_point(world).distribute() == 3
    names = set(ControlPlan.objects.values_list("body__name", flat=True))
    assert names == {"Kommunstyrelsen", "Omsorgs- och socialnämnden", "Utbildningsnämnden"}


def test_distributing_again_changes_nothing_and_keeps_the_nämnds_responsible(
    world: World,
) -> None:
    common = f.common_point(world)
    copy = ControlPoint.objects.get(plan__body=world.bodies["osn"], common_source=common)
    copy.responsible = world.people["enhetschef"]
    copy.save()
    versions = {p.pk: p.version for p in ControlPoint.objects.all()}
    common.distribute()
    assert {p.pk: p.version for p in ControlPoint.objects.all()} == versions
    common.method = "Stickprov på 30 inköp"
    common.save()
    common.distribute()
    copy.refresh_from_db()
    assert copy.method == "Stickprov på 30 inköp"
    assert copy.responsible == world.people["enhetschef"]


def test_ks_decides_at_most_the_configured_number_of_common_points(world: World) -> None:
    f.common_point(world, title="Ett")
    f.common_point(world, title="Två")
    third = CommonControlPoint(
        municipality=world.municipality, year=2026, title="Tre", method="Metod"
    )
    with pytest.raises(ValidationError, match="2 gemensamma kontrollmoment per år"):
        third.full_clean()


def test_the_kvalitetsstrateg_records_kss_common_point_and_it_reaches_every_plan(
    world: World, client_for: Any
) -> None:
    decision = f.ks_decision(world)
    response = client_for("kvalitetsstrateg").post(
        reverse("control:common_create") + "?ar=2026",
        {
            "title": "Anmälan av delegationsbeslut",
            "method": "Jämförelse med protokollen",
            "frequency": "half_yearly",
            "decision": decision.pk,
            "order": "1",
        },
    )
    assert response.status_code == 302
    assert ControlPoint.objects.filter(title="Anmälan av delegationsbeslut").count() == 3


def test_a_common_points_decision_must_be_kss(world: World, client_for: Any) -> None:
    response = client_for("kvalitetsstrateg").post(
        reverse("control:common_create") + "?ar=2026",
        {
            "title": "X",
            "method": "Y",
            "frequency": "half_yearly",
            "decision": world.decisions["osn"].pk,
            "order": "1",
        },
    )
    assert response.status_code == 200
    assert "Välj ett beslut av kommunstyrelsen" in response.content.decode()
    assert not CommonControlPoint.objects.exists()


def test_a_nämnd_sets_only_the_responsible_of_a_common_point_and_cannot_remove_it(
    world: World, client_for: Any
) -> None:
    common = f.common_point(world)
    copy = ControlPoint.objects.get(plan__body=world.bodies["osn"], common_source=common)
    client = client_for("forvaltningschef")
    response = client.post(
        reverse("control:point_edit", args=[copy.pk]),
        {
            "responsible": world.people["enhetschef"].pk,
            "title": "Något annat",
            "version": copy.version,
        },
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.responsible == world.people["enhetschef"] and copy.title == "Avtalstrohet vid inköp"
    user = world.users["forvaltningschef"]
    assert not user.has_perm("control.delete_controlpoint", copy)
    assert user.has_perm("control.delete_controlpoint", f.point(world))


def test_the_common_page_shows_each_nämnds_results_for_delår_and_helår(
    world: World, client_for: Any
) -> None:
    common = f.common_point(world)
    copy = ControlPoint.objects.get(plan__body=world.bodies["osn"], common_source=common)
    f.result(world)  # another point's result does not count
    ControlResult.objects.create(
        point=copy,
        period=f.period(world),
        checked_by=world.people["forvaltningschef"],
        checked_on="2026-09-01",
        outcome="done",
        findings="Alla inköp mot avtal.",
    )
    text = client_for("politiker").get(reverse("control:common") + "?ar=2026").content.decode()
    assert "Kontrollmomenten finns i 3 av 3 nämnders planer." in text
    assert text.count("Utan avvikelser") == 1
