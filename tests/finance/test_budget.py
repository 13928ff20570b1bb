"""The budget's invariants: totalbudget is the sum of its parts, omdisponering nets to
zero, the reserve never goes negative, and every change cites a decision."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redthread.core.audit import acting_as
from redthread.finance.models import (
    BudgetChange,
    BudgetChangeLine,
    BudgetYear,
    CarryOverRule,
    ChangeLine,
    bridge,
)
from redthread.organisation.models import Decision
from tests.finance.factories import FinanceWorld

K = BudgetChange.Kind


def _book(
    fw: FinanceWorld, kind: str, *legs: tuple[str, int], title: str = "Ändring"
) -> BudgetChange:
    return BudgetChange.book(
        budget_year=fw.budget_year,
        kind=kind,
        decision=fw.ks_decision,
        title=title,
        lines=[ChangeLine(body=fw.world.bodies[key], amount=amount) for key, amount in legs],
    )


def test_adopting_the_frames_gives_each_namnd_its_arsbudget(fw: FinanceWorld) -> None:
    totals = fw.budget_year.total_budgets()
    assert totals == {
        fw.world.bodies["osn"].pk: 1_000_000_000,
        fw.world.bodies["un"].pk: 900_000_000,
    }
    fw.budget_year.refresh_from_db()
    assert fw.budget_year.state == BudgetYear.State.DECIDED
    assert fw.budget_year.decision == fw.kf_budget
    with pytest.raises(ValidationError, match="redan fastställd"):
        fw.budget_year.adopt_frames(fw.kf_budget)


def test_a_tillaggsanslag_draws_on_the_reserve_and_never_beyond_it(fw: FinanceWorld) -> None:
    reserve = fw.budget_year.reserve
    _book(fw, K.SUPPLEMENTARY_APPROPRIATION, ("osn", 4_000_000))
    assert reserve.remaining() == 6_000_000
    with pytest.raises(ValidationError, match="större än det som finns kvar"):
        _book(fw, K.SUPPLEMENTARY_APPROPRIATION, ("un", 6_000_001))
    assert reserve.remaining() == 6_000_000


def test_an_omdisponering_that_does_not_net_to_zero_is_refused(fw: FinanceWorld) -> None:
    with pytest.raises(ValidationError, match="summera till 0 kr"):
        _book(fw, K.REALLOCATION, ("osn", -500_000), ("un", 400_000))
    change = _book(fw, K.REALLOCATION, ("osn", -500_000), ("un", 500_000))
    assert change.total == 0


def test_an_omdisponering_within_a_namnd_moves_money_between_units(fw: FinanceWorld) -> None:
    osn = fw.world.bodies["osn"]
    change = BudgetChange.book(
        budget_year=fw.budget_year,
        kind=K.REALLOCATION,
        decision=fw.ks_decision,
        title="Från Söder till Norr",
        lines=[
            ChangeLine(body=osn, amount=-200_000, responsibility=fw.codes["soder"]),
            ChangeLine(body=osn, amount=200_000, responsibility=fw.codes["norr"]),
        ],
    )
    assert fw.budget_year.total_budget(osn) == 1_000_000_000
    assert [row.amount for row in bridge(fw.budget_year, osn)][-1] == 0
    assert change.lines.count() == 2


def test_a_change_without_a_decision_is_impossible(fw: FinanceWorld) -> None:
    change = BudgetChange(budget_year=fw.budget_year, kind=K.REALLOCATION, title="x")
    with pytest.raises(ValidationError, match="decision"):
        change.full_clean()


def test_the_bridge_has_one_row_per_decision_from_arsbudget_to_totalbudget(
    fw: FinanceWorld,
) -> None:
    _book(fw, K.SUPPLEMENTARY_APPROPRIATION, ("osn", 2_500_000), title="Hemtjänst")
    _book(fw, K.REALLOCATION, ("osn", -1_000_000), ("un", 1_000_000), title="Skolskjuts")
    rows = bridge(fw.budget_year, fw.world.bodies["osn"])
    assert [(r.change.kind, r.amount) for r in rows] == [
        (K.ANNUAL, 1_000_000_000),
        (K.SUPPLEMENTARY_APPROPRIATION, 2_500_000),
        (K.REALLOCATION, -1_000_000),
    ]
    assert rows[-1].running == fw.budget_year.total_budget(fw.world.bodies["osn"]) == 1_001_500_000


change_kinds = st.sampled_from(
    [K.SUPPLEMENTARY_APPROPRIATION, K.REALLOCATION, K.SUPPLEMENTARY_BUDGET]
)
change_amounts = st.integers(min_value=-3_000_000, max_value=3_000_000)


@given(steps=st.lists(st.tuples(change_kinds, change_amounts, st.booleans()), max_size=12))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_totalbudget_is_the_sum_of_its_parts_and_the_reserve_never_negative(
    fw: FinanceWorld, steps: list[tuple[str, int, bool]]
) -> None:
    """Whatever is tried, in whatever order: refused changes change nothing."""
    osn, un = fw.world.bodies["osn"], fw.world.bodies["un"]
    sid = transaction.savepoint()
    try:
        for kind, amount, to_osn in steps:
            first, second = (osn, un) if to_osn else (un, osn)
            lines = [ChangeLine(body=first, amount=amount)]
            if kind == K.REALLOCATION:
                lines.append(ChangeLine(body=second, amount=-amount))
            with contextlib.suppress(ValidationError):
                BudgetChange.book(
                    budget_year=fw.budget_year,
                    kind=kind,
                    decision=fw.ks_decision,
                    title="x",
                    lines=lines,
                )
            reserve = fw.budget_year.reserve
            assert reserve.remaining() >= 0
        for body in (osn, un):
            parts = {
                kind: sum(
                    BudgetChangeLine.objects.filter(
                        change__budget_year=fw.budget_year, change__kind=kind, body=body
                    ).values_list("amount", flat=True)
                )
                for kind in K
            }
            assert fw.budget_year.total_budget(body) == sum(parts.values())
            assert bridge(fw.budget_year, body)[-1].running == sum(parts.values())
        reallocated = BudgetChangeLine.objects.filter(
            change__budget_year=fw.budget_year, change__kind=K.REALLOCATION
        ).values_list("amount", flat=True)
        assert sum(reallocated) == 0
    finally:
        transaction.savepoint_rollback(sid)


def test_tillaggsbudget_stays_within_kfs_criteria(fw: FinanceWorld, world: Any) -> None:
    with acting_as(world.users["ekonom"]):
        previous = BudgetYear.objects.create(municipality=world.municipality, year=2025)
        BudgetChange.book(
            budget_year=previous,
            kind=K.ANNUAL,
            decision=world.decisions["ledningssystem"],
            title="Årsbudget 2025",
            lines=[ChangeLine(body=world.bodies["osn"], amount=100_000_000)],
        )
        CarryOverRule.objects.create(
            budget_year=fw.budget_year, surplus_cap_percent=2, deficit_cap_percent=1
        )
    with pytest.raises(ValidationError, match="utanför KF:s kriterier"):
        _book(fw, K.SUPPLEMENTARY_BUDGET, ("osn", 2_000_001))
    with pytest.raises(ValidationError, match="utanför KF:s kriterier"):
        _book(fw, K.SUPPLEMENTARY_BUDGET, ("osn", -1_000_001))
    _book(fw, K.SUPPLEMENTARY_BUDGET, ("osn", 2_000_000))


def test_the_ekonom_books_a_tillaggsanslag_citing_ks_decision(
    fw: FinanceWorld, client_for: Any
) -> None:
    url = reverse("finance:change_create", args=[2026, "tillaggsanslag"])
    response = client_for("ekonom").post(
        url,
        {
            "title": "Fler hemtjänsttimmar",
            "decision": fw.ks_decision.pk,
            "body_0": fw.world.bodies["osn"].pk,
            "amount_0": "2 500 000",
        },
    )
    change = BudgetChange.objects.get(title="Fler hemtjänsttimmar")
    assert response.status_code == 302 and response["Location"] == change.get_absolute_url()
    assert change.decision == fw.ks_decision
    assert fw.budget_year.reserve.remaining() == 7_500_000
    page = client_for("politiker").get(
        reverse("finance:bridge", args=[2026, fw.world.bodies["osn"].pk])
    )
    assert "KS 2026-03-10 § 44" in page.content.decode()


def test_a_tillaggsanslag_beyond_the_reserve_shows_what_remains(
    fw: FinanceWorld, client_for: Any
) -> None:
    response = client_for("ekonom").post(
        reverse("finance:change_create", args=[2026, "tillaggsanslag"]),
        {
            "title": "För mycket",
            "decision": fw.ks_decision.pk,
            "body_0": fw.world.bodies["osn"].pk,
            "amount_0": "20000000",
        },
    )
    assert response.status_code == 400
    assert "10\xa0000\xa0000\xa0kr" in response.content.decode()
    assert not BudgetChange.objects.filter(title="För mycket").exists()


def test_the_frames_grid_saves_frames_for_the_budget_year_and_plan_years(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    data = {f"f-{osn}-{y}": str(1_100_000_000 + y) for y in range(2026, 2030)}
    data["decision"] = fw.kf_budget.pk
    response = client_for("ekonom").post(reverse("finance:frames_edit", args=[2026]), data)
    assert response.status_code == 302
    assert fw.budget_year.frames()[(osn, 2029)] == 1_100_002_029
    assert fw.budget_year.frames().get((fw.world.bodies["un"].pk, 2026)) is None


def test_the_budget_page_shows_frames_and_totalbudget(fw: FinanceWorld, client_for: Any) -> None:
    page = client_for("medarbetare").get(reverse("finance:budget", args=[2026])).content.decode()
    assert "Omsorgs- och socialnämnden" in page and "1\xa0000\xa0000\xa0tkr" in page
    assert "Plan 2029" in page


def test_a_decision_of_another_municipality_cannot_be_cited(fw: FinanceWorld, world: Any) -> None:
    from redthread.organisation.models import Body, Municipality

    with acting_as(world.users["admin"]):
        other = Municipality.objects.create(name="Boxholm", code="0560")
        body = Body.objects.create(municipality=other, kind=Body.Kind.COUNCIL, name="KF Boxholm")
        decision = Decision.objects.create(
            body=body, date=dt.date(2026, 1, 1), paragraph="1", title="x"
        )
    with pytest.raises(ValidationError, match="annan kommun"):
        BudgetChange.book(
            budget_year=fw.budget_year,
            kind=K.SUPPLEMENTARY_APPROPRIATION,
            decision=decision,
            title="x",
            lines=[ChangeLine(body=world.bodies["osn"], amount=1)],
        )
