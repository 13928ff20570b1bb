"""Forecasts per nämnd and verksamhet, per 30 April, 31 August and 31 October."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.finance.models.structure import ActivityCode
from redthread.organisation.models import Body


class Forecast(DomainModel):
    """A nämnd's forecast of its full-year net cost, as a whole or for one verksamhet.

    The avvikelse is totalbudget minus the forecast: positive is a forecast surplus.
    """

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="forecasts"
    )
    activity = models.ForeignKey(
        ActivityCode,
        verbose_name=_("verksamhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Lämna tomt för nämnden som helhet."),
    )
    amount = models.BigIntegerField(_("prognos för helåret (nettokostnad)"))
    comment = models.TextField(_("kommentar"), blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("prognos")
        verbose_name_plural = _("prognoser")
        ordering = ["period__end_date", "body__order", "activity__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "body"],
                condition=Q(activity__isnull=True),
                name="unique_forecast_body",
                violation_error_message=_("Nämnden har redan en prognos för perioden."),
            ),
            models.UniqueConstraint(
                fields=["period", "body", "activity"],
                condition=Q(activity__isnull=False),
                name="unique_forecast_activity",
                violation_error_message=_("Verksamheten har redan en prognos för perioden."),
            ),
        ]

    def __str__(self) -> str:
        what = self.activity.name if self.activity else self.body.label
        return f"{self.period.label}: {what} {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:forecast_edit", args=[self.period_id, self.body_id])
