"""``redthread generate --scale large``: a Stockholm-sized municipality for benchmarks.

30 nämnder with a förvaltning each, 60 kommunmål, 300 indicators, 1,500 åtaganden, 4,000 mått,
20,000 activities and ten years of values. Rows are bulk-inserted without history rows: this
is generated benchmark data, not anyone's work, and the database must be empty of it first.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.goals.models import (
    Activity,
    Actual,
    Commitment,
    FollowUp,
    FulfilmentThreshold,
    Indicator,
    Measure,
    MunicipalGoal,
    OperationalPlan,
    StrategicArea,
    Target,
    Vision,
)
from redthread.organisation.models import (
    Assignment,
    Body,
    Decision,
    Membership,
    Municipality,
    Person,
    Unit,
    User,
)

SCALES = {
    "large": {
        "bodies": 30,
        "goals": 60,
        "indicators": 300,
        "commitments": 1500,
        "measures": 4000,
        "activities": 20000,
        "units_per_body": 20,
        "years": 10,
    },
    "small": {
        "bodies": 4,
        "goals": 8,
        "indicators": 24,
        "commitments": 40,
        "measures": 80,
        "activities": 400,
        "units_per_body": 4,
        "years": 3,
    },
}
YEAR = 2026


class Command(BaseCommand):
    help = "Generates a large municipality for benchmarks (bulk inserts, no history rows)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="large")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, scale: str, seed: int, **options: Any) -> None:
        if Municipality.objects.filter(code=settings.REDTHREAD_MUNICIPALITY_CODE).exists():
            raise CommandError(
                "The database already has the municipality "
                f"{settings.REDTHREAD_MUNICIPALITY_CODE}; generate into an empty database."
            )
        started = time.monotonic()
        size = SCALES[scale]
        rng = random.Random(seed)  # noqa: S311  (benchmark data)
        with transaction.atomic():
            counts = generate(size, rng)
        self.stdout.write(
            ", ".join(f"{k}: {v}" for k, v in counts.items())
            + f" ({time.monotonic() - started:.1f} s)"
        )


def _chunks(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def generate(size: dict[str, int], rng: random.Random) -> dict[str, int]:
    municipality = Municipality.objects.create(
        name="Storstad (genererad)", code=settings.REDTHREAD_MUNICIPALITY_CODE
    )
    for year in range(YEAR - size["years"] + 1, YEAR + 1):
        ensure_periods(municipality, year)
    ReportingPeriod.objects.filter(
        municipality=municipality, end_date__lt=dt.date(YEAR, 11, 1)
    ).update(state="closed")
    ReportingPeriod.objects.filter(
        municipality=municipality,
        year=YEAR,
        end_date__gte=dt.date(YEAR, 11, 1),
        end_date__lte=dt.date(YEAR, 11, 30),
    ).update(state="open")
    kf = Body.objects.create(
        municipality=municipality,
        kind=Body.Kind.COUNCIL,
        name="Kommunfullmäktige",
        short_name="KF",
        order=1,
    )
    Body.objects.create(
        municipality=municipality,
        kind=Body.Kind.EXECUTIVE_BOARD,
        name="Kommunstyrelsen",
        short_name="KS",
        parent=kf,
        order=2,
    )
    bodies = Body.objects.bulk_create(
        Body(
            municipality=municipality,
            kind=Body.Kind.COMMITTEE,
            name=f"Nämnd {i + 1}",
            short_name=f"N{i + 1}",
            parent=kf,
            order=10 + i,
        )
        for i in range(size["bodies"])
    )
    decision = Decision.objects.create(
        body=kf, date=dt.date(YEAR - 1, 11, 24), paragraph="1", title="Mål och budget"
    )
    FulfilmentThreshold.objects.create(
        municipality=municipality, year=YEAR, share=Decimal("0.75"), decision=decision
    )

    # One förvaltning per nämnd with its enheter; a manager for every unit.
    units_by_body: dict[int, list[Unit]] = {}
    people: list[Person] = []
    for body in bodies:
        head = Unit.objects.create(
            municipality=municipality,
            kind=Unit.Kind.ADMINISTRATION,
            name=f"Förvaltning {body.short_name}",
        )
        head.serves.set([body])
        children = Unit.objects.bulk_create(
            Unit(
                municipality=municipality,
                kind=Unit.Kind.UNIT,
                name=f"Enhet {body.short_name}-{j + 1}",
                parent=head,
                path="",
            )
            for j in range(size["units_per_body"])
        )
        for child in children:
            child.path = f"{head.path}{child.pk}/"
        Unit.objects.bulk_update(children, ["path"])
        units_by_body[body.pk] = children
    all_units = [u for units in units_by_body.values() for u in units]
    users = User.objects.bulk_create(
        User(username=f"chef{i}", first_name="Chef", last_name=str(i))
        for i in range(len(all_units))
    )
    people = Person.objects.bulk_create(
        Person(municipality=municipality, first_name="Chef", last_name=str(i), user=user)
        for i, user in enumerate(users)
    )
    Assignment.objects.bulk_create(
        Assignment(person=person, unit=unit, role=Assignment.Role.UNIT_MANAGER)
        for person, unit in zip(people, all_units, strict=True)
    )
    politician = User.objects.create(username="ledamot", first_name="Ledamot")
    politician_person = Person.objects.create(
        municipality=municipality, first_name="Ledamot", last_name="KS", user=politician
    )
    Membership.objects.create(
        person=politician_person,
        body=Body.objects.get(municipality=municipality, short_name="KS"),
        role=Membership.Role.MEMBER,
    )
    Membership.objects.create(person=politician_person, body=bodies[0], role=Membership.Role.MEMBER)

    vision = Vision.objects.create(
        municipality=municipality, title="Vision", statement="Genererad vision", first_year=2017
    )
    areas = StrategicArea.objects.bulk_create(
        StrategicArea(vision=vision, title=f"Område {i + 1}", order=i) for i in range(6)
    )
    goals = MunicipalGoal.objects.bulk_create(
        MunicipalGoal(
            area=areas[i % 6],
            year=YEAR,
            number=f"{i % 6 + 1}.{i // 6 + 1}",
            title=f"Kommunmål {i + 1}",
            first_year=YEAR - 2,
            last_year=YEAR + 2,
            order=i,
            owner=people[i],
            is_published=True,
        )
        for i in range(size["goals"])
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            goal=goals[i % len(goals)],
            year=YEAR,
            title=f"Indikator {i + 1}",
            unit_label="%",
            direction="higher" if i % 3 else "lower",
            owner=people[i % len(people)],
            is_published=True,
        )
        for i in range(size["indicators"])
    )
    commitments: list[Commitment] = []
    for body, count in zip(bodies, _chunks(size["commitments"], len(bodies)), strict=True):
        head_unit = units_by_body[body.pk][0].parent_id
        commitments.extend(
            Commitment(
                body=body,
                year=YEAR,
                title=f"Åtagande {body.short_name}-{j + 1}",
                first_year=YEAR,
                last_year=YEAR + 1,
                unit_id=head_unit,
                decision=decision,
                is_published=True,
            )
            for j in range(count)
        )
    commitments = Commitment.objects.bulk_create(commitments)
    through = Commitment.goals.through
    through.objects.bulk_create(
        through(commitment_id=c.pk, municipalgoal_id=goals[i % len(goals)].pk)
        for i, c in enumerate(commitments)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            commitment=commitments[i % len(commitments)],
            year=YEAR,
            title=f"Mått {i + 1}",
            unit_label="%",
            unit=rng.choice(units_by_body[commitments[i % len(commitments)].body_id]),
        )
        for i in range(size["measures"])
    )
    plans = {
        u.pk: p
        for u, p in zip(
            all_units,
            OperationalPlan.objects.bulk_create(
                OperationalPlan(unit=u, year=YEAR) for u in all_units
            ),
            strict=True,
        )
    }
    activities: list[Activity] = []
    for i in range(size["activities"]):
        commitment = commitments[i % len(commitments)]
        unit = rng.choice(units_by_body[commitment.body_id])
        activities.append(
            Activity(
                plan=plans[unit.pk],
                unit=unit,
                commitment=commitment,
                year=YEAR,
                title=f"Aktivitet {i + 1}",
                state="ongoing",
                progress=rng.randint(0, 100),
            )
        )
    activities = Activity.objects.bulk_create(activities, batch_size=2000)

    periods = {
        (p.year, p.kind, p.end_date.month): p
        for p in ReportingPeriod.objects.filter(municipality=municipality)
    }
    targets = [
        Target(
            indicator=ind,
            year=YEAR,
            kind="final",
            value=Decimal(rng.randint(40, 90)),
            decision=decision,
        )
        for ind in indicators
    ]
    targets += [
        Target(measure=m, year=YEAR, kind="final", value=Decimal(rng.randint(40, 90)))
        for m in measures
    ]
    Target.objects.bulk_create(targets, batch_size=5000)
    actuals = [
        Actual(
            indicator=ind, period=periods[(year, "annual", 12)], value=Decimal(rng.randint(30, 95))
        )
        for ind in indicators
        for year in range(YEAR - size["years"] + 1, YEAR)
    ]
    interim = periods[(YEAR, "interim", 8)]
    actuals += [
        Actual(indicator=ind, period=interim, value=Decimal(rng.randint(30, 95)))
        for ind in indicators
    ]
    actuals += [
        Actual(
            measure=m, period=periods[(YEAR, "month", month)], value=Decimal(rng.randint(30, 95))
        )
        for m in measures
        for month in (2, 3, 4, 5, 6, 8, 9, 10)
    ]
    Actual.objects.bulk_create(actuals, batch_size=5000)
    author = users[0]
    statuses = ["green", "green", "green", "yellow", "red"]
    followups = [
        FollowUp(
            period=interim,
            activity=a,
            status=rng.choice(statuses),
            analysis="Genererad analys.",
            state="approved",
            author=author,
        )
        for a in activities
    ]
    followups += [
        FollowUp(
            period=interim,
            commitment=c,
            status=rng.choice(statuses),
            analysis="Genererad analys.",
            state="submitted",
            author=author,
        )
        for c in commitments
    ]
    followups += [
        FollowUp(
            period=interim,
            goal=g,
            status=rng.choice(statuses),
            analysis="Genererad analys.",
            state="approved",
            author=author,
        )
        for g in goals
    ]
    FollowUp.objects.bulk_create(followups, batch_size=5000)
    return {
        "bodies": len(bodies),
        "units": len(all_units),
        "goals": len(goals),
        "indicators": len(indicators),
        "commitments": len(commitments),
        "measures": len(measures),
        "activities": len(activities),
        "actuals": len(actuals),
        "followups": len(followups),
    }
