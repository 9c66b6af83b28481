"""The `chat_message` job: a message that quotes one of reactiond's messages (a
correction, engine/corrections.py), or that the owner writes in their own chat (a
question about the records, a digest command: engine/questions.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import structlog

from reactiond.conversation.digest import DigestCommand, read_digest_command
from reactiond.conversation.questions import read_question
from reactiond.domain import Job
from reactiond.engine.author_tz import author_tz
from reactiond.engine.conversation_context import (
    OurMessage,
    WrittenMessage,
    load_message_by_row,
    load_ours,
    message_of,
)
from reactiond.engine.corrections import (
    CorrectionPlan,
    apply_correction,
    hint_of,
    plan_correction,
)
from reactiond.engine.digest import schedule_digest
from reactiond.engine.parse_pool import ParseTimedOut
from reactiond.engine.parsing import ParseFn
from reactiond.engine.questions import answer_question
from reactiond.engine.reaction_context import FLOOD_WINDOW_SECONDS
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.rule_book import list_rules
from reactiond.engine.talk_rules import default_talk_rules, read_talk_rules
from reactiond.engine.worker import Effects, GiveUp, RetryLater
from reactiond.nlp.language import detect
from reactiond.replies import conversation as say
from reactiond.replies import formatting
from reactiond.replies.routing import evolution_number
from reactiond.rules.model import Rule
from reactiond.rules.talk import TalkRules
from reactiond.settings import Settings
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store.interface import Store, Transaction
from reactiond.store.reaction_reads import identities_of_person

log = structlog.get_logger("reactiond.conversation")


@dataclass(frozen=True)
class TalkSettings:
    questions: bool = True
    questions_from_contacts: bool = False
    answer_max_lines: int = 10

    @classmethod
    def from_settings(cls, s: Settings) -> TalkSettings:
        return cls(s.questions, s.questions_from_contacts, s.answer_max_lines)

    def default_rules(self) -> TalkRules:
        """The talk rules until some are stored (`reactiond talk`, `/api/talk`)."""
        return default_talk_rules(self.questions, self.questions_from_contacts)


@dataclass(frozen=True)
class SaidContext:
    message: WrittenMessage
    ours: OurMessage | None  # the message of reactiond's it quotes, if any
    original: WrittenMessage | None  # the message the quoted one's record came from
    rules: tuple[Rule, ...]
    recent: int  # the author's messages in the last minute (flood control)
    talk: TalkRules  # as stored now: a change applies to the next message
    author_jids: frozenset[str]


def load_said(tx: Transaction, row_id: int, default: TalkRules) -> SaidContext | None:
    m = load_message_by_row(tx, row_id)
    if m is None:
        return None
    ours = load_ours(tx, m.instance, m.quoted_message_id) if m.quoted_message_id else None
    original = None
    if ours is not None and ours.action is not None:
        row = talk.message(tx, ours.action.instance, ours.action.message_id)
        original = message_of(row) if row is not None else None
    since = m.received_at - FLOOD_WINDOW_SECONDS
    recent = talk.recent_messages_of(tx, m.author_id, since, m.row_id)
    return SaidContext(
        m,
        ours,
        original,
        tuple(list_rules(tx)),
        recent,
        read_talk_rules(tx, default),
        identities_of_person(tx, m.author_id) | {m.author_display},
    )


class ChatMessageHandler:
    def __init__(
        self,
        store: Store,
        policy: ReactionPolicy,
        parse: ParseFn,
        *,
        talk_settings: TalkSettings | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.policy = policy
        self.parse = parse
        self.talk = talk_settings or TalkSettings()
        self.clock = clock

    async def __call__(self, job: Job) -> Effects | None:
        row_id = int(job.payload["message"])
        default = self.talk.default_rules()
        ctx = await self.store.read(lambda tx: load_said(tx, row_id, default))
        if ctx is None:
            raise GiveUp(f"message row {row_id} is not in the store")
        m = ctx.message
        limit = self.policy.flood_per_minute
        if job.attempts <= 1 and ctx.recent >= limit:
            # Limited like reactions (engine/reaction_plan.py): a flooding sender's
            # surplus waits one window per limit's worth of earlier messages — deferred
            # (a queued job due later), never dropped; only on the first attempt, so it
            # is deferred once. The first message over the limit says so, where it would
            # have been answered.
            windows = ctx.recent // limit
            at = max(self.clock(), m.received_at) + FLOOD_WINDOW_SECONDS * windows
            log.warning(
                "chat_message_deferred",
                job_id=job.id,
                message_id=m.message_id,
                person_id=m.author_id,
                recent=ctx.recent,
                until=round(at, 3),
            )
            if ctx.recent == limit and self._would_answer(ctx):
                await self.store.write(lambda tx: self._say_wait(tx, m))
            raise RetryLater(
                f"flood: {ctx.recent} messages from this sender in the last minute", at=at
            )
        if ctx.ours is not None:
            if not ctx.talk.corrections:
                log.info("chat_message_ignored", job_id=job.id, why="corrections are off")
                return None
            return await self._correction(job, ctx)
        return self._question(job, m, ctx.talk, ctx.author_jids)

    def _would_answer(self, ctx: SaidContext) -> bool:
        m = ctx.message
        if m.is_group:
            return False
        rules = ctx.talk
        if ctx.ours is not None:
            return rules.corrections
        own_chat = m.from_me and m.owner_jid == m.chat_jid
        talks = own_chat or (not m.from_me and rules.may_talk(ctx.author_jids))
        return talks and (rules.questions or rules.digest)

    def _say_wait(self, tx: Transaction, m: WrittenMessage) -> None:
        tz = author_tz(m.author_tz, m.author_phone, self.policy.default_tz)
        lang = detect(m.text or "", tz, hint_of(m))
        outbox.queue_text(
            tx,
            dedupe_key=f"flood:{m.instance}:{m.message_id}",
            instance=m.instance,
            destination=evolution_number(m.chat_jid),
            text=say.flood_wait(lang),
            language=lang,
            now=self.clock(),
        )

    def _question(
        self, job: Job, m: WrittenMessage, rules: TalkRules, jids: frozenset[str]
    ) -> Effects | None:
        own_chat = m.from_me and not m.is_group and m.owner_jid == m.chat_jid
        contact = not m.from_me and not m.is_group and rules.may_talk(jids)
        if not (own_chat or contact):
            log.info("chat_message_ignored", job_id=job.id, message_id=m.message_id)
            return None
        tz = author_tz(m.author_tz, m.author_phone, self.policy.default_tz)
        sent_local = datetime.fromtimestamp(m.sent_at, ZoneInfo(tz))
        today = sent_local.date()
        command = read_digest_command(
            m.text or "", now=sent_local.replace(tzinfo=None), tz=tz, hint=hint_of(m)
        )
        if command is not None and rules.digest:
            return self._digest(job, m, command, tz, own_chat)
        if not rules.questions:
            log.info("chat_message_ignored", job_id=job.id, why="questions are off")
            return None
        q = read_question(m.text or "", today=today, tz=tz, hint=hint_of(m))
        if q is None:
            # A note to self, a chat with a contact: not reactiond's to answer.
            log.info("chat_message_not_a_question", job_id=job.id, message_id=m.message_id)
            return None
        person = None if own_chat else m.author_id  # the owner sees the whole team's
        destination = evolution_number(m.chat_jid)
        cap = self.talk.answer_max_lines
        log.info(
            "question_asked",
            job_id=job.id,
            message_id=m.message_id,
            person_id=m.author_id,
            kinds=sorted(q.kinds),
            period=q.period,
            language=q.language,
        )

        def effects(tx: Transaction) -> None:
            text = answer_question(tx, q, person=person, today=today, tz=tz, cap=cap)
            outbox.queue_text(
                tx,
                dedupe_key=f"answer:{m.instance}:{m.message_id}",
                instance=m.instance,
                destination=destination,
                text=text,
                language=q.language,
                now=self.clock(),
            )

        return effects

    def _digest(
        self, job: Job, m: WrittenMessage, command: DigestCommand, tz: str, owner: bool
    ) -> Effects:
        d = talk.Digest(
            person_id=m.author_id,
            instance=m.instance,
            destination=evolution_number(m.chat_jid),
            hour=command.at.hour,
            minute=command.at.minute,
            tz=tz,
            language=command.language,
            enabled=command.on,
            everyone=owner,
        )
        log.info(
            "digest_set",
            job_id=job.id,
            person_id=m.author_id,
            on=command.on,
            at=command.at.strftime("%H:%M"),
            tz=tz,
        )
        day = datetime.fromtimestamp(m.sent_at, ZoneInfo(tz)).date()
        shown = formatting.clock(datetime.combine(day, command.at), command.language, tz)
        text = (
            say.digest_on(shown, command.language)
            if command.on
            else say.digest_off(command.language)
        )

        def effects(tx: Transaction) -> None:
            now = self.clock()
            schedule_digest(tx, d, now)
            outbox.queue_text(
                tx,
                dedupe_key=f"digest-set:{m.instance}:{m.message_id}",
                instance=m.instance,
                destination=d.destination,
                text=text,
                language=command.language,
                now=now,
            )

        return effects

    async def _correction(self, job: Job, ctx: SaidContext) -> Effects | None:
        ours = ctx.ours
        assert ours is not None
        try:
            plan: CorrectionPlan = await asyncio.to_thread(
                plan_correction,
                ctx.message,
                ours,
                ctx.rules,
                ctx.original,
                self.policy,
                self.parse,
            )
        except ParseTimedOut as exc:
            raise GiveUp(exc.reason) from exc
        reminders = self.policy.reminders

        def effects(tx: Transaction) -> None:
            apply_correction(tx, ctx.message, ours, plan, job, self.clock(), reminders)

        return effects
