"""Forms of the styrdokument register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.documents import links
from redthread.documents.models import FILE_TYPES, MAX_FILE_BYTES, GoverningDocument
from redthread.organisation.models import Decision, Municipality, Person, Unit

DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24.")}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[GoverningDocument]):
    """A styrdokument in the register: what it is, who decided it, who answers for it."""

    class Meta:
        model = GoverningDocument
        fields = [
            "category",
            "title",
            "reference",
            "summary",
            "decision",
            "unit",
            "adopted_on",
            "owner",
            "valid_from",
            "review_by",
            "replaces",
        ]
        widgets = {
            "adopted_on": _date_widget(),
            "valid_from": _date_widget(),
            "review_by": _date_widget(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "adopted_on": DATE_ERRORS,
            "valid_from": DATE_ERRORS,
            "review_by": DATE_ERRORS,
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        fields = self.fields
        decision = fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = Decision.objects.filter(body__municipality=municipality).select_related(
            "body"
        )
        unit = fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Unit.objects.filter(municipality=municipality)
        owner = fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Person.objects.filter(municipality=municipality)
        owner.help_text = _("Tjänstepersonen som ansvarar för att dokumentet hålls aktuellt.")
        replaces = fields["replaces"]
        assert isinstance(replaces, forms.ModelChoiceField)
        replaceable = GoverningDocument.objects.filter(municipality=municipality).filter(
            Q(replaced_by__isnull=True) & ~Q(state=GoverningDocument.State.REVOKED)
            | Q(pk=self.instance.replaces_id)
        )
        if self.instance.pk:
            replaceable = replaceable.exclude(pk=self.instance.pk)
        replaces.queryset = replaceable
        replaces.help_text = _(
            "Det tidigare dokumentet blir upphävt när detta börjar gälla, och länkar hit."
        )
        replaces.required = False


class FileForm(StyledFormMixin, forms.Form):
    """A new version of the document's file."""

    file = forms.FileField(
        label=_("Fil"), help_text=_("PDF, Word, OpenDocument, Excel eller text, högst 20 MB.")
    )
    comment = forms.CharField(
        label=_("Vad har ändrats?"),
        max_length=255,
        required=False,
        help_text=_("T.ex. “Reviderad efter KF:s beslut” eller “Rättat stavfel”."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not any(name.endswith(ext) for ext in FILE_TYPES):
            raise forms.ValidationError(
                _("Filen måste vara en PDF-, Word-, OpenDocument-, Excel- eller textfil.")
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Filen får vara högst 20 MB."))
        return upload


class ReviewForm(StyledFormMixin, forms.Form):
    """Aktualitetsprövning: is the document still valid, or does it need revision?"""

    OUTCOMES = [
        ("valid", _("Dokumentet är aktuellt och fortsätter att gälla")),
        ("revise", _("Dokumentet behöver revideras")),
    ]
    outcome = forms.ChoiceField(label=_("Resultat"), choices=OUTCOMES, widget=forms.RadioSelect)
    reviewed_on = forms.DateField(
        label=_("Prövat den"), widget=_date_widget(), error_messages=DATE_ERRORS
    )
    next_review_by = forms.DateField(
        label=_("Nästa aktualitetsprövning senast"),
        required=False,
        widget=_date_widget(),
        error_messages=DATE_ERRORS,
        help_text=_("Krävs när dokumentet fortsätter att gälla."),
    )
    comment = forms.CharField(label=_("Kommentar"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reviewed_on: dt.date | None = data.get("reviewed_on")
        next_review: dt.date | None = data.get("next_review_by")
        if data.get("outcome") == "valid" and reviewed_on:
            if next_review is None:
                self.add_error("next_review_by", _("Ange när dokumentet ska prövas nästa gång."))
            elif next_review <= reviewed_on:
                self.add_error(
                    "next_review_by", _("Nästa prövning måste komma efter dagens prövning.")
                )
        return data


class RevokeForm(StyledFormMixin, forms.Form):
    """Upphäv a document; a political one only by a decision."""

    revoked_on = forms.DateField(
        label=_("Upphävs från och med"), widget=_date_widget(), error_messages=DATE_ERRORS
    )
    decision = forms.ModelChoiceField(
        label=_("Beslut"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("Krävs för VAD-dokument."),
    )
    reason = forms.CharField(label=_("Skäl"), max_length=255, required=False)

    def __init__(self, *args: Any, document: GoverningDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = Decision.objects.filter(
            body__municipality=document.municipality
        ).select_related("body")
        decision.required = document.is_political
        decision.error_messages["required"] = _(
            "Ett VAD-dokument upphävs genom ett politiskt beslut. Välj beslutet."
        )


class LinkForm(StyledFormMixin, forms.Form):
    """What the document governs: one object of a registered kind."""

    target = forms.ChoiceField(label=_("Styr"))
    note = forms.CharField(label=_("Kommentar"), max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = [("", "–"), *links.choices_for(user)]
        target.error_messages["invalid_choice"] = _("Välj något i listan.")

    def clean_target(self) -> tuple[ContentType, int]:
        value = self.cleaned_data["target"]
        ct_id, _sep, object_id = value.partition(":")
        try:
            return ContentType.objects.get_for_id(int(ct_id)), int(object_id)
        except (ValueError, ContentType.DoesNotExist):
            raise forms.ValidationError(_("Välj något i listan.")) from None
