"""The cycle app's models: the årshjul's template, the year's calendar, reporting periods,
dialogues and the omvärldsanalys. Other apps import them from here."""

from __future__ import annotations

from typing import Any

from redthread.cycle.models.dialogues import (
    Dialogue,
    DialogueAction,
    DialogueMaterial,
    EnvironmentScan,
    ScanItem,
    ScanSource,
)
from redthread.cycle.models.events import (
    CalendarFeed,
    CycleEvent,
    CycleEventQuerySet,
    ReminderLog,
)
from redthread.cycle.models.periods import (
    MONTH_NAMES,
    PeriodClosed,
    ReportingPeriod,
    ReportingPeriodQuerySet,
    month_end,
)
from redthread.cycle.models.template import AnnualCycle, CycleStep
from redthread.organisation.models import Municipality

__all__ = [
    "MONTH_NAMES",
    "AnnualCycle",
    "CalendarFeed",
    "CycleEvent",
    "CycleEventQuerySet",
    "CycleStep",
    "Dialogue",
    "DialogueAction",
    "DialogueMaterial",
    "EnvironmentScan",
    "PeriodClosed",
    "ReminderLog",
    "ReportingPeriod",
    "ReportingPeriodQuerySet",
    "ScanItem",
    "ScanSource",
    "default_periods",
    "ensure_periods",
    "month_end",
]


def default_periods(year: int) -> list[dict[str, Any]]:
    """The reporting periods of ``year`` from the default årshjul (no database)."""
    from redthread.cycle.generation import default_periods as compute

    return compute(year)


def ensure_periods(municipality: Municipality, year: int) -> list[ReportingPeriod]:
    """Create the year's reporting periods that do not exist yet, dated by the årshjul.

    Idempotent: existing periods are left as they are. The municipality's årshjul is
    created from the default template if it has none.
    """
    from redthread.cycle.generation import ensure_periods as ensure

    return ensure(municipality, year)
