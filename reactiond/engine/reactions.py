"""The "reaction" job: a reaction becomes records, a log line and a reply, exactly once.

One job per reaction message (add, change or removal). The handler reads what it needs,
decides (pure: rules, parser, actions), and returns the effects, which the worker commits
in the same transaction as the job's completion. The effects re-check the natural keys, so
a replay after a crash, a redelivery or a double tap changes nothing.

Order of a reaction's life: a newer reaction by the same person on the same message makes
this one moot; otherwise what the person's previous reaction created is cancelled (if
recent and untouched) and the new emoji's rules run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace

import structlog

from reactiond.domain import Job
from reactiond.engine.documents import DocumentReader
from reactiond.engine.fetch_message import EvolutionGetter, fetch_unseen_message
from reactiond.engine.parse_pool import ParseTimedOut
from reactiond.engine.parsing import DocumentParseFn, ParseFn, default_parse
from reactiond.engine.reaction_context import ReactionContext, load_context
from reactiond.engine.reaction_plan import (
    Creation,
    Plan,
    PlannedReply,
    ReactionPolicy,
    plan_reaction,
)
from reactiond.engine.reminders import cancel_reminders, schedule_for_records
from reactiond.engine.worker import Effects, GiveUp
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import matching_rules
from reactiond.store import outbox
from reactiond.store import reaction_reads as reads
from reactiond.store import records_repo as repo
from reactiond.store.interface import Store, Transaction

log = structlog.get_logger("reactiond.reactions")

__all__ = ["ReactionHandler", "ReactionPolicy", "apply"]


def apply(tx: Transaction, plan: Plan, now: float, *, max_attempts: int | None = None) -> None:
    """Write what `plan_reaction` decided. What is read here is only what the plan cannot
    know: whether a prior record was touched since, whether a reply about it left, and,
    for a reaction that gives up on its message, whether the message came in meanwhile."""
    for what in plan.counters:
        repo.count(tx, plan.instance, what, now)
    for cancel in plan.cancellations:
        prior = cancel.prior
        if not repo.cancel_action(tx, prior.id, cancel.table, now):
            continue  # touched since, or already cancelled: left as it is
        # A confirmation still waiting in the outbox is withdrawn; the person never heard
        # of the record, so there is nothing to retract. A record they were told about
        # always gets a "cancelled" reply: queued now if its confirmation was sent, and
        # held if it was withdrawn, in case it was in flight and went out all the same
        # (the sender then releases it: store.outbox.mark_sent).
        withdrawn = outbox.cancel_unsent(tx, prior.id, now)
        for kind, record_id in cancel.reminders:
            cancel_reminders(tx, kind, record_id, now)
        told = repo.reply_left(tx, prior.id)
        if cancel.reply is not None and (told or withdrawn):
            _queue(tx, plan, cancel.reply, cancel.reply_key, prior.id, now, held=not told)
    for c in plan.creations:
        action_id = repo.insert_action(tx, c.action, plan.source, now)
        if action_id is None:
            continue  # this (rule, message, reactor) already acted: a replay
        if c.closed:
            repo.close_action(tx, action_id, now)
            _log_parse(tx, action_id, c, now)
            continue
        created = repo.insert_records(tx, action_id, c.rule.id, c.rows, plan.source, now)
        if c.reminders is not None and created:
            schedule_for_records(
                tx,
                created,
                [r.values for r in c.rows],
                c.reminders.reply_to,
                c.reminders.config,
                now,
                bill_reminders=c.reminders.bill_reminders,
            )
        _log_parse(tx, action_id, c, now)
        if c.reply is not None:
            _queue(tx, plan, c.reply, outbox.confirmation_key(action_id), action_id, now)
    if plan.unseen_reply is not None:
        _queue(tx, plan, plan.unseen_reply, plan.unseen_reply_key, None, now)
    src = plan.source
    # The message may have come in after this job's snapshot: its ingest found this
    # reaction not yet marked, so the second run is queued from here. Marked first, then
    # the message read: on PostgreSQL the mark's row lock orders it with that ingest.
    if (
        plan.gave_up_unseen
        and reads.mark_unseen(tx, src.reaction_row_id, now)
        and reads.message_stored(tx, src.instance, src.message_id)
    ):
        reads.run_unseen_again(tx, src.instance, src.message_id, now, max_attempts)
    if plan.author_language is not None:
        repo.set_language(tx, *plan.author_language)


def _log_parse(tx: Transaction, action_id: int, c: Creation, now: float) -> None:
    repo.insert_nlp_log(
        tx,
        action_id,
        c.result.parser,
        c.result.language,
        c.result.success,
        c.result.confidence,
        c.result.reason,
        c.micros,
        now,
    )


def _queue(
    tx: Transaction,
    plan: Plan,
    reply: PlannedReply,
    key: str,
    action_id: int | None,
    now: float,
    *,
    held: bool = False,
) -> None:
    # Text only: reacting through the API on a message the owner reacted to would
    # replace the owner's own reaction.
    outbox.queue_text(
        tx,
        dedupe_key=key,
        instance=plan.instance,
        destination=reply.target.destination,
        text=reply.text,
        quoted=reply.target.quoted,
        language=reply.language,
        action_id=action_id,
        now=now,
        held=held,
    )


class ReactionHandler:
    def __init__(
        self,
        store: Store,
        policy: ReactionPolicy,
        *,
        parse: ParseFn | None = None,
        clock: Callable[[], float] = time.time,
        rules_ready: asyncio.Event | None = None,
        evolution: EvolutionGetter | None = None,
        documents: DocumentReader | None = None,
        parse_document: DocumentParseFn | None = None,
    ) -> None:
        self.store = store
        # A 💳 on a picture or a PDF reads the file (issue 23); without a reader, only
        # its caption is read, as before.
        self.documents = documents
        self.parse_document = parse_document
        self.policy = policy
        self.parse = parse or default_parse()
        self.clock = clock
        self.rules_ready = rules_ready
        # Read at each use: the Evolution client is wired after this handler.
        self.evolution = evolution

    async def __call__(self, job: Job) -> Effects | None:
        if self.rules_ready is not None:
            # The worker starts before the services; on a first start the default rules
            # must exist before the first reaction is matched.
            await self.rules_ready.wait()
        reaction_row_id = int(job.payload["reaction"])
        ctx = await self.store.read(lambda tx: load_context(tx, reaction_row_id))
        if ctx is None:
            raise GiveUp(f"reaction {reaction_row_id} is not in the store")
        if self._last_chance_for_message(ctx, job) and await self._fetch(ctx):
            reloaded = await self.store.read(lambda tx: load_context(tx, reaction_row_id))
            ctx = reloaded if reloaded is not None else ctx
        ctx = await self._with_document(ctx, job)
        now = self.clock()
        try:
            # In a thread: the parse it asks for blocks until the parser process answers
            # (engine/parse_pool.py), and the loop keeps serving webhooks meanwhile.
            plan = await asyncio.to_thread(
                plan_reaction,
                ctx,
                self.policy,
                self.parse,
                attempts=job.attempts,
                now=now,
                parse_document=self.parse_document,
            )
        except ParseTimedOut as exc:
            raise GiveUp(exc.reason) from exc
        log.info(
            "reaction_planned",
            job_id=job.id,
            reaction=reaction_row_id,
            creations=[c.rule.name for c in plan.creations],
            cancellations=[c.prior.id for c in plan.cancellations],
            counters=plan.counters,
        )

        def effects(tx: Transaction) -> None:
            apply(tx, plan, self.clock(), max_attempts=job.max_attempts)

        return effects

    async def _with_document(self, ctx: ReactionContext, job: Job) -> ReactionContext:
        """The context with the text of the message's picture or PDF, when a bill rule
        would read it (no other rule reads a file: their captions are their text)."""
        message = ctx.message
        if self.documents is None or message is None or not message.has_media:
            return ctx  # a text message: no file to read
        if ctx.newer_exists:
            return ctx
        if not normalise_emoji(ctx.emoji):
            return ctx
        rules = matching_rules(ctx.rules, ctx.facts)
        if not any(rule.parser_name == "bill" for rule in rules):
            return ctx
        document = await self.documents.read(
            ctx.instance,
            ctx.target_message_id,
            last_attempt=job.attempts >= job.max_attempts,
            language=message.author_language,  # what its sender writes: read in it first
        )
        if document is None:
            return ctx
        return replace(ctx, message=replace(message, document=document))

    def _last_chance_for_message(self, ctx: ReactionContext, job: Job) -> bool:
        """The message is still unseen, the retries for a late webhook are spent, and a
        rule would act on it: the moment to ask Evolution before answering "I can't see
        that message"."""
        return (
            ctx.message is None
            and job.attempts > self.policy.unseen_retries
            and not ctx.newer_exists
            and bool(normalise_emoji(ctx.emoji))
            and bool(matching_rules(ctx.rules, ctx.facts))
        )

    async def _fetch(self, ctx: ReactionContext) -> bool:
        client = self.evolution() if self.evolution is not None else None
        if client is None:
            return False
        return await fetch_unseen_message(
            client,
            self.store,
            ctx.instance,
            ctx.target_message_id,
            ctx.owner_jid,
            clock=self.clock,
        )
