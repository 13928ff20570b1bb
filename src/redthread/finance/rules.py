"""Who may do what in ekonomistyrningen (DESIGN §5).

Everyone in the organisation reads the budget, its changes and the follow-up: they are
the municipality's public finances. The ledger itself (transactions with their texts)
and the import log are read by the municipality-wide readers (ekonom, revisor,
kvalitetsstrateg, administratör). The ekonom writes everything. A förvaltningschef
writes the detail budget, forecasts, lokalanpassning orders and fund applications of
the nämnder the förvaltning serves. The revisor reads everything and writes nothing.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.models import Body
from redthread.organisation.predicates import (
    is_administrator,
    is_economist,
    is_internal,
    is_writer,
    reads_all,
)


@predicate
def prepares_for_body(user: Any, obj: Any) -> bool:
    """Heads a förvaltning serving the nämnd of ``obj`` (a body or anything with ``body``)."""
    if obj is None or not user.is_authenticated:
        return False
    body = obj if isinstance(obj, Body) else getattr(obj, "body", None)
    return bool(user.scope.prepares_for(body))


@predicate
def heads_a_unit(user: Any) -> bool:
    return bool(user.is_authenticated and user.scope.headed_paths)


ECONOMIST_WRITES = is_writer & is_economist

READ_BY_ALL_INTERNAL = [
    "budgetyear",
    "operatingframe",
    "unallocatedreserve",
    "budgetchange",
    "budgetchangeline",
    "carryoverrule",
    "budgetline",
    "capitalbudget",
    "account",
    "responsibilitycode",
    "activitycode",
    "projectcode",
    "forecast",
    "agegroup",
    "populationfigure",
    "allocationmodel",
    "allocationyear",
    "demographicdriver",
    "allocationadjustment",
    "internallease",
    "premisesadaptation",
    "itchargemodel",
    "itpriceitem",
    "itusage",
    "internalcharge",
    "socialinvestmentfund",
    "fundapplication",
    "fundcost",
    "balancerequirement",
    "financialgoal",
    "companyaccounts",
    "personnelfigures",
]
READ_BY_MUNICIPALITY_READERS = [
    "ledgerimport",
    "ledgerentry",
    "ledgerbalance",
    "ledgersummary",
    "importjob",
    "ledgersettings",
]

PERMS: dict[str, object] = {}
for model in READ_BY_ALL_INTERNAL:
    PERMS[f"finance.view_{model}"] = is_internal
for model in READ_BY_MUNICIPALITY_READERS:
    PERMS[f"finance.view_{model}"] = reads_all
for model in READ_BY_ALL_INTERNAL + READ_BY_MUNICIPALITY_READERS:
    for action in ("add", "change", "delete"):
        PERMS[f"finance.{action}_{model}"] = ECONOMIST_WRITES

# The förvaltning prepares the detail budget and the forecasts of the nämnder it serves.
for model in ("budgetline", "forecast"):
    for action in ("add", "change", "delete"):
        PERMS[f"finance.{action}_{model}"] = is_writer & (is_economist | prepares_for_body)

# Lokalanpassning is ordered, and the fund applied to, directly by a förvaltning.
PERMS["finance.add_premisesadaptation"] = is_writer & (is_economist | heads_a_unit)
PERMS["finance.add_fundapplication"] = is_writer & (is_economist | heads_a_unit)

# Personnel figures come from the HR system: imported by the ekonom or the administratör.
for action in ("add", "change", "delete"):
    PERMS[f"finance.{action}_personnelfigures"] = is_writer & (is_economist | is_administrator)

# May open a page that edits the detail budget or forecasts of at least one nämnd.
PERMS["finance.prepare_budget"] = is_writer & (is_economist | heads_a_unit)

for name, rule in PERMS.items():
    add_perm(name, rule)  # type: ignore[arg-type]
