"""Results of control points, the deviations they find, and the actions taken.

A result belongs to one control point and one reporting occasion (a ``ReportingPeriod``):
who checked, when, what was found. A deviation has a severity; an action has an owner and a
due date and is followed up until it is done. Actions also answer the auditors'
recommendations and kommunstyrelsen's evaluation, so they are followed up the same way
wherever they come from.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.control.models.plans import ControlPoint
from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Person


class ControlResult(DomainModel):
    """The outcome of one control point at one reporting occasion."""

    class Outcome(models.TextChoices):
        DONE = "done", _("genomförd")
        NOT_DONE = "not_done", _("inte genomförd")

    point = models.ForeignKey(
        ControlPoint,
        verbose_name=_("kontrollmoment"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("rapporttillfälle"),
        on_delete=models.PROTECT,
        related_name="control_results",
    )
    checked_by = models.ForeignKey(
        Person,
        verbose_name=_("kontrollerad av"),
        on_delete=models.PROTECT,
        related_name="control_results",
    )
    checked_on = models.DateField(_("kontrollerad datum"))
    outcome = models.CharField(_("kontrollen"), max_length=10, choices=Outcome.choices)
    extent = models.CharField(
        _("urval och omfattning"),
        max_length=255,
        blank=True,
        help_text=_("Till exempel: 40 slumpvis valda fakturor från januari–juni."),
    )
    findings = models.TextField(_("resultat och iakttagelser"))

    class Meta:
        verbose_name = _("kontrollresultat")
        verbose_name_plural = _("kontrollresultat")
        ordering = ["period__end_date", "point"]
        constraints = [
            models.UniqueConstraint(fields=["point", "period"], name="unique_result_per_occasion"),
        ]

    def __str__(self) -> str:
        return f"{self.point} – {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("control:result", args=[self.pk])

    @property
    def owner_body(self) -> Body:
        return self.point.plan.body

    def clean(self) -> None:
        if self.checked_on and self.checked_on > timezone.localdate():
            raise ValidationError({"checked_on": _("Kontrollen kan inte vara gjord i framtiden.")})


class Deviation(DomainModel):
    """A deviation a control found: what was wrong, and how serious it is."""

    class Severity(models.IntegerChoices):
        MINOR = 1, _("mindre")
        SIGNIFICANT = 2, _("betydande")
        SERIOUS = 3, _("allvarlig")

    result = models.ForeignKey(
        ControlResult,
        verbose_name=_("kontrollresultat"),
        on_delete=models.CASCADE,
        related_name="deviations",
    )
    description = models.TextField(_("avvikelse"))
    severity = models.PositiveSmallIntegerField(_("allvarlighet"), choices=Severity.choices)

    class Meta:
        verbose_name = _("avvikelse")
        verbose_name_plural = _("avvikelser")
        ordering = ["-severity", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("control:result", args=[self.result_id]) + f"#avvikelse-{self.pk}"

    @property
    def owner_body(self) -> Body:
        return self.result.point.plan.body

    @property
    def severity_css(self) -> str:
        return {1: "status-yellow", 2: "status-yellow", 3: "status-red"}[int(self.severity)]


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.exclude(status=Action.Status.DONE)

    def overdue(self, today: dt.date | None = None) -> ActionQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def from_control(self) -> ActionQuerySet:
        return self.filter(deviation__isnull=False)


class Action(DomainModel):
    """An åtgärd with an owner and a due date, followed up until done.

    It answers exactly one of: a deviation from a control, an auditor's recommendation, or
    kommunstyrelsen's evaluation of the internal control. ``body`` is the nämnd that owns it.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planerad")
        IN_PROGRESS = "in_progress", _("pågår")
        DONE = "done", _("genomförd")

    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="control_actions"
    )
    deviation = models.ForeignKey(
        Deviation,
        verbose_name=_("avvikelse"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    recommendation = models.ForeignKey(
        "control.Recommendation",
        verbose_name=_("rekommendation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    evaluation = models.ForeignKey(
        "control.Evaluation",
        verbose_name=_("utvärdering"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("åtgärd"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    owner = models.ForeignKey(
        Person, verbose_name=_("ansvarig"), on_delete=models.PROTECT, related_name="control_actions"
    )
    due_on = models.DateField(_("klar senast"))
    status = models.CharField(
        _("läge"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("genomförd datum"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(deviation__isnull=False, recommendation__isnull=True, evaluation__isnull=True)
                    | Q(
                        deviation__isnull=True,
                        recommendation__isnull=False,
                        evaluation__isnull=True,
                    )
                    | Q(
                        deviation__isnull=True,
                        recommendation__isnull=True,
                        evaluation__isnull=False,
                    )
                ),
                name="action_answers_exactly_one",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("control:action", args=[self.pk])

    @property
    def owner_body(self) -> Body:
        return self.body

    @property
    def origin(self) -> models.Model:
        """What the action answers: a deviation, a recommendation or an evaluation."""
        origin = self.deviation or self.recommendation or self.evaluation
        assert origin is not None
        return origin

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_on < (today or timezone.localdate())

    def state_css(self, today: dt.date | None = None) -> str:
        if self.is_done:
            return "status-green"
        return "status-red" if self.is_overdue(today) else "status-none"

    @transaction.atomic
    def follow_up(
        self, *, status: str, comment: str, by: Person | None, on: dt.date | None = None
    ) -> ActionFollowUp:
        """Record how the action is going; the action takes the follow-up's status."""
        day = on or timezone.localdate()
        follow_up = ActionFollowUp(
            action=self, status=status, comment=comment, author=by, written_on=day
        )
        follow_up.full_clean()
        follow_up.save()
        self.status = status
        self.done_on = day if status == self.Status.DONE else None
        self.save()
        return follow_up


class ActionFollowUp(DomainModel):
    """One follow-up of an action: its status on a day, and what has been done."""

    action = models.ForeignKey(
        Action, verbose_name=_("åtgärd"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    written_on = models.DateField(_("datum"), default=timezone.localdate)
    status = models.CharField(_("läge"), max_length=12, choices=Action.Status.choices)
    comment = models.TextField(_("kommentar"))
    author = models.ForeignKey(
        Person,
        verbose_name=_("uppföljd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_follow_ups",
    )

    class Meta:
        verbose_name = _("uppföljning av åtgärd")
        verbose_name_plural = _("uppföljningar av åtgärder")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.written_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()

    @property
    def owner_body(self) -> Body:
        return self.action.body
