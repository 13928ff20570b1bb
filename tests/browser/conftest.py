"""Browser tests: Debian's Chromium through Playwright, axe-core on every page visited."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.world import PASSWORD, World, load_world

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BLOCKING_IMPACTS = {"serious", "critical"}
ARTIFACTS = Path(os.environ.get("REDTHREAD_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        yield browser
        browser.close()


class UI:
    """A person at the browser: goes to pages, follows links, and every page is checked by axe."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.axe = Axe()
        self.visited: list[str] = []
        self.csp_violations: list[str] = []
        page.on(
            "console",
            lambda message: (
                self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def goto(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self) -> None:
        """axe-core on the current page: no serious or critical violation."""
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page)
        violations = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS
        ]
        self.visited.append(self.page.url)
        assert not self.csp_violations, f"CSP violations on {self.page.url}: {self.csp_violations}"
        if violations:
            lines = [
                f"{v['impact']}: {v['id']} – {v['help']} ({len(v['nodes'])} nodes: "
                f"{v['nodes'][0]['target']})"
                for v in violations
            ]
            raise AssertionError(f"axe on {self.page.url}:\n" + "\n".join(lines))

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.goto("/konto/logga-in/")
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(password)
        self.page.get_by_role("button", name="Logga in").click()
        self.page.wait_for_url(self.base_url + "/")
        self.check()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def live_world(live_server: Any) -> World:
    return load_world()


@pytest.fixture
def ui(browser: Browser, live_server: Any, live_world: World) -> Iterator[UI]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield UI(page, live_server.url)
    context.close()
