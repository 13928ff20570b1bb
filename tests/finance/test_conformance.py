"""Conformance: every real SIE file in ../shared/data/sie/ imports or is refused clearly.

The files are published exports of many programs (see ../shared/data/README.md). A
refused file must leave the database exactly as it was. The table of results is
printed whether or not the test passes, so CI shows it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest
from django.apps import apps

from redthread.finance.ledger_import import ImportRefused, import_ledger
from tests.finance.factories import shared_data
from tests.world import World

SIE = shared_data("sie")


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in ("finance", "organisation", "cycle")
    }


@pytest.mark.conformance
def test_conformance_every_shared_sie_file_imports_or_is_refused_clearly(
    world: World, capsys: Any
) -> None:
    if not SIE.exists():
        pytest.skip(f"Skipped: {SIE} does not exist (../shared/data is only present in CI).")
    rows = []
    failures = []
    for path in sorted(SIE.iterdir(), key=lambda p: p.name.lower()):
        before = _counts()
        try:
            outcome = import_ledger(
                path, municipality=world.municipality, user=world.users["ekonom"]
            )
        except ImportRefused as error:
            message = str(error)
            rows.append((unquote(path.name), "refused", message))
            if _counts() != before:
                failures.append(f"{path.name}: refused but the database changed")
            if not message or "Traceback" in message:
                failures.append(f"{path.name}: refused without a clear message")
        else:
            info = outcome.info
            summary = (
                f"SIE {info.sie_type or '?'}: {info.transactions} transactions in {info.vouchers} "
                f"vouchers, {info.balances} period balances, {info.budget_rows} budget rows"
            )
            if outcome.warnings:
                summary += "; warnings: " + " ".join(outcome.warnings)
            rows.append((unquote(path.name), "imported", summary))
    table = ["| file | result | message |", "|---|---|---|"]
    table += [
        f"| {name} | {result} | {message.replace('|', '/')} |" for name, result, message in rows
    ]
    with capsys.disabled():
        print("\n\nSIE conformance over", SIE, "\n" + "\n".join(table) + "\n")
    assert not failures, failures
    assert any(result == "imported" for _n, result, _m in rows)
    expected_refusals = {
        "transaktioner_ovnbolag-bad-balance.se": "balanserar inte",
        "TRANSAK.SE": "webbsida",
        "BokSald.SE": "webbsida",
    }
    by_name = {name: (result, message) for name, result, message in rows}
    for name, words in expected_refusals.items():
        if name in by_name:
            assert by_name[name][0] == "refused" and words in by_name[name][1], name
    underdim = by_name.get("SIE4_Exempelfil_med_underdim.SE")
    if underdim:
        assert underdim[0] == "imported" and "UTF-8" in underdim[1]
