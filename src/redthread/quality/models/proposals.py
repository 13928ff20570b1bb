"""Förbättringsförslag through the förbättringshjul: Planera, Genomför, Utvärdera, Förbättra.

Seed 2.4: "Medarbetares idéer och förbättringsförslag ska också uppmuntras och tas tillvara
på ett strukturerat sätt." Any employee submits a proposal; the manager of its unit takes
it on (naming an owner) or declines it with a reason. The owner then moves it round the
wheel, writing at each step what the next one needs: the plan, what was done, the effect.
After Förbättra the manager adopts the new way of working, or the owner starts another
turn at Planera. Every move is an ``ProposalEvent``: who, when, from where to where, why.
Who may make which move is decided in ``quality/rules.py`` (``may_make``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.goals.models import MunicipalGoal
from redthread.organisation.models import Person, Unit
from redthread.quality.models.processes import Process
from redthread.quality.models.surveys import Survey


class Stage(models.TextChoices):
    NEW = "new", _("inkommet")
    PLAN = "plan", _("planera")
    DO = "do", _("genomför")
    CHECK = "check", _("utvärdera")
    ACT = "act", _("förbättra")
    DONE = "done", _("infört")
    REJECTED = "rejected", _("avslaget")
    STOPPED = "stopped", _("avbrutet")


WHEEL = (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)
OPEN_STAGES = (Stage.NEW, *WHEEL)
CLOSED_STAGES = (Stage.DONE, Stage.REJECTED, Stage.STOPPED)

MANAGER_MOVE = "manager"  # the manager of the proposal's unit, or the kvalitetsstrateg
OWNER_MOVE = "owner"  # the proposal's owner, or anyone who counts as manager


@dataclass(frozen=True)
class Transition:
    """A move of a proposal: from which stages, to which, by whom, and what must be written."""

    key: str
    sources: tuple[str, ...]
    target: str
    label: str | Promise
    by: str
    requires: tuple[str, ...] = ()


TRANSITIONS: dict[str, Transition] = {
    t.key: t
    for t in [
        Transition(
            "accept",
            (Stage.NEW,),
            Stage.PLAN,
            _("Ta emot och börja planera"),
            MANAGER_MOVE,
            ("owner",),
        ),
        Transition(
            "reject", (Stage.NEW,), Stage.REJECTED, _("Avslå förslaget"), MANAGER_MOVE, ("note",)
        ),
        Transition(
            "carry_out",
            (Stage.PLAN,),
            Stage.DO,
            _("Planen är klar: genomför"),
            OWNER_MOVE,
            ("plan",),
        ),
        Transition(
            "evaluate", (Stage.DO,), Stage.CHECK, _("Genomfört: utvärdera"), OWNER_MOVE, ("result",)
        ),
        Transition(
            "improve",
            (Stage.CHECK,),
            Stage.ACT,
            _("Utvärderat: förbättra"),
            OWNER_MOVE,
            ("effect",),
        ),
        Transition(
            "adopt",
            (Stage.ACT,),
            Stage.DONE,
            _("Inför som nytt arbetssätt"),
            MANAGER_MOVE,
            ("standard",),
        ),
        Transition(
            "again",
            (Stage.ACT,),
            Stage.PLAN,
            _("Ett varv till: planera igen"),
            OWNER_MOVE,
            ("note",),
        ),
        Transition("stop", WHEEL, Stage.STOPPED, _("Avbryt arbetet"), MANAGER_MOVE, ("note",)),
    ]
}

REQUIRED_MESSAGES = {
    "owner": _("Välj vem som äger förslaget och driver det vidare."),
    "note": _("Skriv en motivering."),
    "plan": _("Skriv planen: vad ska göras, och hur ser vi att det blev bättre?"),
    "result": _("Skriv vad som genomfördes."),
    "effect": _("Skriv vilken effekt förbättringen fick, gärna med ett mätt värde."),
    "standard": _("Skriv hur arbetet går till från och med nu."),
}


class ImprovementProposalQuerySet(models.QuerySet["ImprovementProposal"]):
    def open(self) -> ImprovementProposalQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def for_administration(self, unit: Unit) -> ImprovementProposalQuerySet:
        root = Unit.objects.get(pk=unit.root_id)
        return self.filter(unit__path__startswith=root.path)


class ImprovementProposal(DomainModel):
    """An employee's idea for doing something better, followed round the förbättringshjul."""

    title = models.CharField(_("förslag"), max_length=200)
    description = models.TextField(
        _("beskrivning"), help_text=_("Vad fungerar inte bra i dag, och vad föreslår du?")
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("gäller enhet"),
        on_delete=models.PROTECT,
        related_name="improvement_proposals",
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("gäller processen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    goal = models.ForeignKey(
        MunicipalGoal,
        verbose_name=_("bidrar till kommunmålet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("kommer från undersökningen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    submitted_by = models.ForeignKey(
        Person,
        verbose_name=_("lämnat av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submitted_on = models.DateField(_("lämnat"), default=timezone.localdate, editable=False)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ägare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(
        _("steg"), max_length=10, choices=Stage.choices, default=Stage.NEW, editable=False
    )
    round = models.PositiveSmallIntegerField(_("varv"), default=1, editable=False)
    plan = models.TextField(_("plan"), blank=True)
    result = models.TextField(_("genomfört"), blank=True)
    effect = models.TextField(_("effekt"), blank=True)
    standard = models.TextField(_("nytt arbetssätt"), blank=True)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True, editable=False)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ImprovementProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("förbättringsförslag")
        verbose_name_plural = _("förbättringsförslag")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["stage", "submitted_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality:proposal", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def wheel_position(self) -> int | None:
        """1-4 on the wheel (Planera ... Förbättra), None before and after."""
        try:
            return WHEEL.index(Stage(self.stage)) + 1
        except ValueError:
            return None

    def available(self) -> list[Transition]:
        """The moves the proposal's stage allows (who may make them is a separate question)."""
        return [t for t in TRANSITIONS.values() if self.stage in t.sources]

    def move(
        self, key: str, *, by: Any, note: str = "", owner: Person | None = None, **texts: str
    ) -> ProposalEvent:
        """Make the move ``key`` as the user ``by``; what it requires must be given (or written)."""
        transition = TRANSITIONS.get(key)
        if transition is None or self.stage not in transition.sources:
            raise ValidationError(
                _("Förslaget är i steget %(stage)s och kan inte flyttas så.")
                % {"stage": self.get_stage_display()}
            )
        for name in ("plan", "result", "effect", "standard"):
            if texts.get(name, "").strip():
                setattr(self, name, texts[name].strip())
        if owner is not None:
            self.owner = owner
        errors: dict[str, Any] = {}
        for name in transition.requires:
            if name == "note":
                missing = not note.strip()
            elif name == "owner":
                missing = self.owner_id is None
            else:
                missing = not getattr(self, name).strip()
            if missing:
                errors[name] = REQUIRED_MESSAGES[name]
        if errors:
            raise ValidationError(errors)
        source = self.stage
        with transaction.atomic():
            self.stage = transition.target
            if key == "again":
                self.round += 1
            if self.stage in CLOSED_STAGES:
                self.closed_on = timezone.localdate()
            self._change_reason = note.strip()[:100] or str(transition.label)
            self.save()
            return ProposalEvent.objects.create(
                proposal=self,
                transition=key,
                from_stage=source,
                to_stage=transition.target,
                by=Person.objects.filter(user=by).first()
                if getattr(by, "is_authenticated", False)
                else None,
                note=note.strip(),
            )


class ProposalEvent(DomainModel):
    """A move of a proposal round the wheel: the decision, who made it and why."""

    proposal = models.ForeignKey(
        ImprovementProposal,
        verbose_name=_("förbättringsförslag"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    transition = models.CharField(_("beslut"), max_length=12)
    from_stage = models.CharField(_("från"), max_length=10, choices=Stage.choices)
    to_stage = models.CharField(_("till"), max_length=10, choices=Stage.choices)
    by = models.ForeignKey(
        Person,
        verbose_name=_("av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("när"), default=timezone.now)
    note = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("beslut om förbättringsförslag")
        verbose_name_plural = _("beslut om förbättringsförslag")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url()

    @property
    def label(self) -> str:
        transition = TRANSITIONS.get(self.transition)
        return str(transition.label) if transition else self.transition
