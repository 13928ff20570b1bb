"""Follow-up: one per object and reporting period, with status, analysis and forecast.

The enhet writes and submits; the förvaltningschef approves or returns with a comment;
when every follow-up of a nämnd's åtaganden is approved, the nämnd's material is ready.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models.metrics import Indicator, Measure
from redthread.goals.models.plans import Activity
from redthread.goals.models.structure import Commitment, MunicipalGoal, StrategicAction
from redthread.goals.status import Status

#: The kinds of object that are followed up, in chain order, with their model.
SUBJECT_FIELDS = ("goal", "indicator", "commitment", "measure", "activity", "strategic_action")


def _exactly_one_subject() -> Q:
    condition = Q()
    for field in SUBJECT_FIELDS:
        others = {f"{other}__isnull": True for other in SUBJECT_FIELDS if other != field}
        condition |= Q(**{f"{field}__isnull": False}, **others)
    return condition


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def for_subject(self, subject: Any) -> FollowUpQuerySet:
        return self.filter(**{subject_field(subject): subject})

    def submitted(self) -> FollowUpQuerySet:
        return self.filter(state__in=[FollowUp.State.SUBMITTED, FollowUp.State.APPROVED])


class FollowUp(DomainModel):
    """The follow-up of one object in one reporting period."""

    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        SUBMITTED = "submitted", _("inskickad")
        RETURNED = "returned", _("återsänd för ändring")
        APPROVED = "approved", _("godkänd")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    goal = models.ForeignKey(
        MunicipalGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    strategic_action = models.ForeignKey(
        StrategicAction, on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NONE
    )
    computed_status = models.CharField(
        _("beräknad status"),
        max_length=10,
        choices=Status.choices,
        default=Status.NONE,
        editable=False,
    )
    deviation_reason = models.TextField(
        _("motivering till avvikande bedömning"),
        blank=True,
        help_text=_("Krävs när bedömningen skiljer sig från den beräknade statusen."),
    )
    analysis = models.TextField(_("analys"), blank=True)
    forecast = models.TextField(_("prognos för helåret"), blank=True)
    forecast_status = models.CharField(
        _("bedömning vid årets slut"), max_length=10, choices=Status.choices, default=Status.NONE
    )
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True, editable=False)
    review_comment = models.TextField(_("kommentar från granskaren"), blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["period__end_date"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_subject(), name="followup_one_subject"),
            *[
                models.UniqueConstraint(
                    fields=[field, "period"],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"unique_followup_{field}",
                )
                for field in SUBJECT_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.subject} – {self.period}"

    @property
    def subject(self) -> Any:
        for field in SUBJECT_FIELDS:
            value = getattr(self, field)
            if value is not None:
                return value
        raise ValueError("A follow-up without a subject")

    @property
    def needs_reason(self) -> bool:
        return (
            self.status != Status.NONE
            and self.computed_status != Status.NONE
            and self.status != self.computed_status
        )

    def clean(self) -> None:
        self.period.ensure_writable()
        if self.needs_reason and not self.deviation_reason.strip():
            raise ValidationError(
                {
                    "deviation_reason": _(
                        "Bedömningen (%(status)s) skiljer sig från den beräknade statusen "
                        "(%(computed)s). Skriv varför."
                    )
                    % {
                        "status": Status(self.status).label,
                        "computed": Status(self.computed_status).label,
                    }
                }
            )

    # Transitions of the follow-up round.
    def submit(self) -> None:
        if self.state == self.State.APPROVED:
            raise ValidationError(_("Uppföljningen är redan godkänd."))
        self.full_clean()
        self.state = self.State.SUBMITTED
        self.submitted_at = timezone.now()
        self.save()

    def approve(self, by: Any) -> None:
        if self.state != self.State.SUBMITTED:
            raise ValidationError(_("Bara en inskickad uppföljning kan godkännas."))
        self.period.ensure_writable()
        self.state = self.State.APPROVED
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.save()

    def send_back(self, by: Any, comment: str) -> None:
        if self.state != self.State.SUBMITTED:
            raise ValidationError(_("Bara en inskickad uppföljning kan skickas tillbaka."))
        if not comment.strip():
            raise ValidationError({"review_comment": _("Skriv vad som behöver ändras.")})
        self.period.ensure_writable()
        self.state = self.State.RETURNED
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.review_comment = comment
        self.save()


def subject_field(subject: Any) -> str:
    """The FollowUp field that points at ``subject``."""
    for field, model in SUBJECT_MODELS.items():
        if isinstance(subject, model):
            return field
    raise TypeError(f"{type(subject).__name__} is not followed up")


SUBJECT_MODELS: dict[str, type[models.Model]] = {
    "goal": MunicipalGoal,
    "indicator": Indicator,
    "commitment": Commitment,
    "measure": Measure,
    "activity": Activity,
    "strategic_action": StrategicAction,
}


class StartPageVisit(models.Model):
    """When a user last looked at their start page: what turned red since is news to them.

    A bookmark, not domain data: it keeps no history.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("senast sedd"))

    class Meta:
        verbose_name = _("besök på startsidan")
        verbose_name_plural = _("besök på startsidan")

    def __str__(self) -> str:
        return f"{self.user} {self.seen_at:%Y-%m-%d %H:%M}"
