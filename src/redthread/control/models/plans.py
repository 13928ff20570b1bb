"""Internkontrollplaner: each nämnd's plan for a year and its control points.

Per the seed (2.5) and DESIGN §4: the nämnd decides its plan (a ``Decision``) by the end of
January of the year; a plan not decided by then is late, wherever it is shown. Kommunstyrelsen
decides two common control points each year; they are placed in every nämnd's plan
automatically and reported to KS twice a year (delår and helår). The förvaltning reports
the results to the nämnd, which reports to KS (``ControlReport``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.control.models.risks import Risk
from redthread.control.models.settings import ControlSettings
from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.organisation.models import Body, Decision, Municipality, Person

# The periods in which common control points reach kommunstyrelsen: twice a year.
COMMON_REPORT_KINDS = (ReportingPeriod.Kind.INTERIM, ReportingPeriod.Kind.ANNUAL)


def bodies_with_control(municipality: Municipality) -> models.QuerySet[Body]:
    """The nämnder that keep an internkontrollplan: kommunstyrelsen and the own nämnder.

    Utskott work under their nämnd's plan; a joint nämnd hosted by another municipality and
    another municipality's nämnd belong to that municipality's internal control.
    """
    return Body.objects.filter(
        municipality=municipality,
        kind__in=[Body.Kind.EXECUTIVE_BOARD, Body.Kind.COMMITTEE],
        external_municipality="",
        joint_host="",
    )


def report_periods_for(
    municipality: Municipality, year: int, *, create: bool = True
) -> list[ReportingPeriod]:
    """The delår and helår of the year: when common points reach KS, and the default for others.

    With ``create`` the year's reporting periods are made if they do not exist yet.
    """
    if create:
        ensure_periods(municipality, year)
    return list(
        ReportingPeriod.objects.filter(
            municipality=municipality, year=year, kind__in=COMMON_REPORT_KINDS
        )
    )


class Frequency(models.TextChoices):
    """How often a control point is checked."""

    YEARLY = "yearly", _("en gång per år")
    HALF_YEARLY = "half_yearly", _("två gånger per år")
    QUARTERLY = "quarterly", _("varje kvartal")
    MONTHLY = "monthly", _("varje månad")
    CONTINUOUS = "continuous", _("löpande")


class PlanStatus(models.TextChoices):
    """Where a nämnd's plan stands against the deadline; late is late wherever it shows."""

    DECIDED = "decided", _("beslutad i tid")
    DECIDED_LATE = "decided_late", _("beslutad för sent")
    LATE = "late", _("inte beslutad – försenad")
    DRAFT = "draft", _("utkast, inte beslutad")
    MISSING = "missing", _("inte upprättad")

    @property
    def is_late(self) -> bool:
        return self in (PlanStatus.DECIDED_LATE, PlanStatus.LATE)

    @property
    def css(self) -> str:
        return {
            PlanStatus.DECIDED: "status-green",
            PlanStatus.DECIDED_LATE: "status-yellow",
            PlanStatus.LATE: "status-red",
        }.get(self, "status-none")


def plan_status(
    plan: ControlPlan | None, deadline: dt.date, today: dt.date | None = None
) -> PlanStatus:
    """The status of a (possibly missing) plan against the deadline for deciding it."""
    today = today or timezone.localdate()
    if plan is not None and plan.decision is not None:
        return PlanStatus.DECIDED if plan.decision.date <= deadline else PlanStatus.DECIDED_LATE
    if today > deadline:
        return PlanStatus.LATE
    return PlanStatus.DRAFT if plan is not None else PlanStatus.MISSING


class CommonControlPoint(DomainModel):
    """A control point kommunstyrelsen decides for every nämnd's plan of a year (seed 2.5)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="common_control_points",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("kommunstyrelsens beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="common_control_points",
    )
    title = models.CharField(_("kontrollmoment"), max_length=200)
    description = models.TextField(_("vad kontrolleras"), blank=True)
    method = models.TextField(_("kontrollmetod"))
    frequency = models.CharField(
        _("frekvens"), max_length=12, choices=Frequency.choices, default=Frequency.HALF_YEARLY
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=1)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("gemensamt kontrollmoment")
        verbose_name_plural = _("gemensamma kontrollmoment")
        ordering = ["year", "order", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("control:common") + f"?ar={self.year}"

    def clean(self) -> None:
        if self.decision is not None and self.decision.body.kind != Body.Kind.EXECUTIVE_BOARD:
            raise ValidationError({"decision": _("Välj ett beslut av kommunstyrelsen.")})
        if self._state.adding and self.municipality_id:
            allowed = ControlSettings.for_municipality(self.municipality).common_points_per_year
            existing = CommonControlPoint.objects.filter(
                municipality_id=self.municipality_id, year=self.year
            ).count()
            if existing >= allowed:
                raise ValidationError(
                    _(
                        "Kommunstyrelsen beslutar %(count)s gemensamma kontrollmoment per år och "
                        "%(year)s har redan så många. Ändra ett av dem i stället."
                    )
                    % {"count": allowed, "year": self.year}
                )

    @transaction.atomic
    def distribute(self) -> int:
        """Place this point in every nämnd's plan of the year, creating plans that are missing.

        Returns the number of plans that hold the point. Running it again updates the copies
        (what, method, frequency) and leaves each nämnd's own choice of responsible alone.
        """
        periods = report_periods_for(self.municipality, self.year)
        count = 0
        for body in bodies_with_control(self.municipality):
            plan, _created = ControlPlan.objects.get_or_create(body=body, year=self.year)
            plan.take_common_point(self, periods)
            count += 1
        return count


class ControlPlanQuerySet(models.QuerySet["ControlPlan"]):
    def for_year(self, year: int) -> ControlPlanQuerySet:
        return self.filter(year=year)


class ControlPlan(DomainModel):
    """A nämnd's internkontrollplan for a year, decided by the nämnd (seed 2.5)."""

    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="control_plans"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("nämndens beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_plans",
    )
    summary = models.TextField(_("inledning"), blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ControlPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("internkontrollplan")
        verbose_name_plural = _("internkontrollplaner")
        ordering = ["-year", "body__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                name="unique_control_plan_year",
                violation_error_message=_(
                    "Nämnden har redan en internkontrollplan för året. Öppna den i stället."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Internkontrollplan %(year)s, %(body)s") % {"year": self.year, "body": self.body}
        )

    def get_absolute_url(self) -> str:
        return reverse("control:plan", args=[self.pk])

    @property
    def owner_body(self) -> Body:
        return self.body

    def status(self, settings: ControlSettings, today: dt.date | None = None) -> PlanStatus:
        return plan_status(self, settings.plan_deadline(self.year), today)

    def decide(self, decision: Decision) -> None:
        """Record the nämnd's decision on the plan; the decision must be the nämnd's own."""
        if decision.body_id != self.body_id:
            raise ValidationError(
                _("Beslutet måste vara fattat av %(body)s.") % {"body": self.body}
            )
        self.decision = decision
        self.save()

    def take_common_points(self) -> None:
        """Copy the year's common control points into this plan (a new plan gets them too)."""
        commons = list(
            CommonControlPoint.objects.filter(
                municipality_id=self.body.municipality_id, year=self.year
            )
        )
        if commons:
            periods = report_periods_for(self.body.municipality, self.year)
            for common in commons:
                self.take_common_point(common, periods)

    def take_common_point(self, common: CommonControlPoint, periods: list[ReportingPeriod]) -> None:
        values: dict[str, Any] = {
            "title": common.title,
            "description": common.description,
            "method": common.method,
            "frequency": common.frequency,
            "order": common.order,
        }
        point = self.points.filter(common_source=common).first()
        if point is None:
            point = ControlPoint.objects.create(plan=self, common_source=common, **values)
        elif any(getattr(point, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(point, key, value)
            point.save()
        if set(point.report_periods.values_list("pk", flat=True)) != {p.pk for p in periods}:
            point.report_periods.set(periods)


class ControlPoint(DomainModel):
    """A kontrollmoment: what is checked, by which method, how often, by whom, reported when."""

    Frequency = Frequency

    plan = models.ForeignKey(
        ControlPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="points"
    )
    common_source = models.ForeignKey(
        CommonControlPoint,
        verbose_name=_("gemensamt kontrollmoment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        editable=False,
    )
    risk = models.ForeignKey(
        Risk,
        verbose_name=_("risk som kontrolleras"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="control_points",
    )
    title = models.CharField(_("kontrollmoment"), max_length=200)
    description = models.TextField(_("vad kontrolleras"), blank=True)
    method = models.TextField(_("kontrollmetod"))
    frequency = models.CharField(_("frekvens"), max_length=12, choices=Frequency.choices)
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="control_points",
    )
    report_periods = models.ManyToManyField(
        ReportingPeriod,
        verbose_name=_("rapporteras"),
        related_name="control_points",
        help_text=_("De rapporttillfällen då resultatet redovisas till nämnden."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=10)

    class Meta:
        verbose_name = _("kontrollmoment")
        verbose_name_plural = _("kontrollmoment")
        # The nämnd's own points first, then kommunstyrelsen's common ones, on every database.
        ordering = ["plan", F("common_source").asc(nulls_first=True), "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "common_source"],
                condition=Q(common_source__isnull=False),
                name="unique_common_point_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("control:point", args=[self.pk])

    @property
    def owner_body(self) -> Body:
        return self.plan.body

    @property
    def is_common(self) -> bool:
        return self.common_source_id is not None

    def clean(self) -> None:
        if self.risk is not None and self.plan_id and self.risk.body_id != self.plan.body_id:
            raise ValidationError({"risk": _("Välj en risk som hör till nämnden.")})


class ControlReport(DomainModel):
    """A plan's report for one reporting period: the förvaltning to the nämnd, the nämnd to KS."""

    class Stage(models.TextChoices):
        DRAFT = "draft", _("förvaltningen sammanställer")
        TO_BODY = "to_body", _("överlämnad till nämnden")
        TO_KS = "to_ks", _("rapporterad till kommunstyrelsen")

    plan = models.ForeignKey(
        ControlPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("rapportperiod"),
        on_delete=models.PROTECT,
        related_name="control_reports",
    )
    summary = models.TextField(_("förvaltningens sammanfattning"), blank=True)
    stage = models.CharField(_("läge"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    submitted_on = models.DateField(_("överlämnad till nämnden"), null=True, blank=True)
    body_decision = models.ForeignKey(
        Decision,
        verbose_name=_("nämndens beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_reports",
    )
    reported_on = models.DateField(_("rapporterad till kommunstyrelsen"), null=True, blank=True)

    class Meta:
        verbose_name = _("internkontrollrapport")
        verbose_name_plural = _("internkontrollrapporter")
        ordering = ["plan", "period__end_date"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="unique_control_report"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("control:report", args=[self.plan_id, self.period_id])

    @property
    def owner_body(self) -> Body:
        return self.plan.body

    def submit_to_body(self, today: dt.date | None = None) -> None:
        """The förvaltning hands the report to the nämnd."""
        if self.stage != self.Stage.DRAFT:
            raise ValidationError(_("Rapporten är redan överlämnad till nämnden."))
        if not self.summary.strip():
            raise ValidationError(
                _("Skriv förvaltningens sammanfattning innan rapporten lämnas till nämnden.")
            )
        self.stage = self.Stage.TO_BODY
        self.submitted_on = today or timezone.localdate()
        self.save()

    def report_to_ks(self, decision: Decision, today: dt.date | None = None) -> None:
        """The nämnd has dealt with the report (``decision``) and reports it to kommunstyrelsen."""
        if self.stage != self.Stage.TO_BODY:
            raise ValidationError(_("Förvaltningen behöver först lämna rapporten till nämnden."))
        if decision.body_id != self.plan.body_id:
            raise ValidationError(
                _("Beslutet måste vara fattat av %(body)s.") % {"body": self.plan.body}
            )
        self.body_decision = decision
        self.stage = self.Stage.TO_KS
        self.reported_on = today or timezone.localdate()
        self.save()
