"""Helpers for benchmark modules: server time of a page and its query count."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def measure_get(client: Client, url: str, repeat: int = 30, warmup: int = 3) -> dict[str, Any]:
    """p50 and p95 server time (ms) of GET ``url`` in-process, and its query count."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)
    reset_queries()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "queries": queries,
    }


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def emit(name: str, title: str, markdown: str, rows: list[dict[str, Any]]) -> None:
    """The last line a benchmark module prints: its report for ``run.py``."""
    print(json.dumps({"name": name, "title": title, "markdown": markdown, "rows": rows}))


def markdown_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    head = "| " + " | ".join(label for _key, label in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = [
        "| " + " | ".join(str(row.get(key, "")) for key, _label in columns) + " |" for row in rows
    ]
    return "\n".join([head, rule, *body])
