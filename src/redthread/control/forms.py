"""Forms of internal control. Every message tells the user what to do."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.control.models import Action as ControlAction
from redthread.control.models import (
    ActionFollowUp,
    Axis,
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlReport,
    ControlResult,
    ControlSettings,
    Deviation,
    Evaluation,
    Recommendation,
    Risk,
    RiskAssessment,
    Step,
)
from redthread.control.models import AuditReport as AuditReportModel
from redthread.core.forms import StyledFormMixin
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Decision, Person, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERROR = _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-15.")
CONFLICT = _(
    "Någon annan har ändrat uppgifterna medan du skrev. Ladda om sidan, se ändringen och gör "
    "din ändring igen."
)


class VersionedFormMixin(StyledFormMixin):
    """Refuses a save based on an old copy: the second writer sees a conflict, not a loss."""

    instance: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and self.instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, required=False
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        if "version" in self.fields:
            posted = data.get("version")
            if posted is not None and posted != self.instance.version:
                raise forms.ValidationError(CONFLICT, code="conflict")
        return data


def people_for(body: Body) -> QuerySet[Person]:
    """Who can be responsible or owner for a nämnd: the staff of the serving förvaltningar
    and the nämnd's own secretaries and members."""
    today = timezone.localdate()
    paths = list(Unit.objects.filter(serves=body).values_list("path", flat=True))
    condition = Q(memberships__body=body) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
    )
    if paths:
        in_units = reduce(or_, (Q(assignments__unit__path__startswith=p) for p in paths))
        condition |= in_units & (Q(assignments__end__isnull=True) | Q(assignments__end__gte=today))
    return Person.objects.filter(condition).distinct().order_by("last_name", "first_name")


def units_for(body: Body) -> QuerySet[Unit]:
    paths = list(Unit.objects.filter(serves=body).values_list("path", flat=True))
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths))).order_by("path")


def _limit(form: forms.BaseForm, name: str, queryset: QuerySet[Any], message: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    field.error_messages["invalid_choice"] = message


class StepSelect(forms.RadioSelect):
    """The four steps of a scale, each with the description the user picks by."""

    template_name = "control/widgets/steps.html"
    option_template_name = "control/widgets/step_option.html"

    def __init__(self, steps: tuple[Step, ...], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.steps = {step.level: step for step in steps}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        step = self.steps.get(int(option["value"]))
        if step is not None:
            option["step"] = step
        return option


class Checklist(forms.CheckboxSelectMultiple):
    """Checkboxes laid out like the step choices."""

    template_name = "control/widgets/steps.html"
    option_template_name = "control/widgets/step_option.html"


def step_field(settings: ControlSettings, axis: str, label: Any) -> forms.TypedChoiceField:
    steps = settings.steps(axis)
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[(s.level, f"{s.level} {s.name}") for s in steps],
        widget=StepSelect(steps),
        error_messages={"required": _("Välj ett steg från 1 till 4.")},
    )


class RiskForm(VersionedFormMixin, forms.ModelForm[Risk]):
    """A risk of a nämnd; the nämnd is one the user works on, the unit one serving it."""

    class Meta:
        model = Risk
        fields = ["body", "title", "process", "category", "unit", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "body",
            Body.objects.filter(pk__in=[b.pk for b in bodies]),
            _("Välj en nämnd som du arbetar med."),
        )
        body = self.instance.body if self.instance.body_id else None
        if body is None and len(bodies) == 1:
            body = bodies[0]
        if self.instance.pk:
            self.fields["body"].disabled = True
        elif len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk
        units = units_for(body) if body else Unit.objects.filter(serves__in=bodies).distinct()
        _limit(self, "unit", units, _("Välj en del av en förvaltning som arbetar åt nämnden."))
        self.fields["unit"].help_text = _("Valfritt: den del av förvaltningen som risken gäller.")


class AssessmentForm(VersionedFormMixin, forms.ModelForm[RiskAssessment]):
    """One year's assessment; probability and consequence are picked by their descriptions."""

    class Meta:
        model = RiskAssessment
        fields = ["probability", "consequence", "motivation", "handling", "handling_reason"]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 2}),
            "handling_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, settings: ControlSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["probability"] = step_field(settings, Axis.PROBABILITY, _("Sannolikhet"))
        self.fields["consequence"] = step_field(settings, Axis.CONSEQUENCE, _("Konsekvens"))
        self.fields["handling"].help_text = _(
            "Nämndens beslut: om risken ska kontrolleras i planen, accepteras eller hanteras "
            "genom andra åtgärder."
        )
        self.fields["handling_reason"].help_text = _(
            "Krävs när risken accepteras eller hanteras genom andra åtgärder."
        )
        # Keep the version field last, after the reordering above.
        if "version" in self.fields:
            self.fields["version"] = self.fields.pop("version")


class PlanForm(StyledFormMixin, forms.ModelForm[ControlPlan]):
    class Meta:
        model = ControlPlan
        fields = ["body", "year", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "body",
            Body.objects.filter(pk__in=[b.pk for b in bodies]),
            _("Välj en nämnd som du arbetar med."),
        )
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk
        year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
        year.error_messages["invalid"] = _("Skriv året med fyra siffror, t.ex. 2027.")
        self.fields["year"] = year


class DecisionPickForm(StyledFormMixin, forms.Form):
    """Pick the nämnd's decision, or record it here: date, paragraph and diarienummer."""

    decision = forms.ModelChoiceField(
        label=_("Registrerat beslut"), queryset=Decision.objects.none(), required=False
    )
    date = forms.DateField(
        label=_("Eller nytt beslut: datum"),
        required=False,
        widget=DATE,
        error_messages={"invalid": DATE_ERROR},
    )
    paragraph = forms.CharField(label=_("Paragraf"), max_length=20, required=False)
    case_number = forms.CharField(label=_("Diarienummer"), max_length=40, required=False)

    def __init__(self, *args: Any, body: Body, title: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.title = title
        _limit(
            self,
            "decision",
            Decision.objects.filter(body=body).order_by("-date"),
            _("Välj ett av nämndens beslut."),
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        new = data.get("date") or data.get("paragraph")
        if data.get("decision") and new:
            raise forms.ValidationError(
                _("Välj ett registrerat beslut eller fyll i ett nytt, inte båda.")
            )
        if not data.get("decision"):
            if not (data.get("date") and data.get("paragraph")):
                raise forms.ValidationError(
                    _("Välj nämndens beslut, eller skriv datum och paragraf för ett nytt beslut.")
                )
            if data["date"] > timezone.localdate():
                self.add_error("date", _("Beslutet kan inte vara fattat i framtiden."))
            elif Decision.objects.filter(
                body=self.body, date=data["date"], paragraph=data["paragraph"]
            ).exists():
                self.add_error(
                    "paragraph",
                    _(
                        "Det finns redan ett beslut med den paragrafen för nämnden och datumet. "
                        "Välj det i listan ovan."
                    ),
                )
        return data

    def decision_to_use(self) -> Decision:
        """The chosen decision, or a new one recorded now."""
        chosen: Decision | None = self.cleaned_data.get("decision")
        if chosen is not None:
            return chosen
        return Decision.objects.create(
            body=self.body,
            date=self.cleaned_data["date"],
            paragraph=self.cleaned_data["paragraph"],
            case_number=self.cleaned_data["case_number"],
            title=self.title,
        )


def periods_field(form: forms.BaseForm, year: int, municipality_id: int) -> None:
    field = form.fields["report_periods"]
    assert isinstance(field, forms.ModelMultipleChoiceField)
    field.queryset = ReportingPeriod.objects.filter(
        municipality_id=municipality_id, year=year
    ).exclude(kind=ReportingPeriod.Kind.MONTH)
    field.widget = Checklist(attrs={"class": "form-check-input"})
    field.widget.choices = field.choices
    field.error_messages["required"] = _("Välj minst ett tillfälle då resultatet rapporteras.")


class ControlPointForm(VersionedFormMixin, forms.ModelForm[ControlPoint]):
    class Meta:
        model = ControlPoint
        fields = [
            "title",
            "description",
            "risk",
            "method",
            "frequency",
            "responsible",
            "report_periods",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, plan: ControlPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "risk",
            Risk.objects.filter(body=plan.body).order_by("title"),
            _("Välj en risk som hör till nämnden."),
        )
        _limit(self, "responsible", people_for(plan.body), _("Välj en person i förvaltningen."))
        periods_field(self, plan.year, plan.body.municipality_id)


class CommonCopyForm(VersionedFormMixin, forms.ModelForm[ControlPoint]):
    """In a nämnd's copy of a common control point, only who is responsible is the nämnd's."""

    class Meta:
        model = ControlPoint
        fields = ["responsible"]

    def __init__(self, *args: Any, plan: ControlPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "responsible", people_for(plan.body), _("Välj en person i förvaltningen."))


class CommonControlPointForm(VersionedFormMixin, forms.ModelForm[CommonControlPoint]):
    class Meta:
        model = CommonControlPoint
        fields = ["title", "description", "method", "frequency", "decision", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "decision",
            Decision.objects.filter(body__kind=Body.Kind.EXECUTIVE_BOARD).order_by("-date"),
            _("Välj ett beslut av kommunstyrelsen."),
        )
        self.fields["decision"].help_text = _(
            "Kommunstyrelsens beslut om årets gemensamma kontrollmoment."
        )


class ResultForm(VersionedFormMixin, forms.ModelForm[ControlResult]):
    class Meta:
        model = ControlResult
        fields = ["checked_by", "checked_on", "outcome", "extent", "findings"]
        widgets = {"checked_on": DATE, "findings": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"checked_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, plan: ControlPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "checked_by", people_for(plan.body), _("Välj en person i förvaltningen."))


class DeviationForm(StyledFormMixin, forms.ModelForm[Deviation]):
    class Meta:
        model = Deviation
        fields = ["description", "severity"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ActionForm(VersionedFormMixin, forms.ModelForm[ControlAction]):
    class Meta:
        model = ControlAction
        fields = ["title", "description", "owner", "due_on"]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"due_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "owner", people_for(body), _("Välj en person i förvaltningen."))

    def clean_due_on(self) -> dt.date:
        due: dt.date = self.cleaned_data["due_on"]
        if not self.instance.pk and due < timezone.localdate():
            raise forms.ValidationError(_("Välj ett datum från i dag och framåt."))
        return due


class FollowUpForm(StyledFormMixin, forms.ModelForm[ActionFollowUp]):
    class Meta:
        model = ActionFollowUp
        fields = ["status", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}


class ReportForm(VersionedFormMixin, forms.ModelForm[ControlReport]):
    class Meta:
        model = ControlReport
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class EvaluationForm(VersionedFormMixin, forms.ModelForm[Evaluation]):
    class Meta:
        model = Evaluation
        fields = ["conclusions", "decision"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "decision",
            Decision.objects.filter(body__kind=Body.Kind.EXECUTIVE_BOARD).order_by("-date"),
            _("Välj ett beslut av kommunstyrelsen."),
        )


class AuditReportForm(VersionedFormMixin, forms.ModelForm[AuditReportModel]):
    class Meta:
        model = AuditReportModel
        fields = ["title", "issued_on", "case_number", "auditor", "summary", "answer_due_on"]
        widgets = {
            "issued_on": DATE,
            "answer_due_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "issued_on": {"invalid": DATE_ERROR},
            "answer_due_on": {"invalid": DATE_ERROR},
        }


class RecommendationForm(StyledFormMixin, forms.ModelForm[Recommendation]):
    class Meta:
        model = Recommendation
        fields = ["body", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "body", bodies, _("Välj den nämnd som rekommendationen riktar sig till."))


class AnswerForm(VersionedFormMixin, forms.ModelForm[Recommendation]):
    class Meta:
        model = Recommendation
        fields = ["answer", "answered_on", "answer_decision"]
        widgets = {"answered_on": DATE, "answer": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"answered_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self,
            "answer_decision",
            Decision.objects.filter(body=self.instance.body).order_by("-date"),
            _("Välj ett av nämndens beslut."),
        )
        self.fields["answer"].required = True
        self.fields["answer"].error_messages["required"] = _("Skriv nämndens svar.")
        self.fields["answered_on"].required = True
        self.fields["answered_on"].error_messages["required"] = _("Skriv när nämnden svarade.")


__all__ = [
    "ActionForm",
    "AnswerForm",
    "AssessmentForm",
    "AuditReportForm",
    "CommonControlPointForm",
    "CommonCopyForm",
    "ControlPointForm",
    "DecisionPickForm",
    "DeviationForm",
    "EvaluationForm",
    "FollowUpForm",
    "PlanForm",
    "RecommendationForm",
    "ReportForm",
    "ResultForm",
    "RiskForm",
    "people_for",
    "units_for",
]
