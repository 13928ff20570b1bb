"""The goal chain: vision -> strategic areas -> kommunmål -> indicators; åtaganden -> mått;
verksamhetsplaner -> aktiviteter; strategic actions; follow-up per reporting period."""

from redthread.goals.models.followup import (
    SUBJECT_FIELDS,
    SUBJECT_MODELS,
    FollowUp,
    StartPageVisit,
    subject_field,
)
from redthread.goals.models.metrics import Actual, Indicator, Measure, Metric, Source, Target
from redthread.goals.models.plans import Activity, OperationalPlan
from redthread.goals.models.structure import (
    Commitment,
    FulfilmentThreshold,
    GoalSettings,
    MunicipalGoal,
    StrategicAction,
    StrategicArea,
    Vision,
    YearScoped,
)

__all__ = [
    "SUBJECT_FIELDS",
    "SUBJECT_MODELS",
    "Activity",
    "Actual",
    "Commitment",
    "FollowUp",
    "FulfilmentThreshold",
    "GoalSettings",
    "Indicator",
    "Measure",
    "Metric",
    "MunicipalGoal",
    "OperationalPlan",
    "Source",
    "StartPageVisit",
    "StrategicAction",
    "StrategicArea",
    "Target",
    "Vision",
    "YearScoped",
    "subject_field",
]
