"""The analysis note of an indicator: the follow-up's analysis, written beside the comparison."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.goals.models import FollowUp


class AnalysisNoteForm(StyledFormMixin, forms.ModelForm[FollowUp]):
    """Only the analysis text; status, forecast and submission stay in the follow-up form."""

    class Meta:
        model = FollowUp
        fields = ["analysis"]
        widgets = {"analysis": forms.Textarea(attrs={"rows": 8})}
        labels = {"analysis": _("Analys")}
        help_texts = {
            "analysis": _(
                "Vad säger utfallet och jämförelsen? Förklara skillnader mot liknande kommuner, "
                "länet och riket, och vad som görs. Texten blir periodens analys i uppföljningen."
            )
        }
        error_messages = {"analysis": {"required": _("Skriv analysen innan du sparar.")}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["analysis"].required = True
