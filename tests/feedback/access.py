from __future__ import annotations

from django.urls import reverse

from tests.access import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    internal,
    only,
    public,
    roles,
)
from tests.feedback.factories import case_for, categories, open311_key

HANDLERS = ["handlaggare", "admin"]
READERS = ["handlaggare", "admin", "kvalitetsstrateg", "revisor"]
BAD_REQUEST = 400


def _case_url(name: str, *extra: object):
    return lambda w: reverse(name, args=[case_for(w).pk, *extra])


def _handling(ok: int = REDIRECT) -> dict[str, object]:
    """A handling action on the gatubelysning case: handlers act, readers are refused."""
    expected = only(HANDLERS, ok=ok, denied=NOT_FOUND)
    expected.update({"kvalitetsstrateg": FORBIDDEN, "revisor": FORBIDDEN})
    return expected


def _public_form(w):
    cats = categories(w)
    return {
        "kind": "fault",
        "category": cats["light"].pk,
        "description": "Trasig lampa.",
        "address": "Storgatan 1",
    }


def _open311_post(w):
    categories(w)
    return {
        "api_key": open311_key(w),
        "service_code": "gatubelysning",
        "lat": "58.3245",
        "long": "15.1310",
        "description": "Trasig lampa",
    }


PAGES = {
    # Public pages: anonymous 200. The revisor can post nothing anywhere (middleware).
    "feedback:submit": Case(
        url=lambda w: reverse("feedback:submit"),
        get=public(),
        post=public(REDIRECT) | {"revisor": FORBIDDEN},
        post_data=_public_form,
    ),
    "feedback:receipt": Case(
        url=lambda w: reverse("feedback:receipt", args=[case_for(w).reference]), get=public()
    ),
    "feedback:status_lookup": Case(url=lambda w: reverse("feedback:status_lookup"), get=public()),
    "feedback:status": Case(
        url=lambda w: reverse("feedback:status", args=[case_for(w).reference]), get=public()
    ),
    # Internal pages.
    "feedback:inbox": Case(url=lambda w: reverse("feedback:inbox"), get=internal()),
    "feedback:register": Case(
        url=lambda w: reverse("feedback:register"),
        get=internal() | {"revisor": FORBIDDEN},
        post=internal() | {"revisor": FORBIDDEN},  # empty form: errors shown, nothing saved
    ),
    "feedback:case": Case(url=_case_url("feedback:case"), get=only(READERS, denied=NOT_FOUND)),
    "feedback:assign": Case(
        url=_case_url("feedback:assign"),
        post=_handling(),
        post_data=lambda w: {"person": w.people["handlaggare"].pk},
    ),
    "feedback:transition": Case(
        url=_case_url("feedback:transition"),
        post=_handling(),
        post_data=lambda w: {"state": "in_progress"},
    ),
    "feedback:note": Case(
        url=_case_url("feedback:note"), post=_handling(), post_data=lambda w: {"text": "Kollat."}
    ),
    "feedback:answer": Case(
        url=_case_url("feedback:answer"),
        get=_handling(ok=OK) | {"kvalitetsstrateg": FORBIDDEN, "revisor": FORBIDDEN},
        post=_handling(ok=OK),  # empty form: errors shown, nothing sent
    ),
    "feedback:edit": Case(
        url=_case_url("feedback:edit"),
        get=_handling(ok=OK),
        post=_handling(ok=OK),  # empty form: errors shown
    ),
    "feedback:photo": Case(url=_case_url("feedback:photo", 999999), get=only([], denied=NOT_FOUND)),
    "feedback:statistics": Case(url=lambda w: reverse("feedback:statistics"), get=internal()),
    "feedback:statistics_export": Case(
        url=lambda w: reverse("feedback:statistics_export", args=["csv"]), get=internal()
    ),
    "feedback:erasure": Case(
        url=lambda w: reverse("feedback:erasure"),
        get=only(["admin", "revisor"]),
        post=only(["admin"], ok=REDIRECT),
    ),
    "feedback:personal_data": Case(
        url=lambda w: reverse("feedback:personal_data") + "?epost=sven@example.se",
        get=only(["admin"]),
    ),
    # Open311 GeoReport v2: public reading; posting needs an api_key, not a login.
    "open311:root": Case(url=lambda w: reverse("open311:root"), get=public(REDIRECT)),
    "open311:discovery": Case(
        url=lambda w: reverse("open311:discovery", kwargs={"fmt": "json"}), get=public()
    ),
    "open311:services": Case(
        url=lambda w: "/open311/v2/services.xml" if categories(w) else "", get=public()
    ),
    "open311:service": Case(
        url=lambda w: "/open311/v2/services/gatubelysning.json" if categories(w) else "",
        get=public(),
    ),
    "open311:requests": Case(
        url=lambda w: "/open311/v2/requests.json" if case_for(w) else "",
        get=public(),
        post=public() | {"revisor": FORBIDDEN},
        post_data=_open311_post,
    ),
    "open311:request": Case(
        url=lambda w: f"/open311/v2/requests/{case_for(w).reference}.xml", get=public()
    ),
    "open311:token": Case(
        url=lambda w: "/open311/v2/tokens/no-such-token.json", get=public(NOT_FOUND)
    ),
}

__all__ = ["BAD_REQUEST", "LOGIN", "PAGES", "roles"]
