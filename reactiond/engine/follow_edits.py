"""Edits follow the message (issue 20 §1): a message that made records is edited or
deleted, and what it made follows, under the rules a removed reaction follows.

- Edited, within the undo window, records untouched: the new text is parsed with the same
  rule, the records changed through `engine.record_changes.change_record` (checked, traced,
  reminders planned again), bills added or removed, and "✏️ Updated" said where the
  confirmation went, if it went.
- Deleted, within the window, untouched: the action is cancelled like a removed reaction
  (records cancelled, reminders dropped, an unsent confirmation withdrawn, "↩️ Cancelled"
  said if the person heard of the record).
- Touched since (by the API, the CLI, a ✅), or out of the window: left as it is, and the
  reply says so.

The plan is made on a snapshot; the write re-checks that no record moved meanwhile."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import structlog

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.actions.base import EntityRow
from reactiond.conversation.edits import FollowPlan, plan_follow
from reactiond.domain import Job
from reactiond.engine.author_tz import author_tz, language_of_number
from reactiond.engine.cancel_summary import describe
from reactiond.engine.conversation_context import (
    MadeAction,
    MessageContext,
    Route,
    language,
    load_message_context,
    spec_of,
    stamp_now,
)
from reactiond.engine.conversation_create import Made, create_records
from reactiond.engine.parse_pool import ParseTimedOut
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.record_changes import change_record
from reactiond.engine.reminders import ReminderConfig, ReplyTo, schedule_for_records
from reactiond.engine.talk_rules import read_talk_rules
from reactiond.engine.worker import Effects, GiveUp
from reactiond.nlp.limits import cut_text
from reactiond.nlp.result import Language
from reactiond.records.change import parse_change
from reactiond.records.confirmation import data_of, refresh_confirmation
from reactiond.records.errors import InvalidChange
from reactiond.replies import conversation as talk_replies
from reactiond.rules.talk import TalkRules
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store import records_repo as repo
from reactiond.store.interface import Store, Transaction

log = structlog.get_logger("reactiond.conversation")

Verdict = Literal["follow", "same", "kept", "unread", "rule_gone", "cancel", "create"]


@dataclass(frozen=True)
class ActionDecision:
    action: MadeAction
    verdict: Verdict
    why: str
    follow: FollowPlan = field(default_factory=FollowPlan)
    language: Language = "en"
    made: Made | None = None  # "create": the edited text parses at last


def _summary(action: MadeAction, lang: Language) -> str:
    rows = action.entity_rows() or [EntityRow(action.table, r.values) for r in action.records]
    return "; ".join(describe(r, lang) for r in rows) if rows else action.emoji


def _window_ok(action: MadeAction, at: float, window: float) -> bool:
    return at - action.reaction_sent_ms / 1000 <= window


def plan_edit(
    ctx: MessageContext, policy: ReactionPolicy, parse: ParseFn, *, now: float
) -> list[ActionDecision]:
    """What the edit does to each action on the message. Parses in the caller's thread."""
    m = ctx.message
    edited_at = float(m.edited_at) if m.edited_at else now
    tz = author_tz(m.author_tz, m.author_phone, policy.default_tz)
    sent_local = datetime.fromtimestamp(m.sent_at, ZoneInfo(tz))
    hint = m.author_language or (language_of_number(m.author_phone) if m.author_phone else None)
    text = m.text or ""
    out: list[ActionDecision] = []
    for action in ctx.actions:
        lang = action.route.language if action.route else _record_language(action)
        if action.rule is None:
            out.append(ActionDecision(action, "rule_gone", "its rule was deleted", language=lang))
            continue
        if not _window_ok(action, edited_at, policy.undo_window_seconds):
            out.append(
                ActionDecision(action, "kept", "edited after the undo window", language=lang)
            )
            continue
        if not all(r.untouched for r in action.records):
            out.append(ActionDecision(action, "kept", "changed since it was made", language=lang))
            continue
        result = parse(text, action.rule.parser_name, now=sent_local, tz=tz, hint=hint)
        rows = entity_rows(action.rule, result, text=text, tz=tz)
        if not rows:
            why = f"the edited text does not parse: {result.reason}"
            out.append(ActionDecision(action, "unread", why, language=lang))
            continue
        follow = plan_follow(action.records, rows)
        verdict: Verdict = "follow" if follow.changes_anything else "same"
        out.append(ActionDecision(action, verdict, "edited", follow, lang))
    for failed in ctx.failed:
        # The reaction found nothing to make; the edit may have added what was missing.
        rule = failed.rule
        if rule is None or not _window_ok(failed, edited_at, policy.undo_window_seconds):
            continue
        started = time.perf_counter()
        result = parse(text, rule.parser_name, now=sent_local, tz=tz, hint=hint)
        micros = int((time.perf_counter() - started) * 1_000_000)
        rows = entity_rows(rule, result, text=text, tz=tz)
        if not rows:
            continue
        lang = failed.route.language if failed.route else language(result.language)
        answer = replies.answer(
            result,
            cut_text(text),
            parser=rule.parser_name,
            made_records=True,
            lang=lang,
            tz=tz,
            now=sent_local.replace(tzinfo=None),
            priority=rule.config.priority,
        )
        made = Made(rule, result, tuple(rows), answer, micros)
        out.append(
            ActionDecision(failed, "create", "the edited text parses", language=lang, made=made)
        )
    return out


def plan_delete(ctx: MessageContext, policy: ReactionPolicy, *, now: float) -> list[ActionDecision]:
    """What deleting the message does to each action on it (pure)."""
    out: list[ActionDecision] = []
    for action in ctx.actions:
        lang = action.route.language if action.route else _record_language(action)
        if not _window_ok(action, now, policy.undo_window_seconds):
            out.append(
                ActionDecision(action, "kept", "deleted after the undo window", language=lang)
            )
        elif not all(r.untouched for r in action.records):
            out.append(ActionDecision(action, "kept", "changed since it was made", language=lang))
        else:
            out.append(ActionDecision(action, "cancel", "message deleted", language=lang))
    return out


def _record_language(action: MadeAction) -> Language:
    return language(action.records[0].values.get("language") if action.records else None)


def _describe(tx: Transaction, action: MadeAction, lang: Language, now: float) -> str:
    """The records of an action as they are now, as a confirmation reads."""
    spec = spec_of(action.table)
    rows = [
        r for r in repo.records_of_action(tx, action.table, action.id) if r["status"] != "cancelled"
    ]
    if not rows:
        return _summary(action, lang)
    tz = str(rows[0].get("tz") or "UTC")
    local_now = datetime.fromtimestamp(now, ZoneInfo(tz)).replace(tzinfo=None)
    return replies.confirmation(data_of(spec, rows), lang=lang, tz=tz, now=local_now)


def _say(
    tx: Transaction,
    route: Route | None,
    key: str,
    text: str,
    lang: Language,
    action_id: int | None,
    now: float,
    *,
    held: bool = False,
) -> None:
    if route is None:
        return
    outbox.queue_text(
        tx,
        dedupe_key=key,
        instance=route.instance,
        destination=route.destination,
        text=text,
        language=lang,
        action_id=action_id,
        now=now,
        held=held,
    )


def apply_edit(
    tx: Transaction,
    decisions: list[ActionDecision],
    job: Job,
    now: float,
    reminders: ReminderConfig,
) -> None:
    key = job.dedupe_key or f"job:{job.id}"
    for d in decisions:
        a = d.action
        if stamp_now(tx, a) != a.stamp:
            _refused(job, a, "a record changed while the edit was being read")
            continue
        if d.verdict == "kept":
            _refused(job, a, d.why)
            if a.route is not None and a.route.told:
                what = _summary(a, d.language)
                late = "undo window" in d.why
                deleted = job.kind == talk.DELETED
                text = talk_replies.edit_kept(what, d.language, deleted=deleted, late=late)
                _say(tx, a.route, f"kept:{a.id}:{key}", text, d.language, a.id, now)
            continue
        if d.verdict == "unread":
            _refused(job, a, d.why)
            if a.route is not None and a.route.told:
                what = _summary(a, d.language)
                text = talk_replies.edit_unread(what, d.language)
                _say(tx, a.route, f"kept:{a.id}:{key}", text, d.language, a.id, now)
            continue
        if d.verdict in ("same", "rule_gone"):
            log.info("edit_not_followed", job_id=job.id, action_id=a.id, why=d.why)
            continue
        if d.verdict == "cancel":
            _cancel(tx, a, d.language, job, now, reminders)
            continue
        if d.verdict == "create":
            _create(tx, a, d, job, now, reminders)
            continue
        _follow(tx, a, d, job, now, reminders)


def _follow(
    tx: Transaction, a: MadeAction, d: ActionDecision, job: Job, now: float, r: ReminderConfig
) -> None:
    spec = spec_of(a.table)
    try:
        # Checked before anything is written: a change the records API would refuse (a
        # title too long for it) leaves every record as it is, and the job succeeds.
        for _, body in d.follow.updates:
            parse_change(spec, body)
    except InvalidChange as exc:
        _refused(job, a, f"the records API refuses the change: {exc}")
        return
    touched: list[tuple[int, dict[str, Any]]] = []
    for record_id, body in d.follow.updates:
        change_record(tx, spec, record_id, body, now, r)
        touched.append((record_id, body))
    for record_id in d.follow.removed:
        change_record(tx, spec, record_id, {"status": "cancelled"}, now, r)
        touched.append((record_id, {"status": "cancelled"}))
    if d.follow.added:
        rule = a.rule
        created = repo.insert_records(
            tx, a.id, rule.id if rule else None, d.follow.added, a.source(), now
        )
        for (_table, record_id), row in zip(created, d.follow.added, strict=True):
            touched.append((record_id, {"added": dict(row.values)}))
        if a.route is not None and rule is not None and rule.config.reminders:
            days = rule.config.remind_days_before
            config = r if days is None else ReminderConfig(days, r.morning_hour, r.lead_minutes)
            schedule_for_records(
                tx,
                created,
                [row.values for row in d.follow.added],
                ReplyTo(a.route.instance, a.route.destination, a.route.language),
                config,
                now,
                bill_reminders=True,
            )
        refresh_confirmation(tx, spec, a.id, now)
    for record_id, changed in touched:
        talk.add_chat_change(
            tx,
            talk.ChatChange(
                "edit", a.instance, a.message_id, a.id, spec.singular, record_id, None, changed, now
            ),
        )
    log.info(
        "edit_followed",
        job_id=job.id,
        action_id=a.id,
        updated=[i for i, _ in d.follow.updates],
        removed=d.follow.removed,
        added=len(d.follow.added),
    )
    if a.route is not None and a.route.told:
        what = _describe(tx, a, d.language, now)
        key = job.dedupe_key or f"job:{job.id}"
        _say(
            tx,
            a.route,
            f"updated:{a.id}:{key}",
            talk_replies.updated(what, d.language),
            d.language,
            a.id,
            now,
        )


def _cancel(
    tx: Transaction, a: MadeAction, lang: Language, job: Job, now: float, r: ReminderConfig
) -> None:
    if not talk.cancel_action(tx, a.id, "message deleted", now):
        return
    spec = spec_of(a.table)
    told = repo.reply_left(tx, a.id)
    withdrawn = outbox.unsent_confirmation(tx, a.id) is not None
    what = _summary(a, lang)
    for rec in a.live_records:
        change_record(tx, spec, rec.id, {"status": "cancelled"}, now, r)
        talk.add_chat_change(
            tx,
            talk.ChatChange(
                "delete",
                a.instance,
                a.message_id,
                a.id,
                spec.singular,
                rec.id,
                None,
                {"status": "cancelled"},
                now,
            ),
        )
    log.info("delete_followed", job_id=job.id, action_id=a.id, told=told)
    if told or withdrawn:
        # Held when the confirmation was withdrawn unsent: said only if it went out anyway.
        _say(
            tx,
            a.route,
            f"cancel:{a.id}",
            replies.cancelled(what, lang=lang),
            lang,
            a.id,
            now,
            held=not told,
        )


def _create(
    tx: Transaction, a: MadeAction, d: ActionDecision, job: Job, now: float, r: ReminderConfig
) -> None:
    assert d.made is not None
    if not talk.cancel_action(tx, a.id, "its message was edited and parses now", now):
        return
    route = a.route
    reply_to = ReplyTo(route.instance, route.destination, d.language) if route else None
    new_id = create_records(tx, d.made, a.source(), reply_to, now, r)
    log.info("edit_made_records", job_id=job.id, failed_action=a.id, action_id=new_id)


def _refused(job: Job, a: MadeAction, why: str) -> None:
    log.info(
        "edit_refused",
        job_id=job.id,
        kind=job.kind,
        action_id=a.id,
        message_id=a.message_id,
        records=[r.id for r in a.records],
        why=why,
    )


class EditHandler:
    """The `message_edited` and `message_deleted` jobs."""

    def __init__(
        self,
        store: Store,
        policy: ReactionPolicy,
        parse: ParseFn,
        *,
        clock: Callable[[], float] = time.time,
        default_rules: TalkRules | None = None,
    ) -> None:
        self.default_rules = default_rules or TalkRules()
        self.store = store
        self.policy = policy
        self.parse = parse
        self.clock = clock

    async def __call__(self, job: Job) -> Effects | None:
        rules = await self.store.read(lambda tx: read_talk_rules(tx, self.default_rules))
        if not rules.edits:
            log.info("chat_edit_ignored", job_id=job.id, why="edits are off")
            return None
        instance = str(job.payload["instance"])
        message_id = str(job.payload["message_id"])
        ctx = await self.store.read(lambda tx: load_message_context(tx, instance, message_id))
        if ctx is None:
            raise GiveUp(f"message {message_id} is not in the store")
        if not ctx.actions and not ctx.failed:
            log.info("edit_nothing_to_follow", job_id=job.id, message_id=message_id)
            return None
        now = self.clock()
        if job.kind == talk.DELETED:
            decisions = plan_delete(ctx, self.policy, now=now)
        else:
            if ctx.message.deleted_at is not None:
                log.info("edit_of_deleted_message", job_id=job.id, message_id=message_id)
                return None
            try:
                decisions = await asyncio.to_thread(
                    plan_edit, ctx, self.policy, self.parse, now=now
                )
            except ParseTimedOut as exc:
                raise GiveUp(exc.reason) from exc
        reminders = self.policy.reminders

        def effects(tx: Transaction) -> None:
            apply_edit(tx, decisions, job, self.clock(), reminders)

        return effects
