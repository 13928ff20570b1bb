"""The budget: budget year with plan years, frames, changes with decisions, detail budget.

Totalbudget is never stored: it is årsbudget plus every tilläggsanslag, omdisponering
and tilläggsbudget, each a ``BudgetChange`` that cites the decision allowing it (seed
2.6.1, DESIGN §4).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.finance.models.structure import (
    ActivityCode,
    ResponsibilityCode,
)
from redthread.organisation.models import Body, Decision, Municipality

PLAN_YEARS = 3
MONTH_FIELDS = [f"m{m:02d}" for m in range(1, 13)]


def money(verbose_name: Any, **kwargs: Any) -> models.BigIntegerField[Any, Any]:
    """Whole kronor."""
    return models.BigIntegerField(verbose_name, **kwargs)


class BudgetYear(DomainModel):
    """A budget year and its three plan years, with the central items of mål och budget."""

    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        PRELIMINARY = "preliminary", _("preliminära ramar beslutade (juni)")
        DECIDED = "decided", _("budget beslutad (november)")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("budgetår"))
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.DRAFT)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut om mål och budget"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tax_rate = models.DecimalField(
        _("skattesats (kr per 100 kr)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    tax_revenue = money(_("skatteintäkter"), default=0)
    general_grants = money(_("generella statsbidrag och utjämning"), default=0)
    financial_net = money(
        _("finansnetto"), default=0, help_text=_("Finansiella intäkter minus kostnader.")
    )
    central_costs = money(
        _("gemensamma kostnader utanför nämnderna"),
        default=0,
        help_text=_("Till exempel pensioner och kalkylerad kapitalkostnad som inte fördelats."),
    )
    premises_appropriation = money(_("anslag för lokalanpassning"), default=0)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("budgetår")
        verbose_name_plural = _("budgetår")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="unique_budget_year",
                violation_error_message=_("Budgetåret finns redan."),
            )
        ]

    def __str__(self) -> str:
        return _t("Budget %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("finance:budget", args=[self.year])

    @property
    def plan_years(self) -> list[int]:
        return [self.year + i for i in range(1, PLAN_YEARS + 1)]

    @property
    def years(self) -> list[int]:
        return [self.year, *self.plan_years]

    @property
    def revenue(self) -> int:
        return int(self.tax_revenue + self.general_grants)

    def total_budgets(self) -> dict[int, int]:
        """Totalbudget per nämnd (body id): the sum of every change of the year."""
        rows = (
            BudgetChangeLine.objects.filter(change__budget_year=self)
            .values("body_id")
            .annotate(total=Sum("amount"))
        )
        return {row["body_id"]: int(row["total"] or 0) for row in rows}

    def total_budget(self, body: Body) -> int:
        total = BudgetChangeLine.objects.filter(change__budget_year=self, body=body).aggregate(
            total=Sum("amount")
        )["total"]
        return int(total or 0)

    def frames(self) -> dict[tuple[int, int], int]:
        """Driftram per (body id, year) for the budget year and plan years."""
        return {(f.body_id, f.year): f.amount for f in self.operating_frames.all()}

    def budgeted_result(self) -> int:
        """Skatter och bidrag plus finansnetto minus nämndernas totalbudget och gemensamma kostnader."""
        totals = self.total_budgets()
        if totals:
            net_costs = sum(totals.values())
        else:  # before the årsbudget is adopted: the budget year's frames
            net_costs = sum(f.amount for f in self.operating_frames.filter(year=self.year))
        return int(self.revenue + self.financial_net - net_costs - self.central_costs)

    def reserve_or_none(self) -> UnallocatedReserve | None:
        return UnallocatedReserve.objects.filter(budget_year=self).first()

    def adopt_frames(self, decision: Decision) -> BudgetChange:
        """Årsbudget per nämnd from the budget year's frames, citing KF's decision."""
        if self.changes.filter(kind=BudgetChange.Kind.ANNUAL).exists():
            raise ValidationError(_t("Årsbudgeten för året är redan fastställd."))
        frames = [f for f in self.operating_frames.filter(year=self.year).select_related("body")]
        if not frames:
            raise ValidationError(_t("Det finns inga driftramar för budgetåret att fastställa."))
        change = BudgetChange.book(
            budget_year=self,
            kind=BudgetChange.Kind.ANNUAL,
            decision=decision,
            title=_t("Årsbudget %(year)s") % {"year": self.year},
            lines=[ChangeLine(body=f.body, amount=f.amount) for f in frames],
        )
        for frame in frames:
            if frame.decision_id != decision.pk:
                frame.decision = decision
                frame.save()
        self.state = self.State.DECIDED
        self.decision = decision
        self.save()
        return change


class UnallocatedReserve(DomainModel):
    """Ofördelade anslag: the reserve that finances tilläggsanslag during the year."""

    budget_year = models.OneToOneField(
        BudgetYear, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="reserve"
    )
    amount = money(_("belopp"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ofördelade anslag")
        verbose_name_plural = _("ofördelade anslag")

    def __str__(self) -> str:
        return _t("Ofördelade anslag %(year)s") % {"year": self.budget_year.year}

    def get_absolute_url(self) -> str:
        return reverse("finance:budget", args=[self.budget_year.year])

    def drawn(self) -> int:
        total = BudgetChangeLine.objects.filter(
            change__budget_year_id=self.budget_year_id,
            change__kind=BudgetChange.Kind.SUPPLEMENTARY_APPROPRIATION,
        ).aggregate(total=Sum("amount"))["total"]
        return int(total or 0)

    def remaining(self) -> int:
        return int(self.amount) - self.drawn()

    def clean(self) -> None:
        if self.pk and self.amount < self.drawn():
            raise ValidationError(
                {
                    "amount": _t(
                        "Tilläggsanslag på %(drawn)s är redan beviljade ur reserven; beloppet "
                        "kan inte bli lägre än så."
                    )
                    % {"drawn": kr(self.drawn())}
                }
            )


class OperatingFrame(DomainModel):
    """Driftram: a nämnd's net cost frame for the budget year or a plan year."""

    budget_year = models.ForeignKey(
        BudgetYear,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="operating_frames",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="operating_frames"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = money(_("driftram (nettokostnad)"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("driftram")
        verbose_name_plural = _("driftramar")
        ordering = ["year", "body__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "body", "year"], name="unique_operating_frame"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.label} {self.year}: {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:budget", args=[self.budget_year.year])


@dataclass
class ChangeLine:
    """One leg of a budget change, before it is booked."""

    body: Body
    amount: int
    responsibility: ResponsibilityCode | None = None
    activity: ActivityCode | None = None
    comment: str = ""


class BudgetChange(DomainModel):
    """A decided change of the budget: årsbudget, tilläggsanslag, omdisponering, tilläggsbudget."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("årsbudget")
        SUPPLEMENTARY_APPROPRIATION = "appropriation", _("tilläggsanslag")
        REALLOCATION = "reallocation", _("omdisponering")
        SUPPLEMENTARY_BUDGET = "carry_over", _("tilläggsbudget")

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("budgetår"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    decision = models.ForeignKey(
        Decision, verbose_name=_("beslut"), on_delete=models.PROTECT, related_name="budget_changes"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("budgetförändring")
        verbose_name_plural = _("budgetförändringar")
        ordering = ["decision__date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("finance:change", args=[self.pk])

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines.all())

    @classmethod
    def book(
        cls,
        *,
        budget_year: BudgetYear,
        kind: str,
        decision: Decision,
        title: str,
        lines: Sequence[ChangeLine],
        description: str = "",
        is_illustrative: bool = False,
    ) -> BudgetChange:
        """Record a change and its legs, all or nothing, after checking the rules of its kind."""
        lines = [line for line in lines if line.amount]
        if not lines:
            raise ValidationError(_t("Ange minst ett belopp."))
        if decision.body.municipality_id != budget_year.municipality_id:
            raise ValidationError(_t("Beslutet hör till en annan kommun."))
        for line in lines:
            if line.body.municipality_id != budget_year.municipality_id:
                raise ValidationError(_t("Nämnden hör till en annan kommun."))
        total = sum(line.amount for line in lines)
        with transaction.atomic():
            if kind == cls.Kind.REALLOCATION:
                if len(lines) < 2 or total != 0:
                    raise ValidationError(
                        _t(
                            "En omdisponering flyttar pengar och ska summera till 0 kr; nu "
                            "summerar raderna till %(total)s. Ange varifrån och vart beloppet "
                            "flyttas."
                        )
                        % {"total": kr(total)}
                    )
            elif kind == cls.Kind.SUPPLEMENTARY_APPROPRIATION:
                reserve = (
                    UnallocatedReserve.objects.select_for_update()
                    .filter(budget_year=budget_year)
                    .first()
                )
                if reserve is None:
                    raise ValidationError(
                        _t(
                            "Budgetåret har inga ofördelade anslag att ta tilläggsanslag från. "
                            "Ange reserven på budgetårets sida först."
                        )
                    )
                remaining = reserve.remaining()
                if total > remaining:
                    raise ValidationError(
                        _t(
                            "Tilläggsanslaget på %(total)s är större än det som finns kvar av "
                            "ofördelade anslag, %(remaining)s."
                        )
                        % {"total": kr(total), "remaining": kr(remaining)}
                    )
                reserve.save()  # a new version: a concurrent booking conflicts here
            elif kind == cls.Kind.SUPPLEMENTARY_BUDGET:
                rule = CarryOverRule.objects.filter(budget_year=budget_year).first()
                if rule is not None:
                    rule.check_lines(lines)
            elif kind == cls.Kind.ANNUAL:
                if budget_year.changes.filter(kind=cls.Kind.ANNUAL).exists():
                    raise ValidationError(_t("Årsbudgeten för året är redan fastställd."))
            else:
                raise ValidationError(_t("Okänd typ av budgetförändring."))
            change = cls.objects.create(
                budget_year=budget_year,
                kind=kind,
                decision=decision,
                title=title,
                description=description,
                is_illustrative=is_illustrative,
            )
            for line in lines:
                BudgetChangeLine.objects.create(
                    change=change,
                    body=line.body,
                    responsibility=line.responsibility,
                    activity=line.activity,
                    amount=line.amount,
                    comment=line.comment,
                )
        return change


class BudgetChangeLine(DomainModel):
    """One leg of a budget change: a nämnd (optionally an ansvar and verksamhet) and an amount."""

    change = models.ForeignKey(
        BudgetChange,
        verbose_name=_("budgetförändring"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    responsibility = models.ForeignKey(
        ResponsibilityCode,
        verbose_name=_("ansvar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    activity = models.ForeignKey(
        ActivityCode,
        verbose_name=_("verksamhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = money(_("belopp"))
    comment = models.CharField(_("kommentar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rad i budgetförändring")
        verbose_name_plural = _("rader i budgetförändringar")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.body.label}: {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:change", args=[self.change_id])


class CarryOverRule(DomainModel):
    """KF's criteria for tilläggsbudget: how much of last year's result follows a nämnd."""

    budget_year = models.OneToOneField(
        BudgetYear,
        verbose_name=_("budgetår som tar emot"),
        on_delete=models.CASCADE,
        related_name="carry_over_rule",
    )
    surplus_cap_percent = models.DecimalField(
        _("högst överskott, procent av budget"), max_digits=5, decimal_places=2, default=Decimal(2)
    )
    deficit_cap_percent = models.DecimalField(
        _("högst underskott, procent av budget"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(2),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut om kriterierna"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kriterier för tilläggsbudget")
        verbose_name_plural = _("kriterier för tilläggsbudget")

    def __str__(self) -> str:
        return _t("Kriterier för tilläggsbudget %(year)s") % {"year": self.budget_year.year}

    def get_absolute_url(self) -> str:
        return reverse("finance:carry_over", args=[self.budget_year.year])

    def caps(self, previous_budget: int) -> tuple[int, int]:
        """(largest deficit as a negative amount, largest surplus) for a nämnd's budget."""
        base = Decimal(abs(previous_budget))
        surplus = int(base * self.surplus_cap_percent / 100)
        deficit = int(base * self.deficit_cap_percent / 100)
        return -deficit, surplus

    def check_lines(self, lines: Iterable[ChangeLine]) -> None:
        previous = BudgetYear.objects.filter(
            municipality_id=self.budget_year.municipality_id, year=self.budget_year.year - 1
        ).first()
        budgets = previous.total_budgets() if previous else {}
        per_body: dict[int, int] = defaultdict(int)
        bodies: dict[int, Body] = {}
        for line in lines:
            per_body[line.body.pk] += line.amount
            bodies[line.body.pk] = line.body
        for body_id, amount in per_body.items():
            low, high = self.caps(budgets.get(body_id, 0))
            if not low <= amount <= high:
                raise ValidationError(
                    _t(
                        "Tilläggsbudgeten för %(body)s, %(amount)s, ligger utanför KF:s "
                        "kriterier: mellan %(low)s och %(high)s."
                    )
                    % {
                        "body": bodies[body_id].name,
                        "amount": kr(amount),
                        "low": kr(low),
                        "high": kr(high),
                    }
                )


@dataclass
class BridgeRow:
    """One row of a budget bridge: a decision and what it changed for the nämnd."""

    change: BudgetChange
    amount: int
    running: int

    @property
    def date(self) -> dt.date:
        return self.change.decision.date


def bridge(budget_year: BudgetYear, body: Body) -> list[BridgeRow]:
    """From årsbudget to totalbudget: one row per decision that changed the nämnd's budget."""
    per_change: dict[int, int] = defaultdict(int)
    for change_id, amount in BudgetChangeLine.objects.filter(
        change__budget_year=budget_year, body=body
    ).values_list("change_id", "amount"):
        per_change[change_id] += amount
    changes = BudgetChange.objects.filter(pk__in=per_change).select_related(
        "decision", "decision__body"
    )
    order: dict[str, int] = {BudgetChange.Kind.ANNUAL: 0}
    rows: list[BridgeRow] = []
    running = 0
    for change in sorted(changes, key=lambda c: (order.get(c.kind, 1), c.decision.date, c.pk)):
        running += per_change[change.pk]
        rows.append(BridgeRow(change=change, amount=per_change[change.pk], running=running))
    return rows
