"""What a ledger import changes besides the ledger: the chart of accounts, the codes, and
which earlier imports it replaces."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from redthread.finance.models import (
    Account,
    ActivityCode,
    LedgerImport,
    ProjectCode,
    ResponsibilityCode,
)
from redthread.organisation.models import Municipality

BalanceKey = tuple[str, int, int, str, str, str, str]  # kind, year, month, account, codes


def add_accounts(
    municipality: Municipality, declared: dict[str, str], used: set[str], warnings: list[str]
) -> int:
    """Add the accounts the file declares or uses that the chart lacks (SIE 4B, #KONTO 5)."""
    existing = dict(Account.objects.filter(municipality=municipality).values_list("number", "name"))
    added = 0
    renamed = []
    for number in sorted(set(declared) | used):
        if number in existing:
            name = declared.get(number)
            if name and name != existing[number]:
                renamed.append(number)
            continue
        Account.objects.create(
            municipality=municipality,
            number=number,
            name=declared.get(number) or _("(namn saknas)"),
            added_by_import=True,
        )
        added += 1
    if renamed:
        warnings.append(
            _(
                "%(count)s konton har ett annat namn i filen än i kontoplanen (t.ex. %(first)s); "
                "kontoplanens namn gäller."
            )
            % {"count": len(renamed), "first": renamed[0]}
        )
    return added


def add_codes(
    municipality: Municipality,
    declared_codes: dict[str, dict[str, str]],
    balances: dict[BalanceKey, int],
) -> tuple[int, dict[str, list[str]]]:
    """Add the ansvar, verksamhet and projekt codes met; list those not mapped to a nämnd."""
    used: dict[str, set[str]] = {"responsibility": set(), "activity": set(), "project": set()}
    for kind, _y, _m, _a, resp, activity, project in balances:
        if kind == "actual":
            used["responsibility"].add(resp)
            used["activity"].add(activity)
            used["project"].add(project)
    models: dict[str, Any] = {
        "responsibility": ResponsibilityCode,
        "activity": ActivityCode,
        "project": ProjectCode,
    }
    added = 0
    new_codes: dict[str, set[str]] = defaultdict(set)
    for role, model in models.items():
        existing = set(
            model.objects.filter(municipality=municipality).values_list("code", flat=True)
        )
        declared = declared_codes.get(role, {})
        for code in sorted((set(declared) | used[role]) - existing - {""}):
            model.objects.create(municipality=municipality, code=code, name=declared.get(code, ""))
            new_codes[role].add(code)
            added += 1
    mapped = set(
        code
        for code, unit, body, financing in ResponsibilityCode.objects.filter(
            municipality=municipality
        ).values_list("code", "unit_id", "body_id", "is_financing")
        if financing or (unit and body)
    )
    unmapped = {
        "responsibility": sorted(c or "–" for c in used["responsibility"] if c not in mapped),
        "activity": sorted(
            (c or "–") for c in used["activity"] if c == "" or c in new_codes["activity"]
        ),
    }
    return added, unmapped


def replace_earlier(ledger_import: LedgerImport) -> None:
    """Mark earlier imports whose months are all covered by this one as replaced."""
    earlier = (
        LedgerImport.objects.active()
        .filter(municipality=ledger_import.municipality)
        .exclude(pk=ledger_import.pk)
    )
    for other in earlier:
        actual_covered = other.period_start is None or (
            ledger_import.period_start is not None
            and ledger_import.period_end is not None
            and ledger_import.period_start <= other.period_start
            and other.period_end is not None
            and other.period_end <= ledger_import.period_end
        )
        budget_covered = other.budget_start is None or (
            ledger_import.budget_start is not None
            and ledger_import.budget_end is not None
            and ledger_import.budget_start <= other.budget_start
            and other.budget_end is not None
            and other.budget_end <= ledger_import.budget_end
        )
        if actual_covered and budget_covered:
            other.replaced_by = ledger_import
            other.save()
