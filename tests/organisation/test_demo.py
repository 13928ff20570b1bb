from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from redthread.organisation.models import Body, Decision, Municipality, Person, Unit, User


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("redthread.")
    }


@pytest.fixture
def empty_db(transactional_db: Any, settings: Any) -> None:
    """A database without the test world: the demo brings its own people."""
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True


def test_the_demo_loads_twice_to_the_same_data(empty_db: None) -> None:
    call_command("load_demo", "--only", "organisation", verbosity=0)
    first = _counts()
    call_command("load_demo", "--only", "organisation", verbosity=0)
    assert _counts() == first  # history included: nothing is rewritten


def test_the_demo_is_mjolby_per_the_seed(empty_db: None) -> None:
    call_command("load_demo", "--only", "organisation", verbosity=0)
    mjolby = Municipality.objects.get(code="0586")
    assert mjolby.name == "Mjölby kommun"
    decision = Decision.objects.get(body__short_name="KF", date="2018-12-18")
    assert decision.citation == "KF 2018-12-18 § 194, dnr 2018:327"
    units = Unit.objects.filter(municipality=mjolby, parent=None)
    assert units.filter(kind=Unit.Kind.ADMINISTRATION).count() == 5
    assert units.filter(kind=Unit.Kind.OFFICE).count() == 3
    assert (
        Unit.objects.get(name="Miljökontoret")
        .serves.filter(external_municipality="Boxholms kommun")
        .exists()
    )
    assert Body.objects.get(name="Överförmyndarnämnden").joint_host == "Motala kommun"
    assert Person.objects.filter(municipality=mjolby).count() >= 40
    assert Person.objects.filter(is_illustrative=False).count() == 2  # the signatories in the seed
    logins = {u.username for u in User.objects.filter(is_demo=True) if u.check_password("demo")}
    assert logins == {
        "admin",
        "kvalitetsstrateg",
        "ekonom",
        "revisor",
        "politiker",
        "forvaltningschef",
        "enhetschef",
        "medarbetare",
        "handlaggare",
    }
    assert not User.objects.filter(is_demo=False).exclude(username="system").exists()
