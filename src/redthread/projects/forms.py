"""Forms of the project model: a project, a tollgate decision, a status report, risks, effects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin, VersionedFormMixin
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit
from redthread.projects import links
from redthread.projects.models import (
    EffectGoal,
    Project,
    ProjectModel,
    ProjectRisk,
    Rag,
    StatusReport,
    Tollgate,
)

DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24.")}
MONEY_ERRORS = {"invalid": _("Skriv ett belopp i hela kronor, t.ex. 1500000.")}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class ProjectForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[Project]):
    """A project, its roles and its budget."""

    steering_group = forms.ModelMultipleChoiceField(
        label=_("Styrgrupp"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )

    class Meta:
        model = Project
        fields = [
            "name",
            "code",
            "purpose",
            "model",
            "unit",
            "body",
            "owner",
            "sponsor",
            "manager",
            "steering_group",
            "start_date",
            "end_date",
            "budget",
            "investment_code",
        ]
        widgets = {
            "start_date": _date_widget(),
            "end_date": _date_widget(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "start_date": DATE_ERRORS,
            "end_date": DATE_ERRORS,
            "budget": MONEY_ERRORS,
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        people = Person.objects.filter(municipality=municipality)
        for name in ("owner", "sponsor", "manager"):
            _limit(self, name, people)
        steering = self.fields["steering_group"]
        assert isinstance(steering, forms.ModelMultipleChoiceField)
        steering.queryset = people
        _limit(self, "unit", Unit.objects.filter(municipality=municipality))
        _limit(self, "body", Body.objects.filter(municipality=municipality))
        models = ProjectModel.objects.filter(municipality=municipality)
        _limit(self, "model", models)
        if self.instance.pk:
            # The phases were copied when the project began; the model is not changed later.
            del self.fields["model"]
            steering.initial = list(
                self.instance.steering_members.values_list("person_id", flat=True)
            )
        elif not models.exists():
            del self.fields["model"]
        else:
            self.fields["model"].initial = models.order_by("-is_default", "pk").first()

    def save(self, commit: bool = True) -> Project:
        from redthread.projects.models import SteeringGroupMember

        project = self.instance
        if "model" not in self.fields and not project.pk:
            project.model = ProjectModel.objects.default_for(project.municipality)
        project = super().save(commit=True)
        wanted = {p.pk for p in self.cleaned_data.get("steering_group", [])}
        current = set(project.steering_members.values_list("person_id", flat=True))
        for person_id in wanted - current:
            SteeringGroupMember.objects.create(project=project, person_id=person_id)
        for member in project.steering_members.filter(person_id__in=current - wanted):
            member.delete()
        return project  # type: ignore[no-any-return]


class TollgateDecisionForm(StyledFormMixin, forms.Form):
    """The decision at a tollgate: go on, skip it by a formal decision, or stop the project."""

    OUTCOMES = [
        ("pass", _("Passera: fasen är klar och projektet går vidare")),
        ("skip", _("Hoppa över: beslutspunkten och fasen hoppas över genom ett formellt beslut")),
        ("stop", _("Avbryt: projektet avslutas här")),
    ]
    outcome = forms.ChoiceField(label=_("Beslut"), choices=OUTCOMES, widget=forms.RadioSelect)
    decided_by = forms.ModelChoiceField(
        label=_("Beslutat av"),
        queryset=Person.objects.none(),
        help_text=_("Projektägaren eller en ledamot i styrgruppen."),
    )
    decided_on = forms.DateField(
        label=_("Beslutsdatum"), widget=_date_widget(), error_messages=DATE_ERRORS
    )
    decision_text = forms.CharField(
        label=_("Beslut och motivering"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.ModelChoiceField(
        label=_("Formellt beslut (organ, datum, §)"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("Krävs för att hoppa över en beslutspunkt. Registrera beslutet först."),
    )

    def __init__(self, *args: Any, tollgate: Tollgate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = tollgate.project
        ids = {project.owner_id, *project.steering_members.values_list("person_id", flat=True)}
        _limit(self, "decided_by", Person.objects.filter(pk__in=ids))
        _limit(
            self,
            "decision",
            Decision.objects.filter(body__municipality=project.municipality).select_related("body"),
        )


class TollgatePlanForm(StyledFormMixin, forms.Form):
    """The planned date of each tollgate still to be decided."""

    def __init__(self, *args: Any, tollgates: list[Tollgate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tollgates = [t for t in tollgates if t.is_pending]
        for tollgate in self.tollgates:
            self.fields[f"gate_{tollgate.order}"] = forms.DateField(
                label=tollgate.name,
                required=False,
                initial=tollgate.planned_date,
                widget=_date_widget(),
                error_messages=DATE_ERRORS,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        previous = None
        for tollgate in self.tollgates:
            day = data.get(f"gate_{tollgate.order}")
            if day is None:
                continue
            if previous is not None and day < previous:
                self.add_error(
                    f"gate_{tollgate.order}",
                    _("Beslutspunkterna kommer i ordning: datumet kan inte ligga före den förra."),
                )
            previous = day
        return data


class StatusReportForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[StatusReport]):
    """Time, cost and scope as green, yellow or red, with comments where it is not green."""

    class Meta:
        model = StatusReport
        fields = [
            "reported_on",
            "time_status",
            "time_comment",
            "cost_status",
            "cost_comment",
            "scope_status",
            "scope_comment",
            "summary",
            "cost_to_date",
            "forecast",
        ]
        widgets = {
            "reported_on": _date_widget(),
            "time_status": forms.RadioSelect,
            "cost_status": forms.RadioSelect,
            "scope_status": forms.RadioSelect,
            "time_comment": forms.Textarea(attrs={"rows": 2}),
            "cost_comment": forms.Textarea(attrs={"rows": 2}),
            "scope_comment": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "reported_on": DATE_ERRORS,
            "cost_to_date": MONEY_ERRORS,
            "forecast": MONEY_ERRORS,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("time_status", "cost_status", "scope_status"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = Rag.choices
            field.error_messages["required"] = _("Välj grön, gul eller röd.")


class RiskForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[ProjectRisk]):
    class Meta:
        model = ProjectRisk
        fields = [
            "title",
            "description",
            "probability",
            "consequence",
            "mitigation",
            "owner",
            "is_closed",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "probability": forms.Select(choices=[(i, str(i)) for i in range(1, 5)]),
            "consequence": forms.Select(choices=[(i, str(i)) for i in range(1, 5)]),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "owner", Person.objects.filter(municipality=municipality))


class EffectGoalForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm[EffectGoal]):
    serves = forms.ChoiceField(label=_("Bidrar till kommunmål"), required=False)

    class Meta:
        model = EffectGoal
        fields = ["description", "measure", "target", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = links.goal_choices(user)
        if not choices:
            del self.fields["serves"]
            return
        serves = self.fields["serves"]
        assert isinstance(serves, forms.ChoiceField)
        serves.choices = [("", "–"), *choices]
        if self.instance.goal_type_id and self.instance.goal_id:
            serves.initial = f"{self.instance.goal_type_id}:{self.instance.goal_id}"

    def save(self, commit: bool = True) -> EffectGoal:
        goal = self.instance
        value = self.cleaned_data.get("serves")
        if "serves" in self.fields:
            if value:
                ct_id, _sep, object_id = value.partition(":")
                goal.goal_type = ContentType.objects.get_for_id(int(ct_id))
                goal.goal_id = int(object_id)
            else:
                goal.goal_type = None
                goal.goal_id = None
        saved: EffectGoal = super().save(commit=commit)
        return saved
