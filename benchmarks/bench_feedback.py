"""Synpunkter och felanmälan under load: Open311 ``GET requests.json`` and the public form POST.

Method: the benchmark migrates its own database, loads the Mjölby demo (organisation and
feedback) and adds cases up to 5,000, 1,500 of them in the last 90 days. It then starts
gunicorn on a free port on 127.0.0.1 (2 workers x 4 threads, as a small production
install) and drives it from this process with 8 client threads over keep-alive HTTP
connections (``http.client``), a bounded number of requests per phase. Requests per
second are completed requests over the wall time of the phase; latency is per request
as the client sees it (p50, p95). The form POST fetches the form once per client for
its CSRF cookie and token, then posts fault reports without photos (each one a case
with its history row). The rate limit is raised for the run; the machine is shared.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redthread.settings")

CLIENTS = 8
GET_REQUESTS = 600
POST_REQUESTS = 800
PHASE_SECONDS = 60
TOTAL_CASES = 5000
RECENT_CASES = 1500


def _fresh_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_absolute():
            path = Path(__file__).resolve().parent.parent / path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", "--only", "organisation", "feedback", verbosity=0)
    from django.utils import timezone

    from redthread.feedback.models import Category, Kind, ServiceRequest
    from redthread.feedback.models.case import Channel, new_reference
    from redthread.feedback.workdays import add_working_days
    from redthread.organisation.models import Municipality

    municipality = Municipality.objects.current()
    categories = list(Category.objects.all())
    rng = random.Random(7)
    now = timezone.now()
    existing = ServiceRequest.objects.count()
    rows = []
    for index in range(TOTAL_CASES - existing):
        recent = index < RECENT_CASES
        received = now - dt.timedelta(days=rng.uniform(0, 89) if recent else rng.uniform(91, 720))
        category = rng.choice(categories)
        day = timezone.localtime(received).date()
        rows.append(
            ServiceRequest(
                municipality=municipality,
                reference=new_reference(day.year) + f"{index % 10}",
                kind=Kind.FAULT,
                category=category,
                unit_id=category.unit_id,
                description="Belastningstest.",
                address=f"Storgatan {index % 80 + 1}, Mjölby",
                latitude=58.32 + rng.uniform(-0.01, 0.01),
                longitude=15.13 + rng.uniform(-0.01, 0.01),
                channel=Channel.OPEN311,
                received_at=received,
                received_on=day,
                due_on=add_working_days(day, category.response_days),
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=500)
    from django.db import connections

    connections.close_all()
    return ServiceRequest.objects.count()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "REDTHREAD_FEEDBACK_RATE_LIMIT": "1000000/h",
        "REDTHREAD_OPEN311_RATE_LIMIT": "1000000/h",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "redthread.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_phase(port: int, total: int, make_worker: Any) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_client = total // CLIENTS
    deadline = time.monotonic() + PHASE_SECONDS

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            step = make_worker(connection)
        except Exception as error:
            with lock:
                failures.append(repr(error))
            return
        for _ in range(per_client):
            if time.monotonic() > deadline:
                break
            start = time.perf_counter()
            ok, detail = step()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                (latencies if ok else failures).append(elapsed if ok else detail)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if failures or not latencies:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
    }


def open311_worker(connection: http.client.HTTPConnection) -> Any:
    def step() -> tuple[bool, str]:
        connection.request("GET", "/open311/v2/requests.json")
        response = connection.getresponse()
        body = response.read()
        return response.status == 200 and body.startswith(b"["), f"{response.status}"

    return step


def form_worker(category_id: int) -> Any:
    def make(connection: http.client.HTTPConnection) -> Any:
        connection.request("GET", "/synpunkter/lamna/")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if match is None or not cookie:
            raise RuntimeError("no CSRF token in the form")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{connection.port}/synpunkter/lamna/",
        }
        body = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1),
                "kind": "fault",
                "category": category_id,
                "description": "Gatlampan är släckt.",
                "address": "Storgatan 12, Mjölby",
            }
        )

        def step() -> tuple[bool, str]:
            connection.request("POST", "/synpunkter/lamna/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status == 302, f"{response.status}"

        return step

    return make


def main() -> None:
    _fresh_database()
    cases = prepare()
    from redthread.feedback.models import Category, ServiceRequest

    category_id = Category.objects.get(code="gatubelysning").pk
    port = free_port()
    server = start_server(port)
    try:
        rows_returned = min(
            1000,
            ServiceRequest.objects.filter(
                received_at__gte=dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
            ).count(),
        )
        get = run_phase(port, GET_REQUESTS, open311_worker)
        post = run_phase(port, POST_REQUESTS, form_worker(category_id))
    finally:
        server.terminate()
        server.wait(timeout=30)
    engine = "PostgreSQL" if "postgres" in os.environ.get("DATABASE_URL", "") else "SQLite"
    rows = [
        {
            "operation": f"GET /open311/v2/requests.json ({rows_returned} requests per response)",
            **get,
        },
        {"operation": "POST /synpunkter/lamna/ (a fault report, no photo)", **post},
    ]
    from benchmarks.timing import emit, markdown_table

    markdown = (
        f"{cases:_} cases in the database ({engine}); gunicorn 2 workers x 4 threads on "
        f"127.0.0.1, driven by {CLIENTS} client threads with keep-alive connections "
        "(`http.client`) from the same machine. Requests per second over the phase's wall "
        "time; latency per request as the client sees it.\n\n"
        + markdown_table(
            rows,
            [
                ("operation", "operation"),
                ("requests", "requests"),
                ("rps", "requests/s"),
                ("p50_ms", "p50 ms"),
                ("p95_ms", "p95 ms"),
            ],
        )
    ).replace("_", " ")
    emit("feedback", "Synpunkter och felanmälan: Open311 and the public form", markdown, rows)


if __name__ == "__main__":
    main()
