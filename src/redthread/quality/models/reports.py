"""The nämnd's kvalitetsredovisning and the municipality's värdegrund.

Seed 2.4: "I kvalitetsredovisningen sker en uppföljning av nämndernas arbete med
verksamhetsutveckling." The figures (proposals, processes, declarations, surveys,
synpunkter) are computed from the register (``quality/accounting.py``); the nämnd's own
analysis and its decision are kept here. The värdegrund is the culture the seed asks
chefer, medarbetare and förtroendevalda to work by; each municipality has its own words.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality


class QualityReport(DomainModel):
    """A nämnd's kvalitetsredovisning for a year: its analysis of the development work."""

    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="quality_reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    summary = models.TextField(
        _("sammanfattning och analys"),
        blank=True,
        help_text=_("Hur har utvecklingsarbetet gått, och vad visar resultaten?"),
    )
    next_steps = models.TextField(
        _("förbättringar till nästa år"),
        blank=True,
        help_text=_("Vad nämnden ska förbättra utifrån redovisningen."),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("nämndens beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kvalitetsredovisning")
        verbose_name_plural = _("kvalitetsredovisningar")
        ordering = ["-year", "body__order"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="unique_quality_report"),
        ]

    def __str__(self) -> str:
        return str(
            _("Kvalitetsredovisning %(year)s, %(body)s") % {"year": self.year, "body": self.body}
        )

    def get_absolute_url(self) -> str:
        return reverse("quality:report", args=[self.body_id, self.year])

    @property
    def owner_body(self) -> Body:
        return self.body


class CoreValue(DomainModel):
    """One value of the värdegrund, e.g. "Medborgare och kunder i fokus"."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("värdeord"), max_length=120)
    description = models.CharField(_("innebörd"), max_length=400)
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("värdeord i värdegrunden")
        verbose_name_plural = _("värdegrund")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality:public_values")
