from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.control.models import Evaluation
from tests.control import factories as f
from tests.world import World


@time_machine.travel(dt.date(2027, 2, 20), tick=False)
def test_ks_records_conclusions_and_improvement_actions(world: World, client_for: Any) -> None:
    f.plan(world, decided=True)
    client = client_for("kvalitetsstrateg")
    client.post(
        reverse("control:evaluation_edit", args=[2026]),
        {"conclusions": "Riskanalyserna behöver bli bättre."},
    )
    evaluation = Evaluation.objects.get(year=2026)
    client.post(
        reverse("control:evaluation_action_create", args=[2026]),
        {
            "title": "Utbildning i riskanalys",
            "owner": world.people["kvalitetsstrateg"].pk,
            "due_on": "2027-06-30",
        },
    )
    action = evaluation.actions.get()
    assert action.body == world.bodies["ks"]
    text = client_for("politiker").get(reverse("control:evaluation", args=[2026])).content.decode()
    assert "Riskanalyserna behöver bli bättre." in text and "Utbildning i riskanalys" in text
    assert "Beslutad i tid" in text and "Inte beslutad – försenad" in text  # OSN; KS and UN


def test_the_evaluation_is_kss_not_a_nämnds(world: World, client_for: Any) -> None:
    url = reverse("control:evaluation", args=[2026])
    assert client_for("namndpolitiker").get(url).status_code == 403
    assert client_for("forvaltningschef").get(url).status_code == 403
    assert client_for("politiker").get(url).status_code == 200
