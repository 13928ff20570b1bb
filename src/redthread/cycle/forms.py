from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.organisation.models import Decision


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
