"""Forms for internal leases, lokalanpassning and the IT model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import DecimalNumberField, KronorField, decision_field
from redthread.finance.models import (
    InternalLease,
    ItChargeModel,
    ItPriceItem,
    PremisesAdaptation,
    ResponsibilityCode,
)
from redthread.organisation.models import Municipality, Unit


class LeaseForm(StyledFormMixin, forms.ModelForm[InternalLease]):
    class Meta:
        model = InternalLease
        fields = [
            "landlord",
            "tenant",
            "responsibility",
            "premises",
            "area_m2",
            "yearly_rent",
            "index_percent",
            "start",
            "end",
        ]
        field_classes = {
            "yearly_rent": KronorField,
            "area_m2": DecimalNumberField,
            "index_percent": DecimalNumberField,
        }
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("landlord", "tenant"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Unit.objects.filter(municipality=municipality)
        responsibility = self.fields["responsibility"]
        assert isinstance(responsibility, forms.ModelChoiceField)
        responsibility.queryset = ResponsibilityCode.objects.filter(municipality=municipality)


class PremisesForm(StyledFormMixin, forms.ModelForm[PremisesAdaptation]):
    class Meta:
        model = PremisesAdaptation
        fields = ["ordered_by", "title", "description", "amount"]
        field_classes = {"amount": KronorField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ordered_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class PremisesStateForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Läge"), choices=PremisesAdaptation.State.choices)


class ItModelForm(StyledFormMixin, forms.ModelForm[ItChargeModel]):
    class Meta:
        model = ItChargeModel
        fields = ["infrastructure_frame", "decision"]
        field_classes = {"infrastructure_frame": KronorField}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(municipality, required=False)


class ItItemForm(StyledFormMixin, forms.ModelForm[ItPriceItem]):
    class Meta:
        model = ItPriceItem
        fields = ["kind", "name", "unit_price", "unit_label"]
        field_classes = {"unit_price": KronorField}


class ChargesForm(StyledFormMixin, forms.Form):
    month = forms.TypedChoiceField(
        label=_("Månad"), choices=[(m, m) for m in range(1, 13)], coerce=int
    )
