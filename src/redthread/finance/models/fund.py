"""The social investment fund (seed 2.6.2): early, preventive work for target groups.

Not an investment in the accounting sense: costs land in the operating accounts in the
year the work is done. Money comes in when KF earmarks part of a surplus in the
balanskravsutredning.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.organisation.models import Decision, Municipality, Unit


class SocialInvestmentFund(DomainModel):
    """The fund and its balance: opening balance plus earmarked surpluses minus granted budgets."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="social_investment_fund",
    )
    name = models.CharField(_("namn"), max_length=120, default="Social investeringsfond")
    purpose = models.TextField(_("syfte"), blank=True)
    opening_balance = models.BigIntegerField(_("ingående kapital"), default=0)
    established_by = models.ForeignKey(
        Decision,
        verbose_name=_("inrättad genom beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("social investeringsfond")
        verbose_name_plural = _("sociala investeringsfonder")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:fund")

    def earmarked(self) -> int:
        from redthread.finance.models.balance import BalanceRequirement

        total = BalanceRequirement.objects.filter(municipality_id=self.municipality_id).aggregate(
            total=Sum("fund_earmark")
        )["total"]
        return int(total or 0)

    def granted(self, exclude_pk: int | None = None) -> int:
        apps = self.applications.filter(
            state__in=[FundApplication.State.APPROVED, FundApplication.State.COMPLETED]
        )
        if exclude_pk:
            apps = apps.exclude(pk=exclude_pk)
        return int(apps.aggregate(total=Sum("budget"))["total"] or 0)

    def charged(self) -> int:
        total = FundCost.objects.filter(application__fund=self).aggregate(total=Sum("amount"))
        return int(total["total"] or 0)

    def capital(self) -> int:
        return self.opening_balance + self.earmarked()

    def available(self) -> int:
        """What can still be granted: capital minus every approved application's budget."""
        return self.capital() - self.granted()


class FundApplication(DomainModel):
    """An application to the fund: target group, expected effect, budget and period."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("inkommen")
        APPROVED = "approved", _("beviljad")
        REJECTED = "rejected", _("avslagen")
        COMPLETED = "completed", _("avslutad")

    fund = models.ForeignKey(
        SocialInvestmentFund,
        verbose_name=_("fond"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField(_("insats"), max_length=200)
    applicant = models.ForeignKey(
        Unit, verbose_name=_("sökande förvaltning"), on_delete=models.PROTECT, related_name="+"
    )
    target_group = models.CharField(_("målgrupp"), max_length=200)
    expected_effect = models.TextField(_("förväntad effekt"))
    budget = models.BigIntegerField(_("sökt belopp"))
    start_year = models.PositiveSmallIntegerField(_("från år"))
    end_year = models.PositiveSmallIntegerField(_("till år"))
    state = models.CharField(
        _("läge"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = models.DateField(_("inkom"), default=dt.date.today)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("ansökan till social investeringsfond")
        verbose_name_plural = _("ansökningar till social investeringsfond")
        ordering = ["-submitted_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("finance:fund_application", args=[self.pk])

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _t("Insatsen kan inte sluta före sitt startår.")})
        if self.budget is not None and self.budget <= 0:
            raise ValidationError({"budget": _t("Ange ett belopp större än 0 kr.")})

    def charged(self) -> int:
        return int(self.costs.aggregate(total=Sum("amount"))["total"] or 0)

    def decide(self, *, approve: bool, decision: Decision) -> None:
        """Approve within what the fund has left, or reject; either cites the decision."""
        if self.state != self.State.SUBMITTED:
            raise ValidationError(_t("Ansökan är redan avgjord."))
        with transaction.atomic():
            fund = SocialInvestmentFund.objects.select_for_update().get(pk=self.fund_id)
            if approve:
                available = fund.capital() - fund.granted(exclude_pk=self.pk)
                if self.budget > available:
                    raise ValidationError(
                        _t(
                            "Fonden har %(available)s att bevilja; ansökan gäller %(budget)s. "
                            "Bevilja ett lägre belopp eller avslå."
                        )
                        % {"available": kr(available), "budget": kr(self.budget)}
                    )
            self.state = self.State.APPROVED if approve else self.State.REJECTED
            self.decision = decision
            self.save()
            fund.save()


class FundCost(DomainModel):
    """A cost of a granted insats, charged in the year the work was done."""

    application = models.ForeignKey(
        FundApplication, verbose_name=_("insats"), on_delete=models.PROTECT, related_name="costs"
    )
    year = models.PositiveSmallIntegerField(_("år då arbetet utfördes"))
    amount = models.BigIntegerField(_("belopp"))
    description = models.CharField(_("avser"), max_length=200)

    class Meta:
        verbose_name = _("kostnad i insats")
        verbose_name_plural = _("kostnader i insatser")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.description} {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:fund_application", args=[self.application_id])

    def clean(self) -> None:
        app = self.application
        if app.state not in (FundApplication.State.APPROVED, FundApplication.State.COMPLETED):
            raise ValidationError(_t("Kostnader kan bara föras på en beviljad insats."))
        if not app.start_year <= self.year <= app.end_year:
            raise ValidationError(
                {
                    "year": _t(
                        "Insatsen pågår %(start)s–%(end)s; kostnaden hör till ett av de åren."
                    )
                    % {"start": app.start_year, "end": app.end_year}
                }
            )
        spent = int(app.costs.exclude(pk=self.pk).aggregate(total=Sum("amount"))["total"] or 0)
        if self.amount is not None and spent + self.amount > app.budget:
            raise ValidationError(
                {
                    "amount": _t(
                        "Insatsens beviljade belopp är %(budget)s och %(spent)s är redan "
                        "förbrukat; kostnaden ryms inte."
                    )
                    % {"budget": kr(app.budget), "spent": kr(spent)}
                }
            )
