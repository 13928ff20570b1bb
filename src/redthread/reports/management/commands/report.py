"""``redthread report KIND --year Y [--body ID] [--month M] --format pdf|docx|xlsx -o FILE``.

Builds a report from the data and writes it to FILE. Texts are merged as in the preview:
approved texts as they are, unapproved ones marked as drafts. Errors (an unknown kind, a
missing nämnd, a period without data) are printed in Swedish and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from redthread.organisation.models import Body, Municipality
from redthread.reports import registry
from redthread.reports.document import KINDS, NoData
from redthread.reports.engine import ReportRefused, build_report, period_for
from redthread.reports.render.docx import render as render_docx
from redthread.reports.render.html import render as render_html
from redthread.reports.render.html import running_title
from redthread.reports.render.pdf import render as render_pdf
from redthread.reports.render.xlsx import render as render_xlsx

RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "html": render_html}


class Command(BaseCommand):
    help = "Builds a report (" + ", ".join(KINDS) + ") from the data as PDF, DOCX or XLSX."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", help="The report kind: " + ", ".join(KINDS) + ".")
        parser.add_argument("--year", type=int, required=True, help="The year reported on.")
        parser.add_argument("--body", type=int, help="The nämnd's id, for a nämnd's report.")
        parser.add_argument("--month", type=int, help="The month of a månadsrapport (1-12).")
        parser.add_argument(
            "--format", choices=sorted(RENDERERS), default="pdf", help="The file format."
        )
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("sv")
        municipality = Municipality.objects.filter(
            code=settings.REDTHREAD_MUNICIPALITY_CODE
        ).first()
        if municipality is None:
            raise CommandError(
                _(
                    "Ingen kommun finns i databasen. Kör `redthread migrate` och `redthread load-demo` först."
                )
            )
        body = None
        if options["body"] is not None:
            body = Body.objects.filter(municipality=municipality, pk=options["body"]).first()
            if body is None:
                raise CommandError(
                    _("Det finns ingen nämnd med id %(id)s. Nämndernas id står under Organisation.")
                    % {"id": options["body"]}
                )
        try:
            period = period_for(municipality, options["kind"], options["year"], options["month"])
            built = build_report(
                municipality, options["kind"], options["year"], body=body, period=period
            )
        except (registry.UnknownKind, registry.BuilderMissing, ReportRefused, NoData) as error:
            raise CommandError(str(error)) from None
        data = RENDERERS[options["format"]](built.report, built.drafts)
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Filen %(path)s kunde inte skrivas: %(error)s") % {"path": path, "error": error}
            ) from None
        self.stdout.write(
            _("Skrev %(title)s till %(path)s (%(size)s byte).")
            % {
                "title": running_title(built.report),
                "path": path,
                "size": len(data),
            }
        )
        if built.drafts:
            self.stderr.write(
                _("Obs: %(count)s avsnittstexter är inte godkända och är markerade som utkast.")
                % {"count": len(built.drafts)}
            )
