"""The register of styrdokument: VAD-dokument (political) and HUR-dokument (administrative).

Per the seed (2.1): VAD-dokument are political documents, some required by law and some
expressing political will; HUR-dokument are decided by the administration and describe how
the politically decided goals are to be reached. Every document has a dokumentansvarig, a
date by which it must be reviewed (aktualitetsprövning), a state, the document it replaces
and its files in versions. What a document governs (goals, processes, bodies) is linked
generically, so that apps further down the red thread can be linked without this app
importing them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit

# How long before the review date a document counts as "due for review" in lists.
REVIEW_SOON_DAYS = 90


class GoverningDocumentQuerySet(models.QuerySet["GoverningDocument"]):
    def public(self) -> GoverningDocumentQuerySet:
        """Political documents in force: what anyone, signed in or not, may read."""
        return self.filter(kind=GoverningDocument.Kind.WHAT, state=GoverningDocument.State.IN_FORCE)

    def visible_to(self, user: Any) -> GoverningDocumentQuerySet:
        from redthread.organisation.predicates import is_internal

        return self if is_internal(user) else self.public()

    def in_force(self) -> GoverningDocumentQuerySet:
        return self.filter(state=GoverningDocument.State.IN_FORCE)

    def current(self) -> GoverningDocumentQuerySet:
        """Not revoked: in force or under revision."""
        return self.exclude(state=GoverningDocument.State.REVOKED)

    def due_for_review(
        self, within_days: int = REVIEW_SOON_DAYS, today: dt.date | None = None
    ) -> GoverningDocumentQuerySet:
        """Documents in force whose review date has passed or falls within ``within_days``."""
        today = today or timezone.localdate()
        return self.in_force().filter(review_by__lte=today + dt.timedelta(days=within_days))

    def for_body(self, body: Body) -> GoverningDocumentQuerySet:
        return self.filter(decision__body=body)

    def search(self, text: str) -> GoverningDocumentQuerySet:
        """Title, summary, reference number or the text of any file version."""
        ids = DocumentFile.objects.filter(text__icontains=text).values("document_id")
        return self.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(reference__icontains=text)
            | Q(decision__case_number__icontains=text)
            | Q(pk__in=ids)
        )

    def governing(self, obj: models.Model) -> GoverningDocumentQuerySet:
        """The documents linked to ``obj`` (a goal, a process, a body …)."""
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(links__content_type=ct, links__object_id=obj.pk).distinct()


class GoverningDocument(DomainModel):
    """A styrdokument: a policy, programme, plan, riktlinje … (VAD) or rutin, instruktion, handbok (HUR)."""

    class Kind(models.TextChoices):
        WHAT = "what", _("VAD-dokument")
        HOW = "how", _("HUR-dokument")

    class Category(models.TextChoices):
        POLICY = "policy", _("policy")
        PROGRAMME = "programme", _("program")
        PLAN = "plan", _("plan")
        GUIDELINE = "guideline", _("riktlinje")
        REGULATION = "regulation", _("reglemente")
        DELEGATION = "delegation", _("delegationsordning")
        OWNER_DIRECTIVE = "owner_directive", _("ägardirektiv")
        ROUTINE = "routine", _("rutin")
        INSTRUCTION = "instruction", _("instruktion")
        HANDBOOK = "handbook", _("handbok")

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("gällande")
        UNDER_REVISION = "under_revision", _("under revision")
        REVOKED = "revoked", _("upphävd")

    HOW_CATEGORIES = frozenset({Category.ROUTINE, Category.INSTRUCTION, Category.HANDBOOK})

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="governing_documents",
    )
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices, editable=False)
    category = models.CharField(_("dokumenttyp"), max_length=20, choices=Category.choices)
    title = models.CharField(_("titel"), max_length=255)
    reference = models.CharField(
        _("dokumentnummer"),
        max_length=40,
        blank=True,
        help_text=_("Om kommunen numrerar sina styrdokument, t.ex. KS 2024:12."),
    )
    summary = models.TextField(
        _("syfte och innehåll i korthet"),
        blank=True,
        help_text=_("Vad dokumentet reglerar och för vem. Används när registret söks."),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governing_documents",
        help_text=_("Beslutet som antog dokumentet. Krävs för VAD-dokument."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig förvaltning eller enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governing_documents",
        help_text=_("Den del av verksamheten som beslutar och förvaltar ett HUR-dokument."),
    )
    adopted_on = models.DateField(
        _("fastställt"),
        null=True,
        blank=True,
        help_text=_("För HUR-dokument: dagen då verksamheten fastställde dokumentet."),
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("dokumentansvarig"),
        on_delete=models.PROTECT,
        related_name="governing_documents",
    )
    valid_from = models.DateField(_("gäller från"))
    review_by = models.DateField(
        _("aktualitetsprövas senast"),
        help_text=_(
            "Senast detta datum ska dokumentet prövas: gäller det, eller ska det revideras?"
        ),
    )
    last_reviewed_on = models.DateField(_("senast aktualitetsprövad"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.IN_FORCE
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("ersätter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    revoked_on = models.DateField(_("upphävd den"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        Decision,
        verbose_name=_("upphävd genom beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_documents",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    objects = GoverningDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["title", "-valid_from"]
        indexes = [models.Index(fields=["state", "review_by"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @classmethod
    def kind_for(cls, category: str) -> str:
        return cls.Kind.HOW if category in cls.HOW_CATEGORIES else cls.Kind.WHAT

    @property
    def is_political(self) -> bool:
        return self.kind == self.Kind.WHAT

    @property
    def is_public(self) -> bool:
        """Political documents in force are public; everything else is internal."""
        return self.kind == self.Kind.WHAT and self.state == self.State.IN_FORCE

    @property
    def body(self) -> Body | None:
        return self.decision.body if self.decision_id and self.decision else None

    @property
    def successor(self) -> GoverningDocument | None:
        try:
            return self.replaced_by
        except GoverningDocument.DoesNotExist:
            return None

    def review_status(self, today: dt.date | None = None) -> str:
        """``overdue``, ``soon`` (within 90 days) or ``ok``; ``none`` when not in force."""
        if self.state != self.State.IN_FORCE:
            return "none"
        today = today or timezone.localdate()
        if self.review_by < today:
            return "overdue"
        if self.review_by <= today + dt.timedelta(days=REVIEW_SOON_DAYS):
            return "soon"
        return "ok"

    def clean(self) -> None:
        self.kind = self.kind_for(self.category)
        errors: dict[str, Any] = {}
        if self.kind == self.Kind.WHAT and not self.decision_id:
            errors["decision"] = _(
                "Ett VAD-dokument är politiskt beslutat. Välj beslutet som antog det, eller "
                "registrera beslutet först."
            )
        if self.kind == self.Kind.HOW and not self.unit_id:
            errors["unit"] = _(
                "Ett HUR-dokument beslutas av verksamheten. Välj förvaltningen eller enheten "
                "som ansvarar för det."
            )
        if self.valid_from and self.review_by and self.review_by <= self.valid_from:
            errors["review_by"] = _(
                "Datumet för aktualitetsprövning måste komma efter datumet då dokumentet "
                "börjar gälla."
            )
        if self.replaces_id is not None:
            if self.pk is not None and self.replaces_id == self.pk:
                errors["replaces"] = _("Ett dokument kan inte ersätta sig självt.")
            elif self.replaces is not None:
                if self.replaces.municipality_id != self.municipality_id:
                    errors["replaces"] = _("Välj ett dokument i samma kommun.")
                elif self.replaces.is_political and self.kind != self.Kind.WHAT:
                    errors["replaces"] = _(
                        "Ett VAD-dokument kan bara ersättas av ett nytt politiskt beslutat "
                        "VAD-dokument."
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = self.kind_for(self.category)
        if self.kind == self.Kind.WHAT and self.decision is not None and not self.adopted_on:
            self.adopted_on = self.decision.date
        with transaction.atomic():
            super().save(*args, **kwargs)
            predecessor = self.replaces
            if (
                predecessor is not None
                and self.state != self.State.REVOKED
                and predecessor.state != self.State.REVOKED
            ):
                predecessor.revoke(on=self.valid_from, decision=self.decision)

    # The life of a document.
    def revoke(
        self, *, on: dt.date | None = None, decision: Decision | None = None, reason: str = ""
    ) -> None:
        """Upphäv: a political document is revoked only by a decision."""
        if self.state == self.State.REVOKED:
            raise ValidationError(_("Dokumentet är redan upphävt."))
        if self.is_political and decision is None:
            raise ValidationError(
                _("Ett VAD-dokument upphävs genom ett politiskt beslut. Ange beslutet.")
            )
        self.state = self.State.REVOKED
        self.revoked_on = on or timezone.localdate()
        self.revoked_by = decision
        if reason:
            self._change_reason = reason
        self.save()

    def start_revision(self) -> None:
        if self.state != self.State.IN_FORCE:
            raise ValidationError(_("Bara ett gällande dokument kan börja revideras."))
        self.state = self.State.UNDER_REVISION
        self.save()

    def record_review(
        self,
        *,
        reviewed_on: dt.date,
        next_review_by: dt.date | None,
        needs_revision: bool,
        comment: str = "",
    ) -> None:
        """Aktualitetsprövning: still valid until a new date, or in need of revision."""
        if self.state == self.State.REVOKED:
            raise ValidationError(_("Ett upphävt dokument aktualitetsprövas inte."))
        if not needs_revision:
            if next_review_by is None or next_review_by <= reviewed_on:
                raise ValidationError(
                    {
                        "next_review_by": _(
                            "Ange när dokumentet ska prövas nästa gång, ett datum efter prövningen."
                        )
                    }
                )
            self.review_by = next_review_by
            self.state = self.State.IN_FORCE
        else:
            self.state = self.State.UNDER_REVISION
        self.last_reviewed_on = reviewed_on
        if comment:
            self._change_reason = comment
        self.save()

    @property
    def latest_file(self) -> DocumentFile | None:
        files = getattr(self, "_prefetched_objects_cache", {}).get("files")
        if files is not None:
            return max(files, key=lambda f: f.number, default=None)
        return self.files.order_by("-number").first()


def document_upload_to(instance: DocumentFile, filename: str) -> str:
    return f"documents/{instance.document_id}/v{instance.number}/{filename}"


MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_TYPES = {".pdf", ".docx", ".odt", ".txt", ".xlsx"}
MAX_TEXT_CHARS = 200_000


class DocumentFileQuerySet(models.QuerySet["DocumentFile"]):
    def add(
        self,
        document: GoverningDocument,
        upload: Any,
        *,
        comment: str = "",
        user: Any = None,
    ) -> DocumentFile:
        """Store ``upload`` as the document's next version; earlier versions are kept."""
        from redthread.documents.text import extract_text

        with transaction.atomic():
            # Lock the document so two uploads never get the same version number.
            GoverningDocument.objects.select_for_update().filter(pk=document.pk).first()
            last = self.filter(document=document).aggregate(n=models.Max("number"))["n"] or 0
            version = DocumentFile(
                document=document,
                number=last + 1,
                original_name=upload.name.rsplit("/", 1)[-1][:200],
                comment=comment,
                size=upload.size or 0,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
                text=extract_text(upload)[:MAX_TEXT_CHARS],
            )
            upload.seek(0)
            version.file.save(version.original_name, upload, save=False)
            version.save()
        return version


class DocumentFile(DomainModel):
    """One version of a styrdokument's file. A new upload is a new version; none is overwritten."""

    document = models.ForeignKey(
        GoverningDocument,
        verbose_name=_("styrdokument"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fil"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("filnamn"), max_length=200)
    comment = models.CharField(_("vad som ändrats"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("storlek i byte"), default=0)
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("text för sökning"), blank=True, editable=False)

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumentfil")
        verbose_name_plural = _("dokumentfiler")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_file"),
        ]

    def __str__(self) -> str:
        return f"{self.document} – version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:file", args=[self.document_id, self.number])


class DocumentLinkQuerySet(models.QuerySet["DocumentLink"]):
    def for_object(self, obj: models.Model) -> DocumentLinkQuerySet:
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=obj.pk)


class DocumentLink(DomainModel):
    """That a styrdokument governs something: a kommunmål, a process, a body, a unit.

    Generic (content type and id) so that the goals and quality apps, which come after
    this one on the red thread, are linked without this app importing them.
    """

    document = models.ForeignKey(
        GoverningDocument,
        verbose_name=_("styrdokument"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("typ"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    target = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("kommentar"), max_length=255, blank=True)

    objects = DocumentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppling från styrdokument")
        verbose_name_plural = _("kopplingar från styrdokument")
        ordering = ["document", "content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"],
                name="unique_document_link",
                violation_error_message=_("Dokumentet är redan kopplat till det."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document} → {self.target}"


class ReviewReminder(DomainModel):
    """A reminder sent to the dokumentansvarig that the review date is near or passed.

    Unique per document, review date and stage: the reminder job can run any number of
    times, or twice at once, and still sends each reminder once.
    """

    document = models.ForeignKey(
        GoverningDocument,
        verbose_name=_("styrdokument"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    review_by = models.DateField(_("aktualitetsprövas senast"))
    stage = models.PositiveSmallIntegerField(
        _("dagar före"), help_text=_("0 betyder att datumet har passerats.")
    )
    recipient = models.EmailField(_("mottagare"))
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("påminnelse om aktualitetsprövning")
        verbose_name_plural = _("påminnelser om aktualitetsprövning")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "review_by", "stage"], name="unique_review_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.review_by:%Y-%m-%d} ({self.stage})"
