"""Surveys: medarbetarenkät, medborgarundersökning and the units' kundundersökningar.

The seed (2.2.2) has a medarbetarenkät or a medborgarundersökning every other year in
October/November; the årsplan för kundundersökningar (2.4) says which unit asks which
customers what and when, the results and the actions taken. Results are imported per
index, unit and gender (``quality/survey_import.py``); the whole-municipality figure of an
index linked to an indicator becomes that indicator's actual for the survey year's helår.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.goals.models import Indicator
from redthread.organisation.models import Municipality, Unit

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class SurveyKind(models.TextChoices):
    EMPLOYEE = "employee", _("medarbetarenkät")
    CITIZEN = "citizen", _("medborgarundersökning")
    CUSTOMER = "customer", _("kundundersökning")


class SurveyIndex(DomainModel):
    """A figure a survey reports, e.g. HME totalindex, and the indicator it feeds.

    The indicator is one year's version; the survey year's version of the same indicator
    (its lineage) receives the figure.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("enkät"), max_length=10, choices=SurveyKind.choices)
    code = models.CharField(
        _("kod"), max_length=30, help_text=_("Så som index heter i filen, t.ex. HME.")
    )
    title = models.CharField(_("namn"), max_length=200)
    unit_label = models.CharField(_("enhet"), max_length=20, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimaler"), default=0, validators=[MaxValueValidator(2)]
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Hela kommunens värde blir indikatorns utfall för enkätåret."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        verbose_name = _("enkätindex")
        verbose_name_plural = _("enkätindex")
        ordering = ["kind", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="unique_survey_index_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("quality:surveys")

    def indicator_for_year(self, year: int) -> Indicator | None:
        """The version of the linked indicator that holds the figures of ``year``.

        The indicator of that year if the goal structure has it; otherwise the first later
        version (where earlier years' history is kept, as in a structure started later).
        """
        if self.indicator is None:
            return None
        versions = Indicator.objects.filter(lineage=self.indicator.lineage)
        exact = versions.filter(year=year).first()
        if exact is not None:
            return exact
        return versions.filter(year__gt=year).order_by("year").first()


class SurveyQuerySet(models.QuerySet["Survey"]):
    def customer_plan(self, municipality: Municipality, year: int) -> SurveyQuerySet:
        """The årsplan för kundundersökningar: the units' surveys of the year."""
        return self.filter(municipality=municipality, year=year, kind=SurveyKind.CUSTOMER)


class Survey(DomainModel):
    """One survey round: who asks whom what, when, the results and the actions taken."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planerad")
        DONE = "done", _("genomförd")
        CANCELLED = "cancelled", _("inställd")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("slag"), max_length=10, choices=SurveyKind.choices)
    title = models.CharField(_("namn"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=MONTH_VALIDATORS, help_text=_("När undersökningen görs, 1–12.")
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhet som frågar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        help_text=_("Lämna tomt för en undersökning för hela kommunen."),
    )
    audience = models.CharField(
        _("vilka som tillfrågas"), max_length=255, help_text=_("T.ex. brukare i hemtjänsten.")
    )
    topic = models.TextField(_("vad vi frågar om"))
    method = models.CharField(_("metod"), max_length=120, blank=True)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.PLANNED)
    respondents = models.PositiveIntegerField(_("antal svar"), null=True, blank=True)
    response_rate = models.DecimalField(
        _("svarsfrekvens (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    result_summary = models.TextField(_("resultat i korthet"), blank=True)
    actions_taken = models.TextField(
        _("åtgärder"), blank=True, help_text=_("Vad verksamheten gör med resultatet.")
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("undersökning")
        verbose_name_plural = _("undersökningar")
        ordering = ["-year", "month", "title"]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("quality:survey", args=[self.pk])


class SurveyResult(DomainModel):
    """A survey's figure for one index and one unit (or the whole municipality), with women and men."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("undersökning"), on_delete=models.CASCADE, related_name="results"
    )
    index = models.ForeignKey(
        SurveyIndex, verbose_name=_("index"), on_delete=models.PROTECT, related_name="results"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tomt för hela kommunen."),
    )
    value = models.DecimalField(_("värde"), max_digits=10, decimal_places=2, null=True, blank=True)
    value_women = models.DecimalField(
        _("kvinnor"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    value_men = models.DecimalField(
        _("män"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    respondents = models.PositiveIntegerField(_("antal svar"), null=True, blank=True)

    class Meta:
        verbose_name = _("enkätresultat")
        verbose_name_plural = _("enkätresultat")
        ordering = ["index__order", "unit__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "index", "unit"],
                condition=Q(unit__isnull=False),
                name="unique_survey_result_unit",
            ),
            models.UniqueConstraint(
                fields=["survey", "index"],
                condition=Q(unit__isnull=True),
                name="unique_survey_result_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.index.code}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.survey.get_absolute_url()
