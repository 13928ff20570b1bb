"""Who may do what with comparisons and Kolada's figures (DESIGN §5).

- Everyone in the organisation reads the comparisons, the catalogue and the sync log.
- Kolada's mirror is written by the sync (the command, run by operations) and by the
  kvalitetsstrateg in the admin; the comparison settings by the kvalitetsstrateg.
- A figure waiting for a decision is decided by whoever writes the indicator's actuals: its
  owner or the kvalitetsstrateg (accepting it also needs the goal chain's permission to
  write the actual, so never in a closed period).
- Analysis notes are the goal chain's follow-ups and follow its rules (``goals.*_followup``).
- The revisor reads everything and writes nothing.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.goals.rules import may_write_subject
from redthread.organisation.predicates import is_internal, is_quality_strategist, is_writer


@predicate
def writes_indicator(user: Any, obj: Any) -> bool:
    """Decides a waiting figure: writes the actuals of its indicator."""
    if obj is None:
        return bool(user.is_authenticated and user.scope.person_id is not None)
    return may_write_subject(user, obj.indicator)


MIRROR = ["koladakpi", "koladamunicipality", "koladagroup", "koladavalue", "koladasync"]
for model in [*MIRROR, "comparisonsettings", "pendingvalue"]:
    add_perm(f"analysis.view_{model}", is_internal)
for model in [*MIRROR, "comparisonsettings"]:
    for action in ("add", "change", "delete"):
        add_perm(f"analysis.{action}_{model}", is_writer & is_quality_strategist)

add_perm("analysis.add_pendingvalue", is_writer & is_quality_strategist)
add_perm("analysis.change_pendingvalue", is_writer & writes_indicator)
add_perm("analysis.delete_pendingvalue", is_writer & is_quality_strategist)
