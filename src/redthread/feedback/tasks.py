"""Background work: the receipt e-mail to the person who wrote in."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from redthread.feedback.models import ServiceRequest

log = logging.getLogger(__name__)


@task()
def send_receipt(case_id: int) -> None:
    """Tell the person their reference number and when to expect an answer."""
    case = ServiceRequest.objects.select_related("category").filter(pk=case_id).first()
    if case is None or not case.contact_email or case.erased_at:
        return
    body = render_to_string("feedback/email/receipt.txt", {"case": case})
    send_mail(
        _("Vi har tagit emot ditt ärende %(reference)s") % {"reference": case.reference},
        body,
        None,
        [case.contact_email],
    )
    log.info("Receipt sent for %s", case.reference)
