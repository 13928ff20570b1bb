"""Forms for the social investment fund."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import KronorField, decision_field
from redthread.finance.models import FundApplication, FundCost, SocialInvestmentFund
from redthread.organisation.models import Municipality


class FundForm(StyledFormMixin, forms.ModelForm[SocialInvestmentFund]):
    class Meta:
        model = SocialInvestmentFund
        fields = ["name", "purpose", "opening_balance", "established_by"]
        field_classes = {"opening_balance": KronorField}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["established_by"] = decision_field(
            municipality, required=False, label=_("Inrättad genom beslut")
        )


class ApplicationForm(StyledFormMixin, forms.ModelForm[FundApplication]):
    class Meta:
        model = FundApplication
        fields = [
            "title",
            "applicant",
            "target_group",
            "expected_effect",
            "budget",
            "start_year",
            "end_year",
        ]
        field_classes = {"budget": KronorField}
        widgets = {"expected_effect": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["applicant"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units


class DecideForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("approve", _("Bevilja")), ("reject", _("Avslå"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(municipality)


class CostForm(StyledFormMixin, forms.ModelForm[FundCost]):
    class Meta:
        model = FundCost
        fields = ["year", "description", "amount"]
        field_classes = {"amount": KronorField}
