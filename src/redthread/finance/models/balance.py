"""Balanskrav and the financial goals of god ekonomisk hushållning (DESIGN §4).

Balanskravsresultat = årets resultat − realisationsvinster ± undantag ± orealiserade
förluster i värdepapper = resultat efter balanskravsjusteringar; − reservation till /
+ disposition från resultatutjämningsreserven. A negative balanskravsresultat must be
restored within three years: deficits are tracked per year of origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.organisation.models import Decision, Municipality

RESTORATION_YEARS = 3


class BalanceRequirement(DomainModel):
    """The balanskravsutredning of one year."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    result = models.BigIntegerField(_("årets resultat"))
    realisation_gains = models.BigIntegerField(
        _("samtliga realisationsvinster"), default=0, help_text=_("Dras av.")
    )
    exceptions = models.BigIntegerField(
        _("realisationsvinster och -förluster enligt undantagsmöjlighet"),
        default=0,
        help_text=_("Läggs till (negativt belopp dras av)."),
    )
    unrealised_securities = models.BigIntegerField(
        _("orealiserade förluster och återföring i värdepapper"),
        default=0,
        help_text=_("Läggs till (negativt belopp dras av)."),
    )
    reserve_to_rur = models.BigIntegerField(
        _("reservering till resultatutjämningsreserv"), default=0
    )
    reserve_from_rur = models.BigIntegerField(
        _("disposition från resultatutjämningsreserv"), default=0
    )
    fund_earmark = models.BigIntegerField(
        _("öronmärkt till social investeringsfond"),
        default=0,
        help_text=_("Högst det positiva balanskravsresultatet."),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut (årsredovisningen)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("kommentar"), blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("balanskravsutredning")
        verbose_name_plural = _("balanskravsutredningar")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="unique_balance_requirement",
                violation_error_message=_("Året har redan en balanskravsutredning."),
            )
        ]

    def __str__(self) -> str:
        return _t("Balanskravsutredning %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("finance:balance_edit", args=[self.year])

    @property
    def adjusted_result(self) -> int:
        """Årets resultat efter balanskravsjusteringar."""
        return self.result - self.realisation_gains + self.exceptions + self.unrealised_securities

    @property
    def balance_result(self) -> int:
        """Balanskravsresultatet."""
        return self.adjusted_result - self.reserve_to_rur + self.reserve_from_rur

    def clean(self) -> None:
        errors = {}
        for name in ("realisation_gains", "reserve_to_rur", "reserve_from_rur", "fund_earmark"):
            if (getattr(self, name) or 0) < 0:
                errors[name] = _t("Ange beloppet som ett positivt tal.")
        if (
            self.result is not None
            and not errors
            and self.fund_earmark > max(0, self.balance_result)
        ):
            errors["fund_earmark"] = _t(
                "Bara en del av ett överskott kan öronmärkas: balanskravsresultatet är %(result)s."
            ) % {"result": kr(self.balance_result)}
        if errors:
            raise ValidationError(errors)


@dataclass
class Deficit:
    """A negative balanskravsresultat and how it has been restored, per year of origin."""

    year: int
    amount: int
    restored: list[tuple[int, int]] = field(default_factory=list)

    @property
    def deadline(self) -> int:
        return self.year + RESTORATION_YEARS

    @property
    def remaining(self) -> int:
        return self.amount - sum(amount for _year, amount in self.restored)

    def status(self, current_year: int) -> str:
        if self.remaining <= 0:
            return "restored"
        return "overdue" if current_year > self.deadline else "open"


def deficits(municipality: Municipality) -> list[Deficit]:
    """Every deficit since the first utredning, restored oldest first by later surpluses."""
    result: list[Deficit] = []
    for requirement in BalanceRequirement.objects.filter(municipality=municipality).order_by(
        "year"
    ):
        value = requirement.balance_result
        if value < 0:
            result.append(Deficit(year=requirement.year, amount=-value))
            continue
        surplus = value
        for deficit in result:
            if surplus <= 0:
                break
            take = min(surplus, deficit.remaining)
            if take > 0:
                deficit.restored.append((requirement.year, take))
                surplus -= take
    return result


class FinancialGoal(DomainModel):
    """A financial goal for god ekonomisk hushållning, decided by KF for a year."""

    class Metric(models.TextChoices):
        RESULT_SHARE = "result_share", _("resultat i procent av skatter och generella statsbidrag")
        NET_COST_SHARE = (
            "net_cost_share",
            _("verksamhetens nettokostnad i procent av skatter och generella statsbidrag"),
        )
        MANUAL = "manual", _("annat mått (utfall anges för hand)")

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", _("minst")
        AT_MOST = "lte", _("högst")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("mål"), max_length=200)
    metric = models.CharField(_("mått"), max_length=16, choices=Metric.choices)
    comparison = models.CharField(
        _("målet är"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target = models.DecimalField(_("målvärde"), max_digits=12, decimal_places=2)
    unit_label = models.CharField(_("enhet"), max_length=20, default="%")
    manual_actual = models.DecimalField(
        _("utfall (för annat mått)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("beslut i KF"), on_delete=models.PROTECT, related_name="+"
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("finansiellt mål")
        verbose_name_plural = _("finansiella mål")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("finance:goals", args=[self.year])

    def is_fulfilled(self, actual: Decimal | None) -> bool | None:
        if actual is None:
            return None
        if self.comparison == self.Comparison.AT_LEAST:
            return actual >= self.target
        return actual <= self.target
