"""Internkontroll: risks, plans, control points, results, deviations, actions, audits."""

from redthread.control.models.audit import AuditReport, Recommendation
from redthread.control.models.evaluation import Evaluation
from redthread.control.models.plans import (
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlReport,
    Frequency,
    PlanStatus,
    bodies_with_control,
    plan_status,
    report_periods_for,
)
from redthread.control.models.results import Action, ActionFollowUp, ControlResult, Deviation
from redthread.control.models.risks import Risk, RiskAssessment
from redthread.control.models.settings import Axis, Band, ControlSettings, RiskStep, Step

__all__ = [
    "Action",
    "ActionFollowUp",
    "AuditReport",
    "Axis",
    "Band",
    "CommonControlPoint",
    "ControlPlan",
    "ControlPoint",
    "ControlReport",
    "ControlResult",
    "ControlSettings",
    "Deviation",
    "Evaluation",
    "Frequency",
    "PlanStatus",
    "Recommendation",
    "Risk",
    "RiskAssessment",
    "RiskStep",
    "Step",
    "bodies_with_control",
    "plan_status",
    "report_periods_for",
]
