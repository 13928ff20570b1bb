"""Making a report final: the file as handed over, stored once with its SHA-256."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Municipality
from redthread.reports import registry
from redthread.reports.engine import ReportRefused, build_report, summary, texts_for
from redthread.reports.models import ReportSnapshot
from redthread.reports.render import render


def unapproved_texts(
    municipality: Municipality, kind: str, year: int, body: Body | None
) -> list[Any]:
    return [t for t in texts_for(municipality, kind, year, body) if not t.is_approved]


def check_final(
    *,
    municipality: Municipality,
    kind: str,
    year: int,
    body: Body | None,
    period: ReportingPeriod | None,
    confirm_no_texts: bool,
) -> None:
    """Refuse a final report of an open period or with texts not yet approved.

    A report whose sections have no written text at all is final only when the user
    confirms that (``confirm_no_texts``): a report without analyses is unusual, and
    forgetting them should not go to KF unnoticed.
    """
    info = registry.get(kind)
    if info.period_kind and (period is None or period.is_writable):
        raise ReportRefused(
            _(
                "Perioden %(period)s är inte stängd. En slutlig rapport görs när perioden "
                "är stängd; skapa en preliminär fil så länge."
            )
            % {"period": period.label if period else year}
        )
    pending = unapproved_texts(municipality, kind, year, body)
    if pending:
        raise ReportRefused(
            _("%(count)s avsnittstexter är inte godkända ännu (%(keys)s). Godkänn dem först.")
            % {"count": len(pending), "keys": ", ".join(t.section_key for t in pending)}
        )
    if not texts_for(municipality, kind, year, body) and not confirm_no_texts:
        raise ReportRefused(
            _(
                "Rapporten har inga skrivna avsnittstexter. Bekräfta att den ska bli slutlig "
                "utan texter."
            )
        )


def snapshot_create(
    *,
    municipality: Municipality,
    kind: str,
    year: int,
    body: Body | None,
    period: ReportingPeriod | None,
    fmt: str,
    by: Any,
    confirm_no_texts: bool = False,
) -> ReportSnapshot:
    check_final(
        municipality=municipality,
        kind=kind,
        year=year,
        body=body,
        period=period,
        confirm_no_texts=confirm_no_texts,
    )
    built = build_report(municipality, kind, year, body=body, period=period, final=True)
    data = render(built.report, fmt)
    digest = hashlib.sha256(data).hexdigest()
    snapshot = ReportSnapshot(
        municipality=municipality,
        kind=kind,
        title=built.report.title,
        year=year,
        body=body,
        period=period,
        format=fmt,
        sha256=digest,
        size=len(data),
        created_by=by,
        source_summary=summary(built.report),
    )
    with transaction.atomic():
        snapshot.file.save(f"{digest[:16]}.{fmt}", ContentFile(data), save=False)
        snapshot.save()
    return snapshot
