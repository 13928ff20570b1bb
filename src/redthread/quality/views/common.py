"""What the quality pages share: the municipality, the year in focus, breadcrumbs, form errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.goals.periods import planning_year
from redthread.organisation.models import Municipality

OUT_OF_REACH = _(
    "Du kan bara arbeta med det som hör till enheter du leder eller nämnder du arbetar åt. "
    "Välj en annan enhet eller nämnd."
)


def municipality() -> Municipality:
    return Municipality.objects.current()


def year_of(request: HttpRequest, municipality: Municipality) -> int:
    value = request.GET.get("ar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return planning_year(municipality)


def crumbs(*items: tuple[str, Any]) -> list[tuple[str, Any]]:
    """Breadcrumbs below the area's front page: ``crumbs(("quality:proposals", _("Förslag")))``."""
    return [(reverse(name) if not name.startswith("/") else name, label) for name, label in items]


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """A model's ValidationError on the form: at the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def posted(request: HttpRequest) -> Any:
    """The posted data, or None for a GET: a POST with every field empty is still a POST."""
    return request.POST if request.method == "POST" else None
