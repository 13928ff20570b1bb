from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from redthread.feedback.models import Category, ErasureRecord, Open311Key, ServiceRequest, State


@pytest.fixture
def empty_db(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True


def test_the_demo_has_mjolbys_categories_and_500_cases_in_every_state(empty_db: None) -> None:
    call_command("load_demo", "--only", "organisation", "feedback", verbosity=0)
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Gatubelysning",
        "Gator och vägar",
        "Parker",
        "Avfall",
        "Vatten och avlopp",
        "Skola",
        "Omsorg",
        "Övrigt",
    ]
    assert ServiceRequest.objects.count() == 500
    assert set(ServiceRequest.objects.values_list("state", flat=True)) == set(State.values)
    assert ServiceRequest.objects.filter(is_illustrative=False).count() == 0
    days = ServiceRequest.objects.order_by("received_on").values_list("received_on", flat=True)
    assert (days.last() - days.first()).days > 600
    assert (
        ErasureRecord.objects.count()
        == ServiceRequest.objects.filter(erased_at__isnull=False).count()
        > 0
    )
    assert Open311Key.objects.for_key("demo-open311") is not None
    history = ServiceRequest.history.count()
    call_command("load_demo", "--only", "organisation", "feedback", verbosity=0)
    assert ServiceRequest.objects.count() == 500
    assert ServiceRequest.history.count() == history  # nothing rewritten
