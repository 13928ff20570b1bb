"""Who may do what with quality and development work (DESIGN §5, seed 2.4).

- Everyone in the organisation reads all of it; citizens read the decided
  kvalitetsdeklarationer and the värdegrund on the public pages (no permission involved).
- Kvalitetsdeklarationer are drafted by the förvaltningschef of the nämnd's förvaltning and
  the managers of the responsible unit; the nämnd decides them, recorded by the förvaltningschef
  or the nämndsekreterare. The kvalitetsstrateg may do all of it.
- Förbättringsförslag: anyone in the organisation (not the revisor) submits. The manager of
  the proposal's unit (or the kvalitetsstrateg) takes it on or declines it, adopts the result
  and may stop the work; the owner moves it round the wheel (``may_make``).
- Processes are kept by the managers of their unit and by the process owner.
- Surveys: the kvalitetsstrateg runs the municipality-wide ones and keeps the indexes; a
  manager plans and reports the kundundersökningar of the units they lead.
- The kvalitetsredovisning is written by those who prepare for the nämnd and its secretary.
- The revisor reads everything and writes nothing.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.predicates import (
    is_administrator,
    is_any_manager,
    is_internal,
    is_quality_strategist,
    is_writer,
)
from redthread.quality.models import (
    MANAGER_MOVE,
    ImprovementProposal,
    Process,
    ServiceDeclaration,
    Stage,
    Survey,
    Transition,
)


def _declaration(obj: Any) -> ServiceDeclaration:
    return obj if isinstance(obj, ServiceDeclaration) else obj.declaration


def _process(obj: Any) -> Process:
    return obj if isinstance(obj, Process) else obj.process


def _survey(obj: Any) -> Survey:
    return obj if isinstance(obj, Survey) else obj.survey


@predicate
def keeps_declaration(user: Any, obj: Any) -> bool:
    """Prepares for the declaration's nämnd, or manages its unit; without an object: either somewhere."""
    if not user.is_authenticated:
        return False
    scope = user.scope
    if obj is None:
        return bool(scope.served_body_ids or scope.managed_paths)
    declaration = _declaration(obj)
    return bool(scope.prepares_for(declaration.body) or scope.manages(declaration.unit))


@predicate
def decides_for_body(user: Any, obj: Any) -> bool:
    """Records the nämnd's decision: the förvaltningschef serving it or its secretary."""
    if not user.is_authenticated:
        return False
    scope = user.scope
    if obj is None:
        return bool(scope.served_body_ids or scope.secretary_body_ids)
    body = obj.owner_body
    return bool(scope.prepares_for(body) or scope.records_for(body))


@predicate
def never_decided(user: Any, obj: Any) -> bool:
    return obj is None or not _declaration(obj).versions.exists()


@predicate
def keeps_process(user: Any, obj: Any) -> bool:
    if not user.is_authenticated:
        return False
    scope = user.scope
    if obj is None:
        return bool(scope.managed_paths)
    process = _process(obj)
    return bool(
        scope.manages(process.unit)
        or (scope.person_id is not None and process.owner_id == scope.person_id)
    )


@predicate
def manages_process_unit(user: Any, obj: Any) -> bool:
    return bool(
        user.is_authenticated and obj is not None and user.scope.manages(_process(obj).unit)
    )


def manages_proposal(user: Any, proposal: ImprovementProposal) -> bool:
    """The manager of the proposal's unit, or the kvalitetsstrateg."""
    return bool(
        user.is_authenticated
        and (user.scope.manages(proposal.unit) or user.scope.has_role("quality_strategist"))
    )


def owns_proposal(user: Any, proposal: ImprovementProposal) -> bool:
    person = user.scope.person_id if user.is_authenticated else None
    return person is not None and proposal.owner_id == person


def may_make(user: Any, proposal: ImprovementProposal, transition: Transition) -> bool:
    """Whether ``user`` may make this move of the proposal now.

    Taking a proposal on, declining it, adopting the result and stopping the work are the
    manager's decisions; the owner (or the manager) moves it from Planera to Genomför, to
    Utvärdera, to Förbättra, and starts another turn.
    """
    if not user.is_authenticated or not is_writer(user):
        return False
    if proposal.stage not in transition.sources:
        return False
    if transition.by == MANAGER_MOVE:
        return manages_proposal(user, proposal)
    return manages_proposal(user, proposal) or owns_proposal(user, proposal)


@predicate
def moves_proposal(user: Any, obj: Any) -> bool:
    """May make some move of the proposal now."""
    if obj is None:
        return bool(user.is_authenticated and is_writer(user))
    return any(may_make(user, obj, t) for t in obj.available())


@predicate
def edits_proposal(user: Any, obj: Any) -> bool:
    """The manager always; the owner while the work is open; the submitter until it is taken on."""
    if obj is None or not user.is_authenticated:
        return False
    if manages_proposal(user, obj):
        return True
    person = user.scope.person_id
    if person is None or not obj.is_open:
        return False
    return bool(
        obj.owner_id == person or (obj.stage == Stage.NEW and obj.submitted_by_id == person)
    )


@predicate
def keeps_survey(user: Any, obj: Any) -> bool:
    """A unit's survey: the managers of the unit; without an object: any manager."""
    if not user.is_authenticated:
        return False
    if obj is None:
        return bool(user.scope.managed_paths)
    survey = _survey(obj)
    return survey.unit_id is not None and bool(user.scope.manages(survey.unit))


@predicate
def nobody(user: Any, obj: Any = None) -> bool:
    return False


# Kvalitetsdeklarationer, their promises and decided versions.
keeps_declarations = is_writer & (is_quality_strategist | keeps_declaration)
add_perm("quality.view_servicedeclaration", is_internal)
add_perm("quality.add_servicedeclaration", keeps_declarations)
add_perm("quality.change_servicedeclaration", keeps_declarations)
add_perm("quality.delete_servicedeclaration", keeps_declarations & never_decided)
add_perm(
    "quality.decide_servicedeclaration", is_writer & (is_quality_strategist | decides_for_body)
)
add_perm("quality.view_servicepromise", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"quality.{action}_servicepromise", keeps_declarations)
add_perm("quality.view_declarationversion", is_internal)
add_perm("quality.add_declarationversion", is_writer & (is_quality_strategist | decides_for_body))
add_perm("quality.change_declarationversion", nobody)
add_perm("quality.delete_declarationversion", nobody)

# Förbättringsförslag.
add_perm("quality.view_improvementproposal", is_internal)
add_perm("quality.add_improvementproposal", is_writer)
add_perm("quality.change_improvementproposal", is_writer & edits_proposal)
add_perm("quality.delete_improvementproposal", is_writer & is_quality_strategist)
add_perm("quality.move_improvementproposal", is_writer & moves_proposal)
add_perm("quality.view_proposalevent", is_internal)
add_perm("quality.add_proposalevent", is_writer & moves_proposal)
add_perm("quality.change_proposalevent", nobody)
add_perm("quality.delete_proposalevent", nobody)

# Processes and their steps.
keeps_processes = is_writer & (is_quality_strategist | keeps_process)
for model in ("process", "processstep"):
    add_perm(f"quality.view_{model}", is_internal)
    add_perm(f"quality.add_{model}", keeps_processes)
    add_perm(f"quality.change_{model}", keeps_processes)
add_perm("quality.delete_process", is_writer & (is_quality_strategist | manages_process_unit))
add_perm("quality.delete_processstep", keeps_processes)

# Surveys, their indexes and results.
keeps_surveys = is_writer & (is_quality_strategist | keeps_survey)
add_perm("quality.view_survey", is_internal)
add_perm("quality.add_survey", is_writer & (is_quality_strategist | is_any_manager))
add_perm("quality.change_survey", keeps_surveys)
add_perm("quality.delete_survey", keeps_surveys)
add_perm("quality.view_surveyresult", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"quality.{action}_surveyresult", keeps_surveys)
add_perm("quality.view_surveyindex", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"quality.{action}_surveyindex", is_writer & is_quality_strategist)

# The kvalitetsredovisning.
add_perm("quality.view_qualityreport", is_internal)
for action in ("add", "change"):
    add_perm(
        f"quality.{action}_qualityreport", is_writer & (is_quality_strategist | decides_for_body)
    )
add_perm("quality.delete_qualityreport", is_writer & is_quality_strategist)

# The värdegrund.
add_perm("quality.view_corevalue", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"quality.{action}_corevalue", is_writer & (is_quality_strategist | is_administrator))

add_perm("quality.open_area", is_internal)
