"""Projects per the municipality's project model: roles, phases, tollgates, status and effects.

Per the seed (2.4): "Mjölby kommuns projektmodell klargör roller, ansvar och arbetsgång för
projektarbete. Projektmodellen används för alla större projekt och vid investeringar." The
model (``ProjectModel``) is configurable; the default runs Idé -> Förstudie -> Planering ->
Genomförande -> Avslut -> Utvärdering of the benefit. Each phase ends at a tollgate
(beslutspunkt) where the projektägare or the styrgrupp decides whether the project goes on.
Tollgates are passed in order: one is skipped only by a recorded decision (organ, datum, §).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit

# name, purpose, tollgate name, what is decided at the tollgate
DEFAULT_PHASES: list[tuple[str, str, str, str]] = [
    (
        "Idé",
        "Idén beskrivs: behov, önskad effekt och vem som beställer.",
        "BP1 Beslut om förstudie",
        "Är idén värd att utreda, och finns en beställare och resurser för en förstudie?",
    ),
    (
        "Förstudie",
        "Alternativ, nytta, kostnad och risker utreds.",
        "BP2 Beslut om planering",
        "Motiverar nyttan kostnaden? Ska projektet planeras?",
    ),
    (
        "Planering",
        "Projektplan med mål, tidplan, budget, organisation och riskanalys.",
        "BP3 Beslut om genomförande",
        "Är projektplanen med budget, tidplan och risker godkänd?",
    ),
    (
        "Genomförande",
        "Projektet genomförs och rapporterar status till styrgruppen.",
        "BP4 Beslut om leverans",
        "Är resultatet levererat enligt beställningen och kan linjeverksamheten ta emot det?",
    ),
    (
        "Avslut",
        "Resultatet överlämnas, slutrapport skrivs och erfarenheter tas tillvara.",
        "BP5 Beslut om avslut",
        "Är slutrapporten godkänd och projektorganisationen upplöst? När utvärderas nyttan?",
    ),
    (
        "Utvärdering",
        "Nyttan utvärderas mot effektmålen, oftast ett år efter leverans.",
        "BP6 Nyttan utvärderad",
        "Har projektet gett de effekter som var målet?",
    ),
]


class ProjectModelQuerySet(models.QuerySet["ProjectModel"]):
    def default_for(self, municipality: Municipality) -> ProjectModel:
        """The municipality's default project model, created from ``DEFAULT_PHASES`` if none exists."""
        model = self.filter(municipality=municipality).order_by("-is_default", "pk").first()
        if model is not None:
            return model
        with transaction.atomic():
            model = self.create(
                municipality=municipality,
                name="Projektmodell",
                description="Från idé till utvärdering av nyttan, med en beslutspunkt efter "
                "varje fas.",
                is_default=True,
            )
            for order, (name, purpose, tollgate, question) in enumerate(DEFAULT_PHASES, 1):
                ModelPhase.objects.create(
                    model=model,
                    order=order,
                    name=name,
                    purpose=purpose,
                    tollgate_name=tollgate,
                    tollgate_question=question,
                )
        return model


class ProjectModel(DomainModel):
    """The municipality's project model: the phases every project passes, in order."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="project_models",
    )
    name = models.CharField(_("namn"), max_length=120)
    description = models.TextField(_("beskrivning"), blank=True)
    is_default = models.BooleanField(_("standard för nya projekt"), default=False)

    objects = ProjectModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("projektmodell")
        verbose_name_plural = _("projektmodeller")
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class ModelPhase(DomainModel):
    """A phase of the project model and the tollgate that closes it."""

    model = models.ForeignKey(
        ProjectModel,
        verbose_name=_("projektmodell"),
        on_delete=models.CASCADE,
        related_name="phases",
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    name = models.CharField(_("fas"), max_length=80)
    purpose = models.TextField(_("vad som görs i fasen"), blank=True)
    tollgate_name = models.CharField(_("beslutspunkt"), max_length=120)
    tollgate_question = models.TextField(_("vad som beslutas"), blank=True)

    class Meta:
        verbose_name = _("fas i projektmodell")
        verbose_name_plural = _("faser i projektmodell")
        ordering = ["model", "order"]
        constraints = [
            models.UniqueConstraint(fields=["model", "order"], name="unique_model_phase_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Rag(models.TextChoices):
    """Green, yellow, red: how a status report rates time, cost and scope."""

    GREEN = "green", _("grön")
    YELLOW = "yellow", _("gul")
    RED = "red", _("röd")


RAG_ORDER: dict[str, int] = {Rag.GREEN: 0, Rag.YELLOW: 1, Rag.RED: 2}


class ProjectQuerySet(models.QuerySet["Project"]):
    def active(self) -> ProjectQuerySet:
        return self.filter(state=Project.State.ACTIVE)

    def for_person(self, person_id: int) -> ProjectQuerySet:
        return self.filter(
            models.Q(owner_id=person_id)
            | models.Q(sponsor_id=person_id)
            | models.Q(manager_id=person_id)
            | models.Q(steering_members__person_id=person_id)
        ).distinct()

    def with_late_tollgates(self, today: dt.date | None = None) -> ProjectQuerySet:
        today = today or timezone.localdate()
        return (
            self.active()
            .filter(tollgates__outcome=Tollgate.Outcome.PENDING, tollgates__planned_date__lt=today)
            .distinct()
        )

    def for_portfolio(self) -> ProjectQuerySet:
        """What the portfolio and the API show, in a fixed number of queries."""
        return self.select_related("unit", "owner", "manager", "body").prefetch_related(
            models.Prefetch(
                "tollgates",
                queryset=Tollgate.objects.select_related("decision__body").order_by("order"),
            ),
            models.Prefetch(
                "status_reports",
                queryset=StatusReport.objects.order_by("-reported_on", "-pk"),
            ),
        )


class Project(DomainModel):
    """A project: who owns, orders, steers and leads it, where it is, and how it is going."""

    class State(models.TextChoices):
        ACTIVE = "active", _("pågående")
        COMPLETED = "completed", _("avslutat")
        CANCELLED = "cancelled", _("avbrutet")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="projects"
    )
    model = models.ForeignKey(
        ProjectModel,
        verbose_name=_("projektmodell"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    code = models.CharField(
        _("projektnummer"), max_length=30, blank=True, help_text=_("T.ex. P2026-03.")
    )
    name = models.CharField(_("namn"), max_length=200)
    purpose = models.TextField(_("bakgrund och syfte"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig förvaltning eller enhet"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("beställande nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("projektägare"),
        on_delete=models.PROTECT,
        related_name="projects_owned",
        help_text=_("Äger projektets mål och nytta och fattar beslut vid beslutspunkterna."),
    )
    sponsor = models.ForeignKey(
        Person,
        verbose_name=_("beställare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_ordered",
        help_text=_("Den verksamhet som beställer projektet och tar emot resultatet."),
    )
    manager = models.ForeignKey(
        Person,
        verbose_name=_("projektledare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_led",
    )
    start_date = models.DateField(_("planerad start"), null=True, blank=True)
    end_date = models.DateField(_("planerat slut"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    investment_code = models.CharField(
        _("investeringsprojekt"),
        max_length=40,
        blank=True,
        help_text=_(
            "Investeringsprojektets kod i investeringsbudgeten, om projektet är en investering."
        ),
    )
    state = models.CharField(
        _("läge"), max_length=12, choices=State.choices, default=State.ACTIVE, editable=False
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutet kan inte ligga före starten.")})
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("Budgeten kan inte vara negativ.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        creating = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if creating:
                self._create_tollgates()

    def _create_tollgates(self) -> None:
        """Copy the model's phases, so a later change of the model never rewrites a project."""
        for phase in self.model.phases.order_by("order"):
            Tollgate.objects.create(
                project=self,
                order=phase.order,
                phase_name=phase.name,
                name=phase.tollgate_name,
                question=phase.tollgate_question,
            )

    # Where the project is.
    def ordered_tollgates(self) -> list[Tollgate]:
        return sorted(self.tollgates.all(), key=lambda t: t.order)

    @property
    def next_tollgate(self) -> Tollgate | None:
        if self.state != self.State.ACTIVE:
            return None
        return next((t for t in self.ordered_tollgates() if t.is_pending), None)

    @property
    def phase(self) -> str:
        """The phase the project is in: the one the next tollgate closes."""
        if self.state == self.State.COMPLETED:
            return str(_("Avslutat"))
        if self.state == self.State.CANCELLED:
            return str(_("Avbrutet"))
        upcoming = self.next_tollgate
        return upcoming.phase_name if upcoming else str(_("Avslutat"))

    @property
    def phase_order(self) -> int:
        upcoming = self.next_tollgate
        return upcoming.order if upcoming else 999

    def late_tollgates(self, today: dt.date | None = None) -> list[Tollgate]:
        today = today or timezone.localdate()
        if self.state != self.State.ACTIVE:
            return []
        return [t for t in self.ordered_tollgates() if t.is_late(today)]

    @property
    def latest_status(self) -> StatusReport | None:
        reports = sorted(self.status_reports.all(), key=lambda r: (r.reported_on, r.pk))
        return reports[-1] if reports else None

    @property
    def outcome(self) -> Decimal | None:
        """Cost to date, from the latest status report that states it."""
        for report in sorted(
            self.status_reports.all(), key=lambda r: (r.reported_on, r.pk), reverse=True
        ):
            if report.cost_to_date is not None:
                return report.cost_to_date
        return None

    def decides(self, person: Person | None) -> bool:
        """The projektägare and the styrgrupp decide at the tollgates."""
        if person is None:
            return False
        if person.pk == self.owner_id:
            return True
        return self.steering_members.filter(person=person).exists()

    def role_person_ids(self) -> set[int]:
        ids = {self.owner_id, self.sponsor_id, self.manager_id}
        ids |= set(self.steering_members.values_list("person_id", flat=True))
        return {i for i in ids if i is not None}

    def refresh_state(self) -> None:
        tollgates = list(Tollgate.objects.filter(project=self))
        if any(t.outcome == Tollgate.Outcome.STOPPED for t in tollgates):
            state = self.State.CANCELLED
        elif tollgates and all(not t.is_pending for t in tollgates):
            state = self.State.COMPLETED
        else:
            state = self.State.ACTIVE
        if state != self.state:
            self.state = state
            self.save(update_fields=["state"])


class SteeringGroupMember(DomainModel):
    """A member of the project's styrgrupp."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projekt"),
        on_delete=models.CASCADE,
        related_name="steering_members",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="steering_groups"
    )

    class Meta:
        verbose_name = _("ledamot i styrgrupp")
        verbose_name_plural = _("ledamöter i styrgrupp")
        ordering = ["project", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="unique_steering_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.project}"


class Tollgate(DomainModel):
    """A beslutspunkt: the decision that closes a phase and lets the project go on (or not)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("inte beslutad")
        PASSED = "passed", _("passerad")
        SKIPPED = "skipped", _("överhoppad genom beslut")
        STOPPED = "stopped", _("projektet avbröts")

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="tollgates"
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    phase_name = models.CharField(_("fas som avslutas"), max_length=80)
    name = models.CharField(_("beslutspunkt"), max_length=120)
    question = models.TextField(_("vad som beslutas"), blank=True)
    planned_date = models.DateField(_("planerat beslut"), null=True, blank=True)
    outcome = models.CharField(
        _("utfall"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("beslutat av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tollgate_decisions",
    )
    decision_text = models.TextField(_("beslut och motivering"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("formellt beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tollgates",
    )

    class Meta:
        verbose_name = _("beslutspunkt")
        verbose_name_plural = _("beslutspunkter")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="unique_tollgate_order"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:tollgate", args=[self.project_id, self.order])

    @property
    def is_pending(self) -> bool:
        return self.outcome == self.Outcome.PENDING

    def is_late(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.is_pending and self.planned_date and self.planned_date < today)

    def _earlier_pending(self) -> Tollgate | None:
        return (
            self.project.tollgates.filter(order__lt=self.order, outcome=self.Outcome.PENDING)
            .order_by("order")
            .first()
        )

    def _check_decidable(self, by: Person | None, on: dt.date, text: str) -> None:
        project = self.project
        if project.state != Project.State.ACTIVE:
            raise ValidationError(
                _("Projektet är %(state)s. Inga fler beslutspunkter kan passeras.")
                % {"state": project.get_state_display()}
            )
        if not self.is_pending:
            raise ValidationError(_("Beslutspunkten är redan beslutad."))
        earlier = self._earlier_pending()
        if earlier is not None:
            raise ValidationError(
                _(
                    "Beslutspunkten %(earlier)s före denna är inte beslutad. Besluta den först, "
                    "eller hoppa över den med ett beslut."
                )
                % {"earlier": earlier.name}
            )
        errors: dict[str, Any] = {}
        if not project.decides(by):
            errors["decided_by"] = _(
                "Beslut vid en beslutspunkt fattas av projektägaren eller en ledamot i "
                "styrgruppen. Välj vem som beslutade."
            )
        if on > timezone.localdate():
            errors["decided_on"] = _("Ett beslut kan inte dateras i framtiden.")
        if not text.strip():
            errors["decision_text"] = _("Skriv vad som beslutades och varför.")
        if errors:
            raise ValidationError(errors)

    def _record(
        self,
        outcome: str,
        by: Person | None,
        on: dt.date,
        text: str,
        decision: Decision | None,
    ) -> None:
        with transaction.atomic():
            self.outcome = outcome
            self.decided_by = by
            self.decided_on = on
            self.decision_text = text.strip()
            self.decision = decision
            self.save()
            self.project.refresh_state()

    def pass_gate(
        self,
        *,
        by: Person | None,
        on: dt.date,
        text: str,
        decision: Decision | None = None,
    ) -> None:
        """The projektägare or styrgrupp decides the phase is done and the project goes on."""
        self._check_decidable(by, on, text)
        self._record(self.Outcome.PASSED, by, on, text, decision)

    def skip(
        self,
        *,
        by: Person | None,
        on: dt.date,
        text: str,
        decision: Decision | None = None,
    ) -> None:
        """Skip this tollgate (and the phase it closes): only by a recorded decision."""
        self._check_decidable(by, on, text)
        if decision is None:
            raise ValidationError(
                {
                    "decision": _(
                        "En beslutspunkt hoppas bara över genom ett registrerat beslut (organ, "
                        "datum, §). Välj beslutet, eller registrera det först."
                    )
                }
            )
        self._record(self.Outcome.SKIPPED, by, on, text, decision)

    def stop(
        self,
        *,
        by: Person | None,
        on: dt.date,
        text: str,
        decision: Decision | None = None,
    ) -> None:
        """The decision at the tollgate is not to go on: the project is cancelled."""
        self._check_decidable(by, on, text)
        self._record(self.Outcome.STOPPED, by, on, text, decision)


class StatusReport(DomainModel):
    """The projektledare's report of time, cost and scope, each green, yellow or red."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projekt"),
        on_delete=models.CASCADE,
        related_name="status_reports",
    )
    reported_on = models.DateField(_("rapportdatum"), default=timezone.localdate)
    time_status = models.CharField(_("tid"), max_length=6, choices=Rag.choices)
    time_comment = models.TextField(_("kommentar om tid"), blank=True)
    cost_status = models.CharField(_("kostnad"), max_length=6, choices=Rag.choices)
    cost_comment = models.TextField(_("kommentar om kostnad"), blank=True)
    scope_status = models.CharField(_("omfattning"), max_length=6, choices=Rag.choices)
    scope_comment = models.TextField(_("kommentar om omfattning"), blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    cost_to_date = models.DecimalField(
        _("upparbetat hittills (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    forecast = models.DecimalField(
        _("prognos vid slut (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    reported_by = models.ForeignKey(
        Person,
        verbose_name=_("rapporterad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_status_reports",
    )

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["project", "-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.project} {self.reported_on:%Y-%m-%d}"

    @property
    def overall(self) -> str:
        """The worst of time, cost and scope."""
        return max(
            (self.time_status, self.cost_status, self.scope_status),
            key=lambda s: RAG_ORDER.get(s, 0),
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for field in ("time", "cost", "scope"):
            status = getattr(self, f"{field}_status")
            if status in (Rag.YELLOW, Rag.RED) and not getattr(self, f"{field}_comment").strip():
                errors[f"{field}_comment"] = _(
                    "Förklara vad som avviker och vad som görs åt det när statusen är gul eller röd."
                )
        if errors:
            raise ValidationError(errors)


class ProjectRisk(DomainModel):
    """A risk to the project, rated by probability and consequence (1–4 each)."""

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="risks"
    )
    title = models.CharField(_("risk"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    probability = models.PositiveSmallIntegerField(
        _("sannolikhet (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    mitigation = models.TextField(_("åtgärd"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("riskägare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_risks",
    )
    is_closed = models.BooleanField(_("hanterad"), default=False)

    class Meta:
        verbose_name = _("projektrisk")
        verbose_name_plural = _("projektrisker")
        ordering = ["project", "is_closed", "-probability", "-consequence"]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def level(self) -> str:
        """green up to 4, yellow up to 8, red from 9."""
        if self.score >= 9:
            return Rag.RED
        if self.score >= 5:
            return Rag.YELLOW
        return Rag.GREEN


class EffectGoal(DomainModel):
    """An effect the project is to bring about, and the kommunmål it serves where there is one.

    The kommunmål is referred to generically (content type and id) until the goals app
    offers its model; ``redthread.projects.links`` finds it by name.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.CASCADE, related_name="effect_goals"
    )
    description = models.CharField(_("effektmål"), max_length=255)
    measure = models.CharField(_("hur effekten mäts"), max_length=255, blank=True)
    target = models.CharField(_("målvärde"), max_length=120, blank=True)
    result = models.TextField(_("utfall vid utvärderingen"), blank=True)
    goal_type = models.ForeignKey(
        ContentType,
        verbose_name=_("typ av mål"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goal_id = models.PositiveBigIntegerField(_("mål-id"), null=True, blank=True)
    goal = GenericForeignKey("goal_type", "goal_id")

    class Meta:
        verbose_name = _("effektmål")
        verbose_name_plural = _("effektmål")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.description
