"""Deciding what a reaction does: pure, given what was read, the policy, the parser and
`now`. Raises `RetryLater` while the message is unseen or the sender floods.

Every decision is taken here: which rules fire, what the parser makes of the text, which
rows to write, each reply's words, language and destination, which reminders go with a
record and which go with a cancelled one. `reactions.apply` only writes the plan; what it
still reads at write time are facts no plan can know beforehand (whether a prior record
was touched since, whether its confirmation already left)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.actions.base import TABLE_OF_ACTION, EntityRow, RecordTable
from reactiond.engine.author_tz import author_tz, language_of_number
from reactiond.engine.cancel_summary import describe
from reactiond.engine.parsing import DocumentParseFn, ParseFn
from reactiond.engine.reaction_context import (
    FLOOD_WINDOW_SECONDS,
    DocumentRead,
    PriorAction,
    ReactionContext,
)
from reactiond.engine.reminders import RecordKind, ReminderConfig, ReplyTo
from reactiond.engine.worker import RetryLater
from reactiond.nlp.bill_document import parse_bill_document
from reactiond.nlp.limits import MAX_TEXT_CHARS, cut_text, is_cut
from reactiond.nlp.result import LANGUAGES, Language, ParseResult
from reactiond.replies import documents as document_replies
from reactiond.replies.limits import text_cut
from reactiond.replies.routing import ReplyTarget, reply_target
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import matching_rules
from reactiond.rules.model import Rule
from reactiond.settings import Settings
from reactiond.store.records_repo import NewAction, Source

REMINDED: tuple[RecordKind, ...] = ("task", "event", "bill")


@dataclass(frozen=True)
class ReactionPolicy:
    undo_window_seconds: float = 86400.0
    flood_per_minute: int = 100
    unseen_retries: int = 3
    unseen_retry_seconds: float = 5.0
    default_tz: str = "UTC"
    default_language: str = "en"
    reminders: ReminderConfig = field(default_factory=ReminderConfig)

    @classmethod
    def from_settings(cls, s: Settings) -> ReactionPolicy:
        return cls(
            undo_window_seconds=s.reaction_undo_window_seconds,
            flood_per_minute=s.reaction_flood_per_minute,
            unseen_retries=s.unseen_message_retries,
            unseen_retry_seconds=s.unseen_message_retry_seconds,
            default_tz=s.default_tz,
            default_language=s.default_language,
            reminders=ReminderConfig(
                bill_days_before=s.reminder_bill_days_before,
                morning_hour=s.reminder_morning_hour,
                lead_minutes=s.reminder_lead_minutes,
            ),
        )


@dataclass(frozen=True)
class PlannedReply:
    """A reply decided: its words, its language and where it goes."""

    text: str
    language: Language
    target: ReplyTarget


@dataclass(frozen=True)
class PlannedReminders:
    """The reminders a creation's records get: where they go and with which settings."""

    reply_to: ReplyTo
    config: ReminderConfig
    bill_reminders: bool  # bills get reminders only when their rule turns them on


@dataclass(frozen=True)
class Creation:
    rule: Rule
    result: ParseResult
    micros: int
    rows: tuple[EntityRow, ...]
    reply_text: str
    reply_language: Language
    action: NewAction  # the action row: outcome and detail decided
    reply: PlannedReply | None  # the confirmation; None: the rule replies nowhere
    reminders: PlannedReminders | None  # None: no reply, so no reminders either
    # The action is closed as it is logged (its message was deleted first): no records,
    # no reply, no reminders; what the parse made of the text stays in its trace.
    closed: bool = False


@dataclass(frozen=True)
class Cancellation:
    """A prior reaction's action to cancel, if nobody touched its records since."""

    prior: PriorAction
    table: RecordTable
    reminders: tuple[tuple[RecordKind, int], ...]  # its records' reminders, cancelled too
    # "Cancelled", for a person who heard of the records (sent only if they did); None
    # when it had no records or its rule replies nowhere.
    reply: PlannedReply | None
    reply_key: str


@dataclass
class Plan:
    """What one reaction job does, decided; written by `reactions.apply`."""

    instance: str
    source: Source
    cancellations: list[Cancellation] = field(default_factory=list)
    creations: list[Creation] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)
    unseen_reply: PlannedReply | None = None  # "I can't see that message"
    unseen_reply_key: str = ""
    # The message stayed unseen through every retry: the reaction is marked, and runs
    # again (once) if the message arrives after all.
    gave_up_unseen: bool = False
    author_language: tuple[int, str] | None = None


def reply_language(ctx: ReactionContext, detected: str | None, default: str) -> Language:
    """The reactor's language when known, else the message's, else the one of the
    reactor's phone number's country, else the instance's."""
    by_number = None if ctx.reactor_language else language_of_number(ctx.reactor_display_jid)
    for candidate in (ctx.reactor_language, detected, by_number, default):
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
    parse_document: DocumentParseFn | None = None,
) -> Plan:
    """Everything but the writing. Raises `RetryLater` while the message is unseen or
    the sender floods."""
    first_attempt = attempts <= 1
    plan = Plan(ctx.instance, ctx.source, unseen_reply_key=f"unseen:{ctx.row_id}")
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
            plan.cancellations.append(plan_cancellation(ctx, prior))
    if not emoji:
        return plan
    if not rules:
        plan.counters.append("reaction.unmatched")
        return plan
    message = ctx.message
    if message is None:
        if attempts <= policy.unseen_retries:
            plan_raise_unseen(policy, attempts, now)
        plan.gave_up_unseen = True
        lang = reply_language(ctx, None, policy.default_language)
        target = reply_target(rules[0].config.reply, ctx.place)
        if target is not None:
            plan.unseen_reply = PlannedReply(replies.cannot_see_message(lang), lang, target)
        return plan

    tz = author_tz(message.author_tz, message.author_phone, policy.default_tz)
    # "mañana" is the day after the message was *sent*, in its author's zone.
    sent_local = datetime.fromtimestamp(message.sent_at, ZoneInfo(tz))
    text = message.text or ""
    # When the text alone is unsure of its language ("nos vemos pronto"), what the author
    # wrote before, else their phone number's country, decides (guidelines §13, issue 15).
    hint = message.author_language or (
        language_of_number(message.author_phone) if message.author_phone else None
    )
    for rule in rules:
        # A 💳 on a picture or a PDF reads the file's text with its caption (issue 23).
        document = message.document if rule.parser_name == "bill" else None
        unread = document if document is not None and document.text is None else None
        if unread is not None and not text.strip():
            plan.creations.append(plan_unread_document(ctx, rule, policy, unread))
            continue
        started = time.perf_counter()
        if document is not None and document.text is not None:
            read_bill = parse_document or in_process_document_parse
            result = read_bill(
                document.text, caption=text or None, now=sent_local, tz=tz, hint=hint
            )
        else:
            result = parse(text, rule.parser_name, now=sent_local, tz=tz, hint=hint)
        micros = int((time.perf_counter() - started) * 1_000_000)
        rows = tuple(entity_rows(rule, result, text=text, tz=tz))
        lang = reply_language(ctx, result.language, policy.default_language)
        answer = replies.answer(
            result,
            cut_text(text),  # what the parser read: the date checks see no more than it did
            parser=rule.parser_name,
            made_records=bool(rows),
            lang=lang,
            tz=tz,
            now=sent_local,
            priority=rule.config.priority,
        )
        if is_cut(text):  # the parser read only the beginning: say so
            answer += "\n" + text_cut(lang, MAX_TEXT_CHARS)
        if unread is not None:
            # The file could not be read: the caption alone, when it names a bill, makes
            # it (as before issue 23), and the reply says why the file was not read.
            if not rows:
                plan.creations.append(plan_unread_document(ctx, rule, policy, unread))
                continue
            answer += "\n" + unread_line(unread, lang)
        elif document is not None:
            answer = document_answer(answer, result, rows=bool(rows), lang=lang)
        detail = (
            json.dumps(result.data.as_json(), ensure_ascii=False)
            if result.data is not None
            else result.reason
        )
        outcome = "created" if rows else "parse_failed"
        target = reply_target(rule.config.reply, ctx.place)
        reply = None if target is None else PlannedReply(answer, lang, target)
        plan.creations.append(
            Creation(
                rule,
                result,
                micros,
                rows,
                answer,
                lang,
                NewAction(rule.id, rule.name, rule.action, outcome, detail),
                reply,
                plan_reminders(ctx, rule, policy.reminders, target, lang),
            )
        )
        plan.author_language = (message.author_id, result.language)
    if message.deleted_at is not None and ctx.follow_deletes:
        # Deleted before this reaction was processed (events reordered): what a deletion
        # that arrives after the reaction does, done here at once. That cancels the
        # action and its records; the person never heard of them (a confirmation not
        # yet sent is withdrawn), so nothing is said.
        plan.creations = [closed_by_deletion(c) for c in plan.creations]
    return plan


def closed_by_deletion(creation: Creation) -> Creation:
    """A creation whose message was deleted first: its action logged cancelled, as the
    deletion job cancels one ("message deleted"), with no records, reply or reminders."""
    detail = "; ".join(d for d in (creation.action.detail, "message deleted") if d)
    action = replace(creation.action, outcome="cancelled", detail=detail)
    return replace(creation, rows=(), action=action, reply=None, reminders=None, closed=True)


def in_process_document_parse(
    text: str, *, caption: str | None, now: datetime, tz: str, hint: str | None = None
) -> ParseResult:
    """`parse_bill_document` here (tests, `rules test`); the daemon parses in its parser
    process (`ParsePool.parse_document`)."""
    return parse_bill_document(text, caption=caption, now=now, tz=ZoneInfo(tz), language_hint=hint)


def document_answer(answer: str, result: ParseResult, *, rows: bool, lang: Language) -> str:
    """The confirmation of a bill read from a file, with a line for each field it lacks
    (a reply to it with the due date fills it in: a correction); or, when the file held
    no bill, what to write instead (the text help's example, not its "I need an amount",
    which speaks of a message the person did not write)."""
    if not rows:
        return document_replies.no_amount(lang, replies.example("bill", lang))
    return "\n".join([answer, *document_replies.missing_fields(result, lang)])


def unread_line(document: DocumentRead, lang: Language) -> str:
    """Why the file could not be read, and what to do."""
    return document_replies.document_failure(
        document.failure or "unreadable",
        lang,
        size=document.size,
        limit=document.limit,
        mimetype=document.mimetype,
    )


def plan_unread_document(
    ctx: ReactionContext, rule: Rule, policy: ReactionPolicy, document: DocumentRead
) -> Creation:
    """A 💳 on a file that could not be read: no record, a reply saying why and what to
    do, and the reason kept on the action (its trace) and in the NLP log."""
    failure = document.failure or "unreadable"
    lang = reply_language(ctx, None, policy.default_language)
    result = ParseResult("bill", False, lang, None, 0.0, reason=f"document_{failure}")
    answer = unread_line(document, lang)
    target = reply_target(rule.config.reply, ctx.place)
    return Creation(
        rule,
        result,
        0,
        (),
        answer,
        lang,
        NewAction(rule.id, rule.name, rule.action, "parse_failed", result.reason),
        None if target is None else PlannedReply(answer, lang, target),
        plan_reminders(ctx, rule, policy.reminders, target, lang),
    )


def plan_cancellation(ctx: ReactionContext, prior: PriorAction) -> Cancellation:
    """What cancelling `prior` takes: its records' reminders, and the "cancelled" reply
    in the language the person was answered in, to where its rule replies."""
    reminded = tuple(
        (kind, int(record.values["id"]))
        for record in prior.records
        for kind in REMINDED
        if record.kind == kind
    )
    reply = None
    target = reply_target(prior.rule_reply, ctx.place)
    if prior.records and target is not None:
        lang = reply_language(ctx, prior.language, "en")
        what = "; ".join(describe(r, lang) for r in prior.records)
        reply = PlannedReply(replies.cancelled(what, lang=lang), lang, target)
    return Cancellation(prior, TABLE_OF_ACTION[prior.action], reminded, reply, f"cancel:{prior.id}")


def plan_reminders(
    ctx: ReactionContext,
    rule: Rule,
    config: ReminderConfig,
    target: ReplyTarget | None,
    lang: Language,
) -> PlannedReminders | None:
    """Reminders go where the confirmation goes (none without one); the rule may ask for
    its own lead time before a bill's due day."""
    if target is None:
        return None
    days = rule.config.remind_days_before
    return PlannedReminders(
        ReplyTo(ctx.instance, target.destination, lang),
        config if days is None else replace(config, bill_days_before=days),
        bill_reminders=bool(rule.config.reminders),
    )


def plan_raise_unseen(policy: ReactionPolicy, attempts: int, now: float) -> None:
    raise RetryLater(
        f"message not seen yet (attempt {attempts} of {policy.unseen_retries + 1})",
        at=now + policy.unseen_retry_seconds * attempts,
    )
