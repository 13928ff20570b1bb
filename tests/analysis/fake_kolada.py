"""A local stand-in for Kolada's API v3, speaking its shapes, on 127.0.0.1 and a free port.

It serves ``kpi``, ``municipality``, ``municipality_groups`` (all, or ``/<ids>``) and
``data/kpi/<ids>/municipality/<ids>/year/<years>`` (any two of the three) from what a test
puts in it, in pages of ``per_page`` rows linked by ``next_url``. A test can make the next
answers fail (``fail_with``), or make a path answer something malformed (``malformed``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class FakeKolada:
    kpis: list[dict[str, Any]] = field(default_factory=list)
    municipalities: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    # (kpi, municipality, year) -> [{"gender": "T", "value": 1.0, "count": 1, "status": ""}, ...]
    data: dict[tuple[str, str, int], list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    fail_with: list[int] = field(default_factory=list)
    malformed: dict[str, bytes] = field(default_factory=dict)
    base_url: str = ""

    def add_value(
        self, kpi: str, municipality: str, year: int, value: float | None, gender: str = "T"
    ) -> None:
        self.data.setdefault((kpi, municipality, year), []).append(
            {
                "gender": gender,
                "count": 1,
                "status": "" if value is not None else "Missing",
                "value": value,
            }
        )

    # What the server answers.
    def answer(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        self.requests.append(raw_path)
        if self.fail_with:
            status = self.fail_with.pop(0)
            headers = {"Retry-After": "0"} if status == 429 else {}
            return status, headers, b'{"error": "try again"}'
        parts = urlsplit(raw_path)
        path = parts.path.removeprefix("/v3/").strip("/")
        for prefix, body in self.malformed.items():
            if path.startswith(prefix):
                return 200, {}, body
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        rows = self._rows(path)
        if rows is None:
            return 404, {}, b'{"error": "not found"}'
        per_page = int(query.get("per_page", "5000"))
        page = int(query.get("page", "1"))
        chunk = rows[(page - 1) * per_page : page * per_page]
        next_url = None
        if page * per_page < len(rows):
            next_query = {**query, "page": str(page + 1)}
            next_url = f"{self.base_url}{path}?{urlencode(next_query)}"
        body = {"count": len(chunk), "values": chunk, "next_url": next_url}
        return 200, {}, json.dumps(body).encode()

    def _rows(self, path: str) -> list[dict[str, Any]] | None:
        segments = path.split("/")
        entity = segments[0]
        ids = segments[1].split(",") if len(segments) > 1 else None
        if entity == "kpi":
            return [k for k in self.kpis if ids is None or k["id"] in ids]
        if entity == "municipality":
            return [m for m in self.municipalities if ids is None or m["id"] in ids]
        if entity == "municipality_groups":
            return [g for g in self.groups if ids is None or g["id"] in ids]
        if entity == "data":
            dims = dict(zip(segments[1::2], segments[2::2], strict=True))
            if len(dims) < 2:
                return None
            wanted = {name: set(values.split(",")) for name, values in dims.items()}
            if any(len(v) > 25 for v in wanted.values()):
                return None  # Kolada refuses more than 25 ids per path parameter
            return [
                {"kpi": kpi, "municipality": municipality, "period": year, "values": values}
                for (kpi, municipality, year), values in sorted(self.data.items())
                if kpi in wanted.get("kpi", {kpi})
                and municipality in wanted.get("municipality", {municipality})
                and str(year) in wanted.get("year", {str(year)})
            ]
        return None


class _Handler(BaseHTTPRequestHandler):
    fake: FakeKolada

    def do_GET(self) -> None:
        status, headers, body = self.server.fake.answer(self.path)  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(fake: FakeKolada) -> Iterator[FakeKolada]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.fake = fake  # type: ignore[attr-defined]
    host, port = server.server_address[:2]
    fake.base_url = f"http://{host}:{port}/v3/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
