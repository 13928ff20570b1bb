"""Who may do what with reports (DESIGN §5).

Everyone in the organisation reads the reports and their final versions: they are built
from the municipality's public goals and finances. Anyone who writes may have a file made
(a preliminary PDF, Word or Excel). Section texts are written by their owners, the
förvaltningschef of a nämnd's förvaltning or the ekonom/controller (and the
kvalitetsstrateg, who holds the templates), and approved by the kvalitetsstrateg or the
ekonom. A report is made final by the ekonom or the kvalitetsstrateg. The revisor reads
everything and writes nothing.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.predicates import (
    is_economist,
    is_internal,
    is_quality_strategist,
    is_writer,
)


@predicate
def prepares_for_body(user: Any, obj: Any) -> bool:
    """Heads a förvaltning serving the nämnd the text (or report) is for."""
    if obj is None or not user.is_authenticated:
        return False
    body = getattr(obj, "body", None)
    return body is not None and bool(user.scope.prepares_for(body))


@predicate
def heads_a_unit(user: Any) -> bool:
    return bool(user.is_authenticated and user.scope.headed_paths)


STAFF = is_economist | is_quality_strategist

PERMS: dict[str, object] = {
    "reports.view_report": is_internal,
    "reports.view_reportsnapshot": is_internal,
    "reports.view_reportjob": is_internal,
    "reports.add_reportjob": is_writer,
    "reports.add_reportsnapshot": is_writer & STAFF,
    "reports.view_sectiontext": is_internal,
    # Opens the texts page at all: a staff member, or a förvaltningschef for a nämnd.
    "reports.write_texts": is_writer & (STAFF | heads_a_unit),
    "reports.add_sectiontext": is_writer & (STAFF | prepares_for_body),
    "reports.change_sectiontext": is_writer & (STAFF | prepares_for_body),
    "reports.approve_sectiontext": is_writer & STAFF,
    "reports.view_reporttemplate": is_internal,
    "reports.add_reporttemplate": is_writer & is_quality_strategist,
    "reports.change_reporttemplate": is_writer & is_quality_strategist,
}

for name, rule in PERMS.items():
    add_perm(name, rule)  # type: ignore[arg-type]
