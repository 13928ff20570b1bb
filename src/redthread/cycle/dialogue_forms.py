"""Forms for dialogues (with their material and agreed actions) and the omvärldsanalys."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.cycle.forms import DateInput
from redthread.cycle.models import (
    CycleEvent,
    Dialogue,
    DialogueAction,
    DialogueMaterial,
    EnvironmentScan,
    ScanItem,
    ScanSource,
)
from redthread.cycle.schedule import Deliverable
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit


class TimeInput(forms.TimeInput):
    input_type = "time"


class DialogueForm(StyledFormMixin, forms.ModelForm[Dialogue]):
    class Meta:
        model = Dialogue
        fields = [
            "kind",
            "title",
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "event",
            "environment_scan",
            "bodies",
            "presidia",
            "units",
            "agenda",
            "notes",
        ]
        widgets = {
            "held_on": DateInput(),
            "starts_at": TimeInput(format="%H:%M"),
            "ends_at": TimeInput(format="%H:%M"),
            "bodies": forms.CheckboxSelectMultiple,
            "presidia": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "bodies": _("Organ som deltar i sin helhet, t.ex. kommunstyrelsen och revisionen."),
            "presidia": _("Nämnder som deltar med sitt presidium."),
            "environment_scan": _("Omvärldsdialogen utgår från gällande omvärldsanalys."),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        bodies = Body.objects.filter(municipality=municipality, external_municipality="")
        self._queryset("bodies", bodies)
        self._queryset("presidia", bodies.filter(kind=Body.Kind.COMMITTEE))
        self._queryset("units", Unit.objects.administrations().filter(municipality=municipality))
        self._queryset(
            "event",
            CycleEvent.objects.in_municipality(municipality)
            .filter(step__delivers=Deliverable.DIALOGUE)
            .order_by("-ends_on"),
        )
        self._queryset(
            "environment_scan", EnvironmentScan.objects.filter(municipality=municipality)
        )
        if not self.instance.pk and not self.initial.get("environment_scan"):
            current = EnvironmentScan.objects.current(municipality)
            self.initial["environment_scan"] = current.pk if current else None

    def _queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset


class MaterialForm(StyledFormMixin, forms.ModelForm[DialogueMaterial]):
    class Meta:
        model = DialogueMaterial
        fields = ["title", "url"]


class ActionForm(StyledFormMixin, forms.ModelForm[DialogueAction]):
    class Meta:
        model = DialogueAction
        fields = ["description", "owner", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Person.objects.filter(municipality=municipality)


MaterialFormSet = inlineformset_factory(
    Dialogue, DialogueMaterial, form=MaterialForm, extra=2, can_delete=True
)
ActionFormSet = inlineformset_factory(
    Dialogue, DialogueAction, form=ActionForm, extra=2, can_delete=True
)


class ActionDoneForm(StyledFormMixin, forms.ModelForm[DialogueAction]):
    """The owner reports an agreed action done."""

    class Meta:
        model = DialogueAction
        fields = ["done_on", "outcome"]
        widgets = {"done_on": DateInput(), "outcome": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"done_on": {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")}}

    def clean_done_on(self) -> Any:
        value = self.cleaned_data.get("done_on")
        if value is None:
            raise forms.ValidationError(_("Ange när åtgärden blev klar."))
        return value


class ScanForm(StyledFormMixin, forms.ModelForm[EnvironmentScan]):
    class Meta:
        model = EnvironmentScan
        fields = ["title", "year", "summary", "status", "published_on", "decision"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "published_on": DateInput()}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = (
            Decision.objects.filter(body__municipality=municipality)
            .select_related("body")
            .order_by("-date")
        )


class SourceForm(StyledFormMixin, forms.ModelForm[ScanSource]):
    class Meta:
        model = ScanSource
        fields = ["title", "publisher", "published_year", "url"]


class ItemForm(StyledFormMixin, forms.ModelForm[ScanItem]):
    class Meta:
        model = ScanItem
        fields = ["kind", "area", "title", "description", "sources"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, scan: EnvironmentScan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = self.fields["sources"]
        assert isinstance(sources, forms.ModelMultipleChoiceField)
        sources.queryset = (
            ScanSource.objects.filter(scan=scan) if scan and scan.pk else ScanSource.objects.none()
        )


SourceFormSet = inlineformset_factory(
    EnvironmentScan, ScanSource, form=SourceForm, extra=2, can_delete=True
)
ItemFormSet = inlineformset_factory(
    EnvironmentScan, ScanItem, form=ItemForm, extra=3, can_delete=True
)
