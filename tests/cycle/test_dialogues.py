"""Dialogues with their participants, material and agreed actions; the omvärldsanalys."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.cycle.models import Dialogue, DialogueAction, EnvironmentScan, ScanItem
from tests.cycle import factories as f
from tests.world import World


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_strategist_records_an_omvarldsdialog_from_its_step(
    world: World, client_for: Any
) -> None:
    scan = f.scan(world)
    event = f.event(world, "omvarldsdialog", 2025)
    client = client_for("kvalitetsstrateg")
    page = client.get(reverse("cycle:dialogue_create") + f"?steg={event.pk}").content.decode()
    assert 'value="Omvärldsdialog"' in page  # the title comes from the step
    data = {
        "kind": "omvarldsdialog",
        "title": "Omvärldsdialog inför mål och budget 2027",
        "held_on": "2025-11-13",
        "starts_at": "13:00",
        "ends_at": "16:30",
        "place": "Stadshuset",
        "event": str(event.pk),
        "environment_scan": str(scan.pk),
        "bodies": [str(world.bodies["ks"].pk), str(world.bodies["rev"].pk)],
        "presidia": [str(world.bodies["osn"].pk), str(world.bodies["un"].pk)],
        "units": [str(world.units["osf"].pk)],
        "agenda": "1. Omvärldsanalysen",
        "notes": "",
        **_management("material", 1),
        "material-0-title": "Presentation",
        "material-0-url": "https://example.se/presentation.pdf",
        **_management("action", 2),
        "action-0-description": "Sammanställ prioriteringarna",
        "action-0-owner": str(world.people["kvalitetsstrateg"].pk),
        "action-0-due_on": "2026-01-31",
    }
    response = client.post(reverse("cycle:dialogue_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dialogue = Dialogue.objects.get(title="Omvärldsdialog inför mål och budget 2027")
    assert dialogue.event == event and dialogue.environment_scan == scan
    assert dialogue.presidia.count() == 2 and dialogue.actions.count() == 1
    assert dialogue.materials.get().url.endswith(".pdf")
    text = client_for("medarbetare").get(dialogue.get_absolute_url()).content.decode()
    assert "Omsorgs- och socialnämnden, presidiet" in text and "Revisionen" in text
    assert "Sammanställ prioriteringarna" in text
    assert (
        dialogue.title in client_for("medarbetare").get(event.get_absolute_url()).content.decode()
    )


def test_a_dialogue_with_bad_material_and_times_changes_nothing(
    world: World, client_for: Any
) -> None:
    data = {
        "kind": "resultatdialog",
        "title": "Resultatdialog OSN",
        "held_on": "2026-02-10",
        "starts_at": "15:00",
        "ends_at": "13:00",
        **_management("material", 1),
        "material-0-title": "Underlag",
        "material-0-url": "ftp://server/fil",
        **_management("action", 0),
    }
    response = client_for("kvalitetsstrateg").post(reverse("cycle:dialogue_create"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "sluta efter att den börjar" in text and "https://" in text
    assert not Dialogue.objects.filter(title="Resultatdialog OSN").exists()


def test_the_owner_reports_an_agreed_action_done(world: World, client_for: Any) -> None:
    action = f.action(world, owner="enhetschef")
    page = client_for("enhetschef").get(action.dialogue.get_absolute_url()).content.decode()
    assert "Markera som klar" in page
    other = client_for("forvaltningschef").get(action.dialogue.get_absolute_url()).content
    assert "Markera som klar" not in other.decode()
    url = reverse("cycle:action_done", args=[action.pk])
    response = client_for("enhetschef").post(url, {f"a{action.pk}-outcome": "Klart"})
    assert (
        response.status_code == 400 and "Ange när åtgärden blev klar" in response.content.decode()
    )
    response = client_for("enhetschef").post(
        url, {f"a{action.pk}-done_on": "2026-11-02", f"a{action.pk}-outcome": "Redovisat i OSN"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.outcome == "Redovisat i OSN" and action.done_on is not None


def test_the_owner_finds_the_action_among_her_deadlines(world: World, client_for: Any) -> None:
    action = f.action(world, owner="enhetschef")
    mine = client_for("enhetschef").get(reverse("cycle:my_deadlines")).content.decode()
    assert "Åtgärder från dialoger som du ansvarar för" in mine and action.description in mine
    DialogueAction.objects.filter(pk=action.pk).update(due_on="2020-01-01")
    home = client_for("enhetschef").get(reverse("core:home")).content.decode()
    assert "Åtgärd från dialog:" in home and "försenad" in home


def test_open_actions_are_listed_with_the_late_ones_marked(world: World, client_for: Any) -> None:
    action = f.action(world)
    DialogueAction.objects.filter(pk=action.pk).update(due_on="2020-01-01")
    text = client_for("medarbetare").get(reverse("cycle:dialogues")).content.decode()
    assert "Analysera kostnaderna i hemtjänsten" in text and "försenad" in text


def test_the_current_omvarldsanalys_is_the_latest_adopted(world: World, client_for: Any) -> None:
    assert EnvironmentScan.objects.current(world.municipality) is None
    older = f.scan(world)
    newer = EnvironmentScan.objects.create(
        municipality=world.municipality,
        title="Omvärldsanalys 2026",
        year=2026,
        status="published",
        published_on="2026-10-15",
    )
    f.scan(world, status="draft")
    assert EnvironmentScan.objects.current(world.municipality) == newer
    response = client_for("medarbetare").get(reverse("cycle:scan_current"))
    assert response["Location"] == newer.get_absolute_url()
    assert not older.is_current


def test_a_draft_omvarldsanalys_is_read_by_its_writers_and_the_auditor_only(
    world: World, client_for: Any
) -> None:
    draft = f.scan(world, status="draft")
    assert client_for("enhetschef").get(draft.get_absolute_url()).status_code == 404
    assert client_for("revisor").get(draft.get_absolute_url()).status_code == 200
    listing = client_for("enhetschef").get(reverse("cycle:scans")).content.decode()
    assert draft.title not in listing


def test_the_strategist_writes_an_omvarldsanalys_with_sources_and_trends(
    world: World, client_for: Any
) -> None:
    client = client_for("kvalitetsstrateg")
    data = {
        "title": "Omvärldsanalys 2026",
        "year": "2026",
        "summary": "Inför mandatperioden 2027–2030.",
        "status": "published",
        "published_on": "",
        **_management("source", 1),
        "source-0-title": "Befolkningsprognos 2026",
        "source-0-publisher": "SCB",
        "source-0-published_year": "2026",
        "source-0-url": "https://www.scb.se/",
        **_management("item", 1),
        "item-0-kind": "trend",
        "item-0-area": "social",
        "item-0-title": "Fler äldre",
    }
    response = client.post(reverse("cycle:scan_create"), data)
    assert response.status_code == 400
    assert "Ange när omvärldsanalysen fastställdes" in response.content.decode()
    data["published_on"] = "2026-10-15"
    assert client.post(reverse("cycle:scan_create"), data).status_code == 302
    scan = EnvironmentScan.objects.get(title="Omvärldsanalys 2026")
    item = ScanItem.objects.get(scan=scan)
    source = scan.sources.get()
    edit = {
        **{k: v for k, v in data.items() if not k.startswith(("source-", "item-"))},
        **_management("source", 1, 1),
        "source-0-id": str(source.pk),
        "source-0-title": source.title,
        **_management("item", 1, 1),
        "item-0-id": str(item.pk),
        "item-0-kind": "trend",
        "item-0-area": "social",
        "item-0-title": "Fler äldre",
        "item-0-sources": [str(source.pk)],
    }
    response = client.post(reverse("cycle:scan_edit", args=[scan.pk]), edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(item.sources.all()) == [source]
    text = client_for("medarbetare").get(scan.get_absolute_url()).content.decode()
    assert "Gällande omvärldsanalys" in text and "Källor: Befolkningsprognos 2026" in text
