"""Forms of the goal chain: activities in a plan, follow-ups, reopening, rollover."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.goals.models import Activity, Commitment, FollowUp
from redthread.goals.status import Status
from redthread.organisation.models import Person, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24.")}


class ActivityForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[Activity]):
    """An activity in a unit's plan; the åtagande is chosen among those of the unit's nämnder."""

    class Meta:
        model = Activity
        fields = [
            "title",
            "commitment",
            "description",
            "responsible",
            "start",
            "end",
            "state",
            "progress",
        ]
        widgets = {
            "start": DATE_WIDGET,
            "end": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Skriv vad aktiviteten är.")},
            "commitment": {"required": _("Välj det åtagande aktiviteten bidrar till.")},
            "start": DATE_ERRORS,
            "end": DATE_ERRORS,
            "progress": {"max_value": _("Ange en andel mellan 0 och 100 %.")},
        }

    def __init__(self, *args: Any, unit: Unit, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        root_id = unit.root_id
        served = Commitment.objects.filter(year=year, body__served_by__id=root_id)
        commitments = served if served.exists() else Commitment.objects.filter(year=year)
        commitment_field = self.fields["commitment"]
        assert isinstance(commitment_field, forms.ModelChoiceField)
        commitment_field.queryset = commitments.select_related("body").order_by(
            "body__order", "order"
        )
        commitment_field.label_from_instance = lambda c: f"{c.body.label}: {c.title}"  # type: ignore[method-assign,assignment]
        responsible_field = self.fields["responsible"]
        assert isinstance(responsible_field, forms.ModelChoiceField)
        responsible_field.queryset = Person.objects.filter(
            assignments__unit__path__startswith=unit.path
        ).distinct()


class FollowUpForm(StyledFormMixin, forms.ModelForm[FollowUp]):
    """Status, analysis and forecast of one object in one period."""

    class Meta:
        model = FollowUp
        fields = ["status", "analysis", "forecast", "forecast_status", "deviation_reason"]
        widgets = {
            "analysis": forms.Textarea(attrs={"rows": 5}),
            "forecast": forms.Textarea(attrs={"rows": 3}),
            "deviation_reason": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"status": _("Bedömning")}

    def __init__(self, *args: Any, computed: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not computed:
            # An activity has no computed status to depart from.
            del self.fields["deviation_reason"]


class ReviewForm(StyledFormMixin, forms.Form):
    review_comment = forms.CharField(
        label=_("Vad behöver ändras?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


STATUS_CHOICES = Status.choices
