"""Who may do what with internal control (DESIGN §5, seed 2.5).

- A nämnd's people see their own nämnd's risks, plans, results and actions; KF and KS
  members and the municipality-wide readers see all; the revisor reads all, writes nothing.
- The nämnd's staff (förvaltningschef, managers of the serving förvaltning, secretary) draft
  risks, plans and control points, record results, deviations and actions. The nämnd's
  members take part in the risk analysis.
- The responsible person of a control point records its result; the owner of an action
  follows it up.
- The secretary records the nämnd's decisions: the plan's, and the report to KS.
- Kommunstyrelsen's common control points and evaluation are prepared by the
  kvalitetsstrateg and by KS's förvaltningschef and secretary.
- Revisionsrapporter are registered by the kvalitetsstrateg, the administratör or a
  secretary; the nämnd's staff answer the recommendations to their nämnd.
"""

from __future__ import annotations

from typing import Any

from redthread.control.scope import control_scope
from redthread.core.rulebook import Predicate, add_perm, predicate
from redthread.organisation.models import Body
from redthread.organisation.predicates import (
    is_administrator,
    is_internal,
    is_quality_strategist,
    is_secretary,
    is_writer,
)


def _body(obj: Any) -> Body | None:
    if obj is None:
        return None
    if isinstance(obj, Body):
        return obj
    body: Body = obj.owner_body
    return body


@predicate
def reads_control(user: Any, obj: Any) -> bool:
    """Reads the nämnd's internal control; without an object: reads some nämnd's."""
    if not user.is_authenticated:
        return False
    cs = control_scope(user)
    body = _body(obj)
    if body is None:
        return cs.reads_everything or cs.has_bodies
    return cs.reads(user, body)


@predicate
def drafts_control(user: Any, obj: Any) -> bool:
    """Staff of the nämnd; without an object: staff of some nämnd."""
    if not user.is_authenticated:
        return False
    cs = control_scope(user)
    body = _body(obj)
    if body is None:
        return cs.is_writer and bool(cs.staff_body_ids)
    return cs.drafts_for(body)


@predicate
def assesses_risks(user: Any, obj: Any) -> bool:
    if not user.is_authenticated:
        return False
    cs = control_scope(user)
    body = _body(obj)
    if body is None:
        return cs.is_writer and cs.has_bodies
    return cs.assesses_risks_for(body)


@predicate
def records_for_body(user: Any, obj: Any) -> bool:
    body = _body(obj)
    if body is None:
        return bool(is_secretary(user))
    return bool(user.is_authenticated and user.scope.records_for(body))


@predicate
def is_responsible_for_point(user: Any, obj: Any) -> bool:
    """The responsible person of the control point (given the point, a result or a deviation)."""
    person_id = control_scope(user).person_id if user.is_authenticated else None
    if person_id is None or obj is None:
        return False
    if hasattr(obj, "result"):
        obj = obj.result
    if hasattr(obj, "point"):
        obj = obj.point
    return getattr(obj, "responsible_id", None) == person_id


@predicate
def owns_action(user: Any, obj: Any) -> bool:
    person_id = control_scope(user).person_id if user.is_authenticated else None
    return person_id is not None and getattr(obj, "owner_id", None) == person_id


@predicate
def coordinates_control(user: Any) -> bool:
    return bool(user.is_authenticated and control_scope(user).coordinates)


@predicate
def not_common(user: Any, obj: Any) -> bool:
    """A copy of a common control point is changed by kommunstyrelsen, not by the nämnd."""
    return obj is None or getattr(obj, "common_source_id", None) is None


@predicate
def nobody(user: Any) -> bool:
    return False


def _crud(model: str, view: Predicate, write: Predicate, delete: Predicate | None = None) -> None:
    add_perm(f"control.view_{model}", view)
    add_perm(f"control.add_{model}", write)
    add_perm(f"control.change_{model}", write)
    add_perm(f"control.delete_{model}", delete if delete is not None else write)


registers_audits = is_writer & (is_quality_strategist | is_administrator | is_secretary)
coordinates = is_writer & coordinates_control

# Configuration: read by everyone inside, changed by the administratör.
_crud("controlsettings", is_internal, is_writer & is_administrator)
_crud("riskstep", is_internal, is_writer & is_administrator)

# The nämnd's risk analysis.
_crud("risk", reads_control, assesses_risks, drafts_control)
_crud("riskassessment", reads_control, assesses_risks, drafts_control)

# Plans and control points.
_crud("controlplan", reads_control, drafts_control)
add_perm("control.decide_controlplan", is_writer & (records_for_body | is_administrator))
_crud("controlpoint", reads_control, drafts_control, drafts_control & not_common)
_crud("commoncontrolpoint", is_internal, coordinates)

# Results, deviations, actions and the reports förvaltning -> nämnd -> KS.
_crud("controlresult", reads_control, drafts_control, drafts_control)
add_perm("control.record_controlresult", drafts_control | (is_writer & is_responsible_for_point))
_crud("deviation", reads_control, drafts_control | (is_writer & is_responsible_for_point))
_crud("action", reads_control, drafts_control)
add_perm("control.follow_up_action", drafts_control | (is_writer & owns_action))
_crud("actionfollowup", reads_control, drafts_control | (is_writer & owns_action), nobody)
_crud("controlreport", reads_control, drafts_control)
add_perm("control.forward_controlreport", is_writer & (records_for_body | is_administrator))

# Kommunstyrelsen's overall evaluation.
_crud("evaluation", reads_control | coordinates_control, coordinates)

# Revisionsrapporter: public documents, read by everyone inside.
_crud("auditreport", is_internal, registers_audits)
_crud("recommendation", is_internal, registers_audits)
add_perm("control.answer_recommendation", drafts_control)

# The area's front page and lists: everyone inside; each list shows what the user may read.
add_perm("control.open_area", is_internal)
