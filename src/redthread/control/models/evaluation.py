"""Kommunstyrelsen's evaluation of the municipality's internal control as a whole (seed 2.5)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality


class Evaluation(DomainModel):
    """KS's evaluation of a year's internal control: conclusions and improvement actions.

    The per-nämnd figures (plan decided on time, controls done, deviations, open actions)
    are computed from the plans; what is stored is KS's judgement and its decision.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="control_evaluations",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    conclusions = models.TextField(_("slutsatser"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("kommunstyrelsens beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_evaluations",
    )

    class Meta:
        verbose_name = _("utvärdering av internkontrollen")
        verbose_name_plural = _("utvärderingar av internkontrollen")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_evaluation_year"),
        ]

    def __str__(self) -> str:
        return str(_("Utvärdering av internkontrollen %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("control:evaluation", args=[self.year])

    @property
    def owner_body(self) -> Body:
        """Kommunstyrelsen, whose evaluation it is."""
        return Body.objects.filter(
            municipality_id=self.municipality_id, kind=Body.Kind.EXECUTIVE_BOARD
        ).order_by("order")[0]
