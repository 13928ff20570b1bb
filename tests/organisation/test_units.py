from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from redthread.organisation.models import Unit
from tests.world import World


def test_a_subtree_is_the_unit_and_everything_below_it(world: World) -> None:
    names = set(Unit.objects.subtree(world.units["osf"]).values_list("name", flat=True))
    assert names == {
        "Omsorgs- och socialförvaltningen",
        "Äldreomsorg",
        "Hemtjänst Norr",
        "Hemtjänst Söder",
    }


def test_moving_a_unit_moves_its_subtree(world: World) -> None:
    aldre = world.units["aldre"]
    aldre.parent = world.units["ksf"]
    aldre.save()
    norr = Unit.objects.get(pk=world.units["norr"].pk)
    assert norr.path.startswith(world.units["ksf"].path)
    assert [u.name for u in norr.ancestors()] == ["Kommunstyrelsens förvaltning", "Äldreomsorg"]


def test_a_unit_cannot_be_placed_below_itself(world: World) -> None:
    osf = world.units["osf"]
    osf.parent = world.units["norr"]
    with pytest.raises(ValidationError, match="under sig själv"):
        osf.full_clean()
