"""The finance structure: chart of accounts, ansvar, verksamhet and projekt codes.

The chart follows Kommun-Bas: the first digit is the account class. Codes come from
the financial system (the ledger import creates the ones it meets) and are mapped
here to the organisation: an ansvar to a unit and the nämnd whose budget it belongs to.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Municipality, Unit

ACCOUNT_CLASSES = {
    1: _("Tillgångar"),
    2: _("Eget kapital, avsättningar och skulder"),
    3: _("Verksamhetens intäkter"),
    4: _("Verksamhetens kostnader"),
    5: _("Personalkostnader"),
    6: _("Övriga verksamhetskostnader"),
    7: _("Övriga verksamhetskostnader"),
    8: _("Skatteintäkter, statsbidrag och finansiella poster"),
    9: _("Interna och kalkylmässiga poster"),
}
# The result accounts: revenue and cost classes. Classes 1 and 2 are the balance sheet.
RESULT_CLASSES = (3, 4, 5, 6, 7, 8)
OPERATING_CLASSES = (3, 4, 5, 6, 7)


def account_class(number: str) -> int:
    return int(number[0]) if number and number[0].isdigit() else 0


class Account(DomainModel):
    """An account in the chart of accounts; the municipality extends Kommun-Bas with its own."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="accounts"
    )
    number = models.CharField(
        _("kontonummer"),
        max_length=10,
        validators=[RegexValidator(r"^\d{1,10}$", _("Kontonumret består av siffror."))],
    )
    name = models.CharField(_("namn"), max_length=200)
    is_active = models.BooleanField(_("används"), default=True)
    added_by_import = models.BooleanField(
        _("upplagt vid import"),
        default=False,
        help_text=_("Kontot fanns i en importerad fil men inte i kontoplanen."),
    )

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                name="unique_account_number",
                violation_error_message=_("Kontot finns redan i kontoplanen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def account_class(self) -> int:
        return account_class(self.number)

    @property
    def class_label(self) -> str:
        return str(ACCOUNT_CLASSES.get(self.account_class, ""))

    def get_absolute_url(self) -> str:
        return reverse("finance:code_edit", args=["konto", self.pk])


class CodeQuerySet(models.QuerySet[Any]):
    def for_municipality(self, municipality: Municipality) -> CodeQuerySet:
        return self.filter(municipality=municipality)


class ResponsibilityCode(DomainModel):
    """An ansvar (SIE dimension 1 by default), mapped to a unit and to the nämnd it budgets for."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibility_codes",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibility_codes",
        help_text=_("Den nämnd vars budget ansvaret hör till."),
    )
    is_financing = models.BooleanField(
        _("finansförvaltning"),
        default=False,
        help_text=_("Skatter, generella statsbidrag, finansnetto och andra gemensamma poster."),
    )

    objects = CodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="unique_responsibility_code",
                violation_error_message=_("Ansvarskoden finns redan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("finance:code_edit", args=["ansvar", self.pk])

    @property
    def is_mapped(self) -> bool:
        return self.is_financing or (self.unit_id is not None and self.body_id is not None)

    def clean(self) -> None:
        if self.is_financing and self.body_id is not None:
            raise ValidationError(
                {"body": _("Finansförvaltningens ansvar hör inte till någon nämnds budget.")}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.body_id is None and self.unit is not None and not self.is_financing:
            self.body = default_body_for(self.unit)
        super().save(*args, **kwargs)


def default_body_for(unit: Unit) -> Body | None:
    """The nämnd a unit's förvaltning serves, preferring a nämnd over KS and KF."""
    root = Unit.objects.filter(pk=unit.root_id).first() or unit
    bodies = list(root.serves.all())
    for kind in (Body.Kind.COMMITTEE, Body.Kind.EXECUTIVE_BOARD):
        for body in bodies:
            if body.kind == kind and body.is_own:
                return body
    return None


class ActivityCode(DomainModel):
    """A verksamhet (Kommun-Bas verksamhetsindelning), e.g. 510 Vård och omsorg om äldre."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=200, blank=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("verksamhet")
        verbose_name_plural = _("verksamheter")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="unique_activity_code",
                violation_error_message=_("Verksamhetskoden finns redan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("finance:code_edit", args=["verksamhet", self.pk])


class ProjectCode(DomainModel):
    """A projekt in the ledger (SIE dimension 6 by default): an investment or a drift project."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("investering")
        OPERATING = "operating", _("drift")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices, default=Kind.INVESTMENT)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="finance_projects",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = CodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="unique_project_code",
                violation_error_message=_("Projektkoden finns redan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("finance:code_edit", args=["projekt", self.pk])


class LedgerSettings(DomainModel):
    """Which SIE dimension holds ansvar, verksamhet and projekt in this municipality's files."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="ledger_settings",
    )
    responsibility_dimension = models.PositiveSmallIntegerField(
        _("dimension för ansvar"), default=1, help_text=_("SIE reserverar 1 för kostnadsställe.")
    )
    activity_dimension = models.PositiveSmallIntegerField(
        _("dimension för verksamhet"),
        default=20,
        help_text=_("En fri dimension (20 eller högre) eller 2 för kostnadsbärare."),
    )
    project_dimension = models.PositiveSmallIntegerField(
        _("dimension för projekt"), default=6, help_text=_("SIE reserverar 6 för projekt.")
    )

    class Meta:
        verbose_name = _("inställningar för huvudboken")
        verbose_name_plural = _("inställningar för huvudboken")

    def __str__(self) -> str:
        return str(_("Dimensioner i SIE-filer"))

    def clean(self) -> None:
        dims = [self.responsibility_dimension, self.activity_dimension, self.project_dimension]
        if len(set(dims)) != 3:
            raise ValidationError(_("Ansvar, verksamhet och projekt ska ha olika dimensioner."))

    @classmethod
    def for_municipality(cls, municipality: Municipality) -> LedgerSettings:
        settings = cls.objects.filter(municipality=municipality).first()
        return settings or cls(municipality=municipality)
