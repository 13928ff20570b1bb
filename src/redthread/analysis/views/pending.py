"""Kolada figures that wait for a decision: accept one as the actual, or keep the actual."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.analysis import feed
from redthread.analysis.models import PendingValue
from redthread.core.permissions import get_visible_or_404, require
from redthread.goals.models import Actual


@login_required
def pending_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "analysis.view_pendingvalue")
    pending = list(
        PendingValue.objects.open()
        .select_related("indicator__goal", "period")
        .order_by("indicator__title", "period__end_date")
    )
    actuals = {
        (a.indicator.lineage, a.period_id): a
        for a in Actual.objects.filter(
            indicator__lineage__in={p.indicator.lineage for p in pending},
            period__in={p.period_id for p in pending},
        ).select_related("indicator")
        if a.indicator is not None
    }
    rows = [
        {
            "pending": p,
            "actual": actuals.get((p.indicator.lineage, p.period_id)),
            "may_decide": request.user.has_perm("analysis.change_pendingvalue", p),
        }
        for p in pending
    ]
    return render(
        request,
        "analysis/pending_list.html",
        {"title": _("Kolada-värden som väntar på beslut"), "rows": rows},
    )


@login_required
@require_POST
def pending_resolve(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    pending = get_visible_or_404(
        request.user, PendingValue.objects.select_related("indicator", "period"), pk=pk
    )
    if action not in ("accept", "dismiss"):
        raise Http404
    require(request.user, "analysis.change_pendingvalue", pending)
    try:
        if action == "accept":
            pending.period.ensure_writable()
            existing = Actual.objects.filter(
                indicator__lineage=pending.indicator.lineage, period=pending.period
            ).first()
            if existing is not None:
                require(request.user, "goals.change_actual", existing)
            else:
                require(
                    request.user,
                    "goals.add_actual",
                    Actual(indicator=pending.indicator, period=pending.period),
                )
            feed.accept(pending, request.user)
            messages.success(
                request,
                _("Koladas värde för %(period)s är infört som utfall för %(indicator)s.")
                % {"period": pending.period.label, "indicator": pending.indicator.title},
            )
        else:
            feed.dismiss(pending, request.user)
            messages.success(
                request,
                _("Utfallet för %(period)s behålls; Koladas värde föreslås inte igen.")
                % {"period": pending.period.label},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("analysis:pending")
