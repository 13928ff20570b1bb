"""The process register: each förvaltning's kärn-, huvud- and stödprocesser (seed 2.4).

"Allt vi gör i organisationen är en del av en process": a process has an owner, a purpose,
a customer and a chain of steps; it links to the risks of internal control, the activities
of the goal chain and the kvalitetsdeklarationer of the services it delivers. The process
map is drawn from its steps (``quality/processmap.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.control.models import Risk
from redthread.core.models import DomainModel
from redthread.goals.models import Activity
from redthread.organisation.models import Municipality, Person, Unit
from redthread.quality.models.declarations import ServiceDeclaration


class ProcessQuerySet(models.QuerySet["Process"]):
    def for_administration(self, unit: Unit) -> ProcessQuerySet:
        """The processes of a förvaltning and every unit in it."""
        root = Unit.objects.get(pk=unit.root_id)
        return self.filter(unit__path__startswith=root.path)


class Process(DomainModel):
    """A process: a chain of steps that turns a customer's need into a result."""

    class Kind(models.TextChoices):
        CORE = "core", _("kärnprocess")
        MAIN = "main", _("huvudprocess")
        SUPPORT = "support", _("stödprocess")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("förvaltning eller enhet"),
        on_delete=models.PROTECT,
        related_name="processes",
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i processen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("En huvudprocess kan ingå i en kärnprocess."),
    )
    title = models.CharField(_("process"), max_length=160)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("processägare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.TextField(_("syfte"))
    customer = models.CharField(
        _("kund"), max_length=255, help_text=_("Vem processen skapar värde för.")
    )
    result = models.CharField(
        _("resultat för kunden"),
        max_length=255,
        blank=True,
        help_text=_("Vad kunden har fått när processen är klar."),
    )
    risks = models.ManyToManyField(
        Risk, verbose_name=_("risker"), blank=True, related_name="processes"
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("aktiviteter"), blank=True, related_name="+"
    )
    declarations = models.ManyToManyField(
        ServiceDeclaration,
        verbose_name=_("kvalitetsdeklarationer"),
        blank=True,
        related_name="processes",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processer")
        ordering = ["unit__order", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality:process", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id is not None:
            if self.pk is not None and self.parent_id == self.pk:
                raise ValidationError({"parent": _("En process kan inte ingå i sig själv.")})
            if self.kind == self.Kind.CORE:
                raise ValidationError(
                    {"parent": _("En kärnprocess ingår inte i någon annan process.")}
                )


class ProcessStep(DomainModel):
    """A step of a process, in order: what is done and who does it."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("steg"), max_length=120)
    performer = models.CharField(
        _("utförs av"),
        max_length=120,
        blank=True,
        help_text=_("En roll, t.ex. biståndshandläggare."),
    )
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("processteg")
        verbose_name_plural = _("processteg")
        ordering = ["process", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return self.process.get_absolute_url()
