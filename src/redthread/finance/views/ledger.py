"""The ledger: upload with a progress bar, the import log, settings and transactions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import get_visible_or_404, require
from redthread.finance.forms.ledger import LedgerUploadForm
from redthread.finance.ledger_import import ledger_stats
from redthread.finance.models import ImportJob, LedgerEntry, LedgerImport, LedgerSettings
from redthread.finance.tasks import is_stalled, read_progress, requeue, run_import_job
from redthread.finance.views.common import municipality_of

ENTRIES_PAGE = 50


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_ledgerimport")
    municipality = municipality_of(request)
    imports = LedgerImport.objects.filter(municipality=municipality).select_related(
        "imported_by", "replaced_by"
    )
    page = Paginator(imports, 25).get_page(request.GET.get("sida"))
    jobs = ImportJob.objects.filter(
        municipality=municipality, state__in=[ImportJob.State.QUEUED, ImportJob.State.RUNNING]
    )
    return render(
        request,
        "finance/ledger.html",
        {
            "title": _("Huvudbok"),
            "page": page,
            "stats": ledger_stats(municipality),
            "jobs": jobs,
            "form": LedgerUploadForm(),
            "may_import": request.user.has_perm("finance.add_ledgerimport"),
            "settings": LedgerSettings.for_municipality(municipality),
        },
    )


@login_required
@require_POST
def ledger_upload(request: HttpRequest) -> HttpResponse:
    """Save the file and queue its import; the job page shows the progress."""
    require(request.user, "finance.add_ledgerimport")
    municipality = municipality_of(request)
    form = LedgerUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        imports = LedgerImport.objects.filter(municipality=municipality)
        return render(
            request,
            "finance/ledger.html",
            {
                "title": _("Huvudbok"),
                "page": Paginator(imports, 25).get_page(1),
                "stats": ledger_stats(municipality),
                "jobs": [],
                "form": form,
                "may_import": True,
                "settings": LedgerSettings.for_municipality(municipality),
            },
            status=400,
        )
    upload = form.cleaned_data["file"]
    job = ImportJob(
        municipality=municipality,
        original_name=upload.name[:255],
        size=upload.size,
        requested_by_id=int(request.user.pk or 0),
        dry_run=form.cleaned_data["dry_run"],
    )
    job.upload.save(upload.name, upload, save=False)
    job.save()
    run_import_job.enqueue(job.pk)
    return redirect(job)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_visible_or_404(request.user, ImportJob.objects.select_related("ledger_import"), pk=pk)
    if job.municipality_id != municipality_of(request).pk:
        raise Http404
    return job


def _job_context(request: HttpRequest, job: ImportJob) -> dict[str, object]:
    return {
        "title": str(job),
        "job": job,
        "percent": read_progress(job),
        "stalled": is_stalled(job),
        "may_import": request.user.has_perm("finance.add_ledgerimport"),
    }


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "finance/import_job.html", _job_context(request, job))


@login_required
def import_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial that the job page polls (htmx) until the job is finished."""
    job = _job(request, pk)
    return render(request, "finance/_import_status.html", _job_context(request, job))


@login_required
@require_POST
def import_job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a job again whose worker stopped mid-import; nothing of it reached the ledger."""
    require(request.user, "finance.add_ledgerimport")
    job = ImportJob.objects.select_for_update().get(pk=_job(request, pk).pk)
    if not is_stalled(job):
        context = _job_context(request, job)
        context["conflict"] = _(
            "Jobbet har inte stannat, så det kan inte köras igen. Vänta tills det är klart."
        )
        return render(request, "finance/import_job.html", context, status=409)
    requeue(job)
    return redirect(job)


@login_required
def ledger_import(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(
        request.user,
        LedgerImport.objects.select_related("imported_by", "replaced_by"),
        pk=pk,
    )
    if item.municipality_id != municipality_of(request).pk:
        raise Http404
    return render(
        request,
        "finance/ledger_import.html",
        {"title": item.file_name, "item": item, "replaced": item.replaced.all()},
    )


@login_required
def ledger_entries(request: HttpRequest) -> HttpResponse:
    """Transactions of one month, filtered by account and ansvar: for checking a figure."""
    require(request.user, "finance.view_ledgerentry")
    municipality = municipality_of(request)
    try:
        year = int(request.GET.get("ar", ""))
        month = int(request.GET.get("manad", ""))
    except ValueError:
        latest = (
            LedgerEntry.objects.filter(municipality_id=municipality.pk)
            .order_by("-year", "-month")
            .values_list("year", "month")
            .first()
        )
        year, month = latest or (0, 0)
    account = request.GET.get("konto", "").strip()
    responsibility = request.GET.get("ansvar", "").strip()
    entries = LedgerEntry.objects.filter(municipality_id=municipality.pk, year=year, month=month)
    if account:
        entries = entries.filter(account__startswith=account)
    if responsibility:
        entries = entries.filter(responsibility=responsibility)
    entries = entries.order_by("date", "series", "voucher", "pk")
    page = Paginator(entries, ENTRIES_PAGE).get_page(request.GET.get("sida"))
    total = entries.aggregate(total=Sum("amount_ore"))["total"] or 0
    return render(
        request,
        "finance/ledger_entries.html",
        {
            "title": _("Transaktioner"),
            "page": page,
            "year": year,
            "month": month,
            "account": account,
            "responsibility": responsibility,
            "total": total / 100,
            "months": range(1, 13),
        },
    )
