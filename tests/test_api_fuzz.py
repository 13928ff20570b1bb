"""API fuzzing: schemathesis generates requests from /api/v1/openapi.json for every operation.

No 5xx, and every response matches the schema (status code documented, body valid). Bounded
to a few examples per operation so it fits in CI; run with FUZZ_EXAMPLES=200 for a longer run.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth

from redthread.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


# Political styrdokument in force are public: these answer without credentials by design.
PUBLIC = {"/api/v1/documents", "/api/v1/documents/{document_id}"}


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Called as a WSGI app, Django closes "old" connections when a request ends, and inside
    the test's transaction every PostgreSQL connection looks old. The test client
    disconnects the same handler; so does this."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_within_its_schema(case: Any, world: Any) -> None:
    excluded = [ignored_auth] if case.path in PUBLIC else []
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world.token('kvalitetsstrateg')}"},
        excluded_checks=excluded,
    )


def test_no_two_response_schemas_share_a_name() -> None:
    """The OpenAPI components are keyed by class name: a second ``GoalOut`` replaces the first."""
    from django.urls import get_resolver
    from ninja import Schema

    get_resolver().url_patterns  # noqa: B018 - imports every app's API module

    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    ours = [c for c in subclasses(Schema) if c.__module__.startswith("redthread.")]
    names = [c.__name__ for c in ours]
    assert sorted({n for n in names if names.count(n) > 1}) == []
