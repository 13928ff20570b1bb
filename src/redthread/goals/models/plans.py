"""Verksamhetsplaner and their aktiviteter: what förvaltningar and enheter do towards the åtaganden.

Activities are planned by the administration, not decided politically (seed 2.1).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.goals.models.structure import Commitment, YearScoped
from redthread.organisation.models import Person, Unit


class OperationalPlan(DomainModel):
    """A unit's verksamhetsplan for a year: the activities it will carry out."""

    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        ADOPTED = "adopted", _("fastställd")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.DRAFT)
    summary = models.TextField(_("inledning"), blank=True)

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["year", "unit__order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unique_plan_unit_year")
        ]

    def __str__(self) -> str:
        return _("Verksamhetsplan %(year)s, %(unit)s") % {"year": self.year, "unit": self.unit}

    def get_absolute_url(self) -> str:
        return reverse("goals:plan", args=[self.unit_id, self.year])


class ActivityQuerySet(models.QuerySet["Activity"]):
    def unfinished(self) -> ActivityQuerySet:
        return self.exclude(state__in=[Activity.State.DONE, Activity.State.CANCELLED])


class Activity(YearScoped):
    """An aktivitet in a verksamhetsplan that serves an åtagande."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planerad")
        ONGOING = "ongoing", _("pågår")
        DONE = "done", _("genomförd")
        POSTPONED = "postponed", _("senarelagd")
        CANCELLED = "cancelled", _("avbruten")

    plan = models.ForeignKey(
        OperationalPlan,
        verbose_name=_("verksamhetsplan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="activities"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("åtagande"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("aktivitet"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("klart"), null=True, blank=True)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("genomfört (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["year", "start", "title"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:activity", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Slutdatum kan inte vara före startdatum.")
        if self.state == self.State.DONE and self.progress < 100:
            self.progress = 100
        if self.plan_id and self.unit_id and self.plan.unit_id != self.unit_id:
            errors["unit"] = _("Aktiviteten ska ligga i enhetens egen verksamhetsplan.")
        if self.commitment_id and self.year and self.commitment.year != self.year:
            errors["commitment"] = _("Välj ett åtagande för samma år som aktiviteten.")
        if errors:
            raise ValidationError(errors)
