"""Gallring and the register extract: personal data in synpunkter, kept no longer than needed.

``erase_personal_data`` removes from a closed case everything that can identify a
person (contact details, the free text, photos, internal notes, answers) from the
case and from its history, and logs the removal. The statistics' fields stay.
``personal_data_of`` gathers what is held about one person (GDPR article 15).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.feedback.models import Answer, ErasureRecord, Note, Photo, ServiceRequest
from redthread.feedback.models.access import RateLimitBucket

PERSONAL_FIELDS = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "description": "",
    "media_url": "",
}


def rule_text() -> str:
    months = settings.REDTHREAD_FEEDBACK_RETENTION_MONTHS
    return _("Personuppgifter gallras %(months)s månader efter att ärendet avslutats.") % {
        "months": months
    }


def erase_personal_data(case: ServiceRequest, *, by: Any, rule: str | None = None) -> ErasureRecord:
    """Remove the personal data of one case, its history included, and log it."""
    with transaction.atomic():
        case = ServiceRequest.objects.select_for_update().get(pk=case.pk)
        removed = [name for name in PERSONAL_FIELDS if getattr(case, name)]
        photos = list(case.photos.all())
        for photo in photos:
            photo.image.delete(save=False)
        counts = {
            "photos": len(photos),
            "notes": case.notes.count(),
            "answers": case.answers.count(),
        }
        for model in (Photo, Note, Answer):
            model.objects.filter(service_request=case).delete()
            # Deleting leaves a last history row with the data: remove the history too.
            model.history.filter(service_request_id=case.pk).delete()
        ServiceRequest.history.filter(id=case.pk).update(
            **PERSONAL_FIELDS, wants_answer=False, consent_at=None
        )
        for name, value in PERSONAL_FIELDS.items():
            setattr(case, name, value)
        case.consent_at = None
        case.publish_description = False
        case.erased_at = timezone.now()
        case._change_reason = rule or rule_text()  # type: ignore[attr-defined]
        case.save()
        return ErasureRecord.objects.create(
            service_request=case,
            reference=case.reference,
            erased_by=by,
            rule=rule or rule_text(),
            fields=", ".join(removed),
            **counts,
        )


def erase_due(*, by: Any, now: dt.datetime | None = None) -> list[ErasureRecord]:
    """Gallring of every case closed longer ago than the retention time; also old rate limits."""
    moment = now or timezone.now()
    records = [
        erase_personal_data(case, by=by)
        for case in ServiceRequest.objects.due_for_erasure(moment).order_by("closed_at")
    ]
    RateLimitBucket.forget_before(moment - dt.timedelta(days=2))
    return records


@dataclass
class Extract:
    """What is held about one person: the cases with their contact details and texts."""

    query: str
    cases: list[ServiceRequest] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "created": timezone.now().isoformat(timespec="seconds"),
            "cases": [
                {
                    "reference": c.reference,
                    "received": timezone.localtime(c.received_at).isoformat(timespec="seconds"),
                    "kind": c.get_kind_display(),
                    "category": c.category.name,
                    "state": c.get_state_display(),
                    "name": c.contact_name,
                    "email": c.contact_email,
                    "phone": c.contact_phone,
                    "description": c.description,
                    "address": c.address,
                    "photos": len(c.photos.all()),
                    "answers": [
                        {
                            "sent": timezone.localtime(a.sent_at).isoformat(timespec="seconds"),
                            "channel": a.get_channel_display(),
                            "subject": a.subject,
                            "body": a.body,
                        }
                        for a in c.answers.all()
                    ],
                }
                for c in self.cases
            ],
        }


def personal_data_of(*, email: str = "", phone: str = "") -> Extract:
    """Every case holding the e-mail address or phone number (compared without spaces)."""
    from django.db.models import Q

    email = email.strip()
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    condition = Q(pk__in=[])
    if email:
        condition |= Q(contact_email__iexact=email)
    cases = list(
        ServiceRequest.objects.filter(condition | Q(contact_phone__gt=""))
        .select_related("category")
        .prefetch_related("photos", "answers")
        if digits
        else ServiceRequest.objects.filter(condition)
        .select_related("category")
        .prefetch_related("photos", "answers")
    )
    if digits:
        cases = [
            c
            for c in cases
            if (email and c.contact_email.lower() == email.lower())
            or "".join(ch for ch in c.contact_phone if ch.isdigit() or ch == "+") == digits
        ]
    return Extract(query=email or phone, cases=cases)
