"""The årshjul's template: the municipality's cycle and its steps with their date rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle import schedule
from redthread.cycle.models.periods import ReportingPeriod
from redthread.organisation.models import Decision, Municipality, Person

MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("mars")),
    (4, _("april")),
    (5, _("maj")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augusti")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]

day_list_validator = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$",
    _("Skriv antal dagar åtskilda med komma, till exempel 14,3."),
)


def parse_days(text: str) -> list[int]:
    """``"14, 3"`` -> ``[14, 3]``; an empty text is no reminders."""
    return sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True)


class AnnualCycle(DomainModel):
    """A municipality's årshjul: its steps, and how deadlines are reminded.

    One per municipality. The steps are its template; the calendar of a year
    (``CycleEvent``) and the year's reporting periods are generated from them.
    """

    municipality = models.OneToOneField(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="cycle"
    )
    name = models.CharField(_("namn"), max_length=160)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslutat genom"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_days = models.CharField(
        _("påminn dagar före sista dag"),
        max_length=40,
        blank=True,
        validators=[day_list_validator],
        help_text=_("Antal dagar före sista dag då de ansvariga påminns, t.ex. 14,3."),
    )
    overdue_reminder_days = models.CharField(
        _("påminn dagar efter sista dag"),
        max_length=40,
        blank=True,
        validators=[day_list_validator],
        help_text=_("Antal dagar efter sista dag då ett försenat steg påminns, t.ex. 1,7."),
    )
    employee_survey_year = models.PositiveSmallIntegerField(
        _("år med medarbetarenkät"),
        default=2025,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "Medarbetarenkäten görs detta år och vartannat år därefter; "
            "medborgarundersökningen åren emellan."
        ),
    )
    month_report_due_working_day = models.PositiveSmallIntegerField(
        _("månadsrapport senast arbetsdag"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Vilken arbetsdag i månaden efter som månadsrapporten ska vara klar."),
    )

    class Meta:
        verbose_name = _("årshjul")
        verbose_name_plural = _("årshjul")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cycle:template")

    @property
    def reminder_offsets(self) -> list[int]:
        return parse_days(self.reminder_days)

    @property
    def overdue_offsets(self) -> list[int]:
        return parse_days(self.overdue_reminder_days)

    def survey_kind(self, year: int) -> str:
        return schedule.survey_kind(self.employee_survey_year, year)


class CycleStepQuerySet(models.QuerySet["CycleStep"]):
    def active(self) -> CycleStepQuerySet:
        return self.filter(is_active=True)


class CycleStep(DomainModel):
    """One step of the årshjul: what happens, who is responsible, what it delivers, when.

    ``key`` is stable (``kf_juni``, ``internkontrollplan``): other areas and the calendar
    feed's event UIDs rely on it. The dates come from the rule fields (see ``schedule``).
    """

    cycle = models.ForeignKey(
        AnnualCycle, verbose_name=_("årshjul"), on_delete=models.CASCADE, related_name="steps"
    )
    key = models.SlugField(
        _("nyckel"),
        max_length=60,
        help_text=_("Stabil identitet, t.ex. kf_juni. Ändras inte när namnet ändras."),
    )
    name = models.CharField(_("namn"), max_length=160)
    description = models.TextField(_("beskrivning"), blank=True)
    process = models.CharField(_("process"), max_length=20, choices=schedule.Process.choices)
    delivers = models.CharField(_("levererar"), max_length=20, choices=schedule.Deliverable.choices)
    responsible = models.CharField(
        _("ansvarig"), max_length=30, choices=schedule.Responsible.choices
    )
    responsible_note = models.CharField(
        _("deltagare eller ansvar i text"),
        max_length=255,
        blank=True,
        help_text=_("Till exempel: kommunstyrelsen, nämndernas presidier och revisionen."),
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("samordnare"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycle_steps",
        help_text=_("En namngiven person som också påminns, t.ex. ekonomichefen."),
    )
    start_month = models.PositiveSmallIntegerField(_("börjar i månad"), choices=MONTHS)
    start_day = models.PositiveSmallIntegerField(
        _("börjar dag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Tomt: månadens första arbetsdag."),
    )
    end_month = models.PositiveSmallIntegerField(_("slutar i månad"), choices=MONTHS)
    end_rule = models.CharField(
        _("sista dag bestäms som"),
        max_length=20,
        choices=schedule.EndRule.choices,
        default=schedule.EndRule.LAST_WORKING_DAY,
    )
    end_day = models.PositiveSmallIntegerField(
        _("dag eller arbetsdag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Datum i månaden, eller vilken arbetsdag (t.ex. 10 = tionde arbetsdagen)."),
    )
    year_offset = models.SmallIntegerField(
        _("hålls år i förhållande till året det avser"),
        default=0,
        validators=[MinValueValidator(-3), MaxValueValidator(3)],
        help_text=_(
            "0: samma år. −1: året före (juni-beslutet om nästa års budget). "
            "+1: året efter (årsredovisningen)."
        ),
    )
    mandate_shift_start_month = models.PositiveSmallIntegerField(
        _("vid mandatskifte: börjar i månad"),
        choices=MONTHS,
        null=True,
        blank=True,
        help_text=_(
            "Ett steg som skulle hållas under ett valår flyttas till denna månad året efter valet."
        ),
    )
    mandate_shift_end_month = models.PositiveSmallIntegerField(
        _("vid mandatskifte: slutar i månad"), choices=MONTHS, null=True, blank=True
    )
    election_year_note = models.CharField(
        _("anmärkning under valår"),
        max_length=255,
        blank=True,
        help_text=_("Visas på steget under valår, t.ex. att det nyvalda fullmäktige beslutar."),
    )
    period_kind = models.CharField(
        _("rapportperiod som steget är rapporteringen av"),
        max_length=10,
        choices=ReportingPeriod.Kind.choices,
        blank=True,
    )
    period_month = models.PositiveSmallIntegerField(
        _("periodens sista månad"), choices=MONTHS, null=True, blank=True
    )
    waits_for = models.ManyToManyField(
        "self",
        verbose_name=_("väntar på"),
        symmetrical=False,
        blank=True,
        related_name="followed_by",
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_active = models.BooleanField(_("aktivt"), default=True)

    objects = CycleStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("steg i årshjulet")
        verbose_name_plural = _("steg i årshjulet")
        ordering = ["order", "start_month", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "key"],
                name="unique_cycle_step_key",
                violation_error_message=_("Det finns redan ett steg med den nyckeln."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cycle:step_edit", args=[self.pk])

    @property
    def rule(self) -> schedule.Rule:
        return schedule.Rule(
            start_month=self.start_month,
            start_day=self.start_day,
            end_month=self.end_month,
            end_rule=self.end_rule,
            end_day=self.end_day,
            year_offset=self.year_offset,
            mandate_shift_start_month=self.mandate_shift_start_month,
            mandate_shift_end_month=self.mandate_shift_end_month,
            has_election_note=bool(self.election_year_note),
        )

    def clean(self) -> None:
        problems = schedule.rule_problems(self.rule)
        if bool(self.period_kind) != bool(self.period_month):
            problems["period_month"] = str(
                _("Ange både rapportperiod och periodens sista månad, eller ingen av dem.")
            )
        if self.period_kind == ReportingPeriod.Kind.MONTH:
            problems["period_kind"] = str(
                _("Månadsrapporternas datum styrs av årshjulets inställning, inte av ett steg.")
            )
        if problems:
            raise ValidationError(problems)

    def rule_text(self) -> str:
        """The rule in words: "november, sista arbetsdagen", "maj, 10:e arbetsdagen"."""
        months = dict(MONTHS)
        start = str(months[self.start_month])
        end = str(months[self.end_month])
        span = start if start == end else f"{start}–{end}"
        if self.end_rule == schedule.EndRule.LAST_WORKING_DAY:
            detail = str(_("sista arbetsdagen"))
        elif self.end_rule == schedule.EndRule.NTH_WORKING_DAY:
            detail = str(_("%(n)s:e arbetsdagen i %(month)s")) % {"n": self.end_day, "month": end}
        elif self.end_rule == schedule.EndRule.ON_OR_BEFORE:
            detail = str(_("senast %(day)s %(month)s (arbetsdagen före om helgdag)")) % {
                "day": self.end_day,
                "month": end,
            }
        else:
            detail = str(_("senast %(day)s %(month)s")) % {"day": self.end_day, "month": end}
        return f"{span}, {detail}"
