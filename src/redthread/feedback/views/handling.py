"""Handling: the inbox, a case, registering on a person's behalf, and the handling actions."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import get_visible_or_404, require
from redthread.feedback import intake
from redthread.feedback.forms import (
    AnswerForm,
    AssignForm,
    EditForm,
    NoteForm,
    RegisterForm,
    TransitionForm,
    templates_for,
)
from redthread.feedback.models import Answer, Category, Note, Photo, ServiceRequest
from redthread.feedback.models.case import State
from redthread.feedback.rules import handles_something
from redthread.organisation.models import Unit

log = logging.getLogger(__name__)
VIEWS = ("inkorg", "mina", "registrerade", "alla")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The cases of the user's categories and units, filtered by unit, category and state."""
    require(request.user, "feedback.view_inbox")
    user: Any = request.user
    default_view = "inkorg" if handles_something(user) else "alla"
    view = request.GET.get("vy", default_view)
    view = view if view in VIEWS else default_view
    cases = ServiceRequest.objects.visible_to(user)
    if view == "inkorg":
        cases = cases.handled_by(user)
    elif view == "mina":
        cases = cases.filter(assigned_to_id=user.scope.person_id or 0)
    elif view == "registrerade":
        cases = cases.filter(registered_by=user)
    state = request.GET.get("status", "oppna")
    if state == "oppna":
        cases = cases.open()
    elif state in State.values:
        cases = cases.filter(state=state)
    unit_id = request.GET.get("enhet", "")
    if unit_id.isdigit():
        unit = Unit.objects.filter(pk=int(unit_id)).first()
        if unit is not None:
            cases = cases.filter(unit__path__startswith=unit.path)
    category_id = request.GET.get("kategori", "")
    if category_id.isdigit():
        cases = cases.filter(category_id=int(category_id))
    overdue_only = request.GET.get("forsenade") == "1"
    if overdue_only:
        cases = cases.overdue()
    cases = cases.select_related("category", "unit", "assigned_to").order_by(
        "due_on", "received_at"
    )
    page = Paginator(cases, 50).get_page(request.GET.get("sida"))
    category_ids = Category.objects.values_list("unit_id", flat=True).distinct()
    return render(
        request,
        "feedback/inbox.html",
        {
            "title": _("Synpunkter och felanmälan"),
            "page": page,
            "view": view,
            "views": [
                ("inkorg", _("Min inkorg")),
                ("mina", _("Tilldelade mig")),
                ("registrerade", _("Registrerade av mig")),
                ("alla", _("Alla jag kan se")),
            ],
            "state": state,
            "states": State.choices,
            "units": Unit.objects.filter(pk__in=category_ids),
            "categories": Category.objects.all(),
            "selected_unit": unit_id,
            "selected_category": category_id,
            "overdue_only": overdue_only,
            "today": timezone.localdate(),
            "may_register": user.has_perm("feedback.add_servicerequest"),
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """An employee registers a synpunkt received by phone, e-mail, letter or visit."""
    require(request.user, "feedback.add_servicerequest")
    form = RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        case = intake.receive(
            values=form.case_values(),
            channel=form.cleaned_data["channel"],
            photos=form.cleaned_photos,
            registered_by=request.user,
        )
        messages.success(
            request,
            _("Ärendet är registrerat med referensnummer %(reference)s. Ge det till personen.")
            % {"reference": case.reference},
        )
        return redirect(case)
    return render(
        request,
        "feedback/register.html",
        {"title": _("Registrera synpunkt eller felanmälan"), "form": form},
    )


def _case_for(request: HttpRequest, pk: int) -> ServiceRequest:
    return get_visible_or_404(
        request.user,
        ServiceRequest.objects.select_related(
            "category", "unit", "assigned_to", "registered_by", "duplicate_of"
        ),
        pk=pk,
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    may_change = request.user.has_perm("feedback.change_servicerequest", case)
    context: dict[str, Any] = {
        "title": _("Ärende %(reference)s") % {"reference": case.reference},
        "case": case,
        "photos": case.photos.all(),
        "notes": case.notes.select_related("author"),
        "answers": case.answers.select_related("sent_by"),
        "duplicates": case.likely_duplicates(),
        "may_change": may_change,
        "erasures": case.erasures.all(),
    }
    if may_change:
        context["assign_form"] = AssignForm(case=case, initial={"person": case.assigned_to_id})
        context["transition_form"] = TransitionForm(case=case)
        context["note_form"] = NoteForm()
    return render(request, "feedback/case.html", context)


def _user(request: HttpRequest) -> Any:
    return request.user


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _handled(request: HttpRequest, pk: int) -> ServiceRequest:
    case = _case_for(request, pk)
    require(request.user, "feedback.change_servicerequest", case)
    return case


def _refuse(request: HttpRequest, error: ValidationError | str) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else error
    messages.error(request, text)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = _handled(request, pk)
    form = AssignForm(request.POST, case=case)
    if not form.is_valid():
        _refuse(request, _("Välj en handläggare i listan."))
        return redirect(case)
    try:
        case.assign(form.cleaned_data["person"], version=_version(request))
    except ValidationError as error:
        _refuse(request, error)
        return redirect(case)
    person = form.cleaned_data["person"]
    messages.success(
        request,
        _("Ärendet är tilldelat %(name)s.") % {"name": person}
        if person
        else _("Ärendet har ingen handläggare nu."),
    )
    return redirect(case)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    case = _handled(request, pk)
    form = TransitionForm(request.POST, case=case)
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
        _refuse(request, " ".join(errors))
        return redirect(case)
    try:
        case.move_to(
            form.cleaned_data["state"],
            version=_version(request),
            note=form.cleaned_data["status_note"],
            duplicate_of=form.cleaned_data["duplicate_of"],
        )
    except ValidationError as error:
        _refuse(request, error)
        return redirect(case)
    messages.success(request, _("Status är nu %(state)s.") % {"state": case.get_state_display()})
    return redirect(case)


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    case = _handled(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        Note.objects.create(
            service_request=case, author=_user(request), text=form.cleaned_data["text"]
        )
        messages.success(request, _("Anteckningen är sparad."))
    else:
        _refuse(request, _("Skriv en anteckning (högst 4 000 tecken)."))
    return redirect(case)


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer the person: by e-mail from a template, or record an answer by phone or letter."""
    case = _handled(request, pk)
    templates = list(templates_for(case))
    initial: dict[str, Any] = {"channel": "email" if case.may_answer_by_email else "phone"}
    chosen = request.GET.get("mall", "")
    for template in templates:
        if str(template.pk) == chosen:
            subject, body = template.fill(
                reference=case.reference,
                category=case.category.name,
                name=case.contact_name or _("du som skrev till oss"),
            )
            initial.update(subject=subject, body=body)
    form = AnswerForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipient = case.contact_email if data["channel"] == Answer.Channel.EMAIL else ""
        try:
            with transaction.atomic():
                Answer.objects.create(
                    service_request=case,
                    channel=data["channel"],
                    sent_by=_user(request),
                    recipient=recipient,
                    subject=data["subject"],
                    body=data["body"],
                )
                case.record_response()
                if recipient:
                    send_mail(data["subject"], data["body"], None, [recipient])
        except (smtplib.SMTPException, OSError):
            log.exception("Answer to %s could not be sent", case.reference)
            form.add_error(
                None,
                _(
                    "E-postmeddelandet kunde inte skickas och inget är sparat. Försök igen om "
                    "en stund, eller svara per telefon."
                ),
            )
        else:
            messages.success(request, _("Svaret är registrerat."))
            return redirect(case)
    return render(
        request,
        "feedback/answer.html",
        {
            "title": _("Svara på %(reference)s") % {"reference": case.reference},
            "case": case,
            "form": form,
            "templates": templates,
            "chosen": chosen,
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _handled(request, pk)
    form = EditForm(request.POST or None, instance=case)
    if request.method == "POST":
        try:
            case.ensure_version(_version(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.is_valid():
                form.save()
                messages.success(request, _("Ärendet är ändrat."))
                return redirect(case)
    return render(
        request,
        "feedback/edit.html",
        {
            "title": _("Ändra %(reference)s") % {"reference": case.reference},
            "case": case,
            "form": form,
        },
    )


@login_required
def photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    """A photo, streamed after the access check; never served from a public URL."""
    item = get_visible_or_404(
        request.user,
        Photo.objects.select_related("service_request__unit"),
        pk=photo_id,
        service_request_id=pk,
    )
    return FileResponse(item.image.open("rb"), content_type=item.content_type)
