"""Every internal-control page and API operation for anonymous and every role.

OSN's people: its staff (the enhetschefer and the förvaltningschef of the förvaltning serving
it, the nämndsekreterare) and its member. The KS member and the municipality-wide readers
(ekonom, kvalitetsstrateg, administratör, revisor) read all. The medarbetare and the
handläggare are inside the organisation but not OSN's people. The revisor writes nothing.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    UNAUTHORIZED,
    ApiCase,
    Case,
    internal,
    only,
    roles,
)
from tests.control import factories as f

STAFF = ["enhetschef", "enhetschef_soder", "forvaltningschef", "namndsekreterare"]
ASSESSORS = [*STAFF, "namndpolitiker"]
READERS_ALL = ["politiker", "ekonom", "kvalitetsstrateg", "revisor", "admin"]
READERS = [*ASSESSORS, *READERS_ALL]
RECORDERS = ["namndsekreterare", "admin"]
REGISTRARS = ["kvalitetsstrateg", "admin", "namndsekreterare"]
EVALUATION_READERS = READERS_ALL


def osn_page() -> dict[str, object]:
    """An OSN object: its readers see it, everyone else gets a 404."""
    return only(READERS, denied=NOT_FOUND)


def osn_write(allowed: list[str], ok: object = OK) -> dict[str, object]:
    """Seen by OSN's readers, changed by ``allowed``; a reader who may not change gets 403."""
    expected = only(READERS, ok=FORBIDDEN, denied=NOT_FOUND)
    for role in allowed:
        expected[role] = ok
    return expected


def create(allowed: list[str]) -> dict[str, object]:
    return only(allowed)


def internal_write(allowed: list[str], ok: object = OK) -> dict[str, object]:
    """An object everyone inside reads, changed by ``allowed``."""
    expected = roles(FORBIDDEN, outsider=NOT_FOUND)
    for role in allowed:
        expected[role] = ok
    return expected


PAGES = {
    "control:index": Case(url=lambda w: reverse("control:index") + "?ar=2026", get=internal()),
    "control:risks": Case(url=lambda w: reverse("control:risks") + "?ar=2026", get=internal()),
    "control:risk_create": Case(
        url=lambda w: reverse("control:risk_create"),
        get=create([*ASSESSORS, "politiker"]),
        post=create([*ASSESSORS, "politiker"]),
    ),
    "control:risk": Case(
        url=lambda w: reverse("control:risk", args=[f.risk(w).pk]), get=osn_page()
    ),
    "control:risk_edit": Case(
        url=lambda w: reverse("control:risk_edit", args=[f.risk(w).pk]),
        get=osn_write(ASSESSORS),
        post=osn_write(ASSESSORS),
    ),
    "control:risk_assess": Case(
        url=lambda w: reverse("control:risk_assess", args=[f.risk(w).pk, 2026]),
        get=osn_write(ASSESSORS),
        post=osn_write(ASSESSORS),
    ),
    "control:plans": Case(url=lambda w: reverse("control:plans") + "?ar=2026", get=internal()),
    "control:plan_create": Case(
        url=lambda w: reverse("control:plan_create"), get=create(STAFF), post=create(STAFF)
    ),
    "control:plan": Case(
        url=lambda w: reverse("control:plan", args=[f.plan(w).pk]), get=osn_page()
    ),
    "control:plan_decide": Case(
        url=lambda w: reverse("control:plan_decide", args=[f.plan(w).pk]),
        get=osn_write(RECORDERS),
        post=osn_write(RECORDERS),
    ),
    "control:point_create": Case(
        url=lambda w: reverse("control:point_create", args=[f.plan(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:point": Case(
        url=lambda w: reverse("control:point", args=[f.point(w).pk]), get=osn_page()
    ),
    "control:point_edit": Case(
        url=lambda w: reverse("control:point_edit", args=[f.point(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:result_record": Case(
        url=lambda w: reverse("control:result_record", args=[f.point(w).pk, f.period(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:report": Case(
        url=lambda w: reverse("control:report", args=[f.point(w).plan_id, f.period(w).pk]),
        get=osn_page(),
        post=osn_write(STAFF),  # an empty post changes nothing and shows the form again
    ),
    "control:report_forward": Case(
        url=lambda w: reverse("control:report_forward", args=[f.report(w).plan_id, f.period(w).pk]),
        get=osn_write(RECORDERS),
        post=osn_write(RECORDERS),
    ),
    "control:common": Case(url=lambda w: reverse("control:common") + "?ar=2026", get=internal()),
    "control:common_create": Case(
        url=lambda w: reverse("control:common_create") + "?ar=2026",
        get=create(["kvalitetsstrateg"]),
        post=create(["kvalitetsstrateg"]),
    ),
    "control:common_edit": Case(
        url=lambda w: reverse("control:common_edit", args=[f.common_point(w).pk]),
        get=internal_write(["kvalitetsstrateg"]),
        post=internal_write(["kvalitetsstrateg"]),
    ),
    "control:result": Case(
        url=lambda w: reverse("control:result", args=[f.result(w).pk]), get=osn_page()
    ),
    "control:deviation_create": Case(
        url=lambda w: reverse("control:deviation_create", args=[f.result(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:deviation_action_create": Case(
        url=lambda w: reverse("control:deviation_action_create", args=[f.deviation(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:actions": Case(url=lambda w: reverse("control:actions"), get=internal()),
    "control:action": Case(
        url=lambda w: reverse("control:action", args=[f.action(w).pk]), get=osn_page()
    ),
    "control:action_edit": Case(
        url=lambda w: reverse("control:action_edit", args=[f.action(w).pk]),
        get=osn_write(STAFF),
        post=osn_write(STAFF),
    ),
    "control:action_follow_up": Case(
        url=lambda w: reverse("control:action_follow_up", args=[f.action(w).pk]),
        post=osn_write(STAFF),  # an empty follow-up is shown back with its errors
    ),
    "control:evaluation": Case(
        url=lambda w: reverse("control:evaluation", args=[2026]),
        get=only(EVALUATION_READERS),
    ),
    "control:evaluation_edit": Case(
        url=lambda w: reverse("control:evaluation_edit", args=[2026]),
        get=only(["kvalitetsstrateg"]),
        post=only(["kvalitetsstrateg"]),
    ),
    "control:evaluation_action_create": Case(
        url=lambda w: reverse("control:evaluation_action_create", args=[f.evaluation(w).year]),
        get=only(["kvalitetsstrateg"], denied=NOT_FOUND)
        | {r: FORBIDDEN for r in ["politiker", "ekonom", "revisor", "admin"]},
        post=only(["kvalitetsstrateg"], denied=NOT_FOUND)
        | {r: FORBIDDEN for r in ["politiker", "ekonom", "revisor", "admin"]},
    ),
    "control:audit_reports": Case(url=lambda w: reverse("control:audit_reports"), get=internal()),
    "control:audit_report_create": Case(
        url=lambda w: reverse("control:audit_report_create"),
        get=create(REGISTRARS),
        post=create(REGISTRARS),
    ),
    "control:audit_report": Case(
        url=lambda w: reverse("control:audit_report", args=[f.audit_report(w).pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "control:audit_report_edit": Case(
        url=lambda w: reverse("control:audit_report_edit", args=[f.audit_report(w).pk]),
        get=internal_write(REGISTRARS),
        post=internal_write(REGISTRARS),
    ),
    "control:recommendation_create": Case(
        url=lambda w: reverse("control:recommendation_create", args=[f.audit_report(w).pk]),
        get=internal_write(REGISTRARS),
        post=internal_write(REGISTRARS),
    ),
    "control:recommendation_answer": Case(
        url=lambda w: reverse("control:recommendation_answer", args=[f.recommendation(w).pk]),
        get=internal_write(STAFF),
        post=internal_write(STAFF),
    ),
    "control:recommendation_action_create": Case(
        url=lambda w: reverse(
            "control:recommendation_action_create", args=[f.recommendation(w).pk]
        ),
        get=internal_write(STAFF),
        post=internal_write(STAFF),
    ),
}

API_INTERNAL = roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)

API = {
    ("GET", "/api/v1/control/plans"): ApiCase(
        lambda w: "/api/v1/control/plans?year=2026", API_INTERNAL
    ),
    ("GET", "/api/v1/control/risks"): ApiCase(lambda w: "/api/v1/control/risks", API_INTERNAL),
}
