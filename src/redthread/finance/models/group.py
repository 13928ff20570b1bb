"""The kommunkoncern's companies' figures and the personnel figures of the årsredovisning.

``CompanyAccounts``: per company (an ``organisation.Body`` of kind bolag) and year, the
figures of its own årsredovisning that the sammanställda räkenskaper need, with the
municipality's ownership share and the internal balances and transactions to eliminate.
``PersonnelFigures``: per förvaltning (a top-level ``organisation.Unit``) and year, the
HR system's employees, årsarbetare, sick leave and turnover. Both are entered in a form
or imported from CSV, keep their history, and are read-only once the year's annual
reporting period is closed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.finance.models.budget import money
from redthread.organisation.models import Body, Municipality, Unit


def ensure_year_writable(municipality: Municipality, year: int) -> None:
    """Raise ``PeriodClosed`` when the year's annual reporting period is closed or locked."""
    from redthread.cycle.models import ReportingPeriod

    period = ReportingPeriod.objects.filter(
        municipality=municipality, year=year, kind=ReportingPeriod.Kind.ANNUAL
    ).first()
    if period is not None:
        period.ensure_writable()


def year_is_writable(municipality: Municipality, year: int) -> bool:
    try:
        ensure_year_writable(municipality, year)
    except ValidationError:
        return False
    return True


PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]

# The figures of a company, in the order of the form and the CSV's ``post`` names.
COMPANY_FIELDS = [
    "ownership_percent",
    "revenue",
    "costs",
    "depreciation",
    "financial_net",
    "tax",
    "fixed_assets",
    "current_assets",
    "equity",
    "provisions",
    "long_term_debt",
    "short_term_debt",
    "internal_revenue",
    "internal_costs",
    "internal_receivables",
    "internal_liabilities",
    "shares_book_value",
]


class CompanyAccounts(DomainModel):
    """A company's year in whole kronor, as its own årsredovisning shows it.

    Costs, depreciation and tax are positive amounts; finansnetto is signed. The
    internal items are the company's transactions and balances with the municipality
    (and the group's other companies), eliminated in the sammanställda räkenskaper;
    ``shares_book_value`` is what the municipality's balance sheet carries for its
    shares, eliminated against the company's equity.
    """

    company = models.ForeignKey(
        Body,
        verbose_name=_("bolag"),
        on_delete=models.PROTECT,
        related_name="company_accounts",
        limit_choices_to={"kind": Body.Kind.COMPANY},
    )
    year = models.PositiveSmallIntegerField(_("år"))
    ownership_percent = models.DecimalField(
        _("ägarandel (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=PERCENT,
        help_text=_("Kommunens andel; bolagets poster tas med i proportion till den."),
    )
    revenue = money(_("intäkter"), default=0)
    costs = money(_("kostnader"), default=0, help_text=_("Exklusive avskrivningar."))
    depreciation = money(_("avskrivningar"), default=0)
    financial_net = money(
        _("finansnetto"), default=0, help_text=_("Finansiella intäkter minus kostnader.")
    )
    tax = money(_("skatt"), default=0, help_text=_("Årets skatt och bokslutsdispositioner."))
    fixed_assets = money(_("anläggningstillgångar"), default=0)
    current_assets = money(_("omsättningstillgångar"), default=0)
    equity = money(_("eget kapital"), default=0, help_text=_("Inklusive obeskattade reserver."))
    provisions = money(_("avsättningar"), default=0)
    long_term_debt = money(_("långfristiga skulder"), default=0)
    short_term_debt = money(_("kortfristiga skulder"), default=0)
    internal_revenue = money(
        _("interna intäkter"),
        default=0,
        help_text=_("Bolagets intäkter från kommunen och koncernens andra bolag."),
    )
    internal_costs = money(
        _("interna kostnader"),
        default=0,
        help_text=_("Bolagets kostnader till kommunen och koncernens andra bolag."),
    )
    internal_receivables = money(_("interna fordringar"), default=0)
    internal_liabilities = money(_("interna skulder"), default=0)
    shares_book_value = money(
        _("kommunens bokförda värde av aktierna"),
        default=0,
        help_text=_("Elimineras mot bolagets egna kapital."),
    )
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("bolagets räkenskaper")
        verbose_name_plural = _("bolagens räkenskaper")
        ordering = ["-year", "company__order", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year"],
                name="unique_company_accounts",
                violation_error_message=_("Bolaget har redan räkenskaper för året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.company.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("finance:company_accounts_edit", args=[self.pk])

    @property
    def result(self) -> int:
        """Årets resultat: intäkter − kostnader − avskrivningar + finansnetto − skatt."""
        return int(self.revenue - self.costs - self.depreciation + self.financial_net - self.tax)

    @property
    def total_assets(self) -> int:
        return int(self.fixed_assets + self.current_assets)

    @property
    def total_claims(self) -> int:
        return int(self.equity + self.provisions + self.long_term_debt + self.short_term_debt)

    @property
    def share(self) -> Decimal:
        return Decimal(self.ownership_percent) / 100

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.company_id is not None and self.company.kind != Body.Kind.COMPANY:
            errors["company"] = _t("Välj ett kommunalt bolag.")
        if self.total_assets != self.total_claims:
            errors["equity"] = _t(
                "Balansräkningen går inte ihop: tillgångarna är %(assets)s men eget kapital, "
                "avsättningar och skulder är %(claims)s. Kontrollera beloppen."
            ) % {"assets": kr(self.total_assets), "claims": kr(self.total_claims)}
        for name in ("internal_revenue", "internal_costs"):
            total = self.revenue if name == "internal_revenue" else self.costs
            if getattr(self, name) > total:
                errors[name] = _t("De interna posterna kan inte vara större än summan.")
        if errors:
            raise ValidationError(errors)


class PersonnelFigures(DomainModel):
    """A förvaltning's personnel for a year (or a month) from the HR system."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("förvaltning"),
        on_delete=models.PROTECT,
        related_name="personnel_figures",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(
        _("månad"),
        default=0,
        validators=[MaxValueValidator(12)],
        help_text=_("0 för helåret (läget vid årets slut)."),
    )
    employees = models.PositiveIntegerField(_("anställda"), help_text=_("Tillsvidareanställda."))
    full_time_equivalents = models.DecimalField(
        _("årsarbetare"), max_digits=9, decimal_places=1, validators=[MinValueValidator(0)]
    )
    sick_leave_percent = models.DecimalField(
        _("sjukfrånvaro (%)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
        help_text=_("Sjukfrånvaro i procent av ordinarie arbetstid."),
    )
    turnover_percent = models.DecimalField(
        _("personalomsättning (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    source = models.CharField(_("källa"), max_length=200, blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("personalnyckeltal")
        verbose_name_plural = _("personalnyckeltal")
        ordering = ["-year", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"],
                name="unique_personnel_figures",
                violation_error_message=_(
                    "Förvaltningen har redan personalnyckeltal för perioden."
                ),
            )
        ]

    def __str__(self) -> str:
        period = f"{self.year}" if not self.month else f"{self.year}-{self.month:02d}"
        return f"{self.unit.name} {period}"

    def get_absolute_url(self) -> str:
        return reverse("finance:personnel", args=[self.year])
