"""Forms for the budget year, its frames and its changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import (
    DecimalNumberField,
    KronorField,
    budget_bodies,
    decision_field,
)
from redthread.finance.models import (
    ActivityCode,
    BudgetChange,
    BudgetYear,
    CapitalBudget,
    CarryOverRule,
    ProjectCode,
    ResponsibilityCode,
)
from redthread.organisation.models import Body, Municipality


class BudgetYearForm(StyledFormMixin, forms.ModelForm[BudgetYear]):
    reserve = KronorField(
        label=_("Ofördelade anslag"),
        required=False,
        help_text=_("Reserven som tilläggsanslag under året tas ur."),
    )

    class Meta:
        model = BudgetYear
        fields = [
            "tax_rate",
            "tax_revenue",
            "general_grants",
            "financial_net",
            "central_costs",
            "premises_appropriation",
        ]
        field_classes = {
            "tax_rate": DecimalNumberField,
            "tax_revenue": KronorField,
            "general_grants": KronorField,
            "financial_net": KronorField,
            "central_costs": KronorField,
            "premises_appropriation": KronorField,
        }


class NewBudgetYearForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Budgetår"), min_value=2000, max_value=2100)


class AdoptForm(StyledFormMixin, forms.Form):
    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(
            municipality, label=_("Kommunfullmäktiges beslut om mål och budget")
        )


class FramesForm(StyledFormMixin, forms.Form):
    """One field per nämnd and year: ``f-<body>-<year>``."""

    def __init__(
        self, *args: Any, budget_year: BudgetYear, bodies: list[Body], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        self.budget_year = budget_year
        frames = budget_year.frames()
        for body in bodies:
            for year in budget_year.years:
                self.fields[f"f-{body.pk}-{year}"] = KronorField(
                    label=f"{body.name} {year}",
                    required=False,
                    initial=frames.get((body.pk, year)),
                )
        self.fields["decision"] = decision_field(
            budget_year.municipality, required=False, label=_("Beslut om ramarna (valfritt)")
        )

    def rows(self) -> list[tuple[Body, list[forms.BoundField]]]:
        return [
            (body, [self[f"f-{body.pk}-{year}"] for year in self.budget_year.years])
            for body in self.bodies
        ]


class ChangeForm(StyledFormMixin, forms.Form):
    """A budget change with up to six legs (nämnd, ansvar, belopp)."""

    LEGS = 6

    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["decision"] = decision_field(municipality)
        bodies = budget_bodies(municipality)
        responsibilities = ResponsibilityCode.objects.filter(
            municipality=municipality, body__isnull=False
        ).select_related("body")
        for index in range(self.LEGS):
            required = index == 0 or (kind == BudgetChange.Kind.REALLOCATION and index == 1)
            self.fields[f"body_{index}"] = forms.ModelChoiceField(
                queryset=bodies, label=_("Nämnd"), required=required
            )
            self.fields[f"responsibility_{index}"] = forms.ModelChoiceField(
                queryset=responsibilities, label=_("Ansvar (valfritt)"), required=False
            )
            self.fields[f"amount_{index}"] = KronorField(label=_("Belopp"), required=required)

    def legs(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"body_{i}"], self[f"responsibility_{i}"], self[f"amount_{i}"])
            for i in range(self.LEGS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(self.LEGS):
            body = data.get(f"body_{index}")
            amount = data.get(f"amount_{index}")
            responsibility = data.get(f"responsibility_{index}")
            if amount and body is None:
                self.add_error(f"body_{index}", _("Välj nämnd för beloppet."))
            if body is not None and not amount:
                self.add_error(f"amount_{index}", _("Ange ett belopp för nämnden."))
            if (
                responsibility is not None
                and body is not None
                and responsibility.body_id != body.pk
            ):
                self.add_error(
                    f"responsibility_{index}",
                    _("Ansvaret hör till en annan nämnd."),
                )
        return data


class CarryOverRuleForm(StyledFormMixin, forms.ModelForm[CarryOverRule]):
    class Meta:
        model = CarryOverRule
        fields = ["surplus_cap_percent", "deficit_cap_percent", "decision"]
        field_classes = {
            "surplus_cap_percent": DecimalNumberField,
            "deficit_cap_percent": DecimalNumberField,
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"] = decision_field(
            municipality, required=False, label=_("KF:s beslut om kriterierna")
        )


class CapitalBudgetForm(StyledFormMixin, forms.ModelForm[CapitalBudget]):
    class Meta:
        model = CapitalBudget
        fields = ["project", "year", "amount", "decision"]
        field_classes = {"amount": KronorField}

    def __init__(
        self, *args: Any, municipality: Municipality, years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        assert isinstance(project, forms.ModelChoiceField)
        project.queryset = ProjectCode.objects.filter(
            municipality=municipality, kind=ProjectCode.Kind.INVESTMENT
        )
        self.fields["year"] = forms.TypedChoiceField(
            label=_("År"), choices=[(y, y) for y in years], coerce=int
        )
        self.fields["decision"] = decision_field(municipality, required=False)


def activity_choices(municipality: Municipality) -> list[tuple[str, str]]:
    return [(a.code, str(a)) for a in ActivityCode.objects.filter(municipality=municipality)]
