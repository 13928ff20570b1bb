"""Kvalitetsdeklarationer: what a citizen can expect of a service, and whether the promises hold.

A declaration is worked on as a draft (the working copy) and becomes public only when the
nämnd decides it: deciding freezes the text and the promises into a numbered
``DeclarationVersion`` with its ``Decision``. Citizens read the latest decided version; the
earlier decided versions stay readable with their decisions. Each promise can be linked to a
goals ``Measure``: the measure's actual against its target, by the goal chain's status rules,
says each period whether the promise was kept (``quality/promises.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.goals.models import Measure
from redthread.organisation.models import Body, Decision, Municipality, Unit

DEFAULT_WHEN_NOT_KEPT = _(
    "Om vi inte håller det vi lovar vill vi att du berättar det för oss. Lämna en synpunkt, "
    "så svarar vi och rättar till det som blev fel."
)


class ServiceDeclarationQuerySet(models.QuerySet["ServiceDeclaration"]):
    def in_force(self) -> ServiceDeclarationQuerySet:
        """Declarations with a decided version that citizens can read."""
        return self.filter(state=ServiceDeclaration.State.IN_FORCE)


class ServiceDeclaration(DomainModel):
    """A kvalitetsdeklaration for one service, e.g. hemtjänst, bygglov or förskola (seed 2.4)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        IN_FORCE = "in_force", _("gäller")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(
        _("kortnamn"),
        max_length=60,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9-]+$")],
        help_text=_(
            "Små bokstäver, siffror och bindestreck, t.ex. hemtjanst. Används i webbadressen "
            "och när synpunktsformuläret öppnas med tjänsten vald."
        ),
    )
    service = models.CharField(_("tjänst"), max_length=120)
    body = models.ForeignKey(
        Body, verbose_name=_("ansvarig nämnd"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig förvaltning eller enhet"),
        on_delete=models.PROTECT,
        related_name="service_declarations",
    )
    summary = models.TextField(
        _("om tjänsten"), help_text=_("Vad tjänsten är och vem den är till för.")
    )
    citizen_part = models.TextField(
        _("det här förväntar vi oss av dig"),
        blank=True,
        help_text=_("Det kommunen behöver av den som använder tjänsten."),
    )
    when_not_kept = models.TextField(
        _("om vi inte håller vad vi lovar"),
        blank=True,
        help_text=_("Lämnas tomt för kommunens standardtext om synpunkter."),
    )
    contact = models.TextField(
        _("kontakt"), blank=True, help_text=_("Vart man vänder sig: telefon, e-post, besök.")
    )
    state = models.CharField(
        _("läge"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ServiceDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kvalitetsdeklaration")
        verbose_name_plural = _("kvalitetsdeklarationer")
        ordering = ["order", "service"]

    def __str__(self) -> str:
        return str(_("Kvalitetsdeklaration: %(service)s") % {"service": self.service})

    def get_absolute_url(self) -> str:
        return reverse("quality:declaration", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("quality:public_declaration", args=[self.code])

    @property
    def owner_body(self) -> Body:
        return self.body

    def clean(self) -> None:
        if self.unit_id and self.body_id:
            serving = Unit.objects.filter(serves=self.body_id).values_list("path", flat=True)
            unit = Unit.objects.get(pk=self.unit_id)
            if not any(unit.path.startswith(path) for path in serving):
                raise ValidationError(
                    {"unit": _("Välj en förvaltning eller enhet som arbetar åt nämnden.")}
                )

    def snapshot(self, promises: list[ServicePromise] | None = None) -> dict[str, Any]:
        """The citizen-facing content as it stands: what a decided version freezes."""
        promises = list(self.promises.all()) if promises is None else promises
        return {
            "service": self.service,
            "summary": self.summary,
            "citizen_part": self.citizen_part,
            "when_not_kept": self.when_not_kept,
            "contact": self.contact,
            "promises": [{"id": p.pk, "text": p.text, "detail": p.detail} for p in promises],
        }

    def latest_version(self) -> DeclarationVersion | None:
        return self.versions.order_by("-number").select_related("decision__body").first()

    def has_undecided_changes(self) -> bool:
        """The working copy differs from what the nämnd last decided."""
        latest = self.latest_version()
        return latest is None or latest.content != self.snapshot()

    def decide(self, decision: Decision, valid_from: dt.date | None = None) -> DeclarationVersion:
        """Freeze the working copy as the next version, decided by ``decision``."""
        if decision.body_id != self.body_id:
            raise ValidationError(
                _("Välj ett beslut av %(body)s, som ansvarar för tjänsten.") % {"body": self.body}
            )
        if not self.promises.exists():
            raise ValidationError(
                _("Skriv minst ett löfte innan deklarationen fastställs: vad kan man förvänta sig?")
            )
        with transaction.atomic():
            locked = ServiceDeclaration.objects.select_for_update().get(pk=self.pk)
            latest = locked.versions.order_by("-number").first()
            if latest is not None and latest.decision_id == decision.pk:
                raise ValidationError(
                    _("Version %(number)s är redan fastställd genom det beslutet.")
                    % {"number": latest.number}
                )
            start = valid_from or decision.date
            if latest is not None and start <= latest.valid_from:
                raise ValidationError(
                    _(
                        "Den nya versionen måste gälla från ett senare datum än version "
                        "%(number)s (%(date)s)."
                    )
                    % {"number": latest.number, "date": latest.valid_from.isoformat()}
                )
            version = DeclarationVersion.objects.create(
                declaration=self,
                number=(latest.number + 1) if latest else 1,
                decision=decision,
                valid_from=start,
                content=self.snapshot(),
            )
            if self.state != self.State.IN_FORCE:
                self.state = self.State.IN_FORCE
                self.save()
        return version


class ServicePromise(DomainModel):
    """A promise in a declaration, e.g. "Du får svar inom 5 arbetsdagar", with the measure that follows it."""

    declaration = models.ForeignKey(
        ServiceDeclaration,
        verbose_name=_("kvalitetsdeklaration"),
        on_delete=models.CASCADE,
        related_name="promises",
    )
    text = models.CharField(
        _("löfte"), max_length=255, help_text=_("Det du kan förvänta dig, i en mening.")
    )
    detail = models.TextField(_("förklaring"), blank=True)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("följs upp med måttet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Måttets utfall mot målvärdet visar varje period om löftet hölls. Följande års "
            "version av måttet används automatiskt."
        ),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        verbose_name = _("löfte")
        verbose_name_plural = _("löften")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.declaration.get_absolute_url()

    @property
    def owner_body(self) -> Body:
        return self.declaration.body


class DeclarationVersion(DomainModel):
    """A decided version of a declaration: the text and promises as the nämnd decided them.

    Written once by ``ServiceDeclaration.decide`` and never changed: what was promised to
    citizens under a decision must stay readable as it was.
    """

    declaration = models.ForeignKey(
        ServiceDeclaration,
        verbose_name=_("kvalitetsdeklaration"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    decision = models.ForeignKey(
        Decision, verbose_name=_("beslut"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("gäller från"))
    content = models.JSONField(_("innehåll"), default=dict)

    class Meta:
        verbose_name = _("fastställd version")
        verbose_name_plural = _("fastställda versioner")
        ordering = ["declaration", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="unique_declaration_version"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("%(declaration)s, version %(number)s")
            % {"declaration": self.declaration, "number": self.number}
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "quality:public_declaration_version", args=[self.declaration.code, self.number]
        )

    @property
    def owner_body(self) -> Body:
        return self.declaration.body
