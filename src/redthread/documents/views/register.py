"""The register: search and list, one document, recording and editing a document."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.core.permissions import require
from redthread.documents import links
from redthread.documents.forms import DocumentForm, LinkForm
from redthread.documents.models import REVIEW_SOON_DAYS, GoverningDocument
from redthread.organisation.models import Body, Municipality

PAGE_SIZE = 50
OUT_OF_REACH = gettext_lazy(
    "Du registrerar styrdokument bara för din egen förvaltning och för de organ du bereder "
    "ärenden åt. Välj en annan ansvarig förvaltning eller ett annat beslut, eller be "
    "kvalitetsstrategen om hjälp."
)


def visible_document(
    request: HttpRequest, pk: int, queryset: QuerySet[GoverningDocument] | None = None
) -> GoverningDocument | HttpResponse:
    """The document if the user may see it; the login page for anonymous, else a 404."""
    qs = queryset if queryset is not None else GoverningDocument.objects.all()
    document = get_object_or_404(qs, pk=pk, municipality=Municipality.objects.current())
    if request.user.has_perm("documents.view_governingdocument", document):
        return document
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _detail_queryset() -> QuerySet[GoverningDocument]:
    return GoverningDocument.objects.select_related(
        "decision__body", "owner", "unit", "replaces", "revoked_by__body", "replaced_by"
    )


STATE_FILTERS = {
    "": GoverningDocument.objects.current,
    "gallande": GoverningDocument.objects.in_force,
    "revideras": lambda: GoverningDocument.objects.filter(
        state=GoverningDocument.State.UNDER_REVISION
    ),
    "upphavda": lambda: GoverningDocument.objects.filter(state=GoverningDocument.State.REVOKED),
    "alla": GoverningDocument.objects.all,
}


def register(request: HttpRequest) -> HttpResponse:
    """Every styrdokument the user may see, searchable by title, kind, body and text.

    Public: a citizen sees the political documents in force; the organisation sees all.
    """
    municipality = Municipality.objects.current()
    params = request.GET
    query = params.get("q", "").strip()
    kind = params.get("slag", "")
    category = params.get("typ", "")
    body_id = params.get("organ", "")
    state = params.get("status", "")
    due = params.get("aktualitet", "") == "snart"
    internal = request.user.has_perm("documents.view_documentlink")
    documents = STATE_FILTERS.get(state, STATE_FILTERS[""])().filter(municipality=municipality)
    documents = documents.visible_to(request.user)
    if kind in GoverningDocument.Kind.values:
        documents = documents.filter(kind=kind)
    if category in GoverningDocument.Category.values:
        documents = documents.filter(category=category)
    if body_id.isdigit():
        documents = documents.filter(decision__body_id=int(body_id))
    if due:
        documents = documents.due_for_review()
    if query:
        documents = documents.search(query)
    documents = documents.select_related("decision__body", "owner", "unit").order_by(
        "review_by" if due else "title", "pk"
    )
    page = Paginator(documents, PAGE_SIZE).get_page(params.get("sida"))
    today = timezone.localdate()
    rows = [{"document": d, "review": d.review_status(today)} for d in page]
    may_add = request.user.has_perm("documents.add_governingdocument")
    return render(
        request,
        "documents/register.html",
        {
            "title": _("Styrdokument"),
            "page": page,
            "rows": rows,
            "query": query,
            "kind": kind,
            "category": category,
            "body_id": body_id,
            "state": state,
            "due": due,
            "internal": internal,
            "kinds": GoverningDocument.Kind.choices,
            "categories": GoverningDocument.Category.choices,
            "bodies": Body.objects.filter(municipality=municipality, kind__in=_deciding_kinds()),
            "may_add": may_add,
            "soon_days": REVIEW_SOON_DAYS,
            "filter_query": _filter_query(params),
        },
    )


def _deciding_kinds() -> list[str]:
    kinds = Body.Kind
    return [kinds.COUNCIL, kinds.EXECUTIVE_BOARD, kinds.COMMITTEE, kinds.SUBCOMMITTEE]


def _filter_query(params: Any) -> str:
    """The current filters without the page number, for the pagination links."""
    copy = params.copy()
    copy.pop("sida", None)
    return str(copy.urlencode())


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    result = visible_document(request, pk, _detail_queryset())
    if isinstance(result, HttpResponse):
        return result
    document = result
    user = request.user
    may_change = user.has_perm("documents.change_governingdocument", document)
    files = list(document.files.select_related("uploaded_by"))
    link_rows = []
    if user.has_perm("documents.view_documentlink", document):
        link_rows = links.visible_targets(
            user, document.links.select_related("content_type").prefetch_related("target")
        )
    context: dict[str, Any] = {
        "title": document.title,
        "document": document,
        "files": files,
        "latest_file": files[0] if files else None,
        "links": link_rows,
        "review": document.review_status(),
        "may_change": may_change,
        "may_view_decision": document.decision_id is not None
        and user.has_perm("organisation.view_decision", document.decision),
        "internal": user.has_perm("documents.view_documentlink"),
        "reminders": document.reminders.all()[:10]
        if user.has_perm("documents.view_reviewreminder")
        else [],
        "link_form": LinkForm(user=user) if may_change and links.LINKABLE else None,
    }
    return render(request, "documents/detail.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    require(request.user, "documents.add_governingdocument")
    municipality = Municipality.objects.current()
    initial: dict[str, Any] = {}
    replaces_id = request.GET.get("ersatter", "")
    if replaces_id.isdigit():
        old = GoverningDocument.objects.filter(
            pk=int(replaces_id), municipality=municipality
        ).first()
        if old is not None and request.user.has_perm("documents.view_governingdocument", old):
            initial = {
                "replaces": old.pk,
                "category": old.category,
                "title": old.title,
                "summary": old.summary,
                "unit": old.unit_id,
                "owner": old.owner_id,
            }
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("documents.add_governingdocument", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            document = form.save()
            messages.success(
                request, _("%(title)s finns nu i registret.") % {"title": document.title}
            )
            if document.replaces is not None:
                messages.info(
                    request,
                    _("%(old)s är upphävt och ersatt av detta dokument.")
                    % {"old": document.replaces.title},
                )
            return redirect(document)
    return render(
        request,
        "documents/form.html",
        {"title": _("Nytt styrdokument"), "form": form, "document": None},
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    result = visible_document(request, pk, _detail_queryset())
    if isinstance(result, HttpResponse):
        return result
    document = result
    require(request.user, "documents.change_governingdocument", document)
    if document.state == GoverningDocument.State.REVOKED:
        messages.error(request, _("Ett upphävt dokument ändras inte. Det finns kvar som historik."))
        return redirect(document)
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        instance=document,
        municipality=document.municipality,
    )
    if request.method == "POST" and form.is_valid():
        moved = {"unit", "decision"} & set(form.changed_data)
        if moved and not request.user.has_perm("documents.change_governingdocument", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            form.save()
            messages.success(request, _("Styrdokumentet är ändrat."))
            return redirect(document)
    return render(
        request,
        "documents/form.html",
        {"title": _("Ändra styrdokument"), "form": form, "document": document},
    )
