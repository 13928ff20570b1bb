"""Every reports page for anonymous and every role (DESIGN §5).

Everyone internal reads reports, their final versions and section texts; anyone who
writes may have a file made; the ekonom and the kvalitetsstrateg write and approve the
texts of the municipality's reports; the revisor writes nothing.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.reports.models import ReportJob, ReportSnapshot
from tests.access import FORBIDDEN, REDIRECT, Case, internal, only, roles

CONFLICT = 409
WRITERS_DENIED = {"outsider": FORBIDDEN, "revisor": FORBIDDEN}
STAFF = ["ekonom", "kvalitetsstrateg"]


def _job(w, done: bool = False) -> int:
    with acting_as(w.users["ekonom"]):
        job = ReportJob(
            municipality=w.municipality,
            kind="arsredovisning",
            year=2026,
            format="pdf",
            requested_by=w.users["ekonom"],
        )
        if done:
            job.state = ReportJob.State.DONE
            job.progress = 100
            job.output.save("arsredovisning-2026.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        job.save()
    return job.pk


def _snapshot(w) -> int:
    data = b"%PDF-1.7 slutlig"
    snapshot = ReportSnapshot(
        municipality=w.municipality,
        kind="arsredovisning",
        title="Årsredovisning",
        year=2025,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_by=w.users["ekonom"],
    )
    snapshot.file.save("test.pdf", ContentFile(data), save=False)
    snapshot.save()
    return snapshot.pk


PAGES = {
    "reports:index": Case(lambda w: reverse("reports:index"), get=internal()),
    "reports:report": Case(
        lambda w: reverse("reports:report", args=["arsredovisning"]) + "?ar=2026",
        get=internal(),
    ),
    "reports:generate": Case(
        lambda w: reverse("reports:generate", args=["arsredovisning"]),
        post=roles(REDIRECT, **WRITERS_DENIED),
        post_data=lambda w: {"ar": "2026", "format": "pdf"},
    ),
    "reports:job": Case(lambda w: reverse("reports:job", args=[_job(w)]), get=internal()),
    "reports:job_status": Case(
        lambda w: reverse("reports:job_status", args=[_job(w)]), get=internal()
    ),
    "reports:job_download": Case(
        lambda w: reverse("reports:job_download", args=[_job(w, done=True)]), get=internal()
    ),
    "reports:job_retry": Case(
        lambda w: reverse("reports:job_retry", args=[_job(w)]),
        post=roles(CONFLICT, **WRITERS_DENIED),
    ),
    "reports:snapshot_download": Case(
        lambda w: reverse("reports:snapshot_download", args=[_snapshot(w)]), get=internal()
    ),
    "reports:texts": Case(
        lambda w: reverse("reports:texts", args=["arsredovisning"]) + "?ar=2026",
        get=internal(),
    ),
    "reports:text_save": Case(
        lambda w: reverse("reports:text_save", args=["arsredovisning"]),
        post=only(STAFF, ok=REDIRECT),
        post_data=lambda w: {
            "ar": "2026",
            "avsnitt": "forvaltningsberattelse",
            "atgard": "spara",
            "text": "Året i korthet.",
        },
    ),
}
