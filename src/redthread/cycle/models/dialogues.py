"""Dialogues of the årshjul and the omvärldsanalys they start from (seed 2.2.1 and 2.3)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.models.events import CycleEvent
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit


class EnvironmentScanQuerySet(models.QuerySet["EnvironmentScan"]):
    def published(self) -> EnvironmentScanQuerySet:
        return self.filter(status=EnvironmentScan.Status.PUBLISHED)

    def current(self, municipality: Municipality) -> EnvironmentScan | None:
        """The omvärldsanalys in force: the latest published one."""
        return (
            self.filter(municipality=municipality)
            .published()
            .order_by("-published_on", "-pk")
            .first()
        )


class EnvironmentScan(DomainModel):
    """An omvärldsanalys: the trends, risks and opportunities the planning starts from.

    The latest published one is *the current omvärldsanalys*: the omvärldsdialog starts
    from it, and each nämnd's yearly review of its åtaganden links to it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        PUBLISHED = "published", _("fastställd")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="environment_scans",
    )
    title = models.CharField(_("rubrik"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"), help_text=_("Året analysen är gjord."))
    summary = models.TextField(_("sammanfattning"), blank=True)
    status = models.CharField(
        _("läge"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("fastställd den"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="environment_scans",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = EnvironmentScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("omvärldsanalys")
        verbose_name_plural = _("omvärldsanalyser")
        ordering = ["-year", "-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:scan", args=[self.pk])

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED and not self.published_on:
            raise ValidationError({"published_on": _("Ange när omvärldsanalysen fastställdes.")})

    @property
    def is_current(self) -> bool:
        current = EnvironmentScan.objects.current(self.municipality)
        return current is not None and current.pk == self.pk


class ScanSource(DomainModel):
    """A source an omvärldsanalys builds on: a report, a statistic, a forecast."""

    scan = models.ForeignKey(
        EnvironmentScan,
        verbose_name=_("omvärldsanalys"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    title = models.CharField(_("titel"), max_length=255)
    publisher = models.CharField(_("utgivare"), max_length=160, blank=True)
    published_year = models.PositiveSmallIntegerField(_("utgivningsår"), null=True, blank=True)
    url = models.URLField(_("länk"), blank=True)

    class Meta:
        verbose_name = _("källa")
        verbose_name_plural = _("källor")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.publisher else self.title


class ScanItem(DomainModel):
    """A trend, risk or opportunity in an omvärldsanalys."""

    class Kind(models.TextChoices):
        TREND = "trend", _("trend")
        RISK = "risk", _("risk")
        OPPORTUNITY = "opportunity", _("möjlighet")

    class Area(models.TextChoices):
        POLITICAL = "political", _("politik")
        ECONOMIC = "economic", _("ekonomi")
        SOCIAL = "social", _("befolkning och samhälle")
        TECHNOLOGICAL = "technological", _("teknik")
        ENVIRONMENTAL = "environmental", _("miljö och klimat")
        LEGAL = "legal", _("lagar och regler")

    scan = models.ForeignKey(
        EnvironmentScan,
        verbose_name=_("omvärldsanalys"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    area = models.CharField(_("område"), max_length=16, choices=Area.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    sources = models.ManyToManyField(
        ScanSource, verbose_name=_("källor"), blank=True, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        verbose_name = _("trend, risk eller möjlighet")
        verbose_name_plural = _("trender, risker och möjligheter")
        ordering = ["kind", "order", "title"]

    def __str__(self) -> str:
        return self.title


class Dialogue(DomainModel):
    """A dialogue of the årshjul: omvärldsdialog, resultatdialog KS–nämnd, mål- och resultatdialog.

    Who took part (whole bodies, the nämnders' presidier, förvaltningsledningar and
    revisionen), the agenda, the material, the notes and the actions agreed.
    """

    class Kind(models.TextChoices):
        ENVIRONMENT = "omvarldsdialog", _("omvärldsdialog")
        RESULT = "resultatdialog", _("resultatdialog KS–nämnd")
        GOALS_AND_RESULTS = "mal_och_resultatdialog", _("mål- och resultatdialog")
        OTHER = "other", _("annan dialog")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="dialogues"
    )
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    held_on = models.DateField(_("datum"))
    starts_at = models.TimeField(_("börjar kl."), null=True, blank=True)
    ends_at = models.TimeField(_("slutar kl."), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=160, blank=True)
    event = models.ForeignKey(
        CycleEvent,
        verbose_name=_("steg i årshjulet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogues",
    )
    environment_scan = models.ForeignKey(
        EnvironmentScan,
        verbose_name=_("omvärldsanalys som underlag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dialogues",
    )
    bodies = models.ManyToManyField(
        Body, verbose_name=_("organ (hela)"), blank=True, related_name="dialogues"
    )
    presidia = models.ManyToManyField(
        Body, verbose_name=_("presidier"), blank=True, related_name="presidium_dialogues"
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("förvaltningsledningar"), blank=True, related_name="dialogues"
    )
    agenda = models.TextField(_("dagordning"), blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:dialogue", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Dialogen måste sluta efter att den börjar.")})


class DialogueMaterial(DomainModel):
    """Material linked to a dialogue: a presentation, a report, a page in the system."""

    dialogue = models.ForeignKey(
        Dialogue, verbose_name=_("dialog"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("titel"), max_length=200)
    url = models.CharField(
        _("länk"),
        max_length=500,
        help_text=_("En webbadress (https://…) eller en sida i systemet (/mal/…)."),
    )

    class Meta:
        verbose_name = _("underlag")
        verbose_name_plural = _("underlag")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not (self.url.startswith(("https://", "http://")) or self.url.startswith("/")):
            raise ValidationError(
                {
                    "url": _(
                        "Skriv en webbadress som börjar med https:// eller en sökväg som börjar med /."
                    )
                }
            )


class DialogueActionQuerySet(models.QuerySet["DialogueAction"]):
    def open(self) -> DialogueActionQuerySet:
        return self.filter(done_on__isnull=True)


class DialogueAction(DomainModel):
    """An action agreed in a dialogue, with an owner and a due date."""

    dialogue = models.ForeignKey(
        Dialogue, verbose_name=_("dialog"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("åtgärd"), max_length=300)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.PROTECT,
        related_name="dialogue_actions",
    )
    due_on = models.DateField(_("klart senast"))
    done_on = models.DateField(_("klar"), null=True, blank=True)
    outcome = models.TextField(_("resultat"), blank=True)

    objects = DialogueActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("överenskommen åtgärd")
        verbose_name_plural = _("överenskomna åtgärder")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("cycle:dialogue", args=[self.dialogue_id]) + f"#action-{self.pk}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and (today or timezone.localdate()) > self.due_on
