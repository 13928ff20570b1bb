"""A client for Kolada's API v3 (``KOLADA_BASE_URL``, default https://api.kolada.se/v3/).

Standard library only (urllib). It follows ``next_url`` from page to page, asks for at most
25 ids per path parameter (larger requests are split), retries a 429 or a 5xx answer with
exponential back-off (``Retry-After`` is honoured up to ``max_delay``), and checks the shape
of every page: a page it cannot read raises ``KoladaFormatError`` naming the URL and the
problem, so a caller that collects first and saves afterwards saves nothing half-way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_IDS = 25
PER_PAGE = 5000
RETRY_STATUSES = {429, 500, 502, 503, 504}
GENDERS = {"T", "K", "M"}


class KoladaError(Exception):
    """Kolada could not be read; the message says what happened and where."""


class KoladaFormatError(KoladaError):
    """A page did not have the shape of Kolada's API."""


@dataclass(frozen=True)
class ValueRow:
    """One figure as Kolada publishes it, flattened from the API's nested ``values``."""

    kpi: str
    municipality: str
    year: int
    gender: str
    value: Decimal | None
    count: int | None = None
    status: str = ""


def chunks(ids: Sequence[str], size: int = MAX_IDS) -> list[list[str]]:
    """``ids`` in lists of at most ``size`` (Kolada refuses longer lists in a path)."""
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


class KoladaClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_delay: float = 60.0,
        per_page: int = PER_PAGE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if base_url is None:
            from django.conf import settings

            base_url = settings.KOLADA_BASE_URL
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.per_page = per_page
        self.sleep = sleep
        self.requests = 0  # how many HTTP requests were made, retries included

    # Metadata.
    def kpis(
        self, ids: Sequence[str] | None = None, from_date: dt.date | None = None
    ) -> Iterator[dict[str, Any]]:
        yield from self._metadata("kpi", ids, from_date, ("id", "title"))

    def municipalities(
        self, ids: Sequence[str] | None = None, from_date: dt.date | None = None
    ) -> Iterator[dict[str, Any]]:
        yield from self._metadata("municipality", ids, from_date, ("id", "title", "type"))

    def groups(
        self, ids: Sequence[str] | None = None, from_date: dt.date | None = None
    ) -> Iterator[dict[str, Any]]:
        for row in self._metadata("municipality_groups", ids, from_date, ("id", "title")):
            members = row.get("members", [])
            if not isinstance(members, list):
                raise KoladaFormatError(
                    _("Gruppen %(group)s: members är inte en lista.") % {"group": row["id"]}
                )
            row["members"] = [_member_id(row["id"], m) for m in members]
            yield row

    def _metadata(
        self,
        entity: str,
        ids: Sequence[str] | None,
        from_date: dt.date | None,
        required: tuple[str, ...],
    ) -> Iterator[dict[str, Any]]:
        paths = [f"{entity}/{','.join(c)}" for c in chunks(ids)] if ids else [entity]
        for path in paths:
            for url, row in self._rows(path, from_date):
                missing = [key for key in required if not isinstance(row.get(key), str)]
                if missing:
                    raise KoladaFormatError(
                        _("%(url)s: en rad saknar %(fields)s: %(row)s")
                        % {"url": url, "fields": ", ".join(missing), "row": json.dumps(row)[:200]}
                    )
                yield row

    # Data.
    def values(
        self,
        kpis: Sequence[str] | None = None,
        municipalities: Sequence[str] | None = None,
        years: Sequence[int] | None = None,
        from_date: dt.date | None = None,
    ) -> Iterator[ValueRow]:
        """Values for any two (or all three) of the dimensions, split into requests of 25 ids."""
        dimensions = [
            ("kpi", chunks(kpis) if kpis else None),
            ("municipality", chunks(municipalities) if municipalities else None),
            ("year", chunks([str(y) for y in years]) if years else None),
        ]
        given = [(name, parts) for name, parts in dimensions if parts is not None]
        if len(given) < 2:
            raise ValueError("Kolada needs two of kpi, municipality and year.")
        for combination in itertools.product(*(parts for _name, parts in given)):
            path = "data/" + "/".join(
                f"{name}/{','.join(part)}"
                for (name, _parts), part in zip(given, combination, strict=True)
            )
            for url, row in self._rows(path, from_date):
                yield from _value_rows(url, row)

    # Paging and HTTP.
    def _rows(self, path: str, from_date: dt.date | None) -> Iterator[tuple[str, dict[str, Any]]]:
        query: dict[str, str] = {"per_page": str(self.per_page)}
        if from_date is not None:
            query["from_date"] = from_date.isoformat()
        url: str | None = self.base_url + path + "?" + urllib.parse.urlencode(query)
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaFormatError(
                    _("%(url)s: next_url pekar på en sida som redan är läst.") % {"url": url}
                )
            seen.add(url)
            page = self._get_json(url)
            values = page.get("values")
            if not isinstance(values, list):
                raise KoladaFormatError(_("%(url)s: svaret saknar listan values.") % {"url": url})
            for row in values:
                if not isinstance(row, dict):
                    raise KoladaFormatError(
                        _("%(url)s: en rad i values är inte ett objekt.") % {"url": url}
                    )
                yield url, row
            url = self._next(url, page.get("next_url"))

    def _next(self, current: str, next_url: Any) -> str | None:
        if next_url in (None, ""):
            return None
        if not isinstance(next_url, str):
            raise KoladaFormatError(_("%(url)s: next_url är inte en adress.") % {"url": current})
        resolved = urllib.parse.urljoin(current, next_url)
        base, target = urllib.parse.urlsplit(self.base_url), urllib.parse.urlsplit(resolved)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise KoladaFormatError(
                _("%(url)s: next_url leder till en annan server: %(next)s")
                % {"url": current, "next": resolved}
            )
        return resolved

    def _get_json(self, url: str) -> dict[str, Any]:
        body = self._get(url)
        try:
            page = json.loads(body)
        except ValueError as error:
            raise KoladaFormatError(
                _("%(url)s: svaret är inte JSON (%(error)s).") % {"url": url, "error": error}
            ) from None
        if not isinstance(page, dict):
            raise KoladaFormatError(_("%(url)s: svaret är inte ett JSON-objekt.") % {"url": url})
        return page

    def _get(self, url: str) -> bytes:
        attempt = 0
        while True:
            self.requests += 1
            request = urllib.request.Request(  # noqa: S310  (the base URL is configured, http(s))
                url, headers={"Accept": "application/json", "User-Agent": "redthread"}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    body: bytes = response.read()
                    return body
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES or attempt >= self.retries:
                    raise KoladaError(
                        _("%(url)s: Kolada svarade %(code)s %(reason)s.")
                        % {"url": url, "code": error.code, "reason": error.reason}
                    ) from None
                delay = self._delay(attempt, error.headers.get("Retry-After"))
                logger.warning(
                    "Kolada answered %s for %s; retrying in %.2f s", error.code, url, delay
                )
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt >= self.retries:
                    reason = getattr(error, "reason", error)
                    raise KoladaError(
                        _("%(url)s: Kolada kunde inte nås (%(reason)s).")
                        % {"url": url, "reason": reason}
                    ) from None
                delay = self._delay(attempt, None)
                logger.warning("Kolada could not be reached at %s; retrying in %.2f s", url, delay)
            self.sleep(delay)
            attempt += 1

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.backoff * (2**attempt)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        return float(min(delay, self.max_delay))


def _member_id(group: str, member: Any) -> str:
    if isinstance(member, dict):
        code = member.get("id", member.get("member_id"))
        if isinstance(code, str):
            return code
    raise KoladaFormatError(_("Gruppen %(group)s: en medlem saknar id.") % {"group": group})


def _value_rows(url: str, row: dict[str, Any]) -> Iterator[ValueRow]:
    kpi, municipality, period = row.get("kpi"), row.get("municipality"), row.get("period")
    if not isinstance(kpi, str) or not isinstance(municipality, str):
        raise KoladaFormatError(_("%(url)s: en rad saknar kpi eller municipality.") % {"url": url})
    try:
        year = int(period)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise KoladaFormatError(
            _("%(url)s: %(where)s: period %(period)r är inget år.")
            % {"url": url, "where": f"{kpi} {municipality}", "period": period}
        ) from None
    inner = row.get("values")
    if not isinstance(inner, list):
        raise KoladaFormatError(
            _("%(url)s: %(where)s: values är inte en lista.")
            % {"url": url, "where": f"{kpi} {municipality} {year}"}
        )
    for item in inner:
        if not isinstance(item, dict) or item.get("gender") not in GENDERS:
            raise KoladaFormatError(
                _("%(url)s: %(where)s: kön saknas eller är okänt (%(item)r).")
                % {"url": url, "where": f"{kpi} {municipality} {year}", "item": item}
            )
        yield ValueRow(
            kpi=kpi,
            municipality=municipality,
            year=year,
            gender=item["gender"],
            value=_decimal(url, item.get("value"), f"{kpi} {municipality} {year}"),
            count=_count(item.get("count")),
            status=str(item.get("status") or "")[:40],
        )


def _decimal(url: str, value: Any, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _not_a_number(url, where, value)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise _not_a_number(url, where, value) from None
    if not number.is_finite():
        raise _not_a_number(url, where, value)
    return number.quantize(Decimal("0.000001"))


def _not_a_number(url: str, where: str, value: Any) -> KoladaFormatError:
    return KoladaFormatError(
        _("%(url)s: %(where)s: värdet %(value)r är inget tal.")
        % {"url": url, "where": where, "value": value}
    )


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None
