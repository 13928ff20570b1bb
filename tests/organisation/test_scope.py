from __future__ import annotations

from redthread.organisation.models import User
from tests.world import World


def scope(world: World, role: str):
    return User.objects.get(pk=world.users[role].pk).scope


def test_an_enhetschef_manages_her_unit_and_nothing_beside_it(world: World) -> None:
    s = scope(world, "enhetschef")
    assert s.manages(world.units["norr"])
    assert not s.manages(world.units["soder"])
    assert not s.manages(world.units["aldre"])


def test_a_forvaltningschef_manages_the_whole_forvaltning(world: World) -> None:
    s = scope(world, "forvaltningschef")
    assert s.manages(world.units["norr"]) and s.manages(world.units["soder"])
    assert s.heads(world.units["norr"])
    assert not s.manages(world.units["haga"])
    assert s.prepares_for(world.bodies["osn"]) and not s.prepares_for(world.bodies["un"])


def test_a_ks_member_reads_every_body_and_a_namnd_member_only_hers(world: World) -> None:
    assert scope(world, "politiker").reads_body(world.bodies["un"])
    assert scope(world, "namndpolitiker").reads_body(world.bodies["osn"])
    assert not scope(world, "namndpolitiker").reads_body(world.bodies["un"])


def test_the_revisor_is_read_only_and_an_outsider_is_not_internal(world: World) -> None:
    assert scope(world, "revisor").is_read_only
    assert not scope(world, "admin").is_read_only
    assert not scope(world, "outsider").is_internal


def test_scope_costs_a_fixed_number_of_queries(world: World, django_assert_max_num_queries) -> None:
    user = User.objects.get(pk=world.users["forvaltningschef"].pk)
    with django_assert_max_num_queries(5):
        s = user.scope
        for unit in world.units.values():
            s.manages(unit)
