"""The conversation jobs (issue 20), given what they need: the store, the reaction policy
(undo window, zones, reminders), the parser the reactions use, the clock."""

from __future__ import annotations

import time
from collections.abc import Callable

from reactiond.engine.chat_messages import ChatMessageHandler
from reactiond.engine.chat_reactions import ChatReactionHandler
from reactiond.engine.follow_edits import EditHandler
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.worker import JobHandlers
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Store


def register(
    handlers: JobHandlers,
    store: Store,
    policy: ReactionPolicy,
    parse: ParseFn,
    *,
    clock: Callable[[], float] = time.time,
) -> None:
    edits = EditHandler(store, policy, parse, clock=clock)
    handlers.register(talk.EDITED, edits)
    handlers.register(talk.DELETED, edits)
    handlers.register(talk.SAID, ChatMessageHandler(store, policy, parse, clock=clock))
    handlers.register(talk.REACTED, ChatReactionHandler(store, policy, clock=clock))
