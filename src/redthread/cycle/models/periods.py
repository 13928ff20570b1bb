"""Reporting periods: the rounds in which goals and finances are followed up.

Per the seed (2.2.2): a simple month report to KS every month except January and July,
bokslutsprognoser per 30 April, 31 August and 31 October, the delårsrapport per 31 August
and the bokslut per 31 December. The årshjul generates the periods of a year; a period is
open for reporting, then closed (read-only for everyone), and finally locked. Reopening a
closed period is itself a recorded decision.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.workdays import last_day_of_month
from redthread.organisation.models import Decision, Municipality

MONTH_NAMES = [
    _("januari"),
    _("februari"),
    _("mars"),
    _("april"),
    _("maj"),
    _("juni"),
    _("juli"),
    _("augusti"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
]


class PeriodClosed(ValidationError):
    """A write into a closed or locked period."""


class ReportingPeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def for_year(self, year: int) -> ReportingPeriodQuerySet:
        return self.filter(year=year)

    def open(self) -> ReportingPeriodQuerySet:
        return self.filter(state=ReportingPeriod.State.OPEN)

    def writable(self) -> ReportingPeriodQuerySet:
        return self.filter(state__in=[ReportingPeriod.State.PLANNED, ReportingPeriod.State.OPEN])

    def closed(self) -> ReportingPeriodQuerySet:
        return self.filter(state__in=[ReportingPeriod.State.CLOSED, ReportingPeriod.State.LOCKED])

    def latest_closed(self) -> ReportingPeriod | None:
        return self.closed().order_by("-end_date", "-kind").first()


class ReportingPeriod(DomainModel):
    """One reporting round: a month report, a forecast, the delår or the helår."""

    class Kind(models.TextChoices):
        MONTH = "month", _("månadsrapport")
        FORECAST = "forecast", _("prognos")
        INTERIM = "interim", _("delår")
        ANNUAL = "annual", _("helår")

    class State(models.TextChoices):
        PLANNED = "planned", _("kommande")
        OPEN = "open", _("öppen")
        CLOSED = "closed", _("stängd")
        LOCKED = "locked", _("låst")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    end_date = models.DateField(_("avser perioden till och med"))
    opens_on = models.DateField(_("öppnar för rapportering"))
    due_on = models.DateField(_("sista dag att rapportera"))
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.PLANNED)
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True, editable=False)
    reopened_by = models.ForeignKey(
        Decision,
        verbose_name=_("återöppnad genom beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reopened_periods",
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportperiod")
        verbose_name_plural = _("rapportperioder")
        ordering = ["end_date", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "end_date"], name="unique_period_kind_end"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        values = {"month": MONTH_NAMES[self.end_date.month - 1], "year": self.year}
        if self.kind == self.Kind.MONTH:
            return _("Månadsrapport %(month)s %(year)s") % values
        if self.kind == self.Kind.FORECAST:
            return _("Prognos %(month)s %(year)s") % values
        if self.kind == self.Kind.INTERIM:
            return _("Delår %(year)s") % values
        return _("Helår %(year)s") % values

    @property
    def key(self) -> str:
        """A stable key: ``2026-08-delar``, ``2026-03-manad``."""
        suffix = {"month": "manad", "forecast": "prognos", "interim": "delar", "annual": "helar"}
        return f"{self.end_date:%Y-%m}-{suffix[self.kind]}"

    def get_absolute_url(self) -> str:
        return reverse("cycle:period", args=[self.pk])

    @property
    def is_writable(self) -> bool:
        return self.state in (self.State.PLANNED, self.State.OPEN)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == self.State.OPEN and today > self.due_on

    def ensure_writable(self) -> None:
        """Raise ``PeriodClosed`` when the period no longer takes writes."""
        if not self.is_writable:
            raise PeriodClosed(
                _(
                    "Perioden %(period)s är stängd och kan inte ändras. Kvalitetsstrategen kan "
                    "öppna den igen med stöd av ett beslut."
                )
                % {"period": self.label}
            )

    def open(self) -> None:
        if self.state != self.State.PLANNED:
            raise ValidationError(_("Bara en kommande period kan öppnas."))
        self.state = self.State.OPEN
        self.save()

    def close(self) -> None:
        """Make the period read-only: its follow-ups, actuals and targets can no longer change."""
        if self.state not in (self.State.PLANNED, self.State.OPEN):
            raise ValidationError(_("Perioden är redan stängd."))
        self.state = self.State.CLOSED
        self.closed_at = timezone.now()
        self.save()

    def lock(self) -> None:
        """Final: a locked period is never reopened (its report has gone to KF)."""
        if self.state != self.State.CLOSED:
            raise ValidationError(_("Bara en stängd period kan låsas."))
        self.state = self.State.LOCKED
        self.save()

    def reopen(self, decision: Decision, reason: str = "") -> None:
        """Open a closed period again; the decision that allows it is recorded with it."""
        if self.state == self.State.LOCKED:
            raise ValidationError(_("En låst period kan inte öppnas igen."))
        if self.state != self.State.CLOSED:
            raise ValidationError(_("Bara en stängd period kan öppnas igen."))
        with transaction.atomic():
            self.state = self.State.OPEN
            self.closed_at = None
            self.reopened_by = decision
            self._change_reason = reason or str(decision)
            self.save()


def month_end(year: int, month: int) -> dt.date:
    return last_day_of_month(year, month)
