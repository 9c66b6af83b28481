"""Deciding what a reaction does: pure, given what was read, the policy, the parser and
`now`. Raises `RetryLater` while the message is unseen or the sender floods."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.actions.base import EntityRow
from reactiond.engine.author_tz import author_tz, language_of_number
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_context import FLOOD_WINDOW_SECONDS, PriorAction, ReactionContext
from reactiond.engine.reminders import ReminderConfig
from reactiond.engine.worker import RetryLater
from reactiond.nlp.limits import MAX_TEXT_CHARS, cut_text, is_cut
from reactiond.nlp.result import LANGUAGES, Language, ParseResult
from reactiond.replies.limits import text_cut
from reactiond.rules.emoji import normalise_emoji
from reactiond.rules.match import matching_rules
from reactiond.rules.model import Rule
from reactiond.settings import Settings


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
    # When the text alone is unsure of its language ("nos vemos pronto"), what the author
    # wrote before, else their phone number's country, decides (guidelines §13, issue 15).
    hint = message.author_language or (
        language_of_number(message.author_phone) if message.author_phone else None
    )
    for rule in rules:
        started = time.perf_counter()
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
        plan.creations.append(Creation(rule, result, micros, rows, answer, lang))
        plan.author_language = (message.author_id, result.language)
    return plan


def plan_raise_unseen(policy: ReactionPolicy, attempts: int, now: float) -> None:
    raise RetryLater(
        f"message not seen yet (attempt {attempts} of {policy.unseen_retries + 1})",
        at=now + policy.unseen_retry_seconds * attempts,
    )
