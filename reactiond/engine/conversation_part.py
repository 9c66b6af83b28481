"""The conversation jobs (issue 20), given what they need: the store, the reaction policy
(undo window, zones, reminders), the parser the reactions use, the clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from reactiond.engine.chat_messages import ChatMessageHandler, TalkSettings
from reactiond.engine.chat_reactions import ChatReactionHandler
from reactiond.engine.digest import DigestHandler
from reactiond.engine.follow_edits import EditHandler
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.worker import JobHandlers
from reactiond.settings import Settings
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Store


class TalkState:
    """A service whose start tells the ingest (through the store) whether contacts'
    direct messages may be questions."""

    def __init__(self, store: Store, settings: TalkSettings, clock: Callable[[], float]) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock

    async def start(self) -> None:
        on = self.settings.questions and self.settings.questions_from_contacts
        now = self.clock()
        await self.store.write(lambda tx: talk.set_contact_questions(tx, on, now))

    async def stop(self) -> None:
        return None


def register(
    handlers: JobHandlers,
    services: list[Any],
    store: Store,
    policy: ReactionPolicy,
    parse: ParseFn,
    settings: Settings,
    *,
    clock: Callable[[], float] = time.time,
) -> None:
    edits = EditHandler(store, policy, parse, clock=clock)
    handlers.register(talk.EDITED, edits)
    handlers.register(talk.DELETED, edits)
    said = TalkSettings.from_settings(settings)
    handlers.register(
        talk.SAID, ChatMessageHandler(store, policy, parse, talk_settings=said, clock=clock)
    )
    handlers.register(talk.DIGEST, DigestHandler(store, cap=settings.answer_max_lines, clock=clock))
    services.insert(0, TalkState(store, said, clock))
    handlers.register(talk.REACTED, ChatReactionHandler(store, policy, clock=clock))
