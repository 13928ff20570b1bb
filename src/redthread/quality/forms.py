"""Forms of quality work: declarations and promises, proposals and their moves, processes and
their steps, surveys and their import, the kvalitetsredovisning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redthread.control.models import Risk
from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.goals.models import Activity, Measure, MunicipalGoal
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit
from redthread.quality.models import (
    DEFAULT_WHEN_NOT_KEPT,
    TRANSITIONS,
    ImprovementProposal,
    Process,
    ProcessStep,
    QualityReport,
    ServiceDeclaration,
    ServicePromise,
    Survey,
    Transition,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24.")}
MULTIPLE_HELP = _("Håll ned Ctrl (Cmd på Mac) för att välja flera.")


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _label(form: forms.BaseForm, name: str, label: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.label_from_instance = label  # type: ignore[method-assign]


def service_bodies(municipality: Municipality) -> Any:
    """The bodies that deliver services: kommunstyrelsen and the nämnder of the municipality."""
    return Body.objects.filter(
        municipality=municipality,
        kind__in=[Body.Kind.EXECUTIVE_BOARD, Body.Kind.COMMITTEE],
        external_municipality="",
    )


class DeclarationForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[ServiceDeclaration]):
    """The working copy of a kvalitetsdeklaration: what it says, whose it is."""

    class Meta:
        model = ServiceDeclaration
        fields = [
            "service",
            "code",
            "body",
            "unit",
            "summary",
            "citizen_part",
            "when_not_kept",
            "contact",
            "order",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "citizen_part": forms.Textarea(attrs={"rows": 3}),
            "when_not_kept": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "service": {"required": _("Skriv vilken tjänst deklarationen gäller.")},
            "code": {
                "required": _("Skriv ett kortnamn, t.ex. hemtjanst."),
                "invalid": _("Kortnamnet får bara ha små bokstäver a–z, siffror och bindestreck."),
                "unique": _("Det kortnamnet används redan. Välj ett annat."),
            },
            "summary": {"required": _("Beskriv tjänsten i några meningar.")},
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        _limit(self, "body", service_bodies(municipality))
        _limit(self, "unit", Unit.objects.filter(municipality=municipality))
        self.fields["when_not_kept"].widget.attrs["placeholder"] = str(DEFAULT_WHEN_NOT_KEPT)


class PromiseForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[ServicePromise]):
    """A promise and the measure that shows whether it is kept."""

    class Meta:
        model = ServicePromise
        fields = ["text", "detail", "measure", "order"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "text": {"required": _("Skriv löftet, t.ex. Du får svar inom 5 arbetsdagar.")}
        }

    def __init__(
        self, *args: Any, declaration: ServiceDeclaration, year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.declaration = declaration
        measures = Measure.objects.filter(year__gte=year - 1, commitment__body=declaration.body)
        if self.instance.measure_id:
            measures = Measure.objects.filter(Q(pk=self.instance.measure_id) | Q(pk__in=measures))
        _limit(self, "measure", measures.select_related("commitment").order_by("-year", "title"))
        _label(self, "measure", lambda m: f"{m.title} ({m.year}, {m.commitment.title})")


class DecideForm(StyledFormMixin, forms.Form):
    """The nämnd's decision that makes the working copy the next public version."""

    decision = forms.ModelChoiceField(
        label=_("Nämndens beslut"),
        queryset=Decision.objects.none(),
        error_messages={
            "required": _("Välj nämndens beslut. Registrera beslutet först om det saknas.")
        },
    )
    valid_from = forms.DateField(
        label=_("Gäller från"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lämna tomt för beslutsdagen."),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args: Any, declaration: ServiceDeclaration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self, "decision", Decision.objects.filter(body=declaration.body).select_related("body")
        )
        _label(self, "decision", lambda d: f"{d.citation} – {d.title}")


class ProposalForm(StyledFormMixin, forms.ModelForm[ImprovementProposal]):
    """A new förbättringsförslag: the idea and where it belongs."""

    class Meta:
        model = ImprovementProposal
        fields = ["title", "description", "unit", "process", "goal", "survey"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "title": {"required": _("Ge förslaget en kort rubrik.")},
            "description": {"required": _("Beskriv vad som kan bli bättre och hur.")},
            "unit": {"required": _("Välj den enhet förslaget gäller.")},
        }

    def __init__(self, *args: Any, municipality: Municipality, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "unit", Unit.objects.filter(municipality=municipality))
        _limit(self, "process", Process.objects.filter(municipality=municipality))
        goals = MunicipalGoal.objects.filter(year=year, area__vision__municipality=municipality)
        if self.instance.goal_id:
            goals = MunicipalGoal.objects.filter(Q(pk=self.instance.goal_id) | Q(pk__in=goals))
        _limit(self, "goal", goals)
        _limit(
            self,
            "survey",
            Survey.objects.filter(municipality=municipality, year__gte=year - 2).select_related(
                "unit"
            ),
        )


class ProposalEditForm(VersionedFormMixin, ProposalForm):
    """A proposal as its owner or manager keeps it: the idea, the owner and what each step wrote."""

    class Meta(ProposalForm.Meta):
        fields = [
            "title",
            "description",
            "unit",
            "process",
            "goal",
            "survey",
            "owner",
            "plan",
            "result",
            "effect",
            "standard",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description", "plan", "result", "effect", "standard")
        }

    def __init__(self, *args: Any, municipality: Municipality, year: int, **kwargs: Any) -> None:
        super().__init__(*args, municipality=municipality, year=year, **kwargs)
        _limit(self, "owner", Person.objects.filter(municipality=municipality))


TEXT_FIELDS: dict[str, tuple[Any, Any]] = {
    "plan": (_("Plan"), _("Vad ska göras, av vem och när? Hur ser vi att det blev bättre?")),
    "result": (_("Vad genomfördes?"), ""),
    "effect": (
        _("Vilken effekt blev det?"),
        _("Jämför med hur det var före, gärna med ett mätt värde."),
    ),
    "standard": (_("Så här arbetar vi från och med nu"), ""),
}


class MoveForm(StyledFormMixin, forms.Form):
    """One move of a proposal round the wheel, asking for what that move needs.

    Build it with ``move_form``: the fields depend on the move.
    """

    transition: Transition


def move_form(data: Any = None, *, proposal: ImprovementProposal, key: str) -> MoveForm:
    transition = TRANSITIONS[key]
    fields: dict[str, forms.Field] = {}
    if "owner" in transition.requires:
        fields["owner"] = forms.ModelChoiceField(
            label=_("Ägare"),
            queryset=Person.objects.filter(municipality=proposal.unit.municipality_id),
            initial=proposal.owner_id,
            error_messages={"required": _("Välj vem som äger förslaget och driver det vidare.")},
        )
    for name, (label, help_text) in TEXT_FIELDS.items():
        if name in transition.requires:
            fields[name] = forms.CharField(
                label=label,
                help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=getattr(proposal, name),
                required=False,
            )
    fields["note"] = forms.CharField(
        label=_("Motivering") if "note" in transition.requires else _("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    form_class = type(f"MoveForm_{key}", (MoveForm,), {**fields, "transition": transition})
    form: MoveForm = form_class(data, prefix=key)
    return form


class ProcessForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[Process]):
    """A process in the register and what it links to."""

    class Meta:
        model = Process
        fields = [
            "title",
            "kind",
            "unit",
            "parent",
            "owner",
            "purpose",
            "customer",
            "result",
            "declarations",
            "risks",
            "activities",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "declarations": MULTIPLE_HELP,
            "risks": MULTIPLE_HELP,
            "activities": MULTIPLE_HELP,
        }
        error_messages = {
            "title": {"required": _("Skriv processens namn.")},
            "purpose": {"required": _("Skriv processens syfte.")},
            "customer": {"required": _("Skriv vem processen skapar värde för.")},
        }

    def __init__(self, *args: Any, municipality: Municipality, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        _limit(self, "unit", Unit.objects.filter(municipality=municipality))
        parents = Process.objects.filter(municipality=municipality, kind=Process.Kind.CORE)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        _limit(self, "parent", parents)
        _limit(self, "owner", Person.objects.filter(municipality=municipality))
        _limit(self, "declarations", ServiceDeclaration.objects.filter(municipality=municipality))
        _limit(
            self,
            "risks",
            Risk.objects.filter(body__municipality=municipality).select_related("body"),
        )
        _label(self, "risks", lambda r: f"{r.body.label}: {r.title}")
        activities = Activity.objects.filter(year__gte=year - 1, unit__municipality=municipality)
        if self.instance.pk:
            activities = Activity.objects.filter(
                Q(pk__in=activities) | Q(pk__in=self.instance.activities.all())
            )
        _limit(self, "activities", activities.select_related("unit").order_by("-year", "title"))
        _label(self, "activities", lambda a: f"{a.title} ({a.unit.name}, {a.year})")


class StepForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[ProcessStep]):
    class Meta:
        model = ProcessStep
        fields = ["order", "title", "performer", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"order": {"required": _("Ange stegets ordning, t.ex. 1.")}}


StepFormSet = forms.modelformset_factory(
    ProcessStep, form=StepForm, extra=3, can_delete=True, max_num=40, validate_max=True
)


class SurveyForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[Survey]):
    """A survey in the plan: who asks whom what and when; afterwards the results and actions."""

    class Meta:
        model = Survey
        fields = [
            "kind",
            "title",
            "year",
            "month",
            "unit",
            "audience",
            "topic",
            "method",
            "state",
            "respondents",
            "response_rate",
            "result_summary",
            "actions_taken",
        ]
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 2}),
            "result_summary": forms.Textarea(attrs={"rows": 3}),
            "actions_taken": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Skriv undersökningens namn.")},
            "month": {
                "min_value": _("Ange en månad mellan 1 och 12."),
                "max_value": _("Ange en månad mellan 1 och 12."),
            },
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        _limit(self, "unit", Unit.objects.filter(municipality=municipality))


class SurveyImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med resultat (CSV eller Excel)"),
        help_text=_(
            "Första raden: Index, Enhet, Värde, Kvinnor, Män, Antal svar. En rad utan enhet är "
            "hela kommunens resultat."
        ),
        error_messages={"required": _("Välj filen med enkätresultaten.")},
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB. Dela upp den."))
        return file


class QualityReportForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[QualityReport]):
    class Meta:
        model = QualityReport
        fields = ["summary", "next_steps", "decision"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "decision", Decision.objects.filter(body=body).select_related("body"))
        _label(self, "decision", lambda d: f"{d.citation} – {d.title}")
