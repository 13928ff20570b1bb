"""Reports in the browser: the kinds, the preview, files made in the background, the final
versions, and the section texts with their approval.

The report is chosen by query parameters: ``ar`` (year), ``namnd`` (the nämnd's id) and
``manad`` (a month report's month).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Municipality
from redthread.reports import registry
from redthread.reports.document import NoData, Report
from redthread.reports.engine import ReportRefused, build_report, period_for
from redthread.reports.models import ReportJob, ReportSnapshot, SectionText
from redthread.reports.render import FORMATS
from redthread.reports.render.html import fragment
from redthread.reports.snapshots import check_final
from redthread.reports.tasks import is_stalled, requeue, run_report_job

MONTHS = [
    _("januari"), _("februari"), _("mars"), _("april"), _("maj"), _("juni"),
    _("juli"), _("augusti"), _("september"), _("oktober"), _("november"), _("december"),
]  # fmt: skip


def municipality_of(request: HttpRequest) -> Municipality:
    cached = getattr(request, "_municipality", None)
    if cached is None:
        cached = Municipality.objects.current()
        request._municipality = cached  # type: ignore[attr-defined]
    return cached


@dataclass
class Choice:
    """Which report the user is looking at, from the query string (or a POST)."""

    info: registry.ReportKind
    municipality: Municipality
    year: int
    body: Body | None
    month: int | None
    period: ReportingPeriod | None
    problem: str = ""

    def query(self) -> str:
        params: dict[str, Any] = {"ar": self.year}
        if self.body is not None:
            params["namnd"] = self.body.pk
        if self.month:
            params["manad"] = self.month
        return urlencode(params)

    def url(self, name: str = "reports:report") -> str:
        return reverse(name, args=[self.info.kind]) + "?" + self.query()

    def snapshots(self) -> Any:
        scope = Q(body=self.body) if self.body is not None else Q(body__isnull=True)
        found = ReportSnapshot.objects.filter(
            scope, municipality=self.municipality, kind=self.info.kind, year=self.year
        ).select_related("created_by", "period")
        if self.period is not None:
            found = found.filter(period=self.period)
        return found


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def bodies_for(municipality: Municipality) -> Any:
    return Body.objects.filter(
        municipality=municipality,
        kind__in=[Body.Kind.COMMITTEE, Body.Kind.EXECUTIVE_BOARD],
    ).order_by("order", "name")


def choice_of(request: HttpRequest, kind: str, data: Any = None) -> Choice:
    require(request.user, "reports.view_report")
    try:
        info = registry.get(kind)
    except registry.UnknownKind:
        raise Http404 from None
    data = data if data is not None else request.GET
    municipality = municipality_of(request)
    year = _int(data.get("ar")) or timezone.localdate().year
    body = None
    body_id = _int(data.get("namnd"))
    if info.takes_body and body_id is not None:
        body = bodies_for(municipality).filter(pk=body_id).first()
    month = _int(data.get("manad"))
    if month is not None and not 1 <= month <= 12:
        month = None
    choice = Choice(info, municipality, year, body, month, None)
    if info.needs_body and body is None:
        choice.problem = _("Välj vilken nämnd rapporten gäller.")
        return choice
    try:
        choice.period = period_for(municipality, kind, year, month)
    except NoData as error:
        choice.problem = str(error)
    if choice.period is not None and choice.period.kind == ReportingPeriod.Kind.MONTH:
        choice.month = choice.period.end_date.month
    return choice


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "reports.view_report")
    municipality = municipality_of(request)
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/index.html",
        {
            "title": _("Rapporter"),
            "kinds": registry.all_kinds(),
            "years": list(range(this_year + 1, this_year - 5, -1)),
            "this_year": this_year,
            "bodies": list(bodies_for(municipality)),
            "snapshots": ReportSnapshot.objects.filter(municipality=municipality).select_related(
                "created_by", "body"
            )[:10],
        },
    )


def _form_context(request: HttpRequest, choice: Choice) -> dict[str, Any]:
    this_year = timezone.localdate().year
    return {
        "choice": choice,
        "info": choice.info,
        "years": list(range(this_year + 1, this_year - 5, -1)),
        "bodies": list(bodies_for(choice.municipality)) if choice.info.takes_body else [],
        "months": list(enumerate(MONTHS, start=1)),
        "formats": [("pdf", _("Skapa PDF")), ("docx", _("Skapa Word")), ("xlsx", _("Skapa Excel"))],
        "may_generate": request.user.has_perm("reports.add_reportjob"),
        "may_finalise": request.user.has_perm("reports.add_reportsnapshot"),
        "may_write": request.user.has_perm("reports.write_texts"),
    }


def _build(choice: Choice) -> tuple[Report | None, set[str], str]:
    if choice.problem:
        return None, set(), choice.problem
    try:
        built = build_report(
            choice.municipality,
            choice.info.kind,
            choice.year,
            body=choice.body,
            period=choice.period,
        )
    except (NoData, ReportRefused, registry.BuilderMissing) as error:
        return None, set(), str(error)
    return built.report, built.drafts, ""


@login_required
def report(request: HttpRequest, kind: str) -> HttpResponse:
    """The report's page: choice of year (and nämnd), actions, final versions, preview."""
    choice = choice_of(request, kind)
    built, drafts, problem = _build(choice)
    context = _form_context(request, choice)
    context.update(
        {
            "title": choice.info.name,
            "report": built,
            "preview": fragment(built, drafts) if built is not None else "",
            "drafts": len(drafts),
            "problem": problem,
            "snapshots": list(choice.snapshots()),
            "period_closed": choice.period is not None and not choice.period.is_writable,
            "final_possible": not choice.info.period_kind
            or (choice.period is not None and not choice.period.is_writable),
            "has_texts": SectionText.objects.filter(
                _text_scope(choice), municipality=choice.municipality
            ).exists(),
        }
    )
    return render(request, "reports/report.html", context)


@login_required
@require_POST
def generate(request: HttpRequest, kind: str) -> HttpResponse:
    """Queue a file (preliminary, or final with ``slutlig``); the job page shows progress."""
    choice = choice_of(request, kind, request.POST)
    require(request.user, "reports.add_reportjob")
    fmt = request.POST.get("format", "")
    final = request.POST.get("slutlig") == "1"
    refusal = choice.problem
    if fmt not in ("pdf", "docx", "xlsx"):
        refusal = _("Välj PDF, Word eller Excel.")
    if final and not refusal:
        require(request.user, "reports.add_reportsnapshot")
        try:
            check_final(
                municipality=choice.municipality,
                kind=kind,
                year=choice.year,
                body=choice.body,
                period=choice.period,
                confirm_no_texts=request.POST.get("utan_texter") == "1",
            )
        except ReportRefused as error:
            refusal = str(error)
    if refusal:
        context = _form_context(request, choice)
        context.update(
            {
                "title": choice.info.name,
                "report": None,
                "preview": "",
                "problem": refusal,
                "snapshots": list(choice.snapshots()),
            }
        )
        return render(request, "reports/report.html", context, status=400)
    job = ReportJob.objects.create(
        municipality=choice.municipality,
        kind=kind,
        year=choice.year,
        body=choice.body,
        period=choice.period,
        format=fmt,
        final=final,
        requested_by_id=int(request.user.pk or 0),
    )
    transaction.on_commit(lambda: run_report_job.enqueue(job.pk))
    return redirect(job)


def _job(request: HttpRequest, pk: int) -> ReportJob:
    require(request.user, "reports.view_reportjob")
    job = get_object_or_404(
        ReportJob.objects.select_related("requested_by", "body", "snapshot"),
        pk=pk,
        municipality=municipality_of(request),
    )
    return job


def _job_context(request: HttpRequest, job: ReportJob) -> dict[str, Any]:
    return {
        "title": _("%(name)s %(year)s som %(format)s")
        % {
            "name": registry.get(job.kind).name,
            "year": job.year,
            "format": job.get_format_display(),
        },
        "job": job,
        "info": registry.get(job.kind),
        "stalled": is_stalled(job),
        "may_generate": request.user.has_perm("reports.add_reportjob"),
    }


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    item = _job(request, pk)
    return render(request, "reports/job.html", _job_context(request, item))


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial that the job page polls (htmx) until the file is made."""
    item = _job(request, pk)
    return render(request, "reports/_job_status.html", _job_context(request, item))


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = _job(request, pk)
    if item.snapshot is not None:
        return redirect(item.snapshot)
    if item.state != ReportJob.State.DONE or not item.output:
        raise Http404
    return FileResponse(
        item.output.open("rb"),
        as_attachment=True,
        filename=item.file_name,
        content_type=FORMATS[item.format][0],
    )


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "reports.add_reportjob")
    item = ReportJob.objects.select_for_update().get(pk=_job(request, pk).pk)
    if not is_stalled(item):
        context = _job_context(request, item)
        context["conflict"] = _(
            "Jobbet har inte stannat, så det kan inte köras igen. Vänta tills det är klart."
        )
        return render(request, "reports/job.html", context, status=409)
    requeue(item)
    return redirect(item)


@login_required
def snapshot_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The final report exactly as stored; its hash is sent along for checking."""
    require(request.user, "reports.view_reportsnapshot")
    snapshot = get_object_or_404(ReportSnapshot, pk=pk, municipality=municipality_of(request))
    response = HttpResponse(snapshot.read(), content_type=FORMATS[snapshot.format][0])
    response["Content-Disposition"] = f'attachment; filename="{snapshot.file_name}"'
    response["X-Content-SHA256"] = snapshot.sha256
    return response


# --- Section texts ----------------------------------------------------------------------


def _text_scope(choice: Choice) -> Q:
    body = Q(body=choice.body) if choice.body is not None else Q(body__isnull=True)
    return body & Q(kind=choice.info.kind, year=choice.year)


@dataclass
class TextRow:
    key: str
    title: str
    level: int
    item: SectionText | None
    may_write: bool
    may_approve: bool


def _text_rows(request: HttpRequest, choice: Choice, report: Report) -> list[TextRow]:
    texts = {
        t.section_key: t
        for t in SectionText.objects.filter(
            _text_scope(choice), municipality=choice.municipality
        ).select_related("written_by", "approved_by")
    }
    probe = SectionText(municipality=choice.municipality, kind=choice.info.kind, body=choice.body)
    may_write = request.user.has_perm("reports.change_sectiontext", probe)
    may_approve = request.user.has_perm("reports.approve_sectiontext", probe)
    return [
        TextRow(section.key, section.title, level, texts.get(section.key), may_write, may_approve)
        for level, section in report.walk()
    ]


def _final_exists(choice: Choice) -> bool:
    return bool(choice.snapshots().exists())


@login_required
def texts(request: HttpRequest, kind: str) -> HttpResponse:
    choice = choice_of(request, kind)
    require(request.user, "reports.view_sectiontext")
    built, _drafts, problem = _build(choice)
    context = _form_context(request, choice)
    context.update(
        {
            "title": _("Texter till %(name)s") % {"name": choice.info.name},
            "rows": _text_rows(request, choice, built) if built is not None else [],
            "problem": problem,
            "locked": _final_exists(choice),
        }
    )
    return render(request, "reports/texts.html", context)


@login_required
@require_POST
def text_save(request: HttpRequest, kind: str) -> HttpResponse:
    """Write, submit, approve or send back one section's text."""
    choice = choice_of(request, kind, request.POST)
    require(request.user, "reports.view_sectiontext")
    if choice.problem:
        raise Http404
    key = request.POST.get("avsnitt", "").strip()
    action = request.POST.get("atgard", "")
    if not key or action not in ("spara", "skicka", "godkann", "tillbaka"):
        raise Http404
    probe = SectionText(municipality=choice.municipality, kind=kind, body=choice.body)
    require(request.user, "reports.change_sectiontext", probe)
    if action in ("godkann", "tillbaka"):
        require(request.user, "reports.approve_sectiontext", probe)
    error = ""
    with transaction.atomic():
        item = (
            SectionText.objects.select_for_update()
            .filter(_text_scope(choice), municipality=choice.municipality, section_key=key)
            .first()
        )
        version = _int(request.POST.get("version"))
        if _final_exists(choice):
            error = _("Rapporten är redan slutlig. Texterna kan inte längre ändras.")
        elif item is not None and version != item.version:
            error = _(
                "Någon annan har ändrat texten medan du skrev. Din ändring är inte sparad; "
                "läs den nya texten och gör om ändringen."
            )
        elif item is None and action != "spara":
            error = _("Skriv och spara en text först.")
        else:
            if item is None:
                item = SectionText(
                    municipality=choice.municipality,
                    kind=kind,
                    year=choice.year,
                    body=choice.body,
                    section_key=key[:200],
                    written_by_id=int(request.user.pk or 0),
                )
            try:
                if action == "spara":
                    item.write(request.POST.get("text", ""), by=request.user)
                elif action == "skicka":
                    item.submit(by=request.user)
                elif action == "godkann":
                    item.approve(by=request.user)
                else:
                    item.send_back(by=request.user)
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
    if error:
        built, _drafts, problem = _build(choice)
        context = _form_context(request, choice)
        context.update(
            {
                "title": _("Texter till %(name)s") % {"name": choice.info.name},
                "rows": _text_rows(request, choice, built) if built is not None else [],
                "problem": problem,
                "error": error,
                "error_key": key,
                "locked": _final_exists(choice),
            }
        )
        return render(request, "reports/texts.html", context, status=409)
    return redirect(choice.url("reports:texts") + f"#t-{key}")
