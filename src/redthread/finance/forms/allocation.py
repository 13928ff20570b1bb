"""Forms for the resource allocation model and population data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import DecimalNumberField, KronorField, budget_bodies
from redthread.finance.models import (
    AgeGroup,
    AllocationAdjustment,
    AllocationModel,
    DemographicDriver,
)
from redthread.organisation.models import Municipality


class AllocationModelForm(StyledFormMixin, forms.ModelForm[AllocationModel]):
    class Meta:
        model = AllocationModel
        fields = ["name", "budget_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RatesForm(StyledFormMixin, forms.Form):
    def __init__(self, *args: Any, years: list[int], rates: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"pkv-{year}"] = DecimalNumberField(
                label=_("Pris- och lönekompensation %(year)s (%%)") % {"year": year},
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=rates.get(year),
            )


class DriverForm(StyledFormMixin, forms.ModelForm[DemographicDriver]):
    class Meta:
        model = DemographicDriver
        fields = ["body", "activity", "age_group", "coverage_percent", "cost_per_person"]
        field_classes = {"cost_per_person": KronorField, "coverage_percent": DecimalNumberField}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        group = self.fields["age_group"]
        assert isinstance(body, forms.ModelChoiceField)
        assert isinstance(group, forms.ModelChoiceField)
        body.queryset = budget_bodies(municipality)
        group.queryset = AgeGroup.objects.filter(municipality=municipality)


class AdjustmentForm(StyledFormMixin, forms.ModelForm[AllocationAdjustment]):
    class Meta:
        model = AllocationAdjustment
        fields = ["body", "year", "kind", "description", "amount"]
        field_classes = {"amount": KronorField}

    def __init__(
        self, *args: Any, municipality: Municipality, years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)
        body.queryset = budget_bodies(municipality)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("År"), choices=[(y, y) for y in years], coerce=int
        )


class PopulationImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil från SCB"),
        help_text=_(
            "CSV från SCB:s statistikdatabas (PxWeb) eller ett JSON-svar från PxWeb API v1 eller "
            "v2. Folkmängd per ålder och år; kön och civilstånd summeras."
        ),
    )
    is_forecast = forms.BooleanField(label=_("Filen är en befolkningsprognos"), required=False)


class AgeGroupForm(StyledFormMixin, forms.ModelForm[AgeGroup]):
    class Meta:
        model = AgeGroup
        fields = ["label", "min_age", "max_age"]
