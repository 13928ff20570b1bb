from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from redthread.goals.models import Activity, Commitment, MunicipalGoal
from redthread.organisation.models import Municipality


def test_generate_builds_a_municipality_of_the_asked_size(db: Any, settings: Any) -> None:
    settings.REDTHREAD_MUNICIPALITY_CODE = "0180"
    call_command("generate", scale="small", verbosity=0)
    municipality = Municipality.objects.get(code="0180")
    assert MunicipalGoal.objects.filter(area__vision__municipality=municipality).count() == 8
    assert Commitment.objects.filter(body__municipality=municipality).count() == 40
    assert Activity.objects.filter(unit__municipality=municipality).count() == 400


def test_generate_refuses_a_database_that_has_the_municipality(db: Any, world: Any) -> None:
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate", scale="small", verbosity=0)
