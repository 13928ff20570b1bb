"""Kvalitet och utveckling: kvalitetsdeklarationer, förbättringsförslag, processes, surveys,
the kvalitetsredovisning and the värdegrund."""

from redthread.quality.models.declarations import (
    DEFAULT_WHEN_NOT_KEPT,
    DeclarationVersion,
    ServiceDeclaration,
    ServicePromise,
)
from redthread.quality.models.processes import Process, ProcessStep
from redthread.quality.models.proposals import (
    CLOSED_STAGES,
    MANAGER_MOVE,
    OPEN_STAGES,
    OWNER_MOVE,
    TRANSITIONS,
    WHEEL,
    ImprovementProposal,
    ProposalEvent,
    Stage,
    Transition,
)
from redthread.quality.models.reports import CoreValue, QualityReport
from redthread.quality.models.surveys import Survey, SurveyIndex, SurveyKind, SurveyResult

__all__ = [
    "CLOSED_STAGES",
    "DEFAULT_WHEN_NOT_KEPT",
    "MANAGER_MOVE",
    "OPEN_STAGES",
    "OWNER_MOVE",
    "TRANSITIONS",
    "WHEEL",
    "CoreValue",
    "DeclarationVersion",
    "ImprovementProposal",
    "Process",
    "ProcessStep",
    "ProposalEvent",
    "QualityReport",
    "ServiceDeclaration",
    "ServicePromise",
    "Stage",
    "Survey",
    "SurveyIndex",
    "SurveyKind",
    "SurveyResult",
    "Transition",
]
