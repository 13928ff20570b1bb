"""Single sign-on with OpenID Connect (Microsoft Entra ID and any other certified provider).

Configured by environment variables (see the README): the issuer, the client id and secret,
and optionally a mapping from the provider's groups to Röda tråden's roles. The provider's
endpoints come from its discovery document. mozilla-django-oidc runs the authorization code
flow (state, nonce, signature against the provider's keys); this module adds the audience and
issuer checks, finds the person the login belongs to, and keeps role grants in step with the
groups. Local accounts keep working beside it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from redthread.core.audit import acting_as
from redthread.organisation.models import Municipality, Person, RoleGrant, User

logger = logging.getLogger(__name__)

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


@lru_cache(maxsize=4)
def discovery(issuer: str) -> dict[str, Any]:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document


def oidc_setting(attr: str, *args: Any) -> Any:
    """Settings for mozilla-django-oidc; the provider's endpoints from its discovery document."""
    explicit = getattr(settings, attr, None)
    if attr in ENDPOINTS and not explicit and enabled():
        return discovery(settings.OIDC_ISSUER)[ENDPOINTS[attr]]
    return import_from_settings(attr, *args)


def group_roles() -> dict[str, str]:
    """``OIDC_GROUP_ROLES`` as {group id: role}, e.g. "a1b2=quality_strategist,c3d4=economist"."""
    mapping = {}
    for item in getattr(settings, "OIDC_GROUP_ROLES", []):
        group, _, role = item.partition("=")
        if role in RoleGrant.Role.values:
            mapping[group.strip()] = role
        else:
            logger.warning("OIDC_GROUP_ROLES: unknown role %r for group %r", role, group)
    return mapping


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs in a person known by e-mail, and maps the provider's groups to roles."""

    get_settings = staticmethod(oidc_setting)

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client.")
        issuer = settings.OIDC_ISSUER.rstrip("/")
        if str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    @staticmethod
    def _email(claims: dict[str, Any]) -> str:
        return str(
            claims.get("email") or claims.get("preferred_username") or claims.get("upn") or ""
        ).lower()

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._email(claims)) and bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = self._email(claims)
        return (
            User.objects.filter(email__iexact=email, is_active=True, is_demo=False)
            if email
            else User.objects.none()
        )

    def create_user(self, claims: dict[str, Any]) -> User:
        email = self._email(claims)
        with transaction.atomic():
            user = User.objects.create_user(
                username=email[:150],
                email=email,
                first_name=str(claims.get("given_name", ""))[:150],
                last_name=str(claims.get("family_name", ""))[:150],
            )
            user.set_unusable_password()
            user.save()
            with acting_as(user):
                self._link_person(user, claims)
                self._sync_roles(user, claims)
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        with transaction.atomic(), acting_as(user):
            changed = False
            for field, claim in (("first_name", "given_name"), ("last_name", "family_name")):
                value = str(claims.get(claim, "") or getattr(user, field))[:150]
                if getattr(user, field) != value:
                    setattr(user, field, value)
                    changed = True
            if changed:
                user.save()
            self._link_person(user, claims)
            self._sync_roles(user, claims)
        return user

    def _link_person(self, user: User, claims: dict[str, Any]) -> None:
        if Person.objects.filter(user=user).exists():
            return
        person = Person.objects.filter(email__iexact=user.email, user__isnull=True).first()
        if person is None:
            person = Person(
                municipality=Municipality.objects.current(),
                first_name=user.first_name or user.email.split("@")[0],
                last_name=user.last_name,
                email=user.email,
            )
        person.user = user
        person.save()

    def _sync_roles(self, user: User, claims: dict[str, Any]) -> None:
        mapping = group_roles()
        if not mapping:
            return
        person = Person.objects.get(user=user)
        claim = getattr(settings, "OIDC_GROUPS_CLAIM", "groups")
        groups = claims.get(claim) or []
        wanted = {mapping[g] for g in groups if g in mapping}
        managed = set(mapping.values())
        for grant in RoleGrant.objects.filter(person=person, role__in=managed - wanted):
            grant.delete()
        for role in wanted:
            RoleGrant.objects.get_or_create(person=person, role=role)


class SingleSignOnStart(OIDCAuthenticationRequestView):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not enabled():
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response


class SingleSignOnCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not enabled():
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def login_success(self) -> HttpResponse:
        from redthread.organisation.twofactor import SESSION_KEY

        # The provider has done its own multi-factor authentication.
        self.request.session[SESSION_KEY] = True
        response: HttpResponse = super().login_success()
        return response
