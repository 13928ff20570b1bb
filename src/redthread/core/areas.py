"""The areas of the system as the navigation shows them, in red-thread order.

Each app that is built activates its area in ``AppConfig.ready`` with the URL of its
front page. An area not built yet still has a page: it says what will come there,
so the navigation never leads to a broken link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass
class Area:
    key: str
    label: str | Promise
    prefix: str
    coming: str | Promise
    url_name: str | None = None
    public: bool = False

    @property
    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("core:area", args=[self.key])

    @property
    def built(self) -> bool:
        return self.url_name is not None


AREAS: dict[str, Area] = {
    area.key: area
    for area in [
        Area(
            "goals",
            _("Röda tråden"),
            "/mal/",
            _(
                "Vision, kommunmål med indikatorer och målvärden, nämndernas åtaganden "
                "med mått och förvaltningarnas aktiviteter, med uppföljning per period."
            ),
        ),
        Area(
            "cycle",
            _("Årshjul"),
            "/arshjul/",
            _(
                "Planerings- och uppföljningsprocessen över året: steg, rapportperioder, "
                "deadlines, påminnelser, kalenderflöde och dialoger."
            ),
        ),
        Area(
            "finance",
            _("Ekonomi"),
            "/ekonomi/",
            _(
                "Budget med planår, driftramar, budgetförändringar med beslut, "
                "resursfördelningsmodell, import av huvudbok (SIE), prognoser och balanskrav."
            ),
        ),
        Area(
            "control",
            _("Internkontroll"),
            "/internkontroll/",
            _(
                "Riskanalys med riskkarta, internkontrollplaner per nämnd, gemensamma "
                "kontrollmoment, resultat, avvikelser och åtgärder."
            ),
        ),
        Area(
            "feedback",
            _("Synpunkter"),
            "/synpunkter/",
            _(
                "Synpunkter och felanmälan från medborgare, handläggning med svarstider "
                "i arbetsdagar, statistik och gallring."
            ),
        ),
        Area(
            "quality",
            _("Kvalitet"),
            "/kvalitet/",
            _(
                "Kvalitetsdeklarationer, förbättringsförslag enligt förbättringshjulet, "
                "processregister och enkätresultat."
            ),
        ),
        Area(
            "documents",
            _("Styrdokument"),
            "/styrdokument/",
            _(
                "Register över VAD- och HUR-dokument med beslut, dokumentansvarig och "
                "datum för aktualitetsprövning."
            ),
        ),
        Area(
            "projects",
            _("Projekt"),
            "/projekt/",
            _("Projekt enligt projektmodellen: roller, faser, beslutspunkter och statusrapporter."),
        ),
        Area(
            "analysis",
            _("Analys"),
            "/analys/",
            _("Jämförelser med andra kommuner och över tid, med nyckeltal från Kolada."),
        ),
        Area(
            "reports",
            _("Rapporter"),
            "/rapporter/",
            _(
                "Mål och budget, delårsrapport, årsredovisning och nämndernas rapporter "
                "som PDF, Word och Excel."
            ),
        ),
        Area(
            "organisation",
            _("Organisation"),
            "/organisation/",
            _("Den politiska organisationen och tjänstemannaorganisationen."),
        ),
    ]
}


def activate(key: str, url_name: str) -> None:
    """Called by an app once its area has a real front page."""
    AREAS[key].url_name = url_name
