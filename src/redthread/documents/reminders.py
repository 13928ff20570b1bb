"""Reminders to the dokumentansvarig before the review date passes, each sent once.

A document in force is reminded at three stages: 90 and 30 days before its review date
and when the date has passed. Only the latest stage reached is sent (a document entered
a week before its date gets the 30-day reminder, not also the 90-day one). Each sent
reminder is recorded as a ``ReviewReminder``, unique per document, review date and
stage, in the same transaction as the sending: a second run, or two runs at once, send
nothing new. A new review date (after an aktualitetsprövning) starts the stages afresh.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from redthread.documents.models import GoverningDocument, ReviewReminder

logger = logging.getLogger(__name__)

STAGES = (90, 30, 0)


@dataclass
class ReminderRun:
    sent: list[ReviewReminder] = field(default_factory=list)
    without_address: list[GoverningDocument] = field(default_factory=list)


def stage_for(review_by: dt.date, today: dt.date) -> int | None:
    """The most urgent stage reached on ``today``; None while the date is far off."""
    days_left = (review_by - today).days
    reached = [stage for stage in STAGES if days_left <= stage]
    return min(reached) if reached else None


def site_url() -> str:
    configured = getattr(settings, "SITE_URL", "") or ""
    if configured:
        return str(configured).rstrip("/")
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    scheme = "https" if getattr(settings, "HTTPS", False) else "http"
    return f"{scheme}://{host}"


def _recipient(document: GoverningDocument) -> str:
    owner = document.owner
    if owner.email:
        return owner.email
    user = owner.user
    return user.email if user is not None and user.email else ""


def _message(document: GoverningDocument, stage: int) -> tuple[str, str]:
    values = {
        "title": document.title,
        "date": document.review_by.isoformat(),
        "url": site_url() + document.get_absolute_url(),
        "name": document.owner.first_name,
    }
    if stage == 0:
        subject = _("Aktualitetsprövningen av %(title)s är försenad") % values
        lead = _("Styrdokumentet %(title)s skulle ha aktualitetsprövats senast %(date)s.") % values
    else:
        subject = _("Dags att aktualitetspröva %(title)s") % values
        lead = _("Styrdokumentet %(title)s ska aktualitetsprövas senast %(date)s.") % values
    body = "\n\n".join(
        [
            _("Hej %(name)s,") % values,
            lead,
            _(
                "Du är dokumentansvarig. Pröva om dokumentet fortfarande gäller och registrera "
                "resultatet, eller markera att det revideras: %(url)s"
            )
            % values,
            _("Meddelandet skickas automatiskt av Röda tråden."),
        ]
    )
    return subject, body


def send_review_reminders(today: dt.date | None = None, *, dry_run: bool = False) -> ReminderRun:
    """Send every reminder that is due and not yet sent; return what was sent."""
    today = today or timezone.localdate()
    run = ReminderRun()
    horizon = today + dt.timedelta(days=max(STAGES))
    documents = (
        GoverningDocument.objects.in_force()
        .filter(review_by__lte=horizon)
        .select_related("owner__user")
        .order_by("review_by", "pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for document in documents:
            stage = stage_for(document.review_by, today)
            if stage is None:
                continue
            if ReviewReminder.objects.filter(
                document=document, review_by=document.review_by, stage=stage
            ).exists():
                continue
            recipient = _recipient(document)
            if not recipient:
                run.without_address.append(document)
                continue
            if dry_run:
                run.sent.append(
                    ReviewReminder(
                        document=document,
                        review_by=document.review_by,
                        stage=stage,
                        recipient=recipient,
                    )
                )
                continue
            reminder = _send_once(document, stage, recipient)
            if reminder is not None:
                run.sent.append(reminder)
    return run


def _send_once(document: GoverningDocument, stage: int, recipient: str) -> ReviewReminder | None:
    """Record and send in one transaction: if sending fails, nothing is recorded."""
    subject, body = _message(document, stage)
    try:
        with transaction.atomic():
            reminder = ReviewReminder.objects.create(
                document=document, review_by=document.review_by, stage=stage, recipient=recipient
            )
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return None  # another run sent it a moment ago
    except OSError:
        logger.exception("Review reminder for document %s to %s failed", document.pk, recipient)
        return None
    return reminder
