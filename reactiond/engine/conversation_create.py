"""Making records from a message outside a reaction job, as `reactions.apply` does: an
edit that makes a message parse at last, a reply "cambia a 📅". One action (created),
its records, their reminders, the NLP log line and the confirmation, in the caller's
transaction; None when this (rule, message, reactor) already has a live action."""

from __future__ import annotations

import json
from dataclasses import dataclass

from reactiond.actions.base import EntityRow
from reactiond.engine.reminders import ReminderConfig, ReplyTo, schedule_for_records
from reactiond.nlp.result import ParseResult
from reactiond.rules.model import Rule
from reactiond.store import outbox
from reactiond.store import records_repo as repo
from reactiond.store.interface import Transaction


@dataclass(frozen=True)
class Made:
    """What a rule makes of a text: the parse, the rows, the confirmation's words."""

    rule: Rule
    result: ParseResult
    rows: tuple[EntityRow, ...]
    answer: str
    micros: int


def create_records(
    tx: Transaction,
    made: Made,
    src: repo.Source,
    reply_to: ReplyTo | None,
    now: float,
    reminders: ReminderConfig,
) -> int | None:
    rule = made.rule
    detail = (
        json.dumps(made.result.data.as_json(), ensure_ascii=False) if made.result.data else None
    )
    action_id = repo.insert_action(
        tx, repo.NewAction(rule.id, rule.name, rule.action, "created", detail), src, now
    )
    if action_id is None:
        return None
    created = repo.insert_records(tx, action_id, rule.id, made.rows, src, now)
    if reply_to is not None:
        days = rule.config.remind_days_before
        schedule_for_records(
            tx,
            created,
            [r.values for r in made.rows],
            reply_to,
            reminders
            if days is None
            else ReminderConfig(days, reminders.morning_hour, reminders.lead_minutes),
            now,
            bill_reminders=bool(rule.config.reminders),
        )
    r = made.result
    repo.insert_nlp_log(
        tx, action_id, r.parser, r.language, r.success, r.confidence, r.reason, made.micros, now
    )
    if reply_to is not None:
        outbox.queue_text(
            tx,
            dedupe_key=outbox.confirmation_key(action_id),
            instance=reply_to.instance,
            destination=reply_to.destination,
            text=made.answer,
            language=reply_to.language,
            action_id=action_id,
            now=now,
        )
    return action_id
