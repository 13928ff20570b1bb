"""The life of a document: files in versions, aktualitetsprövning, revision, revocation, links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.documents.forms import FileForm, LinkForm, ReviewForm, RevokeForm
from redthread.documents.models import DocumentFile, DocumentLink, GoverningDocument
from redthread.documents.views.register import visible_document


def _editable(request: HttpRequest, pk: int) -> GoverningDocument | HttpResponse:
    result = visible_document(
        request, pk, GoverningDocument.objects.select_related("decision__body", "unit", "owner")
    )
    if isinstance(result, HttpResponse):
        return result
    require(request.user, "documents.change_governingdocument", result)
    return result


def file(request: HttpRequest, pk: int, number: int) -> HttpResponse | FileResponse:
    """A version of the document's file, to whoever may read the document (public ones to all)."""
    result = visible_document(request, pk)
    if isinstance(result, HttpResponse):
        return result
    version = get_object_or_404(DocumentFile, document=result, number=number)
    if not version.file:
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=version.original_name)


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    result = _editable(request, pk)
    if isinstance(result, HttpResponse):
        return result
    document = result
    require(request.user, "documents.add_documentfile", document)
    form = FileForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = DocumentFile.objects.add(
            document,
            form.cleaned_data["file"],
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
        messages.success(
            request, _("Version %(number)s är uppladdad.") % {"number": version.number}
        )
        return redirect(document)
    return render(
        request,
        "documents/upload.html",
        {"title": _("Ladda upp ny version"), "form": form, "document": document},
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    result = _editable(request, pk)
    if isinstance(result, HttpResponse):
        return result
    document = result
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"reviewed_on": timezone.localdate(), "outcome": "valid"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document.record_review(
                reviewed_on=data["reviewed_on"],
                next_review_by=data["next_review_by"],
                needs_revision=data["outcome"] == "revise",
                comment=data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(document)
        if document.state == GoverningDocument.State.UNDER_REVISION:
            messages.success(
                request, _("Aktualitetsprövningen är registrerad: dokumentet revideras.")
            )
        else:
            messages.success(
                request,
                _("Aktualitetsprövningen är registrerad. Nästa prövning senast %(date)s.")
                % {"date": document.review_by.isoformat()},
            )
        return redirect(document)
    return render(
        request,
        "documents/review.html",
        {"title": _("Aktualitetspröva"), "form": form, "document": document},
    )


@login_required
@require_POST
def start_revision(request: HttpRequest, pk: int) -> HttpResponse:
    result = _editable(request, pk)
    if isinstance(result, HttpResponse):
        return result
    try:
        result.start_revision()
        messages.success(request, _("Dokumentet är markerat som under revision."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(result)


@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    result = _editable(request, pk)
    if isinstance(result, HttpResponse):
        return result
    document = result
    form = RevokeForm(
        request.POST if request.method == "POST" else None,
        document=document,
        initial={"revoked_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document.revoke(on=data["revoked_on"], decision=data["decision"], reason=data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dokumentet är upphävt."))
            return redirect(document)
    return render(
        request,
        "documents/revoke.html",
        {"title": _("Upphäv styrdokument"), "form": form, "document": document},
    )


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    result = _editable(request, pk)
    if isinstance(result, HttpResponse):
        return result
    document = result
    require(request.user, "documents.add_documentlink", document)
    form = LinkForm(request.POST, user=request.user)
    if form.is_valid():
        content_type, object_id = form.cleaned_data["target"]
        try:
            with transaction.atomic():
                DocumentLink.objects.create(
                    document=document,
                    content_type=content_type,
                    object_id=object_id,
                    note=form.cleaned_data["note"],
                )
            messages.success(request, _("Kopplingen är sparad."))
        except IntegrityError:
            messages.error(request, _("Dokumentet är redan kopplat till det."))
    else:
        messages.error(request, _("Välj vad dokumentet styr i listan."))
    return redirect(document)


@login_required
@require_POST
def link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(DocumentLink.objects.select_related("document"), pk=pk)
    result = _editable(request, link.document_id)
    if isinstance(result, HttpResponse):
        return result
    require(request.user, "documents.delete_documentlink", link)
    link.delete()
    messages.success(request, _("Kopplingen är borttagen."))
    return redirect(result)
