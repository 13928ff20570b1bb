"""Internal rent, lokalanpassning and the IT financing model (seed 2.6.2).

Service- och teknikförvaltningen lets premises to the other förvaltningar under internal
leases; the rent becomes a monthly internal charge. IT infrastructure is framed
centrally; systems, devices and licences are charged to each förvaltning by its counts.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.finance.models.structure import ResponsibilityCode
from redthread.organisation.models import Body, Decision, Municipality, Unit


class InternalLease(DomainModel):
    """An internal lease: premises let by the landlord förvaltning to a tenant unit."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    landlord = models.ForeignKey(
        Unit, verbose_name=_("hyresvärd"), on_delete=models.PROTECT, related_name="leases_out"
    )
    tenant = models.ForeignKey(
        Unit, verbose_name=_("hyresgäst"), on_delete=models.PROTECT, related_name="leases_in"
    )
    responsibility = models.ForeignKey(
        ResponsibilityCode,
        verbose_name=_("debiteras ansvar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    premises = models.CharField(_("lokal"), max_length=200)
    area_m2 = models.DecimalField(_("yta (m²)"), max_digits=9, decimal_places=1)
    yearly_rent = models.BigIntegerField(_("årshyra vid start"))
    index_percent = models.DecimalField(
        _("indexuppräkning per år (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Hyran räknas upp med procentsatsen varje nytt kalenderår efter starten."),
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("internt hyresavtal")
        verbose_name_plural = _("interna hyresavtal")
        ordering = ["tenant__name", "premises"]

    def __str__(self) -> str:
        return f"{self.premises} – {self.tenant}"

    def get_absolute_url(self) -> str:
        return reverse("finance:lease_edit", args=[self.pk])

    def clean(self) -> None:
        if self.end and self.end < self.start:
            raise ValidationError({"end": _t("Avtalet kan inte sluta före sitt startdatum.")})
        if self.landlord_id and self.landlord_id == self.tenant_id:
            raise ValidationError({"tenant": _t("Hyresgästen kan inte vara hyresvärden.")})

    def rent_for_year(self, year: int) -> int:
        """The yearly rent after indexation: compounded from the start year."""
        steps = max(0, year - self.start.year)
        factor = (1 + self.index_percent / 100) ** steps
        return int((Decimal(self.yearly_rent) * factor).quantize(Decimal(1), ROUND_HALF_UP))

    def is_active_in(self, year: int, month: int) -> bool:
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return self.start <= last and (self.end is None or self.end >= first)

    def monthly_charge(self, year: int, month: int) -> int:
        if not self.is_active_in(year, month):
            return 0
        return int((Decimal(self.rent_for_year(year)) / 12).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def rent_per_m2(self) -> Decimal:
        return (
            (Decimal(self.yearly_rent) / self.area_m2).quantize(Decimal(1))
            if self.area_m2
            else Decimal(0)
        )


class PremisesAdaptation(DomainModel):
    """A lokalanpassning ordered directly from Service- och teknikförvaltningen.

    Orders are drawn against the year's appropriation and never beyond it.
    """

    class State(models.TextChoices):
        ORDERED = "ordered", _("beställd")
        IN_PROGRESS = "in_progress", _("pågår")
        DONE = "done", _("klar")
        CANCELLED = "cancelled", _("avbeställd")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    ordered_by = models.ForeignKey(
        Unit, verbose_name=_("beställare"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("åtgärd"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    amount = models.BigIntegerField(_("beräknad kostnad"))
    state = models.CharField(_("läge"), max_length=12, choices=State.choices, default=State.ORDERED)
    ordered_on = models.DateField(_("beställd"), default=dt.date.today)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("lokalanpassning")
        verbose_name_plural = _("lokalanpassningar")
        ordering = ["-year", "-ordered_on"]

    def __str__(self) -> str:
        return f"{self.title} ({kr(self.amount)})"

    def get_absolute_url(self) -> str:
        return reverse("finance:premises", args=[self.year])

    @classmethod
    def drawn(cls, municipality: Municipality, year: int, exclude_pk: int | None = None) -> int:
        orders = cls.objects.filter(municipality=municipality, year=year).exclude(
            state=cls.State.CANCELLED
        )
        if exclude_pk:
            orders = orders.exclude(pk=exclude_pk)
        return int(orders.aggregate(total=Sum("amount"))["total"] or 0)

    def clean(self) -> None:
        from redthread.finance.models.budget import BudgetYear

        if self.amount is None or self.amount <= 0:
            raise ValidationError({"amount": _t("Ange en kostnad större än 0 kr.")})
        if self.state == self.State.CANCELLED or not self.year:
            return
        budget_year = BudgetYear.objects.filter(
            municipality_id=self.municipality_id, year=self.year
        ).first()
        appropriation = budget_year.premises_appropriation if budget_year else 0
        remaining = appropriation - self.drawn(self.municipality, self.year, self.pk)
        if self.amount > remaining:
            raise ValidationError(
                {
                    "amount": _t(
                        "Anslaget för lokalanpassning %(year)s har %(remaining)s kvar; "
                        "beställningen på %(amount)s ryms inte."
                    )
                    % {"year": self.year, "remaining": kr(remaining), "amount": kr(self.amount)}
                }
            )


class ItChargeModel(DomainModel):
    """The year's IT financing: infrastructure framed centrally, the rest charged internally."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    infrastructure_frame = models.BigIntegerField(
        _("ram för it-infrastruktur"),
        help_text=_("Nätverk, servrar, drift och säkerhet: rambudgeteras, debiteras inte."),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("it-finansieringsmodell")
        verbose_name_plural = _("it-finansieringsmodeller")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_it_model_year")
        ]

    def __str__(self) -> str:
        return _t("It-finansiering %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("finance:it", args=[self.year])

    def charges_by_unit(self) -> dict[int, int]:
        """Yearly internal charge per förvaltning (unit id): count times price, per item."""
        result: dict[int, int] = {}
        for usage in ItUsage.objects.filter(item__model=self).select_related("item"):
            result[usage.unit_id] = (
                result.get(usage.unit_id, 0) + usage.count * usage.item.unit_price
            )
        return result


class ItPriceItem(DomainModel):
    """A line of the IT price list: a system, a device or a licence, priced per year."""

    class Kind(models.TextChoices):
        SYSTEM = "system", _("system")
        DEVICE = "device", _("utrustning")
        LICENCE = "licence", _("licens")

    model = models.ForeignKey(
        ItChargeModel, verbose_name=_("modell"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=120)
    unit_price = models.BigIntegerField(_("pris per år och styck"))
    unit_label = models.CharField(_("enhet"), max_length=30, default="st")

    class Meta:
        verbose_name = _("post i it-prislistan")
        verbose_name_plural = _("it-prislista")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({kr(self.unit_price)}/{self.unit_label})"

    def get_absolute_url(self) -> str:
        return reverse("finance:it", args=[self.model.year])


class ItUsage(DomainModel):
    """How many of a price list item a förvaltning has."""

    item = models.ForeignKey(
        ItPriceItem, verbose_name=_("post"), on_delete=models.CASCADE, related_name="usages"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("förvaltning"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("it-användning")
        verbose_name_plural = _("it-användning")
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="unique_it_usage")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.count} × {self.item.name}"

    def get_absolute_url(self) -> str:
        return reverse("finance:it", args=[self.item.model.year])


class InternalCharge(DomainModel):
    """A monthly internal charge produced from a lease or the IT model."""

    class Kind(models.TextChoices):
        RENT = "rent", _("internhyra")
        IT = "it", _("it-debitering")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("typ"), max_length=4, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(_("månad"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("debiteras"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lease = models.ForeignKey(
        InternalLease,
        verbose_name=_("hyresavtal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
    )
    amount = models.BigIntegerField(_("belopp"))
    text = models.CharField(_("text"), max_length=200)

    class Meta:
        verbose_name = _("intern debitering")
        verbose_name_plural = _("interna debiteringar")
        ordering = ["year", "month", "kind", "unit__name"]
        indexes = [models.Index(fields=["municipality", "year", "month"], name="charge_period")]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.text}: {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:charges", args=[self.year])
