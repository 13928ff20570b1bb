from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.organisation.models import Body, Decision

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".docx", ".odt", ".txt"}


class DecisionForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[Decision]):
    """Records a body's decision; the body is limited to those the user records for."""

    class Meta:
        model = Decision
        fields = ["body", "date", "paragraph", "case_number", "title", "summary", "attachment"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "date": {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24.")},
        }

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])
        field.error_messages["invalid_choice"] = _("Välj ett organ som du registrerar beslut för.")

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "size"):
            name = upload.name.lower()
            if not any(name.endswith(ext) for ext in ATTACHMENT_TYPES):
                raise forms.ValidationError(
                    _("Bilagan måste vara en PDF-, Word-, OpenDocument- eller textfil.")
                )
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(_("Bilagan får vara högst 20 MB."))
        return upload


class LoginForm(AuthenticationForm):
    """The login form, with messages that tell the user what to do."""

    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Kontrollera stavningen och att Caps Lock inte är "
            "påslaget, och försök igen."
        ),
        "inactive": _("Kontot är inaktiverat. Kontakta systemets administratör."),
    }

    def clean(self) -> dict[str, Any]:
        from redthread.organisation.throttle import WINDOW_MINUTES, client_ip, is_throttled

        username = self.cleaned_data.get("username", "")
        if is_throttled(username, client_ip(self.request)):
            raise forms.ValidationError(
                _(
                    "För många misslyckade inloggningar. Vänta %(minutes)s minuter och försök "
                    "igen, eller kontakta systemets administratör."
                )
                % {"minutes": WINDOW_MINUTES},
                code="throttled",
            )
        return super().clean()

    username = forms.CharField(
        label=_("Användarnamn"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
