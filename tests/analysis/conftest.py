from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from redthread.analysis.client import KoladaClient
from tests.analysis.fake_kolada import FakeKolada, serve
from tests.goals.factories import Chain, load_chain
from tests.world import World


@pytest.fixture
def chain(world: World) -> Chain:
    return load_chain(world)


@pytest.fixture
def kolada() -> Iterator[FakeKolada]:
    """Kolada's API on 127.0.0.1: put key figures, municipalities, groups and values in it."""
    yield from serve(FakeKolada())


@pytest.fixture
def client(kolada: FakeKolada) -> KoladaClient:
    """A client of the local Kolada with a tiny back-off, so a retry takes milliseconds."""
    return KoladaClient(kolada.base_url, backoff=0.001, max_delay=0.01, timeout=5)


@pytest.fixture
def kolada_settings(kolada: FakeKolada, settings: Any) -> FakeKolada:
    """The ``redthread kolada-sync`` command pointed at the local Kolada."""
    settings.KOLADA_BASE_URL = kolada.base_url
    return kolada
