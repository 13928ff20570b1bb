"""Forms for the balanskravsutredning and the financial goals."""

from __future__ import annotations

from typing import Any

from django import forms

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import DecimalNumberField, KronorField, decision_field
from redthread.finance.models import BalanceRequirement, FinancialGoal
from redthread.organisation.models import Municipality


class BalanceRequirementForm(StyledFormMixin, forms.ModelForm[BalanceRequirement]):
    class Meta:
        model = BalanceRequirement
        fields = [
            "result",
            "realisation_gains",
            "exceptions",
            "unrealised_securities",
            "reserve_to_rur",
            "reserve_from_rur",
            "fund_earmark",
            "decision",
            "comment",
        ]
        field_classes = {
            name: KronorField
            for name in (
                "result",
                "realisation_gains",
                "exceptions",
                "unrealised_securities",
                "reserve_to_rur",
                "reserve_from_rur",
                "fund_earmark",
            )
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(
            municipality,
            required=False,
            label=BalanceRequirement._meta.get_field("decision").verbose_name,
        )


class FinancialGoalForm(StyledFormMixin, forms.ModelForm[FinancialGoal]):
    class Meta:
        model = FinancialGoal
        fields = [
            "title",
            "metric",
            "comparison",
            "target",
            "unit_label",
            "manual_actual",
            "decision",
        ]
        field_classes = {"target": DecimalNumberField, "manual_actual": DecimalNumberField}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(
            municipality, label=FinancialGoal._meta.get_field("decision").verbose_name
        )
