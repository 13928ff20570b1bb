"""Forms of the årshjul: the template's steps and settings, a step's state, reopening a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.cycle.models import AnnualCycle, CycleEvent, CycleStep
from redthread.organisation.models import Decision, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ReopenForm(StyledFormMixin, forms.Form):
    """Reopening a closed period cites the decision that allows it."""

    decision = forms.ModelChoiceField(
        label=_("Beslut som medger att perioden öppnas igen"),
        queryset=Decision.objects.none(),
        error_messages={"required": _("Välj det beslut som medger att perioden öppnas igen.")},
    )
    reason = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv varför perioden öppnas igen.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Decision.objects.select_related("body").order_by("-date")


class StepForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[CycleStep]):
    """A step of the template: what, who, and the rule for its dates."""

    class Meta:
        model = CycleStep
        fields = [
            "name",
            "key",
            "description",
            "process",
            "delivers",
            "responsible",
            "responsible_note",
            "owner",
            "start_month",
            "start_day",
            "end_month",
            "end_rule",
            "end_day",
            "year_offset",
            "mandate_shift_start_month",
            "mandate_shift_end_month",
            "election_year_note",
            "period_kind",
            "period_month",
            "waits_for",
            "order",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "waits_for": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, cycle: AnnualCycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        waits = self.fields["waits_for"]
        assert isinstance(waits, forms.ModelMultipleChoiceField)
        waits.queryset = cycle.steps.exclude(pk=self.instance.pk or 0)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Person.objects.filter(municipality=cycle.municipality)
        if self.instance.pk:
            # The key is the step's identity in other areas and in calendar UIDs.
            self.fields["key"].disabled = True

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"]
        taken = CycleStep.objects.filter(cycle=self.instance.cycle, key=key).exclude(
            pk=self.instance.pk or 0
        )
        if taken.exists():
            raise forms.ValidationError(
                _("Det finns redan ett steg med nyckeln %(key)s. Välj en annan nyckel."),
                params={"key": key},
            )
        return key


class CycleSettingsForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[AnnualCycle]):
    class Meta:
        model = AnnualCycle
        fields = [
            "name",
            "decision",
            "reminder_days",
            "overdue_reminder_days",
            "employee_survey_year",
            "month_report_due_working_day",
        ]


class GenerateForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Ange vilket år kalendern ska skapas för.")},
    )


class EventStateForm(StyledFormMixin, forms.Form):
    """Mark a step of the year done, with the decision or a note."""

    completed_on = forms.DateField(
        label=_("Klart den"),
        widget=DateInput(),
        error_messages={
            "required": _("Ange när steget blev klart."),
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )
    decision = forms.ModelChoiceField(
        label=_("Beslut (om steget var ett beslut)"),
        queryset=Decision.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, event: CycleEvent, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"completed_on": min(timezone.localdate(), event.ends_on), "note": event.note},
        )
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Decision.objects.filter(
                body__municipality=event.step.cycle.municipality,
                date__gte=event.starts_on - dt.timedelta(days=60),
                date__lte=event.ends_on + dt.timedelta(days=60),
            )
            .select_related("body")
            .order_by("-date")
        )

    def clean_completed_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("Ett steg kan inte vara klart ett datum som inte har varit.")
            )
        return value


class RescheduleForm(StyledFormMixin, forms.Form):
    starts_on = forms.DateField(
        label=_("Börjar"),
        widget=DateInput(),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    ends_on = forms.DateField(
        label=_("Sista dag"),
        widget=DateInput(),
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Sista dag kan inte vara före första dagen."))
        return data
