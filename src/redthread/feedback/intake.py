"""How a synpunkt comes in: from the public form, an employee, or an app through Open311."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from redthread.feedback.models import Category, Photo, ServiceRequest
from redthread.feedback.photos import CleanPhoto
from redthread.organisation.models import Municipality


def receive(
    *,
    values: dict[str, Any],
    channel: str,
    photos: Sequence[CleanPhoto] = (),
    registered_by: Any = None,
    api_key: Any = None,
) -> ServiceRequest:
    """Create the case (and its photos) in one transaction; a receipt e-mail follows."""
    category: Category = values["category"]
    now = timezone.now()
    with transaction.atomic():
        case = ServiceRequest(
            municipality=Municipality.objects.current(),
            channel=channel,
            registered_by=registered_by,
            api_key=api_key,
            received_at=now,
            unit_id=category.unit_id,
            consent_at=now if values.get("wants_answer") else None,
            token=(
                secrets.token_urlsafe(16)
                if category.open311_type == Category.Open311Type.BATCH
                else None
            ),
            **values,
        )
        case.save()
        for index, photo in enumerate(photos, start=1):
            stored = Photo(
                service_request=case,
                content_type=photo.content_type,
                width=photo.width,
                height=photo.height,
                size=len(photo.content),
            )
            stored.image.save(
                f"{case.reference}-{index}.{photo.extension}",
                ContentFile(photo.content),
                save=False,
            )
            stored.save()
        if case.contact_email:
            from redthread.feedback.tasks import send_receipt

            transaction.on_commit(lambda: send_receipt.enqueue(case.pk))
    return case
