from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from reactiond.evolution.client import EvolutionClient, Timeouts
from tests.fake_evolution import FakeEvolution


@pytest.fixture
async def fake() -> AsyncIterator[FakeEvolution]:
    server = FakeEvolution()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(fake: FakeEvolution) -> AsyncIterator[EvolutionClient]:
    async with EvolutionClient(
        fake.url, fake.api_key, timeouts=Timeouts(connect=1.0, total=1.0)
    ) as c:
        yield c
