"""Hooks through which apps contribute to shared pages without core importing them.

- search providers: what the header's search box finds;
- start panels: what a user's start page shows (to-do lists, alerts);
- shell providers: values every page needs (the municipality's name);
- public links: what the public start page offers a citizen who is not signed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchHit:
    title: str
    kind: str | Promise
    url: str
    detail: str = ""


@dataclass(frozen=True)
class PublicLink:
    """A way in for citizens, shown on the public start page."""

    label: str | Promise
    url_name: str
    text: str | Promise = ""
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


SearchProvider = Callable[[HttpRequest, str, int], Iterable[SearchHit]]
StartPanel = Callable[[HttpRequest], "tuple[str, dict[str, Any]] | None"]
ShellProvider = Callable[[HttpRequest], dict[str, Any]]

search_providers: list[SearchProvider] = []
start_panels: list[tuple[int, StartPanel]] = []
shell_providers: list[ShellProvider] = []
public_links: list[PublicLink] = []


def register_search(provider: SearchProvider) -> SearchProvider:
    search_providers.append(provider)
    return provider


def register_start_panel(order: int) -> Callable[[StartPanel], StartPanel]:
    def decorator(panel: StartPanel) -> StartPanel:
        start_panels.append((order, panel))
        start_panels.sort(key=lambda item: item[0])
        return panel

    return decorator


def register_shell(provider: ShellProvider) -> ShellProvider:
    shell_providers.append(provider)
    return provider


def register_public_link(link: PublicLink) -> PublicLink:
    """A card on the public start page, e.g. the political styrdokument in force."""
    public_links.append(link)
    public_links.sort(key=lambda item: item.order)
    return link
