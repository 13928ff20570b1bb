"""Forms for the companies' figures and the personnel figures, and their CSV uploads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import KronorField
from redthread.finance.models import CompanyAccounts
from redthread.finance.models.group import COMPANY_FIELDS, ensure_year_writable
from redthread.organisation.models import Body, Municipality


class CompanyAccountsForm(StyledFormMixin, forms.ModelForm[CompanyAccounts]):
    class Meta:
        model = CompanyAccounts
        fields = ["company", *COMPANY_FIELDS, "comment"]
        field_classes = {name: KronorField for name in COMPANY_FIELDS[1:]}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        company = self.fields["company"]
        assert isinstance(company, forms.ModelChoiceField)
        company.queryset = Body.objects.filter(
            municipality=municipality, kind=Body.Kind.COMPANY
        ).order_by("order", "name")
        company.error_messages["required"] = _("Välj bolaget.")
        if self.instance.pk:
            company.disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            ensure_year_writable(self.municipality, self.instance.year)
        except ValidationError as error:
            raise ValidationError(
                _("Året är stängt och kan inte ändras: %(reason)s")
                % {"reason": " ".join(error.messages)}
            ) from None
        return cleaned


class CsvUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        error_messages={"required": _("Välj en CSV-fil att läsa in.")},
    )

    def __init__(self, *args: Any, help_text: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if help_text:
            self.fields["file"].help_text = help_text
