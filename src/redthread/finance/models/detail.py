"""The detail budget per ansvar, verksamhet, konto and month, and the capital budget."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.finance.models.budget import MONTH_FIELDS, BudgetYear, money
from redthread.finance.models.structure import (
    Account,
    ActivityCode,
    ProjectCode,
    ResponsibilityCode,
)
from redthread.organisation.models import Body, Decision


class BudgetLine(DomainModel):
    """Detaljbudget: one ansvar, verksamhet and konto with an amount per month.

    Costs are positive and revenues negative, as in the ledger, so that a nämnd's lines
    sum to its net cost and can be matched against its totalbudget.
    """

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="lines"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="detail_lines"
    )
    responsibility = models.ForeignKey(
        ResponsibilityCode, verbose_name=_("ansvar"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        ActivityCode, verbose_name=_("verksamhet"), on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        Account, verbose_name=_("konto"), on_delete=models.PROTECT, related_name="+"
    )
    m01 = money(_("januari"), default=0)
    m02 = money(_("februari"), default=0)
    m03 = money(_("mars"), default=0)
    m04 = money(_("april"), default=0)
    m05 = money(_("maj"), default=0)
    m06 = money(_("juni"), default=0)
    m07 = money(_("juli"), default=0)
    m08 = money(_("augusti"), default=0)
    m09 = money(_("september"), default=0)
    m10 = money(_("oktober"), default=0)
    m11 = money(_("november"), default=0)
    m12 = money(_("december"), default=0)

    class Meta:
        verbose_name = _("rad i detaljbudget")
        verbose_name_plural = _("rader i detaljbudget")
        ordering = ["responsibility__code", "activity__code", "account__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "responsibility", "activity", "account"],
                name="unique_budget_line",
                violation_error_message=_(
                    "Det finns redan en rad för samma ansvar, verksamhet och konto."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.responsibility.code}/{self.activity.code}/{self.account.number}"

    def get_absolute_url(self) -> str:
        return reverse("finance:detail", args=[self.budget_year.year, self.body_id])

    @property
    def months(self) -> list[int]:
        return [getattr(self, name) for name in MONTH_FIELDS]

    @property
    def total(self) -> int:
        return sum(self.months)

    def to_month(self, month: int) -> int:
        return sum(self.months[:month])


class CapitalBudget(DomainModel):
    """Investeringsbudget: an investment project's budget for the budget year or a plan year."""

    budget_year = models.ForeignKey(
        BudgetYear,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="capital_budgets",
    )
    project = models.ForeignKey(
        ProjectCode, verbose_name=_("projekt"), on_delete=models.PROTECT, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = money(_("investeringsutgift"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("investeringsbudget")
        verbose_name_plural = _("investeringsbudgetar")
        ordering = ["project__code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "project", "year"], name="unique_capital_budget"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}: {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:capital", args=[self.budget_year.year])
