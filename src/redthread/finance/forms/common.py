"""Shared form pieces: decision and body choices limited to the municipality."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from redthread.organisation.models import Body, Decision, Municipality


def decision_field(
    municipality: Municipality, *, required: bool = True, label: Any = None
) -> forms.ModelChoiceField[Decision]:
    field: forms.ModelChoiceField[Decision] = forms.ModelChoiceField(
        queryset=Decision.objects.filter(body__municipality=municipality).select_related("body"),
        label=label or _("Beslut"),
        required=required,
        help_text=_(
            "Beslutet som ändringen vilar på. Saknas det, registrera det under Organisation → Beslut."
        ),
        error_messages={
            "required": _("Välj det beslut som ändringen vilar på."),
            "invalid_choice": _("Välj ett beslut i listan."),
        },
    )
    return field


def budget_bodies(municipality: Municipality) -> QuerySet[Body]:
    """The bodies that can have a budget: nämnder, KS, KF, revision (not utskott or bolag)."""
    return Body.objects.filter(
        municipality=municipality,
        external_municipality="",
        kind__in=[
            Body.Kind.COUNCIL,
            Body.Kind.EXECUTIVE_BOARD,
            Body.Kind.COMMITTEE,
            Body.Kind.AUDIT,
        ],
    ).order_by("order", "name")


class KronorField(forms.IntegerField):
    """Whole kronor; accepts spaces and a typographic minus, as people type amounts."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
        return super().to_python(value)


class DecimalNumberField(forms.DecimalField):
    """A decimal number as people type it: ``1 250,5`` or ``1250.5``; shown with a comma."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = (
                value.replace(" ", "")
                .replace("\u00a0", "")
                .replace("\u2212", "-")
                .replace(",", ".")
            )
        return super().to_python(value)
