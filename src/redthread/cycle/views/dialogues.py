"""Dialogues: the list, one dialogue with its material and actions, recording and editing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.dialogue_forms import (
    ActionDoneForm,
    ActionFormSet,
    DialogueForm,
    MaterialFormSet,
)
from redthread.cycle.models import CycleEvent, Dialogue, DialogueAction
from redthread.cycle.views.common import municipality


@login_required
def dialogue_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.view_dialogue")
    place = municipality()
    dialogues = Dialogue.objects.filter(municipality=place).select_related("environment_scan")
    kind = request.GET.get("typ", "")
    if kind in Dialogue.Kind.values:
        dialogues = dialogues.filter(kind=kind)
    open_actions = (
        DialogueAction.objects.open()
        .filter(dialogue__municipality=place)
        .select_related("owner", "dialogue")
    )
    today = timezone.localdate()
    return render(
        request,
        "cycle/dialogue_list.html",
        {
            "title": _("Dialoger"),
            "dialogues": dialogues,
            "kinds": Dialogue.Kind.choices,
            "selected_kind": kind,
            "open_actions": [(a, a.is_overdue(today)) for a in open_actions],
            "may_add": request.user.has_perm("cycle.add_dialogue"),
        },
    )


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_visible_or_404(
        request.user,
        Dialogue.objects.select_related("environment_scan", "event__step"),
        pk=pk,
    )
    return _render_detail(request, dialogue)


def _render_detail(
    request: HttpRequest,
    dialogue: Dialogue,
    done_forms: dict[int, ActionDoneForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    actions = []
    for action in dialogue.actions.select_related("owner"):
        may_report = request.user.has_perm("cycle.change_dialogueaction", action)
        form = None
        if may_report and action.done_on is None:
            form = (done_forms or {}).get(action.pk) or ActionDoneForm(
                instance=action, prefix=f"a{action.pk}", initial={"done_on": today}
            )
        actions.append({"action": action, "overdue": action.is_overdue(today), "form": form})
    return render(
        request,
        "cycle/dialogue_detail.html",
        {
            "title": dialogue.title,
            "dialogue": dialogue,
            "bodies": dialogue.bodies.all(),
            "presidia": dialogue.presidia.all(),
            "units": dialogue.units.all(),
            "materials": dialogue.materials.all(),
            "actions": actions,
            "may_change": request.user.has_perm("cycle.change_dialogue", dialogue),
        },
        status=status,
    )


def _edit(request: HttpRequest, dialogue: Dialogue | None) -> HttpResponse:
    place = municipality()
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {}
    event_id = request.GET.get("steg", "")
    if dialogue is None and event_id.isdigit():
        event = CycleEvent.objects.in_municipality(place).filter(pk=int(event_id)).first()
        if event is not None:
            initial = {"event": event.pk, "title": event.name, "held_on": event.ends_on}
            if event.step.key in Dialogue.Kind.values:
                initial["kind"] = event.step.key
    form = DialogueForm(data, instance=dialogue, municipality=place, initial=initial)
    materials = MaterialFormSet(data, instance=form.instance, prefix="material")
    actions = ActionFormSet(
        data, instance=form.instance, prefix="action", form_kwargs={"municipality": place}
    )
    if data is not None and form.is_valid() and materials.is_valid() and actions.is_valid():
        with transaction.atomic():
            saved = form.save()
            materials.instance = actions.instance = saved
            materials.save()
            actions.save()
        messages.success(request, _("Dialogen är sparad."))
        return redirect(saved)
    return render(
        request,
        "cycle/dialogue_form.html",
        {
            "title": dialogue.title if dialogue else _("Ny dialog"),
            "dialogue": dialogue,
            "form": form,
            "materials": materials,
            "actions": actions,
        },
        status=400 if data is not None else 200,
    )


@login_required
def dialogue_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.add_dialogue")
    return _edit(request, None)


@login_required
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_visible_or_404(request.user, Dialogue, pk=pk)
    require(request.user, "cycle.change_dialogue", dialogue)
    return _edit(request, dialogue)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner (or the kvalitetsstrateg) reports an agreed action done."""
    action = get_visible_or_404(
        request.user, DialogueAction.objects.select_related("dialogue"), pk=pk
    )
    require(request.user, "cycle.change_dialogueaction", action)
    form = ActionDoneForm(request.POST, instance=action, prefix=f"a{action.pk}")
    if not form.is_valid():
        return _render_detail(request, action.dialogue, {action.pk: form}, status=400)
    form.save()
    messages.success(request, _("Åtgärden är markerad som klar."))
    return redirect(action.dialogue)
