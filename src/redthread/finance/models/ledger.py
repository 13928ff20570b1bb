"""The ledger: imports (a log with history), their entries and the aggregates reports read.

``LedgerEntry``, ``LedgerBalance`` and ``LedgerSummary`` are imported, immutable bulk
rows: millions a year. They keep no history of their own (each import does) and their
foreign keys carry no database constraint, so that a million rows insert in seconds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Municipality


class LedgerImportQuerySet(models.QuerySet["LedgerImport"]):
    def active(self) -> LedgerImportQuerySet:
        """Imports whose data is in the ledger: not replaced by a later import."""
        return self.filter(replaced_by__isnull=True)


class LedgerImport(DomainModel):
    """One imported file: who imported it, when, its hash, its counts and the months it covers."""

    class Format(models.TextChoices):
        SIE = "sie", _("SIE")
        CSV = "csv", _("CSV")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("fil"), max_length=255)
    file_hash = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file_size = models.BigIntegerField(_("storlek (byte)"), default=0)
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    sie_type = models.PositiveSmallIntegerField(_("SIE-typ"), null=True, blank=True)
    program = models.CharField(_("program"), max_length=200, blank=True)
    company = models.CharField(_("företag i filen"), max_length=200, blank=True)
    encoding = models.CharField(_("teckenkodning"), max_length=20, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importerad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("importerad"), default=timezone.now)
    period_start = models.DateField(_("utfall från"), null=True, blank=True)
    period_end = models.DateField(_("utfall till"), null=True, blank=True)
    budget_start = models.DateField(_("budget från"), null=True, blank=True)
    budget_end = models.DateField(_("budget till"), null=True, blank=True)
    transactions = models.PositiveIntegerField(_("transaktioner"), default=0)
    vouchers = models.PositiveIntegerField(_("verifikationer"), default=0)
    balances = models.PositiveIntegerField(_("periodsaldon"), default=0)
    budget_rows = models.PositiveIntegerField(_("budgetrader"), default=0)
    accounts_added = models.PositiveIntegerField(_("nya konton"), default=0)
    codes_added = models.PositiveIntegerField(_("nya koder"), default=0)
    warnings = models.JSONField(_("varningar"), default=list, blank=True)
    unmapped = models.JSONField(_("ej kopplade koder"), default=dict, blank=True)
    comparison = models.JSONField(
        _("jämfört med tidigare data per månad"), default=list, blank=True
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("ersatt av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced",
    )

    objects = LedgerImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("import av huvudbok")
        verbose_name_plural = _("importer av huvudbok")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("finance:ledger_import", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period_start is None or self.period_end is None:
            return "–"
        return f"{self.period_start:%Y-%m} – {self.period_end:%Y-%m}"


def _bulk_fk(model: Any, **kwargs: Any) -> Any:
    """A foreign key for bulk rows: no database constraint, no index of its own."""
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        **kwargs,
    )


class LedgerEntry(models.Model):
    """One transaction (#TRANS) of the ledger: imported, never edited.

    No history: the import it came with (``LedgerImport``) is the audit trail.
    """

    municipality = _bulk_fk(Municipality, verbose_name=_("kommun"))
    ledger_import = _bulk_fk(LedgerImport, verbose_name=_("import"))
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(_("månad"))
    date = models.DateField(_("datum"))
    account = models.CharField(_("konto"), max_length=10)
    responsibility = models.CharField(_("ansvar"), max_length=40, blank=True)
    activity = models.CharField(_("verksamhet"), max_length=40, blank=True)
    project = models.CharField(_("projekt"), max_length=40, blank=True)
    amount_ore = models.BigIntegerField(_("belopp i öre"))
    series = models.CharField(_("serie"), max_length=40, blank=True)
    voucher = models.CharField(_("verifikation"), max_length=40, blank=True)
    text = models.CharField(_("text"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("transaktion")
        verbose_name_plural = _("transaktioner")
        indexes = [
            models.Index(
                fields=["municipality", "year", "month", "account"], name="ledgerentry_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.account} {self.amount_ore / 100:.2f}"

    @property
    def amount(self) -> Decimal:
        return Decimal(self.amount_ore) / 100


class LedgerBalance(models.Model):
    """Per month, account, ansvar, verksamhet and projekt: the sum of the ledger, or a budget.

    Written by the import (from transactions or from #PSALDO/#PBUDGET), never by hand.
    """

    class Kind(models.TextChoices):
        ACTUAL = "actual", _("utfall")
        BUDGET = "budget", _("budget i ekonomisystemet")

    municipality = _bulk_fk(Municipality, verbose_name=_("kommun"))
    ledger_import = _bulk_fk(LedgerImport, verbose_name=_("import"))
    kind = models.CharField(_("slag"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(_("månad"))
    account = models.CharField(_("konto"), max_length=10)
    responsibility = models.CharField(_("ansvar"), max_length=40, blank=True)
    activity = models.CharField(_("verksamhet"), max_length=40, blank=True)
    project = models.CharField(_("projekt"), max_length=40, blank=True)
    amount_ore = models.BigIntegerField(_("belopp i öre"))

    class Meta:
        verbose_name = _("saldo per månad")
        verbose_name_plural = _("saldon per månad")
        indexes = [
            models.Index(
                fields=["municipality", "kind", "year", "month"], name="ledgerbalance_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.account} {self.amount_ore / 100:.2f}"


class LedgerSummary(models.Model):
    """Per month, ansvar, verksamhet and account class: what the month report reads."""

    municipality = _bulk_fk(Municipality, verbose_name=_("kommun"))
    ledger_import = _bulk_fk(LedgerImport, verbose_name=_("import"))
    kind = models.CharField(_("slag"), max_length=8, choices=LedgerBalance.Kind.choices)
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(_("månad"))
    responsibility = models.CharField(_("ansvar"), max_length=40, blank=True)
    activity = models.CharField(_("verksamhet"), max_length=40, blank=True)
    account_class = models.PositiveSmallIntegerField(_("kontoklass"))
    amount_ore = models.BigIntegerField(_("belopp i öre"))

    class Meta:
        verbose_name = _("summering per månad")
        verbose_name_plural = _("summeringar per månad")
        indexes = [
            models.Index(
                fields=["municipality", "kind", "year", "month"], name="ledgersummary_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.responsibility} {self.amount_ore / 100:.2f}"


def ledger_upload_to(instance: ImportJob, filename: str) -> str:
    return f"ledger-imports/{timezone.now():%Y/%m}/{filename}"


class ImportJob(DomainModel):
    """A ledger file uploaded in the browser and imported by the task worker.

    The job is the request, its state and its outcome; the ledger itself changes only
    if the import succeeds, and then all at once (see ``LedgerImport``).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("i kö")
        RUNNING = "running", _("läses in")
        DONE = "done", _("klar")
        FAILED = "failed", _("avvisad")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    upload = models.FileField(_("fil"), upload_to=ledger_upload_to)
    original_name = models.CharField(_("filnamn"), max_length=255)
    size = models.BigIntegerField(_("storlek (byte)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begärd av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dry_run = models.BooleanField(_("bara kontroll"), default=False)
    state = models.CharField(_("läge"), max_length=8, choices=State.choices, default=State.QUEUED)
    message = models.TextField(_("meddelande"), blank=True)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    ledger_import = models.ForeignKey(
        LedgerImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobb")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return _t("Import av %(name)s") % {"name": self.original_name}

    def get_absolute_url(self) -> str:
        return reverse("finance:import_job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def duration(self) -> dt.timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
