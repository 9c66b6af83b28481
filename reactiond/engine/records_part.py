"""The reactions part: the reaction job handler, its parser process, and the default
rules on first start. (The rules API that edits those rules is the API part's.)"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog

from reactiond.domain import JobKind
from reactiond.engine.parse_pool import ParsePool
from reactiond.engine.reactions import ReactionHandler, ReactionPolicy
from reactiond.engine.rule_book import seed_default_rules
from reactiond.part import Part
from reactiond.settings import Settings
from reactiond.store.interface import Store

if TYPE_CHECKING:
    from collections.abc import Callable

    from reactiond.evolution.client import EvolutionClient

log = structlog.get_logger("reactiond.records")


class DefaultRules:
    """A service whose start seeds the default rules (first start only)."""

    def __init__(self, store: Store, clock: Callable[[], float]) -> None:
        self.store = store
        self.clock = clock
        self.ready = asyncio.Event()

    async def start(self) -> None:
        now = self.clock()
        added = await self.store.write(lambda tx: seed_default_rules(tx, now))
        if added:
            log.info("default_rules_created", rules=[r.name for r in added])
        self.ready.set()

    async def stop(self) -> None:
        return None


def records_part(
    store: Store,
    settings: Settings,
    clock: Callable[[], float],
    evolution: EvolutionClient | None,
) -> Part:
    defaults = DefaultRules(store, clock)
    # Parsing runs in its own process with a time limit: no text can stall the loop.
    parser = ParsePool(settings.parse_timeout_seconds)
    handler = ReactionHandler(
        store,
        ReactionPolicy.from_settings(settings),
        parse=parser.parse,
        clock=clock,
        rules_ready=defaults.ready,
        evolution=lambda: evolution,
    )
    return Part(
        name="reactions",
        handlers={JobKind.REACTION: handler},
        # The rules exist before anything else starts using them; the parser process is
        # stopped after the worker (services stop after it, in reverse order).
        services=(defaults, parser),
    )
