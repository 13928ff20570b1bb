"""Who may post to the Open311 API, and how often anyone may submit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel


class Open311KeyQuerySet(models.QuerySet["Open311Key"]):
    def for_key(self, key: str) -> Open311Key | None:
        return self.filter(key_hash=Open311Key.digest(key), is_active=True).first()


class Open311Key(DomainModel):
    """An API key for posting service requests through Open311 (``api_key``).

    Issued by the administratör in the admin site to an app or partner; only the
    SHA-256 of the key is stored. Demo keys work only in demo mode.
    """

    name = models.CharField(_("namn"), max_length=100)
    contact = models.CharField(_("kontakt"), max_length=200, blank=True)
    prefix = models.CharField(_("början av nyckeln"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_demo = models.BooleanField(_("demonyckel"), default=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)

    objects = Open311KeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Open311-nyckel")
        verbose_name_plural = _("Open311-nycklar")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def set_key(self, key: str | None = None) -> str:
        """Give the key a new secret and return it; it is shown once and never stored."""
        key = key or f"o311_{secrets.token_urlsafe(24)}"
        self.prefix = key[:8]
        self.key_hash = self.digest(key)
        return key


class RateLimitBucket(DomainModel):
    """How many submissions one client made in one time window.

    Kept in the database so the limit holds across every application process. The
    client is an HMAC of its address, never the address. Rows are written only with
    bulk operations (no history rows) and removed once their window has passed.
    """

    scope = models.CharField(max_length=30)
    client = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("begränsning av inskick")
        verbose_name_plural = _("begränsningar av inskick")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="unique_rate_bucket"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M} {self.count}"

    @classmethod
    def hit(cls, scope: str, client: str, window: dt.timedelta, now: dt.datetime) -> int:
        """Count one submission and return the count in the current window."""
        seconds = int(window.total_seconds())
        start = dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)
        RateLimitBucket.objects.bulk_create(
            [RateLimitBucket(scope=scope, client=client, window_start=start, count=0)],
            ignore_conflicts=True,
        )
        bucket = RateLimitBucket.objects.filter(scope=scope, client=client, window_start=start)
        bucket.update(count=F("count") + 1)
        return int(bucket.values_list("count", flat=True).get())

    @classmethod
    def forget_before(cls, moment: dt.datetime) -> int:
        """Remove passed windows in one statement (no per-row signals or history)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {cls._meta.db_table} WHERE window_start < %s",  # noqa: S608
                [moment],
            )
            return int(cursor.rowcount)
