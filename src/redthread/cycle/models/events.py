"""The calendar of a year: each step's occurrence with real dates, its state and reminders."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle import schedule
from redthread.cycle.models.template import CycleStep
from redthread.organisation.models import Decision, Municipality, Person


class CycleEventQuerySet(models.QuerySet["CycleEvent"]):
    def in_municipality(self, municipality: Municipality) -> CycleEventQuerySet:
        return self.filter(step__cycle__municipality=municipality)

    def for_year(self, year: int) -> CycleEventQuerySet:
        return self.filter(year=year)

    def pending(self) -> CycleEventQuerySet:
        return self.filter(completed_on__isnull=True)

    def between(self, first: dt.date, last: dt.date) -> CycleEventQuerySet:
        """Events whose span touches the days ``first`` to ``last``."""
        return self.filter(starts_on__lte=last, ends_on__gte=first)


class CycleEvent(DomainModel):
    """One step of the årshjul in one year, with real dates: what the wheel and the feed show.

    Generated from the step's rule; identified by the step and the year it concerns, so
    regenerating after a change of the template moves the dates of the same event (and the
    calendar feed's UID stays, so Outlook moves the event instead of adding one). Dates set
    by hand (``is_rescheduled``) survive regeneration.
    """

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("ej påbörjat")
        IN_PROGRESS = "in_progress", _("pågår")
        DONE = "done", _("klart")
        LATE = "late", _("försenat")

    STATUS_CSS = {
        State.NOT_STARTED: "status-none",
        State.IN_PROGRESS: "status-yellow",
        State.DONE: "status-green",
        State.LATE: "status-red",
    }

    step = models.ForeignKey(
        CycleStep, verbose_name=_("steg"), on_delete=models.PROTECT, related_name="events"
    )
    subject_year = models.PositiveSmallIntegerField(_("avser år"))
    year = models.PositiveSmallIntegerField(_("kalenderår"), db_index=True)
    name = models.CharField(_("namn"), max_length=160)
    starts_on = models.DateField(_("börjar"))
    ends_on = models.DateField(_("sista dag"))
    variant = models.CharField(
        _("variant"),
        max_length=20,
        choices=schedule.Variant.choices,
        default=schedule.Variant.REGULAR,
    )
    is_rescheduled = models.BooleanField(
        _("datum ändrade för hand"),
        default=False,
        help_text=_("Datum som ändrats för hand behålls när kalendern skapas om."),
    )
    completed_on = models.DateField(_("klart"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycle_events",
    )
    note = models.TextField(_("anteckning"), blank=True)

    objects = CycleEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("steg i årets kalender")
        verbose_name_plural = _("steg i årets kalender")
        ordering = ["ends_on", "starts_on", "step__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "subject_year"], name="unique_cycle_event_step_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ends_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("cycle:event", args=[self.pk])

    @property
    def uid(self) -> str:
        """Stable across regenerations and date changes: the step's key and the year it concerns."""
        code = self.step.cycle.municipality.code
        return f"{self.step.key}-{self.subject_year}@arshjul.{code}.rodatraden"

    def state(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.completed_on:
            return self.State.DONE
        if today > self.ends_on:
            return self.State.LATE
        if today >= self.starts_on:
            return self.State.IN_PROGRESS
        return self.State.NOT_STARTED

    def state_label(self, today: dt.date | None = None) -> str:
        return str(self.State(self.state(today)).label)

    def status_css(self, today: dt.date | None = None) -> str:
        return self.STATUS_CSS[self.State(self.state(today))]

    @property
    def variant_note(self) -> str:
        if self.variant == schedule.Variant.MANDATE_SHIFT:
            return str(
                _("Mandatskifte: flyttat till året efter valet, då de nya nämnderna tillträtt.")
            )
        if self.variant == schedule.Variant.ELECTION_YEAR:
            return self.step.election_year_note
        return ""

    def mark_done(self, on: dt.date, note: str = "", decision: Decision | None = None) -> None:
        if on > timezone.localdate():
            raise ValidationError(
                {"completed_on": _("Ett steg kan inte vara klart ett datum som inte har varit.")}
            )
        self.completed_on = on
        if note:
            self.note = note
        if decision is not None:
            self.decision = decision
        self.save()

    def mark_not_done(self) -> None:
        self.completed_on = None
        self.save()

    def reschedule(self, starts_on: dt.date, ends_on: dt.date) -> None:
        if ends_on < starts_on:
            raise ValidationError({"ends_on": _("Sista dag kan inte vara före första dagen.")})
        self.starts_on, self.ends_on = starts_on, ends_on
        self.year = ends_on.year
        self.is_rescheduled = True
        self.save()


class ReminderLog(DomainModel):
    """A reminder e-mail that has been sent: the run's memory, so none is ever sent twice.

    A reminder is one person, one event, one kind (before or after the deadline), one
    number of days and the deadline it was about; if the deadline moves, the reminders
    for the new date are new reminders.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("före sista dag")
        OVERDUE = "overdue", _("försenat")

    event = models.ForeignKey(
        CycleEvent, verbose_name=_("steg"), on_delete=models.CASCADE, related_name="reminders"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("mottagare"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(_("dagar"))
    due_on = models.DateField(_("sista dag"))
    email = models.EmailField(_("e-post"))
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "kind", "days", "due_on"], name="unique_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.name} – {self.person} ({self.sent_at:%Y-%m-%d})"


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def for_key(self, key: str) -> CalendarFeed | None:
        return (
            self.select_related("user")
            .filter(key_hash=CalendarFeed.digest(key), user__is_active=True)
            .first()
        )


class CalendarFeed(DomainModel):
    """A user's personal calendar feed: a secret address, stored only as its SHA-256.

    The address is shown once when it is made; making a new one stops the old one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("senast hämtad"), null=True, blank=True, editable=False)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("personligt kalenderflöde")
        verbose_name_plural = _("personliga kalenderflöden")

    def __str__(self) -> str:
        return str(_("Kalenderflöde för %(user)s") % {"user": self.user})

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: Any) -> tuple[CalendarFeed, str]:
        """A new secret address for ``user``; any earlier one stops working."""
        key = secrets.token_urlsafe(24)
        feed = cls.objects.filter(user=user).first()
        if feed is None:
            feed = cls.objects.create(user=user, key_hash=cls.digest(key))
        else:
            feed.key_hash = cls.digest(key)
            feed.created_at = timezone.now()
            feed.last_used = None
            feed.save()
        return feed, key
