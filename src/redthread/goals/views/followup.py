"""The follow-up round: write and submit (enhet), review and approve (förvaltningschef)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.htmx import is_htmx
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import PeriodClosed, ReportingPeriod
from redthread.goals import charts
from redthread.goals.evaluation import computed_status
from redthread.goals.forms import FollowUpForm, ReviewForm
from redthread.goals.models import SUBJECT_MODELS, Activity, FollowUp, Indicator, Measure
from redthread.goals.todo import todo_for, units_with_missing
from redthread.organisation.models import Assignment, Municipality

URL_KINDS = {
    "goal": "goal",
    "indicator": "indicator",
    "commitment": "commitment",
    "measure": "measure",
    "activity": "activity",
    "strategic_action": "strategic_action",
}


def _subject(request: HttpRequest, kind: str, pk: int) -> tuple[str, Any]:
    field = URL_KINDS.get(kind)
    if field is None:
        raise Http404
    model = SUBJECT_MODELS[field]
    return field, get_visible_or_404(request.user, model, pk=pk)


def _previous(field: str, subject: Any, period: ReportingPeriod) -> FollowUp | None:
    """The latest earlier follow-up of the same object, also last year's version of it."""
    return (
        FollowUp.objects.filter(
            **{f"{field}__lineage": subject.lineage}, period__end_date__lt=period.end_date
        )
        .exclude(analysis="")
        .select_related("period", "author")
        .order_by("-period__end_date")
        .first()
    )


def _has_computed(field: str) -> bool:
    return field in ("goal", "indicator", "commitment", "measure")


def _charts_for(subject: Any) -> list[Any]:
    if isinstance(subject, Indicator | Measure):
        return [charts.metric_history(subject).chart]
    if isinstance(subject, Activity):
        return [charts.metric_history(m).chart for m in subject.commitment.measures.all()[:2]]
    return []


@login_required
def followup_edit(request: HttpRequest, kind: str, pk: int, period_pk: int) -> HttpResponse:
    field, subject = _subject(request, kind, pk)
    period = get_visible_or_404(request.user, ReportingPeriod, pk=period_pk)
    if period.year != subject.year:
        raise Http404
    followup = FollowUp.objects.filter(period=period, **{field: subject}).first()
    if followup is None:
        followup = FollowUp(period=period, author=request.user, **{field: subject})  # type: ignore[misc]
        require(request.user, "goals.add_followup", followup)
    elif not request.user.has_perm("goals.change_followup", followup):
        if not request.user.has_perm("goals.view_followup", followup):
            raise Http404
        messages.info(
            request, _("Uppföljningen kan inte ändras: den är godkänd eller perioden är stängd.")
        )
        return redirect(subject.get_absolute_url() + f"?period={period.pk}")
    followup.computed_status = computed_status(subject, period)
    if request.method == "POST":
        return _save(request, field, subject, period, followup)
    form = FollowUpForm(
        instance=followup,
        initial={"status": followup.status if followup.pk else followup.computed_status},
    )
    return _render_form(request, field, subject, period, followup, form)


def _render_form(
    request: HttpRequest,
    field: str,
    subject: Any,
    period: ReportingPeriod,
    followup: FollowUp,
    form: FollowUpForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "goals/followup_form.html",
        {
            "title": _("Uppföljning: %(subject)s") % {"subject": subject},
            "field": field,
            "subject": subject,
            "period": period,
            "followup": followup,
            "form": form,
            "previous": _previous(field, subject, period),
            "charts": _charts_for(subject),
            "has_computed": _has_computed(field),
        },
        status=status,
    )


def _save(
    request: HttpRequest, field: str, subject: Any, period: ReportingPeriod, followup: FollowUp
) -> HttpResponse:
    action = request.POST.get("action", "save")
    posted_version = request.POST.get("version", "")
    if followup.pk and posted_version.isdigit() and int(posted_version) != followup.version:
        form = FollowUpForm(
            request.POST,
            instance=FollowUp.objects.get(pk=followup.pk),
            computed=_has_computed(field),
        )
        form.add_error(
            None,
            _(
                "Någon annan har ändrat uppföljningen medan du skrev. Deras text står nedan; "
                "kopiera det du vill behålla av din och spara igen."
            ),
        )
        conflict = FollowUp.objects.get(pk=followup.pk)
        return _render_form(request, field, subject, period, conflict, form, status=409)
    form = FollowUpForm(request.POST, instance=followup, computed=_has_computed(field))
    if action == "autosave":
        # A draft is kept as it is typed; the checks of a submission come when it is submitted.
        if form.is_valid() or not form.has_error("status"):
            draft = form.instance
            if not draft.pk:
                draft.author = request.user  # type: ignore[assignment]
            try:
                period.ensure_writable()
            except PeriodClosed as error:
                return HttpResponse(" ".join(error.messages), status=409)
            draft.save()
            return render(
                request, "goals/_autosave.html", {"followup": draft, "saved_at": timezone.now()}
            )
        return HttpResponse(_("Utkastet kunde inte sparas."), status=400)
    if not form.is_valid():
        return _render_form(request, field, subject, period, followup, form, status=400)
    try:
        with transaction.atomic():
            followup = form.save(commit=False)
            if followup.state == FollowUp.State.RETURNED:
                followup.state = FollowUp.State.DRAFT
            followup.full_clean()
            followup.save()
            if action == "submit":
                followup.submit()
    except ValidationError as error:
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _render_form(request, field, subject, period, followup, form, status=400)
    if action == "submit":
        messages.success(
            request, _("Uppföljningen av %(subject)s är inskickad.") % {"subject": subject}
        )
        return _next_todo(request)
    messages.success(request, _("Utkastet är sparat."))
    return redirect("goals:followup", field, subject.pk, period.pk)


def _next_todo(request: HttpRequest) -> HttpResponse:
    """After submitting, the next thing to report opens at once."""
    items = todo_for(request.user, Municipality.objects.current())
    if items:
        item = items[0]
        return redirect("goals:followup", item.field, item.subject.pk, item.period.pk)
    messages.info(request, _("Du har inget mer att rapportera just nu."))
    return redirect("goals:todo")


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    require(request.user, "goals.view_municipalgoal")
    items = todo_for(request.user, Municipality.objects.current())
    return render(
        request,
        "goals/todo.html",
        {
            "title": _("Att rapportera"),
            "items": items,
            "red_count": sum(1 for i in items if i.was_red),
        },
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """The förvaltningschef's view of a round: who has reported, and what waits for approval."""
    require(request.user, "goals.review_followup")
    municipality = Municipality.objects.current()
    open_periods = list(
        ReportingPeriod.objects.filter(municipality=municipality)
        .exclude(state=ReportingPeriod.State.PLANNED)
        .order_by("-end_date")[:12]
    )
    period = next((p for p in open_periods if str(p.pk) == request.GET.get("period")), None)
    if period is None:
        period = next(
            (p for p in open_periods if p.state == ReportingPeriod.State.OPEN),
            open_periods[0] if open_periods else None,
        )
    scope = request.user.scope  # type: ignore[union-attr]
    progress = (
        units_with_missing(period, scope.headed_paths or scope.managed_paths) if period else {}
    )
    waiting = []
    if period is not None:
        candidates = (
            FollowUp.objects.filter(period=period, state=FollowUp.State.SUBMITTED)
            .select_related(
                "activity__unit",
                "measure__unit",
                "measure__commitment__body",
                "commitment__body",
                "goal",
                "indicator",
                "strategic_action__network",
                "author",
            )
            .order_by("submitted_at")
        )
        waiting = [f for f in candidates if request.user.has_perm("goals.review_followup", f)]
    return render(
        request,
        "goals/review.html",
        {
            "title": _("Granska uppföljningar"),
            "period": period,
            "periods": open_periods,
            "progress": [(unit, done, total) for unit, (done, total) in progress.items()],
            "late_units": sum(1 for _unit, (done, total) in progress.items() if done < total),
            "waiting": waiting,
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def review_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    followup = get_visible_or_404(request.user, FollowUp.objects.select_related("period"), pk=pk)
    require(request.user, "goals.review_followup", followup)
    try:
        if action == "approve":
            followup.approve(request.user)
        elif action == "return":
            followup.send_back(request.user, request.POST.get("review_comment", ""))
        else:
            raise Http404
    except ValidationError as error:
        if is_htmx(request):
            return render(
                request,
                "goals/_review_card.html",
                {
                    "f": followup,
                    "error": " ".join(error.messages),
                    "review_form": ReviewForm(request.POST),
                },
                status=400,
            )
        messages.error(request, " ".join(error.messages))
        return redirect(f"{_review_url()}?period={followup.period_id}")
    if is_htmx(request):
        return render(request, "goals/_review_card.html", {"f": followup})
    messages.success(
        request,
        _("Uppföljningen är godkänd.")
        if action == "approve"
        else _("Uppföljningen är skickad tillbaka."),
    )
    return redirect(f"{_review_url()}?period={followup.period_id}")


def _review_url() -> str:
    from django.urls import reverse

    return reverse("goals:review")


@login_required
@require_POST
def remind(request: HttpRequest, period_pk: int) -> HttpResponse:
    """One action reminds every manager whose unit has not reported."""
    require(request.user, "goals.review_followup")
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    scope = request.user.scope  # type: ignore[union-attr]
    progress = units_with_missing(period, scope.headed_paths or scope.managed_paths)
    late = [unit for unit, (done, total) in progress.items() if done < total]
    managers = (
        Assignment.objects.current()
        .filter(unit__in=late, role__in=Assignment.MANAGERS)
        .select_related("person", "unit")
    )
    subject = _("Påminnelse: uppföljning %(period)s") % {"period": period.label}
    sender = request.user.get_full_name() or request.user.get_username()  # type: ignore[union-attr]
    mails = [
        (
            subject,
            _(
                "Hej %(name)s,\n\n%(unit)s har inte rapporterat alla aktiviteter för %(period)s. "
                "Sista dag är %(due)s. Logga in i Röda tråden och öppna Att rapportera på startsidan.\n\n"
                "Hälsningar\n%(sender)s"
            )
            % {
                "name": a.person.first_name,
                "unit": a.unit,
                "period": period.label,
                "due": period.due_on.isoformat(),
                "sender": sender,
            },
            None,
            [a.person.email],
        )
        for a in managers
        if a.person.email
    ]
    sent = send_mass_mail(mails, fail_silently=False)
    messages.success(request, _("Påminnelse skickad till %(count)s chefer.") % {"count": sent})
    return redirect(f"{_review_url()}?period={period.pk}")
