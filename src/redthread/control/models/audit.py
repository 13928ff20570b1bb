"""Revisionsrapporter: the auditors' reports, their recommendations and the nämnder's answers.

The revisor writes nothing in the system: the report is registered by the kvalitetsstrateg or
a secretary when it arrives. Each recommendation is addressed to one nämnd, which answers it
and takes actions (``Action``) that are followed up until done, like control actions.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality


class AuditReport(DomainModel):
    """A report from the auditors (revisionsrapport) with recommendations to nämnder."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="audit_reports",
    )
    title = models.CharField(_("rubrik"), max_length=255)
    issued_on = models.DateField(_("daterad"))
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    auditor = models.CharField(
        _("granskad av"),
        max_length=160,
        blank=True,
        help_text=_("De förtroendevalda revisorerna och eventuellt sakkunnigt biträde."),
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    answer_due_on = models.DateField(_("svar senast"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("revisionsrapport")
        verbose_name_plural = _("revisionsrapporter")
        ordering = ["-issued_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("control:audit_report", args=[self.pk])


class Recommendation(DomainModel):
    """One of an audit report's recommendations to a nämnd, with the nämnd's answer."""

    report = models.ForeignKey(
        AuditReport,
        verbose_name=_("revisionsrapport"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("till nämnd"),
        on_delete=models.PROTECT,
        related_name="audit_recommendations",
    )
    text = models.TextField(_("rekommendation"))
    answer = models.TextField(_("nämndens svar"), blank=True)
    answered_on = models.DateField(_("besvarad"), null=True, blank=True)
    answer_decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut om svaret"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_answers",
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=1)

    class Meta:
        verbose_name = _("rekommendation")
        verbose_name_plural = _("rekommendationer")
        ordering = ["report", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("control:audit_report", args=[self.report_id]) + f"#rekommendation-{self.pk}"

    @property
    def owner_body(self) -> Body:
        return self.body

    @property
    def is_answered(self) -> bool:
        return bool(self.answer.strip())
