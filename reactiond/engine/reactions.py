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

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import structlog

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.actions.base import TABLE_OF_ACTION, EntityRow
from reactiond.domain import Job
from reactiond.engine.author_tz import author_tz
from reactiond.engine.cancel_summary import describe
from reactiond.engine.parsing import ParseFn, default_parse
from reactiond.engine.worker import Effects, GiveUp, RetryLater
from reactiond.nlp.result import LANGUAGES, Language, ParseResult
from reactiond.replies.routing import ReplyContext, reply_target
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import ReactionFacts, matching_rules
from reactiond.rules.model import ReplyMode, Rule
from reactiond.settings import Settings
from reactiond.store import outbox
from reactiond.store import records_repo as repo
from reactiond.store.interface import Row, Store, Transaction
from reactiond.store.rules_repo import list_rules

log = structlog.get_logger("reactiond.reactions")
FLOOD_WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class ReactionPolicy:
    undo_window_seconds: float = 86400.0
    flood_per_minute: int = 100
    unseen_retries: int = 3
    unseen_retry_seconds: float = 5.0
    default_tz: str = "UTC"
    default_language: str = "en"

    @classmethod
    def from_settings(cls, s: Settings) -> ReactionPolicy:
        return cls(
            undo_window_seconds=s.reaction_undo_window_seconds,
            flood_per_minute=s.reaction_flood_per_minute,
            unseen_retries=s.unseen_message_retries,
            unseen_retry_seconds=s.unseen_message_retry_seconds,
            default_tz=s.default_tz,
            default_language=s.default_language,
        )


@dataclass(frozen=True)
class TargetMessage:
    text: str | None
    sent_at: int
    author_id: int
    author_phone: str | None
    author_tz: str | None


@dataclass(frozen=True)
class PriorAction:
    id: int
    rule_id: int | None
    action: str
    emoji: str
    reaction_sent_ms: int
    language: str | None
    rule_reply: ReplyMode | None
    records: tuple[EntityRow, ...]


@dataclass(frozen=True)
class ReactionContext:
    row_id: int
    instance: str
    target_message_id: str
    target_chat_jid: str
    target_from_me: bool
    target_participant: str | None
    chat_jid: str
    is_group: bool
    reactor_id: int
    reactor_jids: frozenset[str]
    reactor_display_jid: str
    reactor_is_owner: bool
    reactor_language: str | None
    emoji: str
    sent_at_ms: int
    owner_jid: str | None
    received_at: float
    message: TargetMessage | None
    newer_exists: bool
    recent_from_reactor: int
    prior: tuple[PriorAction, ...]
    rules: tuple[Rule, ...]

    @property
    def place(self) -> ReplyContext:
        return ReplyContext(
            owner_jid=self.owner_jid,
            reactor_jid=self.reactor_display_jid,
            reactor_is_owner=self.reactor_is_owner,
            chat_jid=self.chat_jid,
            target_message_id=self.target_message_id,
            target_chat_jid=self.target_chat_jid,
            target_from_me=self.target_from_me,
            target_participant=self.target_participant,
        )

    @property
    def facts(self) -> ReactionFacts:
        return ReactionFacts(
            emoji=self.emoji,
            reactor_jids=self.reactor_jids,
            reactor_is_owner=self.reactor_is_owner,
            chat_jid=self.chat_jid,
            is_group=self.is_group,
        )

    @property
    def source(self) -> repo.Source:
        return repo.Source(
            instance=self.instance,
            chat_jid=self.chat_jid,
            message_id=self.target_message_id,
            reactor_id=self.reactor_id,
            reaction_row_id=self.row_id,
            emoji=normalise_emoji(self.emoji),
        )


# -- reading -------------------------------------------------------------------------


def load_context(tx: Transaction, reaction_row_id: int) -> ReactionContext | None:
    r = tx.execute_one(
        "SELECT r.*, p.display_jid AS reactor_display, p.language AS reactor_language"
        " FROM reactions r JOIN people p ON p.id = r.reactor_id WHERE r.id = ?",
        (reaction_row_id,),
    )
    if r is None:
        return None
    jids = frozenset(
        str(x["jid"])
        for x in tx.execute("SELECT jid FROM person_ids WHERE person_id = ?", (r["reactor_id"],))
    )
    m = tx.execute_one(
        "SELECT m.text, m.sent_at, m.author_id, p.display_jid, p.tz FROM messages m"
        " JOIN people p ON p.id = m.author_id WHERE m.instance = ? AND m.message_id = ?",
        (r["instance"], r["target_message_id"]),
    )
    message = None
    if m is not None:
        display = str(m["display_jid"])
        message = TargetMessage(
            text=m["text"],
            sent_at=int(m["sent_at"]),
            author_id=int(m["author_id"]),
            author_phone=display.split("@", 1)[0] if display.endswith("@s.whatsapp.net") else None,
            author_tz=m["tz"],
        )
    newer = tx.execute_one(
        "SELECT 1 AS x FROM reactions WHERE instance = :i AND target_message_id = :t"
        " AND reactor_id = :p AND (sent_at_ms > :ms OR (sent_at_ms = :ms AND id > :id)) LIMIT 1",
        {
            "i": r["instance"],
            "t": r["target_message_id"],
            "p": r["reactor_id"],
            "ms": r["sent_at_ms"],
            "id": r["id"],
        },
    )
    recent = tx.execute_one(
        "SELECT COUNT(*) AS n FROM reactions WHERE reactor_id = ? AND received_at > ? AND id < ?",
        (r["reactor_id"], float(r["received_at"]) - FLOOD_WINDOW_SECONDS, r["id"]),
    )
    rules = tuple(list_rules(tx))
    by_id = {rule.id: rule for rule in rules}
    prior = []
    for a in tx.execute(
        "SELECT a.id, a.rule_id, a.action, a.emoji, rr.sent_at_ms FROM actions a"
        " JOIN reactions rr ON rr.id = a.reaction_row_id WHERE a.instance = ?"
        " AND a.message_id = ? AND a.reactor_id = ? AND a.cancelled_at IS NULL"
        " AND a.outcome IN ('created', 'parse_failed') AND a.reaction_row_id <> ?",
        (r["instance"], r["target_message_id"], r["reactor_id"], r["id"]),
    ):
        table = TABLE_OF_ACTION[str(a["action"])]
        records = tuple(
            EntityRow(table, dict(x))
            for x in tx.execute(
                f"SELECT * FROM {table} WHERE action_id = ? ORDER BY id", (a["id"],)
            )
        )
        rule = by_id.get(a["rule_id"])
        prior.append(
            PriorAction(
                id=int(a["id"]),
                rule_id=a["rule_id"],
                action=str(a["action"]),
                emoji=str(a["emoji"]),
                reaction_sent_ms=int(a["sent_at_ms"]),
                language=str(records[0].values["language"]) if records else None,
                rule_reply=rule.config.reply if rule is not None else None,
                records=records,
            )
        )
    return ReactionContext(
        row_id=int(r["id"]),
        instance=str(r["instance"]),
        target_message_id=str(r["target_message_id"]),
        target_chat_jid=str(r["target_chat_jid"]),
        target_from_me=bool(r["target_from_me"]),
        target_participant=r["target_participant"],
        chat_jid=str(r["chat_jid"]),
        is_group=bool(r["is_group"]),
        reactor_id=int(r["reactor_id"]),
        reactor_jids=jids,
        reactor_display_jid=str(r["reactor_display"]),
        reactor_is_owner=bool(r["reactor_from_me"]),
        reactor_language=r["reactor_language"],
        emoji=str(r["emoji"]),
        sent_at_ms=int(r["sent_at_ms"]),
        owner_jid=r["owner_jid"],
        received_at=float(r["received_at"]),
        message=message,
        newer_exists=newer is not None,
        recent_from_reactor=int(_n(recent)),
        prior=tuple(prior),
        rules=rules,
    )


def _n(row: Row | None) -> int:
    return int(row["n"]) if row is not None and row["n"] is not None else 0


# -- deciding ------------------------------------------------------------------------


@dataclass(frozen=True)
class Creation:
    rule: Rule
    result: ParseResult
    micros: int
    rows: tuple[EntityRow, ...]
    reply_text: str
    reply_language: Language


@dataclass
class Plan:
    """What one reaction job does; turned into effects by `apply`."""

    cancellations: list[PriorAction] = field(default_factory=list)
    creations: list[Creation] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)
    unseen_reply_language: Language | None = None
    author_language: tuple[int, str] | None = None


def reply_language(ctx: ReactionContext, detected: str | None, default: str) -> Language:
    """The reactor's language when known, else the message's, else the instance's."""
    for candidate in (ctx.reactor_language, detected, default):
        for lang in LANGUAGES:
            if lang == candidate:
                return lang
    return "en"


def plan_reaction(
    ctx: ReactionContext,
    policy: ReactionPolicy,
    parse: ParseFn,
    *,
    attempts: int,
    now: float,
) -> Plan:
    """Everything but the writing. Raises `RetryLater` while the message is unseen or
    the sender floods."""
    first_attempt = attempts <= 1
    plan = Plan()
    if first_attempt and ctx.recent_from_reactor >= policy.flood_per_minute:
        # A flooding sender's surplus waits one window per limit's worth of earlier
        # reactions: deferred (a queued job due later, counted as deferred in `queue
        # stats`), never dropped. Only on the first attempt, so it is deferred once.
        windows = ctx.recent_from_reactor // policy.flood_per_minute
        raise RetryLater(
            f"flood: {ctx.recent_from_reactor} reactions from this sender in the last minute",
            at=max(now, ctx.received_at) + FLOOD_WINDOW_SECONDS * windows,
        )
    if ctx.newer_exists:
        # This person reacted again since (order by their send time, not arrival).
        plan.counters.append("reaction.superseded")
        return plan

    emoji = normalise_emoji(ctx.emoji)
    rules = matching_rules(ctx.rules, ctx.facts) if emoji else []
    keep_rules = {r.id for r in rules}
    for prior in ctx.prior:
        same = normalise_emoji(prior.emoji) == emoji or prior.rule_id in keep_rules
        in_window = (ctx.sent_at_ms - prior.reaction_sent_ms) / 1000 <= policy.undo_window_seconds
        if not same and in_window:
            plan.cancellations.append(prior)
    if not emoji:
        return plan
    if not rules:
        plan.counters.append("reaction.unmatched")
        return plan
    message = ctx.message
    if message is None:
        if attempts <= policy.unseen_retries:
            plan_raise_unseen(policy, attempts, now)
        plan.unseen_reply_language = reply_language(ctx, None, policy.default_language)
        return plan

    tz = author_tz(message.author_tz, message.author_phone, policy.default_tz)
    # "mañana" is the day after the message was *sent*, in its author's zone.
    sent_local = datetime.fromtimestamp(message.sent_at, ZoneInfo(tz))
    text = message.text or ""
    for rule in rules:
        started = time.perf_counter()
        result = parse(text, rule.parser_name, now=sent_local, tz=tz)
        micros = int((time.perf_counter() - started) * 1_000_000)
        rows = tuple(entity_rows(rule, result, text=text, tz=tz))
        lang = reply_language(ctx, result.language, policy.default_language)
        if rows and result.data is not None:
            answer = replies.confirmation(
                result.data, lang=lang, tz=tz, now=sent_local, priority=rule.config.priority
            )
        else:
            answer = replies.parse_help(rule.parser_name, lang, reason=result.reason)
        plan.creations.append(Creation(rule, result, micros, rows, answer, lang))
        plan.author_language = (message.author_id, result.language)
    return plan


def plan_raise_unseen(policy: ReactionPolicy, attempts: int, now: float) -> None:
    raise RetryLater(
        f"message not seen yet (attempt {attempts} of {policy.unseen_retries + 1})",
        at=now + policy.unseen_retry_seconds * attempts,
    )


# -- writing -------------------------------------------------------------------------


def apply(tx: Transaction, ctx: ReactionContext, plan: Plan, job: Job, now: float) -> None:
    for what in plan.counters:
        repo.count(tx, ctx.instance, what, now)
    for prior in plan.cancellations:
        table = TABLE_OF_ACTION[prior.action]
        if not repo.cancel_action(tx, prior.id, table, now):
            continue  # touched since, or already cancelled: left as it is
        # A confirmation still waiting in the outbox is withdrawn; the person never heard
        # of the record, so there is nothing to retract. Only a record they were told
        # about gets a "cancelled" reply.
        outbox.cancel_unsent(tx, prior.id, now)
        if prior.records and repo.reply_left(tx, prior.id):
            lang = reply_language(ctx, prior.language, "en")
            what = "; ".join(describe(r, lang) for r in prior.records)
            _queue(
                tx,
                ctx,
                prior.rule_reply,
                f"cancel:{prior.id}",
                replies.cancelled(what, lang=lang),
                lang,
                prior.id,
                now,
            )
    src = ctx.source
    for c in plan.creations:
        outcome = "created" if c.rows else "parse_failed"
        detail = (
            json.dumps(c.result.data.as_json(), ensure_ascii=False)
            if c.result.data is not None
            else c.result.reason
        )
        action_id = repo.insert_action(
            tx,
            repo.NewAction(c.rule.id, c.rule.name, c.rule.action, outcome, detail),
            src,
            now,
        )
        if action_id is None:
            continue  # this (rule, message, reactor) already acted: a replay
        repo.insert_records(tx, action_id, c.rule.id, c.rows, src, now)
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
        _queue(
            tx,
            ctx,
            c.rule.config.reply,
            f"action:{action_id}",
            c.reply_text,
            c.reply_language,
            action_id,
            now,
        )
    if plan.unseen_reply_language is not None:
        rule_reply = next((r.config.reply for r in matching_rules(ctx.rules, ctx.facts)), None)
        lang = plan.unseen_reply_language
        _queue(
            tx,
            ctx,
            rule_reply,
            f"unseen:{ctx.row_id}",
            replies.cannot_see_message(lang),
            lang,
            None,
            now,
        )
    if plan.author_language is not None:
        repo.set_language(tx, *plan.author_language)


def _queue(
    tx: Transaction,
    ctx: ReactionContext,
    mode: ReplyMode | None,
    key: str,
    text: str,
    lang: str,
    action_id: int | None,
    now: float,
) -> None:
    target = reply_target(mode, ctx.place)
    if target is None:
        return
    # Text only: reacting through the API on a message the owner reacted to would
    # replace the owner's own reaction.
    outbox.queue_text(
        tx,
        dedupe_key=key,
        instance=ctx.instance,
        destination=target.destination,
        text=text,
        quoted=target.quoted,
        language=lang,
        action_id=action_id,
        now=now,
    )


# -- the handler ---------------------------------------------------------------------


class ReactionHandler:
    def __init__(
        self,
        store: Store,
        policy: ReactionPolicy,
        *,
        parse: ParseFn | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.policy = policy
        self.parse = parse or default_parse()
        self.clock = clock

    async def __call__(self, job: Job) -> Effects | None:
        reaction_row_id = int(job.payload["reaction"])
        ctx = await self.store.read(lambda tx: load_context(tx, reaction_row_id))
        if ctx is None:
            raise GiveUp(f"reaction {reaction_row_id} is not in the store")
        now = self.clock()
        plan = plan_reaction(
            ctx,
            self.policy,
            self.parse,
            attempts=job.attempts,
            now=now,
        )
        log.info(
            "reaction_planned",
            job_id=job.id,
            reaction=reaction_row_id,
            creations=[c.rule.name for c in plan.creations],
            cancellations=[p.id for p in plan.cancellations],
            counters=plan.counters,
        )

        def effects(tx: Transaction) -> None:
            apply(tx, ctx, plan, job, self.clock())

        return effects
