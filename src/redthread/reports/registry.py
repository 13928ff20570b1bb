"""The report kinds: their builders, Swedish names, and what each needs to be built.

A builder lives in ``reports/kinds/<module>.py`` and is imported only when its kind is
built, so a kind whose builder is missing fails alone, with a message, not the app.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from redthread.reports.document import KINDS, Report

Builder = Callable[..., Report]
BodyNeed = Literal["none", "required", "optional"]


class UnknownKind(Exception):
    """No report kind by that name; the message lists the kinds there are."""


class BuilderMissing(Exception):
    """The kind is known but its builder is not installed (yet)."""


@dataclass(frozen=True)
class ReportKind:
    kind: str  # one of document.KINDS, also the CLI name and the URL slug
    module: str  # reports/kinds/<module>.py
    name: Promise  # Swedish display name
    body: BodyNeed  # whether the report is for one nämnd
    # The reporting period the report closes (cycle.ReportingPeriod.Kind), or "" when the
    # report is a plan rather than a follow-up (mål och budget).
    period_kind: str
    description: Promise

    @property
    def needs_body(self) -> bool:
        return self.body == "required"

    @property
    def takes_body(self) -> bool:
        return self.body != "none"

    def builder(self) -> Builder:
        name = f"redthread.reports.kinds.{self.module}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            raise BuilderMissing(
                _("Rapporttypen %(name)s finns inte installerad ännu.") % {"name": self.name}
            ) from error
        build: Builder = module.build
        return build

    def build(self, municipality: Any, year: int, body: Any = None, period: Any = None) -> Report:
        return self.builder()(municipality, year, body=body, period=period)


REGISTRY: dict[str, ReportKind] = {
    item.kind: item
    for item in (
        ReportKind(
            "mal-och-budget",
            "mal_och_budget",
            _("Mål och budget"),
            "none",
            "",
            _(
                "Kommunfullmäktiges mål och budget: vision, kommunmål, driftramar och investeringar."
            ),
        ),
        ReportKind(
            "delarsrapport",
            "delarsrapport",
            _("Delårsrapport"),
            "none",
            "interim",
            _("Förvaltningsberättelse, måluppföljning och prognos per 31 augusti."),
        ),
        ReportKind(
            "arsredovisning",
            "arsredovisning",
            _("Årsredovisning"),
            "none",
            "annual",
            _("Årsredovisningen enligt LKBR med förvaltningsberättelse och räkenskaper."),
        ),
        ReportKind(
            "verksamhetsberattelse",
            "verksamhetsberattelse",
            _("Verksamhetsberättelse"),
            "required",
            "annual",
            _("Nämndens verksamhetsberättelse: åtaganden, ekonomi och personal."),
        ),
        ReportKind(
            "manadsrapport",
            "manadsrapport",
            _("Månadsrapport"),
            "optional",
            "month",
            _(
                "Månadsrapporten till kommunstyrelsen, för kommunen eller en nämnd: utfall och prognos."
            ),
        ),
        ReportKind(
            "internkontroll",
            "internkontroll",
            _("Internkontrollrapport"),
            "optional",
            "annual",
            _("Resultatet av internkontrollplanens kontrollmoment och avvikelserna."),
        ),
    )
}
assert tuple(REGISTRY) == KINDS


def get(kind: str) -> ReportKind:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise UnknownKind(
            _("Rapporttypen ”%(kind)s” finns inte. Välj en av: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(KINDS)}
        ) from None


def all_kinds() -> list[ReportKind]:
    return list(REGISTRY.values())
