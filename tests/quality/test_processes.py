"""The process register: the map drawn from the steps, the steps edited together, the links."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.control.models import Risk
from redthread.documents.links import LINKABLE
from redthread.quality.models import Process, ProcessStep
from redthread.quality.processmap import process_map
from tests.quality.factories import a_decided_declaration, a_process
from tests.world import World


def test_the_map_is_drawn_from_the_steps_with_a_text_alternative(world: World) -> None:
    process = a_process(world)
    steps = list(process.steps.all())
    svg = str(process_map(process, steps))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Processkarta: Hemtjänst" in svg
    assert "<desc" in svg and "1. Ansökan (Kontaktcenter). 2. Beslut" in svg
    assert svg.count("<polygon") == 3  # one arrow per step
    assert "Äldre som bor hemma" in svg and "Ett tryggt liv hemma" in svg


def test_text_in_the_map_is_escaped(world: World) -> None:
    process = a_process(world)
    step = process.steps.first()
    assert step is not None
    step.title = "<script>alert(1)</script>"
    svg = str(process_map(process, [step]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_page_shows_the_map_and_the_same_steps_as_a_list(world: World, client_for: Any) -> None:
    process = a_process(world)
    risk = Risk.objects.create(
        body=world.bodies["osn"], title="Fel i genomförandeplaner", process="Dokumentation"
    )
    process.risks.add(risk)
    process.declarations.add(a_decided_declaration(world))
    process.activities.add(world.extra["chain"].activities["team"])
    text = client_for("enhetschef").get(process.get_absolute_url()).content.decode()
    assert "<svg" in text and '<ol class="process-steps">' in text
    assert text.index("Ansökan") < text.index("Beslut") < text.index("Insats")
    assert "Fel i genomförandeplaner" in text
    assert "Fasta team runt varje brukare" in text
    assert "Hemtjänst</a>" in text  # the declaration
    assert "Inga styrdokument är kopplade." in text


def test_a_risk_the_reader_may_not_see_is_left_out(world: World, client_for: Any) -> None:
    process = a_process(world)
    hidden = Risk.objects.create(body=world.bodies["un"], title="Skolskjuts", process="Skjuts")
    process.risks.add(hidden)
    own = client_for("enhetschef").get(process.get_absolute_url()).content.decode()
    assert "Skolskjuts" not in own  # another nämnd's internal control
    employee = client_for("medarbetare").get(process.get_absolute_url()).content.decode()
    assert "Skolskjuts" not in employee
    assert "Skolskjuts" in client_for("revisor").get(process.get_absolute_url()).content.decode()


def test_styrdokument_can_be_linked_to_processes() -> None:
    assert "quality.process" in LINKABLE
    assert "quality.servicedeclaration" in LINKABLE


def _formset(process: Process, rows: list[dict[str, Any]], extra: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        "steg-TOTAL_FORMS": len(rows) + extra,
        "steg-INITIAL_FORMS": sum(1 for r in rows if r.get("id")),
        "steg-MIN_NUM_FORMS": 0,
        "steg-MAX_NUM_FORMS": 40,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"steg-{index}-{name}"] = value
    return data


def _rows(process: Process) -> list[dict[str, Any]]:
    return [
        {
            "id": s.pk,
            "order": s.order,
            "title": s.title,
            "performer": s.performer,
            "version": s.version,
        }
        for s in process.steps.all()
    ]


def test_the_steps_are_changed_added_and_removed_together(world: World, client_for: Any) -> None:
    process = a_process(world)
    rows = _rows(process)
    rows[1]["title"] = "Beslut om insatser"
    rows[2]["DELETE"] = "on"
    rows.append({"order": 4, "title": "Uppföljning", "performer": "Enhetschef"})
    response = client_for("enhetschef").post(
        reverse("quality:process_steps", args=[process.pk]), _formset(process, rows)
    )
    assert response.status_code == 302
    assert [s.title for s in process.steps.all()] == [
        "Ansökan",
        "Beslut om insatser",
        "Uppföljning",
    ]


def test_a_step_changed_meanwhile_stops_the_whole_save(world: World, client_for: Any) -> None:
    process = a_process(world)
    rows = _rows(process)
    ProcessStep.objects.filter(pk=rows[0]["id"]).update(title="Ansökan via e-tjänst", version=9)
    rows[0]["title"] = "Ansökan per telefon"
    rows[1]["title"] = "Beslut efter utredning"
    response = client_for("forvaltningschef").post(
        reverse("quality:process_steps", args=[process.pk]), _formset(process, rows)
    )
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert [s.title for s in process.steps.all()] == ["Ansökan via e-tjänst", "Beslut", "Insats"]


def test_a_core_process_belongs_to_no_other(world: World, client_for: Any) -> None:
    parent = a_process(world)
    response = client_for("kvalitetsstrateg").post(
        reverse("quality:process_create"),
        {
            "title": "Läkemedel",
            "kind": Process.Kind.CORE,
            "unit": world.units["aldre"].pk,
            "parent": parent.pk,
            "purpose": "Rätt läkemedel.",
            "customer": "Brukare",
        },
    )
    assert response.status_code == 400
    assert "En kärnprocess ingår inte i någon annan process." in response.content.decode()


def test_a_manager_registers_processes_only_in_units_they_lead(
    world: World, client_for: Any
) -> None:
    data = {
        "title": "Skolskjuts",
        "kind": Process.Kind.SUPPORT,
        "unit": world.units["haga"].pk,
        "purpose": "Att elever kommer till skolan.",
        "customer": "Elever",
    }
    refused = client_for("enhetschef").post(reverse("quality:process_create"), data)
    assert refused.status_code == 400
    assert "enheter du leder" in refused.content.decode()
    assert not Process.objects.filter(title="Skolskjuts").exists()
    data["unit"] = world.units["norr"].pk
    assert client_for("enhetschef").post(reverse("quality:process_create"), data).status_code == 302
