"""The log of gallring: which case lost which personal data, when and by what rule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.feedback.models.case import ServiceRequest


class ErasureRecord(DomainModel):
    """One removal of personal data from a case (gallring), kept as evidence of the rule's use."""

    service_request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("ärende"),
        on_delete=models.PROTECT,
        related_name="erasures",
    )
    reference = models.CharField(_("referensnummer"), max_length=20)
    erased_at = models.DateTimeField(_("gallrad"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gallrad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    rule = models.CharField(_("regel"), max_length=200)
    fields = models.CharField(_("borttagna uppgifter"), max_length=300)
    photos = models.PositiveSmallIntegerField(_("foton"), default=0)
    notes = models.PositiveSmallIntegerField(_("anteckningar"), default=0)
    answers = models.PositiveSmallIntegerField(_("svar"), default=0)

    class Meta:
        verbose_name = _("gallring")
        verbose_name_plural = _("gallringslogg")
        ordering = ["-erased_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.erased_at:%Y-%m-%d}"
