"""What citizens can report about, who answers, and the answers' templates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Municipality, Person, Unit


class CategoryQuerySet(models.QuerySet["Category"]):
    def active(self) -> CategoryQuerySet:
        return self.filter(is_active=True)


class Category(DomainModel):
    """A category of synpunkter and felanmälningar (Open311: a service), mapped to a unit.

    The responsible unit answers the category's cases; its managers and the
    category's handläggare (``handlers``) find them in their inbox. Categories are
    configuration, edited by the administratör in the admin site.
    """

    class Open311Type(models.TextChoices):
        REALTIME = "realtime", _("direkt ärendenummer (realtime)")
        BATCH = "batch", _("token först (batch)")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(
        _("kod"),
        max_length=40,
        unique=True,
        help_text=_("Kategorins kod i Open311 (service_code), t.ex. gatubelysning."),
    )
    name = models.CharField(_("namn"), max_length=100)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    group = models.CharField(
        _("grupp"), max_length=60, blank=True, help_text=_("Grupp i Open311, t.ex. Gata och park.")
    )
    keywords = models.CharField(_("sökord"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig enhet"),
        on_delete=models.PROTECT,
        related_name="feedback_categories",
    )
    handlers = models.ManyToManyField(
        Person,
        verbose_name=_("handläggare"),
        blank=True,
        related_name="feedback_categories",
        help_text=_("Får kategorins ärenden i sin inkorg och handlägger dem."),
    )
    response_days = models.PositiveSmallIntegerField(
        _("svarstid i arbetsdagar"),
        default=5,
        help_text=_("Inom hur många arbetsdagar den som lämnat ärendet ska få svar."),
    )
    open311_type = models.CharField(
        _("svarstyp i Open311"),
        max_length=10,
        choices=Open311Type.choices,
        default=Open311Type.REALTIME,
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AnswerTemplate(DomainModel):
    """A text a handläggare starts an answer from.

    ``{referens}``, ``{kategori}`` and ``{namn}`` are replaced with the case's values.
    """

    name = models.CharField(_("namn"), max_length=100)
    subject = models.CharField(_("ämnesrad"), max_length=150)
    body = models.TextField(_("text"))
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Lämna tomt för en mall som gäller alla kategorier."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("svarsmall")
        verbose_name_plural = _("svarsmallar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def fill(self, *, reference: str, category: str, name: str) -> tuple[str, str]:
        """Subject and body with the placeholders replaced."""
        values = {"{referens}": reference, "{kategori}": category, "{namn}": name}
        subject, body = self.subject, self.body
        for key, value in values.items():
            subject = subject.replace(key, value)
            body = body.replace(key, value)
        return subject, body
