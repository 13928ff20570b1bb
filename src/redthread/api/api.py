"""The JSON API at /api/v1/: each app's router, one authentication, errors a person can act on.

An app contributes a ``router`` (and its ``API_PREFIX``) in its ``api`` module.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from redthread.organisation.api_auth import ReadOnlyAwareSessionAuth, TokenAuth

ERROR_RESPONSES = {
    "400": "Uppgifterna strider mot en regel; detail säger vilken.",
    "401": "Ingen eller ogiltig API-nyckel.",
    "403": "Rollen ger inte rätt till detta.",
    "404": "Finns inte, eller syns inte för rollen.",
    "409": "Konflikt: perioden är stängd eller någon annan har ändrat objektet.",
    "422": "Uppgifterna är inte giltiga; errors säger vilka fält.",
}


class RedthreadAPI(NinjaAPI):
    """Every operation documents the errors every operation can answer, in one shape."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = {
            "type": "object",
            "properties": {
                "detail": {"anyOf": [{"type": "string"}, {"type": "array"}]},
                "errors": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["detail"],
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for code, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        code,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = RedthreadAPI(
    title="Röda tråden API",
    version="1",
    description=(
        "Ledningssystemets data: organisation, mål och uppföljning med mera. "
        "Autentisera med `Authorization: Bearer <API-nyckel>` eller en inloggad session. "
        "Fel returneras som JSON med `detail`, en text som säger vad som behöver göras."
    ),
    auth=[TokenAuth(), ReadOnlyAwareSessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Finns inte, eller så har du inte behörighet att se det. Kontrollera id:t."},
        status=404,
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or "Din roll ger inte rätt att göra detta."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": "Logga in, eller skicka en giltig API-nyckel i huvudet "
            "Authorization: Bearer <nyckel>."
        },
        status=401,
    )


def _swedish(error: dict[str, Any]) -> str:
    """What is wrong with one field, in Swedish, from pydantic's error type."""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    messages = {
        "missing": "saknas",
        "greater_than_equal": f"ska vara minst {ctx.get('ge')}",
        "greater_than": f"ska vara större än {ctx.get('gt')}",
        "less_than_equal": f"ska vara högst {ctx.get('le')}",
        "less_than": f"ska vara mindre än {ctx.get('lt')}",
        "int_parsing": "ska vara ett heltal",
        "int_type": "ska vara ett heltal",
        "decimal_parsing": "ska vara ett tal",
        "float_parsing": "ska vara ett tal",
        "bool_parsing": "ska vara true eller false",
        "date_from_datetime_parsing": "ska vara ett datum, ÅÅÅÅ-MM-DD",
        "date_parsing": "ska vara ett datum, ÅÅÅÅ-MM-DD",
        "string_too_short": "får inte vara tom"
        if ctx.get("min_length") == 1
        else f"ska ha minst {ctx.get('min_length')} tecken",
        "string_too_long": f"får ha högst {ctx.get('max_length')} tecken",
        "literal_error": f"ska vara ett av {ctx.get('expected')}",
        "enum": f"ska vara ett av {ctx.get('expected')}",
    }
    return messages.get(kind, str(error.get("msg", "är ogiltigt")))


def _field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", [])
            if part not in ("body", "payload", "query", "path")
        ]
        errors.append({"field": ".".join(location), "message": _swedish(error)})
    return errors


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = _field_errors(exc)
    problems = "; ".join(f"{e['field']} {e['message']}".strip() for e in errors) or "förfrågan"
    return api.create_response(
        request,
        {"detail": f"Uppgifterna är inte giltiga. Rätta: {problems}.", "errors": errors},
        status=422,
    )


@api.exception_handler(DjangoValidationError)
def domain_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


def _mount_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("redthread."):
            continue
        module_name = f"{config.name}.api"
        if config.name == "redthread.api" or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "API_PREFIX", f"/{config.label}/"), router)


_mount_routers()
