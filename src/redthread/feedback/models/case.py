"""A synpunkt or felanmälan (``ServiceRequest``) and the life of its case."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.feedback.models.catalogue import Category
from redthread.feedback.workdays import add_working_days, working_days_between
from redthread.organisation.models import Municipality, Person, Unit

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud safely
MAX_DESCRIPTION = 4000


class Kind(models.TextChoices):
    PRAISE = "praise", _("beröm")
    COMPLAINT = "complaint", _("klagomål")
    SUGGESTION = "suggestion", _("förslag")
    OPINION = "opinion", _("synpunkt")
    FAULT = "fault", _("felanmälan")


class State(models.TextChoices):
    NEW = "new", _("ny")
    ASSIGNED = "assigned", _("tilldelad")
    IN_PROGRESS = "in_progress", _("pågår")
    RESOLVED = "resolved", _("åtgärdad")
    CLOSED = "closed", _("avslutad")
    NOT_MUNICIPAL = "not_municipal", _("ej kommunens ansvar")
    DUPLICATE = "duplicate", _("dubblett")


OPEN_STATES = (State.NEW, State.ASSIGNED, State.IN_PROGRESS)
CLOSED_STATES = (State.RESOLVED, State.CLOSED, State.NOT_MUNICIPAL, State.DUPLICATE)

# Which state may follow which. Assignment moves NEW to ASSIGNED (see ``assign``).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.NEW: (State.IN_PROGRESS, *CLOSED_STATES),
    State.ASSIGNED: (State.IN_PROGRESS, *CLOSED_STATES),
    State.IN_PROGRESS: CLOSED_STATES,
    State.RESOLVED: (State.CLOSED, State.IN_PROGRESS),
    State.CLOSED: (State.IN_PROGRESS,),
    State.NOT_MUNICIPAL: (State.IN_PROGRESS,),
    State.DUPLICATE: (State.IN_PROGRESS,),
}

STATUS_CLASS = {
    State.NEW: "status-none",
    State.ASSIGNED: "status-yellow",
    State.IN_PROGRESS: "status-yellow",
    State.RESOLVED: "status-green",
    State.CLOSED: "status-green",
    State.NOT_MUNICIPAL: "status-none",
    State.DUPLICATE: "status-none",
}


class Channel(models.TextChoices):
    WEB = "web", _("webbformulär")
    OPEN311 = "open311", _("app (Open311)")
    PHONE = "phone", _("telefon")
    EMAIL = "email", _("e-post")
    LETTER = "letter", _("brev")
    VISIT = "visit", _("besök")


class Conflict(ValidationError):
    """The case changed since the handläggare loaded it."""


class ServiceRequestQuerySet(models.QuerySet["ServiceRequest"]):
    def open(self) -> ServiceRequestQuerySet:
        return self.filter(state__in=OPEN_STATES)

    def closed(self) -> ServiceRequestQuerySet:
        return self.filter(state__in=CLOSED_STATES)

    def overdue(self, today: dt.date | None = None) -> ServiceRequestQuerySet:
        """Not yet answered, and past the day the answer was due."""
        day = today or timezone.localdate()
        return self.filter(responded_at__isnull=True, due_on__lt=day).exclude(
            state__in=CLOSED_STATES
        )

    def received_between(self, start: dt.date, end: dt.date) -> ServiceRequestQuerySet:
        return self.filter(received_on__gte=start, received_on__lte=end)

    def visible_to(self, user: Any) -> ServiceRequestQuerySet:
        """The cases ``user`` may read (the same rule as ``feedback.view_servicerequest``)."""
        from redthread.feedback.rules import reads_all_feedback

        if not user.is_authenticated:
            return self.none()
        if reads_all_feedback(user):
            return self
        return self.filter(handling_condition(user) | Q(registered_by=user))

    def handled_by(self, user: Any) -> ServiceRequestQuerySet:
        """The cases in ``user``'s inbox: their categories, their units, assigned to them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(handling_condition(user))

    def due_for_erasure(self, now: dt.datetime | None = None) -> ServiceRequestQuerySet:
        """Closed long enough ago that the personal data goes (``REDTHREAD_FEEDBACK_RETENTION_MONTHS``)."""
        cutoff = retention_cutoff(now or timezone.now())
        return self.filter(state__in=CLOSED_STATES, closed_at__lte=cutoff, erased_at__isnull=True)


def handling_condition(user: Any) -> Q:
    from redthread.feedback.rules import handled_category_ids

    scope = user.scope
    condition = Q(category_id__in=handled_category_ids(user))
    if scope.person_id:
        condition |= Q(assigned_to_id=scope.person_id)
    for path in scope.managed_paths:
        condition |= Q(unit__path__startswith=path)
    return condition


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    months = settings.REDTHREAD_FEEDBACK_RETENTION_MONTHS
    year, month = divmod(now.month - 1 - months, 12)
    day = min(now.day, 28)
    return now.replace(year=now.year + year, month=month + 1, day=day)


def new_reference(year: int) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{year}-{code}"


class ServiceRequest(DomainModel):
    """A synpunkt or felanmälan: what someone told the municipality, and how it was handled.

    Personal data (the contact fields, the description, photos, notes and answers) is
    kept only as long as the case needs it: ``erase_personal_data`` removes it a
    configurable time after the case closes, while everything statistics count
    (kind, category, unit, dates, state, working days) stays.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("referensnummer"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="requests"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("ansvarig enhet"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("beskrivning"), max_length=MAX_DESCRIPTION, blank=True)
    publish_description = models.BooleanField(
        _("beskrivningen får visas offentligt"),
        default=False,
        help_text=_("Kryssa i när texten inte innehåller personuppgifter."),
    )
    address = models.CharField(_("plats"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    media_url = models.URLField(_("länk till bild"), max_length=500, blank=True)
    # Personal data, only when the person wants an answer; erased by gallring.
    wants_answer = models.BooleanField(_("vill ha svar"), default=False)
    contact_name = models.CharField(_("namn"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    consent_at = models.DateTimeField(_("samtycke lämnat"), null=True, blank=True)
    # Handling.
    state = models.CharField(_("status"), max_length=14, choices=State.choices, default=State.NEW)
    assigned_to = models.ForeignKey(
        Person,
        verbose_name=_("handläggare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubblett av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    status_note = models.CharField(
        _("offentlig kommentar"),
        max_length=500,
        blank=True,
        help_text=_("Visas på statussidan och i Open311. Skriv inga personuppgifter."),
    )
    api_key = models.ForeignKey(
        "feedback.Open311Key",
        verbose_name=_("API-nyckel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("inkom"), default=timezone.now, db_index=True)
    received_on = models.DateField(_("inkom datum"), editable=False, db_index=True)
    due_on = models.DateField(_("svar senast"), editable=False)
    responded_at = models.DateTimeField(_("besvarad"), null=True, blank=True, editable=False)
    response_days = models.PositiveSmallIntegerField(
        _("arbetsdagar till svar"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True, editable=False)
    handling_days = models.PositiveSmallIntegerField(
        _("arbetsdagar till avslut"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    erased_at = models.DateTimeField(_("personuppgifter gallrade"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("synpunkt eller felanmälan")
        verbose_name_plural = _("synpunkter och felanmälningar")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["state", "due_on"], name="feedback_sr_state_due"),
            models.Index(fields=["category", "received_on"], name="feedback_sr_cat_day"),
            models.Index(fields=["unit", "state"], name="feedback_sr_unit_state"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("feedback:case", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("feedback:status", args=[self.reference])

    # Creation.
    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            local = timezone.localtime(self.received_at)
            self.received_on = local.date()
            if not self.due_on:
                self.due_on = add_working_days(self.received_on, self.category.response_days)
            if not self.unit_id:
                self.unit_id = self.category.unit_id
            if self.reference:
                super().save(*args, **kwargs)
                return
            for _attempt in range(5):
                self.reference = new_reference(local.year)
                try:
                    with transaction.atomic():
                        super().save(*args, **kwargs)
                    return
                except IntegrityError:
                    if ServiceRequest.objects.filter(reference=self.reference).exists():
                        continue
                    raise
            raise IntegrityError("No free reference number after five attempts.")
        super().save(*args, **kwargs)

    # Reading.
    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"

    @property
    def status_class(self) -> str:
        return STATUS_CLASS[State(self.state)]

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.responded_at is None and self.due_on < timezone.localdate()

    @property
    def has_location(self) -> bool:
        return bool(self.address) or self.latitude is not None

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    @property
    def public_description(self) -> str:
        return self.description if self.publish_description and not self.erased_at else ""

    @property
    def may_answer_by_email(self) -> bool:
        return bool(self.wants_answer and self.contact_email and not self.erased_at)

    def allowed_states(self) -> list[State]:
        return [State(s) for s in TRANSITIONS[State(self.state)]]

    # Handling: each method checks, changes and saves, or raises and changes nothing.
    def ensure_version(self, version: int | None) -> None:
        if version is not None and version != self.version:
            raise Conflict(
                _(
                    "Ärendet har ändrats av någon annan sedan du öppnade det. "
                    "Läs igenom det på nytt och gör ändringen igen."
                )
            )

    def assign(self, person: Person | None, *, version: int | None = None) -> None:
        self.ensure_version(version)
        self.assigned_to = person
        if person is not None and self.state == State.NEW:
            self.state = State.ASSIGNED
        if person is None and self.state == State.ASSIGNED:
            self.state = State.NEW
        self.save()

    def move_to(
        self,
        state: str,
        *,
        version: int | None = None,
        note: str | None = None,
        duplicate_of: ServiceRequest | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.ensure_version(version)
        target = State(state)
        if target not in TRANSITIONS[State(self.state)]:
            raise ValidationError(
                _("Ärendet kan inte gå från %(from)s till %(to)s.")
                % {"from": self.get_state_display(), "to": target.label}
            )
        if target == State.DUPLICATE:
            if duplicate_of is None or duplicate_of.pk == self.pk:
                raise ValidationError(_("Välj vilket ärende det här är en dubblett av."))
            self.duplicate_of = duplicate_of
        elif self.state == State.DUPLICATE:
            self.duplicate_of = None
        moment = now or timezone.now()
        self.state = target
        if target in CLOSED_STATES:
            self.closed_at = moment
            self.handling_days = working_days_between(
                self.received_on, timezone.localtime(moment).date()
            )
            self._mark_responded(moment)
        else:
            self.closed_at = None
            self.handling_days = None
        if note is not None:
            self.status_note = note
        self.save()

    def record_response(self, moment: dt.datetime | None = None) -> None:
        """The person got an answer (e-mail, phone or letter): the SLA clock stops."""
        if self._mark_responded(moment or timezone.now()):
            self.save()

    def _mark_responded(self, moment: dt.datetime) -> bool:
        if self.responded_at is not None:
            return False
        self.responded_at = moment
        self.response_days = working_days_between(
            self.received_on, timezone.localtime(moment).date()
        )
        return True

    def likely_duplicates(self, limit: int = 5) -> list[tuple[ServiceRequest, int | None]]:
        from redthread.feedback.duplicates import likely_duplicates

        return likely_duplicates(self, limit=limit)


def coordinate(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))
