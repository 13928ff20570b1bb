"""Reports: the municipality's template per kind, the written section texts, the final
snapshots and the background jobs that generate files.

Figures are never stored here: a report is built from the data each time. What is stored
is what people wrote (the template's intros, the section texts) and, once a report is
final, the exact file that was handed over (``ReportSnapshot``), which never changes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import KINDS

KIND_CHOICES = [(kind, kind) for kind in KINDS]
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel")]


class ReportTemplate(DomainModel):
    """The municipality's layout of one report kind: section order and intro texts.

    ``section_order`` lists section keys; sections it names come first in that order
    (at each level), the rest follow in the builder's order. ``intros`` maps a section
    key to the intro printed under its heading.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("rapporttyp"), max_length=32, choices=KIND_CHOICES)
    section_order = models.JSONField(_("avsnittens ordning"), default=list, blank=True)
    intros = models.JSONField(_("inledande texter"), default=dict, blank=True)

    class Meta:
        verbose_name = _("rapportmall")
        verbose_name_plural = _("rapportmallar")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="unique_report_template")
        ]

    def __str__(self) -> str:
        return gettext("Mall för %(kind)s") % {"kind": self.kind}


class SectionText(DomainModel):
    """What a section's owner wrote for one report (kind, year, nämnd), and its approval.

    The owner writes and submits; the approver approves. ``approved_text`` is the text
    as last approved: only it goes into a final report, so an edit after approval shows
    in the preview as a draft while the final report keeps the approved words until the
    new ones are approved.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        SUBMITTED = "submitted", _("inskickad")
        APPROVED = "approved", _("godkänd")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("rapporttyp"), max_length=32, choices=KIND_CHOICES)
    year = models.PositiveSmallIntegerField(_("år"))
    body = models.ForeignKey(
        Body,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    section_key = models.CharField(_("avsnitt"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    approved_text = models.TextField(_("godkänd text"), blank=True, editable=False)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkänd av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)

    class Meta:
        verbose_name = _("avsnittstext")
        verbose_name_plural = _("avsnittstexter")
        ordering = ["section_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "year", "body", "section_key"],
                condition=Q(body__isnull=False),
                name="unique_section_text_body",
            ),
            models.UniqueConstraint(
                fields=["municipality", "kind", "year", "section_key"],
                condition=Q(body__isnull=True),
                name="unique_section_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.section_key}"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED and self.text == self.approved_text

    def write(self, text: str, *, by: Any) -> None:
        self.text = text.strip()
        self.state = self.State.DRAFT
        self.written_by = by
        self.updated_at = timezone.now()
        self.save()

    def submit(self, *, by: Any) -> None:
        if not self.text:
            raise ValidationError(gettext("Skriv en text innan du skickar den för godkännande."))
        self.state = self.State.SUBMITTED
        self.updated_at = timezone.now()
        self.save()

    def approve(self, *, by: Any) -> None:
        if self.state != self.State.SUBMITTED:
            raise ValidationError(
                gettext("Bara en inskickad text kan godkännas. Be författaren skicka in den.")
            )
        self.state = self.State.APPROVED
        self.approved_text = self.text
        self.approved_by = by
        self.approved_at = timezone.now()
        self.save()

    def send_back(self, *, by: Any) -> None:
        """The approver returns a submitted text to its writer as a draft."""
        if self.state != self.State.SUBMITTED:
            raise ValidationError(gettext("Bara en inskickad text kan skickas tillbaka."))
        self.state = self.State.DRAFT
        self.save()


class SnapshotImmutable(Exception):
    """A final report is never changed or removed."""


class ReportSnapshotQuerySet(models.QuerySet["ReportSnapshot"]):
    def update(self, **kwargs: Any) -> int:
        raise SnapshotImmutable(gettext("En slutlig rapport kan inte ändras."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SnapshotImmutable(gettext("En slutlig rapport kan inte tas bort."))


def snapshot_upload_to(instance: ReportSnapshot, filename: str) -> str:
    return f"report-snapshots/{instance.year}/{instance.kind}/{filename}"


class ReportSnapshot(models.Model):
    """The final report of a period, stored as the exact file handed over, with its hash.

    Written once and never changed or removed (``save`` of a stored row, ``delete`` and
    queryset ``update``/``delete`` all refuse), so what KF received can be produced and
    verified even after the data has changed.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("rapporttyp"), max_length=32, choices=KIND_CHOICES)
    title = models.CharField(_("titel"), max_length=300)
    year = models.PositiveSmallIntegerField(_("år"))
    body = models.ForeignKey(
        Body,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("rapportperiod"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=8, choices=FORMAT_CHOICES)
    file = models.FileField(_("fil"), upload_to=snapshot_upload_to)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.BigIntegerField(_("storlek (byte)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    source_summary = models.JSONField(_("underlagets sammanfattning"), default=dict)

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("slutlig rapport")
        verbose_name_plural = _("slutliga rapporter")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.year} ({self.format})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SnapshotImmutable(gettext("En slutlig rapport kan inte ändras."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:snapshot_download", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SnapshotImmutable(gettext("En slutlig rapport kan inte tas bort."))

    @property
    def file_name(self) -> str:
        body = f"-{self.body_id}" if self.body_id else ""
        return f"{self.kind}-{self.year}{body}-slutlig.{self.format}"

    def read(self) -> bytes:
        with self.file.open("rb") as handle:
            data: bytes = handle.read()
        return data

    def verify(self) -> bool:
        """The stored file is still the one that was made final."""
        return hashlib.sha256(self.read()).hexdigest() == self.sha256


def job_upload_to(instance: ReportJob, filename: str) -> str:
    return f"report-jobs/{timezone.now():%Y/%m}/{filename}"


class ReportJob(DomainModel):
    """A report file asked for in the browser and made by the task worker.

    A preliminary file is kept with the job; a final one becomes a ``ReportSnapshot``.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("i kö")
        RUNNING = "running", _("skapas")
        DONE = "done", _("klar")
        FAILED = "failed", _("misslyckades")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("rapporttyp"), max_length=32, choices=KIND_CHOICES)
    year = models.PositiveSmallIntegerField(_("år"))
    body = models.ForeignKey(
        Body,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("rapportperiod"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=8, choices=FORMAT_CHOICES)
    final = models.BooleanField(_("slutlig"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begärd av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(_("läge"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    message = models.TextField(_("meddelande"), blank=True)
    output = models.FileField(_("fil"), upload_to=job_upload_to, blank=True)
    snapshot = models.ForeignKey(
        ReportSnapshot,
        verbose_name=_("slutlig rapport"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapportjobb")
        verbose_name_plural = _("rapportjobb")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return gettext("%(kind)s %(year)s som %(format)s") % {
            "kind": self.kind,
            "year": self.year,
            "format": self.get_format_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("reports:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def file_name(self) -> str:
        body = f"-{self.body_id}" if self.body_id else ""
        return f"{self.kind}-{self.year}{body}.{self.format}"
