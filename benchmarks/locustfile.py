"""Deadline day: managers sign in, open their to-do lists, write and submit follow-ups, and
look at the red-thread overview. Run by ``benchmarks/bench_load.py``."""

from __future__ import annotations

import itertools
import os
import re
import threading
from typing import Any

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "belastning-2026")
USERS = int(os.environ.get("LOAD_USERS", "100"))
_counter = itertools.count()
_lock = threading.Lock()
SUBMITTED: list[str] = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
TODO = re.compile(r'href="(/mal/uppfoljning/activity/\d+/\d+/)"')


class Manager(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        with _lock:
            self.username = f"belastning{next(_counter) % USERS + 1}"
        page = self.client.get("/konto/logga-in/", name="logga in (sida)")
        token = CSRF.search(page.text)
        self.client.post(
            "/konto/logga-in/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.username,
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/konto/logga-in/"},
            name="logga in",
        )

    @task(3)
    def start_page(self) -> None:
        self.client.get("/", name="startsida med att rapportera")

    @task(2)
    def overview(self) -> None:
        self.client.get("/mal/", name="röda tråden")

    @task(4)
    def report_one(self) -> None:
        todo = self.client.get("/mal/att-rapportera/", name="att rapportera")
        found = TODO.search(todo.text)
        if not found:
            return
        url = found.group(1)
        form = self.client.get(url, name="uppföljning (formulär)")
        token = CSRF.search(form.text)
        version = VERSION.search(form.text)
        response = self.client.post(
            url,
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "version": version.group(1) if version else "0",
                "status": "green",
                "forecast_status": "green",
                "analysis": f"Aktiviteten går enligt plan ({self.username}).",
                "forecast": "",
                "action": "submit",
            },
            headers={"Referer": f"{self.host}{url}"},
            name="uppföljning (skicka in)",
            allow_redirects=False,
        )
        if response.status_code == 302:
            with _lock:
                SUBMITTED.append(url)


@events.quitting.add_listener
def _report(environment: Any, **kwargs: Any) -> None:
    path = os.environ.get("LOAD_SUBMITTED_FILE")
    if path:
        with open(path, "w") as handle:
            handle.write("\n".join(SUBMITTED))
