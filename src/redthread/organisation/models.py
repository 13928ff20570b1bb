"""The municipality's political and administrative organisation, its people and decisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from redthread.core.models import DomainModel
from redthread.organisation import terms

if TYPE_CHECKING:
    from redthread.organisation.scope import Scope


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def current(self) -> Municipality:
        """The municipality this installation serves (``REDTHREAD_MUNICIPALITY_CODE``)."""
        return self.get(code=settings.REDTHREAD_MUNICIPALITY_CODE)


class Municipality(DomainModel):
    """The municipality an installation serves: one per installation."""

    name = models.CharField(_("namn"), max_length=120)
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden är fyra siffror, t.ex. 0586."))],
    )
    county_code = models.CharField(_("länskod"), max_length=2, blank=True)
    county_name = models.CharField(_("län"), max_length=80, blank=True)
    website = models.URLField(_("webbplats"), blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class Body(DomainModel):
    """A political body: kommunfullmäktige, kommunstyrelse, nämnd, utskott, revision or bolag."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("kommunfullmäktige")
        EXECUTIVE_BOARD = "executive_board", _("kommunstyrelse")
        COMMITTEE = "committee", _("nämnd")
        SUBCOMMITTEE = "subcommittee", _("utskott")
        AUDIT = "audit", _("revision")
        COMPANY = "company", _("kommunalt bolag")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="bodies"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=160)
    short_name = models.CharField(_("förkortning"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    external_municipality = models.CharField(
        _("annan kommuns organ"),
        max_length=120,
        blank=True,
        help_text=_("Fylls i när organet tillhör en annan kommun, t.ex. Boxholms kommun."),
    )
    joint_host = models.CharField(
        _("värdkommun för gemensam nämnd"),
        max_length=120,
        blank=True,
        help_text=_("Fylls i för en gemensam nämnd med en annan kommun som värd."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(
        _("illustrativt exempel"),
        default=False,
        help_text=_("Uppgiften är påhittad för demonstration och inte kommunens verkliga."),
    )

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:body", args=[self.pk])

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def is_own(self) -> bool:
        return not self.external_municipality


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree(self, unit: Unit) -> UnitQuerySet:
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)

    def administrations(self) -> UnitQuerySet:
        return self.filter(kind__in=[Unit.Kind.ADMINISTRATION, Unit.Kind.OFFICE])


class Unit(DomainModel):
    """A part of the administration: förvaltning, kontor, avdelning or enhet, as a tree.

    ``path`` holds the ids from the root down (``/3/17/42/``), so a subtree is one
    indexed prefix filter however deep the tree is.
    """

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("förvaltning")
        OFFICE = "office", _("kontor")
        DEPARTMENT = "department", _("avdelning")
        UNIT = "unit", _("enhet")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="units"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=160)
    short_name = models.CharField(_("förkortning"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    serves = models.ManyToManyField(
        Body,
        verbose_name=_("tjänstemannaorganisation för"),
        blank=True,
        related_name="served_by",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:unit", args=[self.pk])

    def clean(self) -> None:
        if self.parent is not None and self.pk and self.parent.path.startswith(self.path):
            raise ValidationError(
                {
                    "parent": _(
                        "En enhet kan inte ligga under sig själv eller en av sina underenheter."
                    )
                }
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)
            self.path = self._computed_path()
            Unit.objects.filter(pk=self.pk).update(path=self.path)
            return
        old_path = self.path
        self.path = self._computed_path()
        if old_path and self.path.startswith(old_path) and self.path != old_path:
            raise ValueError("A unit cannot be moved below itself.")
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                new_path = self.path + child.path[len(old_path) :]
                Unit.objects.filter(pk=child.pk).update(path=new_path)

    def _computed_path(self) -> str:
        parent_path = Unit.objects.get(pk=self.parent_id).path if self.parent_id else "/"
        return f"{parent_path}{self.pk}/"

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def ancestors(self) -> list[Unit]:
        """From the förvaltning down to the parent, in one query."""
        ids = self.ancestor_ids
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    @property
    def root_id(self) -> int:
        return int(self.path.strip("/").split("/")[0])


class User(AbstractUser):
    """A login. The person behind it, with roles and assignments, is ``self.person``."""

    is_demo = models.BooleanField(
        _("demokonto"),
        default=False,
        help_text=_("Demokonton kan bara logga in när systemet körs i demoläge."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @cached_property
    def scope(self) -> Scope:
        from redthread.organisation.scope import Scope

        return Scope.of(self)

    @property
    def is_read_only(self) -> bool:
        """The revisor reads everything and writes nothing."""
        return self.is_authenticated and self.scope.is_read_only


class PersonQuerySet(models.QuerySet["Person"]):
    pass


class Person(DomainModel):
    """Someone in the organisation: an official, an employee or an elected member."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="people"
    )
    first_name = models.CharField(_("förnamn"), max_length=80)
    last_name = models.CharField(_("efternamn"), max_length=80)
    title = models.CharField(_("befattning eller uppdrag"), max_length=120, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("inloggning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("organisation:person", args=[self.pk])


class Term(DomainModel):
    """A mandatperiod: four years from an ordinary election."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="terms"
    )
    election_date = models.DateField(_("valdag"), unique=True)

    class Meta:
        verbose_name = _("mandatperiod")
        verbose_name_plural = _("mandatperioder")
        ordering = ["election_date"]

    def __str__(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @classmethod
    def for_election_year(cls, municipality: Municipality, year: int) -> Term:
        term, _created = cls.objects.get_or_create(
            municipality=municipality, election_date=terms.election_day(year)
        )
        return term

    @property
    def first_year(self) -> int:
        return self.election_date.year + 1

    @property
    def last_year(self) -> int:
        return self.election_date.year + 4

    @property
    def council_start(self) -> dt.date:
        """The new kommunfullmäktige takes office on 15 October of the election year."""
        return dt.date(self.election_date.year, 10, 15)

    @property
    def council_end(self) -> dt.date:
        return dt.date(self.election_date.year + 4, 10, 14)

    @property
    def board_start(self) -> dt.date:
        """Kommunstyrelse and nämnder take office on 1 January after the election."""
        return dt.date(self.first_year, 1, 1)

    @property
    def board_end(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    def start_for(self, body: Body) -> dt.date:
        return self.council_start if body.kind == Body.Kind.COUNCIL else self.board_start

    def end_for(self, body: Body) -> dt.date:
        return self.council_end if body.kind == Body.Kind.COUNCIL else self.board_end


class CurrentQuerySet(models.QuerySet[Any]):
    def current(self, on: dt.date | None = None) -> Any:
        day = on or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(DomainModel):
    """A person's seat in a body: ordförande, vice ordförande, ledamot, ersättare, sekreterare."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("ordförande")
        VICE_CHAIR = "vice_chair", _("vice ordförande")
        MEMBER = "member", _("ledamot")
        SUBSTITUTE = "substitute", _("ersättare")
        SECRETARY = "secretary", _("nämndsekreterare")

    ELECTED = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.SUBSTITUTE)

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    term = models.ForeignKey(
        Term, verbose_name=_("mandatperiod"), on_delete=models.PROTECT, null=True, blank=True
    )
    party = models.CharField(_("parti"), max_length=40, blank=True)
    start = models.DateField(_("från"), null=True, blank=True)
    end = models.DateField(_("till"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppdrag i organ")
        verbose_name_plural = _("uppdrag i organ")
        ordering = ["body__order", "role", "person__last_name"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"


class Assignment(DomainModel):
    """A person's position in a unit: förvaltningschef, avdelningschef, enhetschef, medarbetare."""

    class Role(models.TextChoices):
        HEAD = "head", _("förvaltningschef")
        DEPARTMENT_HEAD = "department_head", _("avdelningschef")
        UNIT_MANAGER = "unit_manager", _("enhetschef")
        EMPLOYEE = "employee", _("medarbetare")

    MANAGERS = (Role.HEAD, Role.DEPARTMENT_HEAD, Role.UNIT_MANAGER)

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    start = models.DateField(_("från"), null=True, blank=True)
    end = models.DateField(_("till"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("anställning i enhet")
        verbose_name_plural = _("anställningar i enheter")
        ordering = ["unit__order", "role", "person__last_name"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.unit}"


class RoleGrant(DomainModel):
    """A municipality-wide role: administratör, kvalitetsstrateg, ekonom or revisor."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("administratör")
        QUALITY_STRATEGIST = "quality_strategist", _("kvalitetsstrateg")
        ECONOMIST = "economist", _("ekonom/controller")
        AUDITOR = "auditor", _("revisor")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("kommungemensam roll")
        verbose_name_plural = _("kommungemensamma roller")
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="unique_role_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class WorkingGroup(DomainModel):
    """An administrative group across units: the ledningsgrupp, a strategic network, a working group."""

    class Kind(models.TextChoices):
        MANAGEMENT_TEAM = "management_team", _("ledningsgrupp")
        STRATEGIC_NETWORK = "strategic_network", _("strategiskt ledningsnätverk")
        WORKING_GROUP = "working_group", _("arbetsgrupp")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=160)
    purpose = models.TextField(_("uppdrag"), blank=True)
    lead = models.ForeignKey(
        Person,
        verbose_name=_("leds av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups_led",
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("rapporterar till"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_groups",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("arbetsgrupp eller nätverk")
        verbose_name_plural = _("arbetsgrupper och nätverk")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:group", args=[self.pk])


class WorkingGroupMember(DomainModel):
    """A person in a working group, optionally representing a unit."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("grupp"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("representerar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("medlem i arbetsgrupp")
        verbose_name_plural = _("medlemmar i arbetsgrupper")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_group_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"


def decision_upload_to(instance: Decision, filename: str) -> str:
    return f"decisions/{instance.date:%Y}/{filename}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def for_year(self, year: int) -> DecisionQuerySet:
        return self.filter(date__year=year)


class Decision(DomainModel):
    """A decision by a body: the provenance of goals, target values, frames and budget changes.

    Cited as "KF 2018-12-18 § 194, dnr 2018:327".
    """

    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="decisions"
    )
    date = models.DateField(_("datum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    title = models.CharField(_("rubrik"), max_length=255)
    summary = models.TextField(_("beslutet i korthet"), blank=True)
    attachment = models.FileField(
        _("bilaga (protokollsutdrag)"), upload_to=decision_upload_to, blank=True
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-date", "body__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date", "paragraph"],
                name="unique_decision_paragraph",
                violation_error_message=_(
                    "Det finns redan ett beslut med den paragrafen för organet och datumet. "
                    "Kontrollera paragrafnumret."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        text = f"{self.body.label} {self.date:%Y-%m-%d} § {self.paragraph}"
        if self.case_number:
            text += f", dnr {self.case_number}"
        return text

    def get_absolute_url(self) -> str:
        return reverse("organisation:decision", args=[self.pk])


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def for_key(self, key: str) -> ApiToken | None:
        digest = ApiToken.digest(key)
        return self.select_related("user").filter(key_hash=digest, user__is_active=True).first()


class ApiToken(DomainModel):
    """A bearer token for the JSON API. Only its SHA-256 is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("namn"), max_length=80)
    prefix = models.CharField(_("början av nyckeln"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, key: str | None = None) -> tuple[ApiToken, str]:
        """Create a token and return it with its key; the key is shown once, never stored."""
        key = key or f"rt_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=cls.digest(key))
        return token, key


class FailedLoginQuerySet(models.QuerySet["FailedLogin"]):
    def recent(self, minutes: int) -> FailedLoginQuerySet:
        return self.filter(at__gte=timezone.now() - dt.timedelta(minutes=minutes))


class FailedLogin(models.Model):
    """A failed sign-in, for throttling guessing. A security log: appended, never edited."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FailedLoginQuerySet.as_manager()

    class Meta:
        verbose_name = _("misslyckad inloggning")
        verbose_name_plural = _("misslyckade inloggningar")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class SecurityPolicy(DomainModel):
    """The municipality's sign-in policy, set by the administratör."""

    class TwoFactor(models.TextChoices):
        OPTIONAL = "optional", _("frivillig")
        WRITERS = "writers", _("krävs för roller som skriver")
        EVERYONE = "everyone", _("krävs för alla")

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="security_policy",
    )
    two_factor = models.CharField(
        _("tvåfaktorinloggning"),
        max_length=10,
        choices=TwoFactor.choices,
        default=TwoFactor.OPTIONAL,
    )

    class Meta:
        verbose_name = _("säkerhetspolicy")
        verbose_name_plural = _("säkerhetspolicyer")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def requires_two_factor(cls, user: User) -> bool:
        from django.conf import settings as django_settings

        policy = cls.objects.filter(
            municipality__code=django_settings.REDTHREAD_MUNICIPALITY_CODE
        ).first()
        if policy is None or policy.two_factor == cls.TwoFactor.OPTIONAL:
            return False
        if policy.two_factor == cls.TwoFactor.EVERYONE:
            return True
        return user.scope.writes


class TwoFactorDevice(models.Model):
    """A user's authenticator (TOTP). Its history records when it was set up, never the secret."""

    user = models.OneToOneField(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="two_factor"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(_("aktiverad"), default=timezone.now)
    last_used_step = models.BigIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["secret", "last_used_step"])

    class Meta:
        verbose_name = _("tvåfaktorenhet")
        verbose_name_plural = _("tvåfaktorenheter")

    def __str__(self) -> str:
        return str(self.user)

    def verify(self, code: str) -> bool:
        """Accept a current code once; a replayed code is refused."""
        from redthread.organisation.totp import matching_step

        step = matching_step(self.secret, code, self.last_used_step)
        if step is None:
            return False
        updated = (
            TwoFactorDevice.objects.filter(pk=self.pk)
            .filter(models.Q(last_used_step__isnull=True) | models.Q(last_used_step__lt=step))
            .update(last_used_step=step)
        )
        self.last_used_step = step
        return bool(updated)
