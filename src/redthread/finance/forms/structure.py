"""Forms for the chart of accounts, the codes and the ledger settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import budget_bodies
from redthread.finance.models import (
    Account,
    ActivityCode,
    LedgerSettings,
    ProjectCode,
    ResponsibilityCode,
)
from redthread.organisation.models import Municipality, Unit


class AccountForm(StyledFormMixin, forms.ModelForm[Account]):
    class Meta:
        model = Account
        fields = ["number", "name", "is_active"]


class ResponsibilityForm(StyledFormMixin, forms.ModelForm[ResponsibilityCode]):
    class Meta:
        model = ResponsibilityCode
        fields = ["code", "name", "unit", "body", "is_financing"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        body = self.fields["body"]
        assert isinstance(unit, forms.ModelChoiceField)
        assert isinstance(body, forms.ModelChoiceField)
        unit.queryset = Unit.objects.filter(municipality=municipality)
        body.queryset = budget_bodies(municipality)
        body.help_text = _("Lämnas tomt hämtas nämnden från enhetens förvaltning.")


class ActivityForm(StyledFormMixin, forms.ModelForm[ActivityCode]):
    class Meta:
        model = ActivityCode
        fields = ["code", "name"]


class ProjectForm(StyledFormMixin, forms.ModelForm[ProjectCode]):
    class Meta:
        model = ProjectCode
        fields = ["code", "name", "kind", "unit"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Unit.objects.filter(municipality=municipality)


class CodesImportForm(StyledFormMixin, forms.Form):
    KINDS = [
        ("konto", _("Konton")),
        ("ansvar", _("Ansvar")),
        ("verksamhet", _("Verksamheter")),
        ("projekt", _("Projekt")),
    ]
    kind = forms.ChoiceField(label=_("Vad filen innehåller"), choices=KINDS)
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Kolumnerna kod;namn, och för ansvar även enhet (enhetens namn). Semikolon eller "
            "komma, UTF-8 eller Windows-1252. En kod som redan finns får det nya namnet."
        ),
    )


class LedgerSettingsForm(StyledFormMixin, forms.ModelForm[LedgerSettings]):
    class Meta:
        model = LedgerSettings
        fields = ["responsibility_dimension", "activity_dimension", "project_dimension"]
