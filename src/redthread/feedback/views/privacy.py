"""Gallring and the register extract: the administratör's privacy pages."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.feedback.erasure import erase_due, personal_data_of, rule_text
from redthread.feedback.models import ErasureRecord, ServiceRequest


@login_required
def erasure(request: HttpRequest) -> HttpResponse:
    """What gallring will remove next, the button that does it, and the log of removals."""
    require(request.user, "feedback.view_erasurerecord")
    if request.method == "POST":
        require(request.user, "feedback.erase_personal_data")
        records = erase_due(by=request.user)
        messages.success(
            request,
            _("Personuppgifter är gallrade i %(count)s ärenden.") % {"count": len(records)},
        )
        return redirect("feedback:erasure")
    due = ServiceRequest.objects.due_for_erasure().select_related("category").order_by("closed_at")
    return render(
        request,
        "feedback/erasure.html",
        {
            "title": _("Gallring av personuppgifter"),
            "rule": rule_text(),
            "due": due[:200],
            "due_count": due.count(),
            "log": ErasureRecord.objects.select_related("erased_by")[:200],
            "may_erase": request.user.has_perm("feedback.erase_personal_data"),
        },
    )


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    """Registerutdrag: every case that holds a person's e-mail address or phone number."""
    require(request.user, "feedback.export_personal_data")
    email = request.GET.get("epost", "").strip()
    phone = request.GET.get("telefon", "").strip()
    extract = personal_data_of(email=email, phone=phone) if (email or phone) else None
    if extract is not None and request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(extract.as_data(), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
        return response
    return render(
        request,
        "feedback/personal_data.html",
        {
            "title": _("Registerutdrag för synpunkter"),
            "email": email,
            "phone": phone,
            "extract": extract,
        },
    )
