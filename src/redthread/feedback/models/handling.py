"""What a case gathers while it is handled: photos, internal notes and answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.feedback.models.case import ServiceRequest


def photo_upload_to(instance: Photo, filename: str) -> str:
    return f"feedback/photos/{timezone.now():%Y/%m}/{filename}"


class Photo(DomainModel):
    """A photo sent with a case; its metadata (EXIF, GPS) is removed on upload.

    Photos are never public: they can show people, cars and houses.
    """

    service_request = models.ForeignKey(
        ServiceRequest, verbose_name=_("ärende"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("bild"), upload_to=photo_upload_to)
    content_type = models.CharField(_("filtyp"), max_length=30)
    width = models.PositiveIntegerField(_("bredd"))
    height = models.PositiveIntegerField(_("höjd"))
    size = models.PositiveIntegerField(_("storlek i byte"))

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foton")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.service_request} – {_('foto')} {self.pk}"


class Note(DomainModel):
    """An internal note on a case, seen only by those who may read the case."""

    service_request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("ärende"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("anteckning"), max_length=4000)
    created_at = models.DateTimeField(_("skriven"), default=timezone.now)

    class Meta:
        verbose_name = _("intern anteckning")
        verbose_name_plural = _("interna anteckningar")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.service_request} – {self.created_at:%Y-%m-%d}"


class Answer(DomainModel):
    """The municipality's answer to the person: sent by e-mail, or given by phone or letter."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-post")
        PHONE = "phone", _("telefon")
        LETTER = "letter", _("brev")

    service_request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("ärende"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)
    recipient = models.CharField(_("mottagare"), max_length=254, blank=True)
    subject = models.CharField(_("ämnesrad"), max_length=150, blank=True)
    body = models.TextField(_("svar"), max_length=8000)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.service_request} – {self.get_channel_display()} {self.sent_at:%Y-%m-%d}"
