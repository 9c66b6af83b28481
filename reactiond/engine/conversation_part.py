"""The conversation jobs (issue 20), given what they need: the store, the reaction policy
(undo window, zones, reminders), the parser the reactions use, the clock."""

from __future__ import annotations

from collections.abc import Callable

from reactiond.engine.chat_messages import ChatMessageHandler, TalkSettings
from reactiond.engine.chat_reactions import ChatReactionHandler
from reactiond.engine.digest import DigestHandler
from reactiond.engine.follow_edits import EditHandler
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.talk_rules import start_talk_rules
from reactiond.part import Part
from reactiond.settings import Settings
from reactiond.store import conversation_repo as talk
from reactiond.store.interface import Store


class TalkState:
    """A service whose start tells the ingest (through the store) whose direct messages
    may be questions: from the stored talk rules, or the settings while none are."""

    def __init__(self, store: Store, settings: TalkSettings, clock: Callable[[], float]) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock

    async def start(self) -> None:
        default = self.settings.default_rules()
        now = self.clock()
        await self.store.write(lambda tx: start_talk_rules(tx, default, now))

    async def stop(self) -> None:
        return None


def conversation_part(
    store: Store,
    settings: Settings,
    clock: Callable[[], float],
    parse: ParseFn,
) -> Part:
    """The conversation jobs and the service that tells the ingest whether contacts may
    ask; the reactions part carries them, with its parser process."""
    policy = ReactionPolicy.from_settings(settings)
    said = TalkSettings.from_settings(settings)
    default = said.default_rules()
    edits = EditHandler(store, policy, parse, clock=clock, default_rules=default)
    return Part(
        name="conversation",
        handlers={
            talk.EDITED: edits,
            talk.DELETED: edits,
            talk.SAID: ChatMessageHandler(store, policy, parse, talk_settings=said, clock=clock),
            talk.REACTED: ChatReactionHandler(store, policy, clock=clock, default_rules=default),
            talk.DIGEST: DigestHandler(store, cap=settings.answer_max_lines, clock=clock),
        },
        services=(TalkState(store, said, clock),),
    )
