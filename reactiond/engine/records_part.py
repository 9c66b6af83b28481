"""The reactions part: the reaction job handler, its parser process, and the default
rules on first start, and the conversation jobs that use the same parser (issue 20).
(The rules API that edits those rules is the API part's.)"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog

from reactiond.documents import use_tesseract
from reactiond.domain import JobKind
from reactiond.engine.conversation_part import conversation_part
from reactiond.engine.documents import DocumentReader, DocumentSettings
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
    use_tesseract(settings.ocr_tesseract_cmd)
    handler = ReactionHandler(
        store,
        ReactionPolicy.from_settings(settings),
        parse=parser.parse,
        clock=clock,
        rules_ready=defaults.ready,
        evolution=lambda: evolution,
        documents=DocumentReader(
            store,
            DocumentSettings(
                max_bytes=settings.media_max_bytes,
                tesseract_cmd=settings.ocr_tesseract_cmd,
                timeout_seconds=settings.ocr_timeout_seconds,
            ),
            evolution=lambda: evolution,
            clock=clock,
        ),
        parse_document=parser.parse_document,
    )
    # Edits, corrections, ✅ on reactiond's messages, questions, the digest (issue 20):
    # with the same parser process.
    talk = conversation_part(store, settings, clock, parser.parse)
    return Part(
        name="reactions",
        handlers={JobKind.REACTION: handler, **talk.handlers},
        # The rules exist before anything else starts using them; the parser process is
        # stopped after the worker (services stop after it, in reverse order).
        services=(defaults, *talk.services, parser),
    )
