"""Kolada's figures kept locally, and what became of them in the goal chain.

The catalogue (key figures, municipalities, groups) mirrors Kolada's metadata; values are
Kolada's published figures per key figure, municipality, year and gender. Kolada's own ids
are the keys (N01951, 0586, G37466), so a figure reads the same here as on kolada.se.

A value that should flow into an indicator but cannot (an actual entered by hand differs,
or the period is closed) becomes a ``PendingValue`` that waits for a person to decide:
nothing in the goal chain is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Indicator
from redthread.organisation.models import Municipality

RIKET = "0000"


def is_kommun(code: str) -> bool:
    """Kolada's kommun ids are kommunkoder (0114 … 2584); regions are 0001 … 0025, Riket 0000."""
    return len(code) == 4 and code.isdigit() and not code.startswith("00")


def county_of(code: str) -> str:
    """The Kolada id of a kommun's county (region): 0586 -> 0005."""
    return f"00{code[:2]}"


class KoladaKpi(DomainModel):
    """A key figure (nyckeltal) of Kolada's catalogue, e.g. N01951 "Invånare totalt, antal"."""

    code = models.CharField(_("Kolada-id"), max_length=12, unique=True)
    title = models.CharField(_("namn"), max_length=400)
    description = models.TextField(_("beskrivning"), blank=True)
    is_divided_by_gender = models.BooleanField(_("redovisas för kvinnor och män"), default=False)
    municipality_type = models.CharField(
        _("avser"), max_length=2, blank=True, help_text=_("K kommun, L region, A alla.")
    )
    operating_area = models.CharField(_("verksamhetsområde"), max_length=255, blank=True)
    perspective = models.CharField(_("perspektiv"), max_length=120, blank=True)
    auspice = models.CharField(_("regi"), max_length=2, blank=True)
    publication_date = models.DateField(_("publiceras"), null=True, blank=True)
    prel_publication_date = models.DateField(_("publiceras preliminärt"), null=True, blank=True)
    publ_period = models.CharField(_("senast publicerade år"), max_length=20, blank=True)
    has_ou_data = models.BooleanField(_("har data per verksamhet"), default=False)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("analysis:kpi", args=[self.code])


class KoladaMunicipality(DomainModel):
    """A kommun, a region or Riket as Kolada names them: 0586 Mjölby, 0005 Region Östergötland."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "K", _("kommun")
        REGION = "L", _("region")

    code = models.CharField(_("Kolada-id"), max_length=4, unique=True)
    title = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(_("typ"), max_length=1, choices=Kind.choices)

    class Meta:
        verbose_name = _("kommun eller region i Kolada")
        verbose_name_plural = _("kommuner och regioner i Kolada")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class KoladaGroupQuerySet(models.QuerySet["KoladaGroup"]):
    def relevant_to(
        self, municipality: Municipality, also: Sequence[str] = ()
    ) -> KoladaGroupQuerySet:
        """Groups made for the municipality ("Liknande kommuner …, Mjölby, 2025"), and ``also``."""
        name = municipality.name.removesuffix(" kommun").removesuffix(" stad")
        return self.filter(Q(title__icontains=name) | Q(code__in=[c for c in also if c]))


class KoladaGroup(DomainModel):
    """A group of municipalities in Kolada, e.g. G37466 "Liknande kommuner, övergripande, Mjölby, 2025".

    The members are kept as their Kolada ids separated by spaces: ids are four digits, so
    ``member_codes__contains="0586"`` finds the groups a municipality belongs to on any database.
    """

    code = models.CharField(_("Kolada-id"), max_length=12, unique=True)
    title = models.CharField(_("namn"), max_length=255)
    member_codes = models.TextField(_("medlemmar"), blank=True)

    objects = KoladaGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommungrupp")
        verbose_name_plural = _("kommungrupper")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def members(self) -> list[str]:
        return self.member_codes.split()


class KoladaSync(models.Model):
    """One run of the Kolada sync: who ran it, what it asked for, and what it changed.

    A log, not domain data: it keeps no history of its own. A failed run is recorded with
    its error and changed nothing else.
    """

    class State(models.TextChoices):
        RUNNING = "running", _("pågår")
        DONE = "done", _("klar")
        FAILED = "failed", _("misslyckades")

    class Source(models.TextChoices):
        API = "api", _("Koladas API")
        FILES = "files", _("filer")
        DEMO = "demo", _("demodata")

    started_at = models.DateTimeField(_("startad"), default=timezone.now)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("startad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    parameters = models.JSONField(_("urval"), default=dict, blank=True)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.RUNNING)
    message = models.TextField(_("meddelande"), blank=True)
    values_created = models.PositiveIntegerField(_("nya värden"), default=0)
    values_updated = models.PositiveIntegerField(_("ändrade värden"), default=0)
    values_unchanged = models.PositiveIntegerField(_("oförändrade värden"), default=0)
    actuals_written = models.PositiveIntegerField(_("utfall skrivna i målkedjan"), default=0)
    pending = models.PositiveIntegerField(_("värden som väntar på beslut"), default=0)

    class Meta:
        verbose_name = _("hämtning från Kolada")
        verbose_name_plural = _("hämtningar från Kolada")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_state_display()}"


class KoladaValueQuerySet(models.QuerySet["KoladaValue"]):
    def total(self) -> KoladaValueQuerySet:
        return self.filter(gender=KoladaValue.Gender.TOTAL)


class KoladaValue(models.Model):
    """One published figure: a key figure for a municipality, region or Riket, a year, a gender.

    A mirror of Kolada, not our own data: it keeps no history. The sync records who fetched
    what (``KoladaSync``), and a figure that feeds an indicator becomes an ``Actual``, whose
    history shows every change. ``is_generated`` marks figures invented for the demo.
    """

    class Gender(models.TextChoices):
        TOTAL = "T", _("totalt")
        WOMEN = "K", _("kvinnor")
        MEN = "M", _("män")

    kpi = models.CharField(_("nyckeltal"), max_length=12)
    municipality = models.CharField(_("kommun eller region"), max_length=4)
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices)
    value = models.DecimalField(_("värde"), max_digits=20, decimal_places=6, null=True)
    count = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    status = models.CharField(_("status i Kolada"), max_length=40, blank=True)
    is_generated = models.BooleanField(
        _("genererat"),
        default=False,
        help_text=_("Värdet är påhittat för demonstration och inte Koladas."),
    )
    fetched_on = models.DateField(_("hämtat"), default=timezone.localdate)
    sync = models.ForeignKey(
        KoladaSync,
        verbose_name=_("hämtning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = KoladaValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("värde från Kolada")
        verbose_name_plural = _("värden från Kolada")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality", "year", "gender"], name="unique_kolada_value"
            )
        ]
        indexes = [models.Index(fields=["kpi", "year", "gender"], name="kolada_value_kpi_year")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.municipality} {self.year} {self.gender}: {self.value}"


class ComparisonSettings(DomainModel):
    """Whom the municipality compares itself with by default: a Kolada group and its county."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="comparison_settings",
    )
    group_code = models.CharField(
        _("jämförelsegrupp"),
        max_length=12,
        blank=True,
        help_text=_("Koladas id för gruppen, t.ex. G37466 (Liknande kommuner, övergripande)."),
    )
    county_code = models.CharField(
        _("län"),
        max_length=4,
        blank=True,
        help_text=_("Koladas id för länet, t.ex. 0005 för Östergötland. Tomt: kommunkodens län."),
    )

    class Meta:
        verbose_name = _("inställningar för jämförelser")
        verbose_name_plural = _("inställningar för jämförelser")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def resolved(cls, municipality: Municipality) -> tuple[str, str]:
        """The default group (may be empty) and the county id of ``municipality``."""
        found = cls.objects.filter(municipality=municipality).first()
        group = found.group_code if found else ""
        county = (found.county_code if found else "") or county_of(municipality.code)
        return group, county


class PendingValueQuerySet(models.QuerySet["PendingValue"]):
    def open(self) -> PendingValueQuerySet:
        return self.filter(state=PendingValue.State.OPEN)


class PendingValue(DomainModel):
    """A Kolada figure that did not go into the goal chain, and waits for a person to decide.

    Either an actual entered by hand (or from a survey) says something else – it is never
    overwritten silently – or the helår period of the year is closed, and a closed period is
    read-only. Accepting writes the figure as the actual (the period must be open); dismissing
    keeps the actual as it is, and the same figure is not proposed again.
    """

    class Reason(models.TextChoices):
        MANUAL = "manual", _("ett annat utfall är redan inlagt")
        CLOSED = "closed", _("perioden är stängd")

    class State(models.TextChoices):
        OPEN = "open", _("väntar på beslut")
        ACCEPTED = "accepted", _("infört som utfall")
        DISMISSED = "dismissed", _("avvisat, utfallet behålls")
        OBSOLETE = "obsolete", _("inaktuellt")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="pending_kolada_values",
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    kpi = models.CharField(_("nyckeltal"), max_length=12)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=4, null=True)
    value_women = models.DecimalField(
        _("värde kvinnor"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_men = models.DecimalField(
        _("värde män"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    published_on = models.DateField(_("publicerat"), null=True, blank=True)
    is_generated = models.BooleanField(_("genererat"), default=False)
    reason = models.CharField(_("skäl"), max_length=10, choices=Reason.choices)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutat av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("beslutat"), null=True, blank=True)

    objects = PendingValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("väntande värde från Kolada")
        verbose_name_plural = _("väntande värden från Kolada")
        ordering = ["period__end_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(state="open"),
                name="unique_open_pending_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"

    @property
    def figures(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        return (self.value, self.value_women, self.value_men)

    def same_figures(self, other: Any) -> bool:
        return bool(
            self.value == other.value
            and self.value_women == other.value_women
            and self.value_men == other.value_men
        )
