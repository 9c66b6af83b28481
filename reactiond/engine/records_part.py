"""Plugs issue 5 into the daemon: the reaction job handler, the rules API, the default
rules on first start. `Daemon.__post_init__` calls `wire(self)`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog

from reactiond.domain import JobKind
from reactiond.engine.conversation_part import register as register_conversation
from reactiond.engine.parse_pool import ParsePool
from reactiond.engine.reactions import ReactionHandler, ReactionPolicy
from reactiond.store.interface import Store
from reactiond.store.rules_repo import seed_default_rules

if TYPE_CHECKING:
    from collections.abc import Callable

    from reactiond.app import Daemon

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


def wire(daemon: Daemon) -> None:
    from reactiond.web.rules_api import rules_routes

    policy = ReactionPolicy.from_settings(daemon.settings)
    defaults = DefaultRules(daemon.store, daemon.clock)
    # Parsing runs in its own process with a time limit: no text can stall the loop.
    parser = ParsePool(daemon.settings.parse_timeout_seconds)
    daemon.handlers.register(
        JobKind.REACTION,
        ReactionHandler(
            daemon.store,
            policy,
            parse=parser.parse,
            clock=daemon.clock,
            rules_ready=defaults.ready,
            evolution=lambda: daemon.evolution,
        ),
    )
    # Edits, corrections, ✅ on reminders, questions (issue 20): the same parser.
    register_conversation(
        daemon.handlers,
        daemon.services,
        daemon.store,
        policy,
        parser.parse,
        daemon.settings,
        clock=daemon.clock,
    )
    # First in the list: the rules exist before anything else starts using them.
    daemon.services.insert(0, defaults)
    daemon.services.append(parser)  # stopped after the worker: ends the parser process
    # Behind the API token like every /api/ path: web.api_auth's middleware decides.
    daemon.routes.extend(rules_routes(daemon.store, daemon.settings, daemon.clock))
