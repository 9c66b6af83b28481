"""Corrections by reply (issue 20 §2): a message quoting one of reactiond's messages about
a record (its confirmation, an "updated" reply, a reminder) changes that record.

Only the person the message went to, or the owner, may correct; anyone else is refused
(logged with the ids, no reply: their chat is not reactiond's business). What the reply
names is read with the parsers' own date and money readers (conversation/corrections.py)
and applied through `engine.record_changes.change_record`; "cambia a 📅" cancels the record and
makes the message into what the 📅 rule makes. Anything not understood gets the help."""

from __future__ import annotations

import time as clock_time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import structlog

from reactiond import replies
from reactiond.actions import entity_rows
from reactiond.actions.base import EntityRow
from reactiond.conversation.corrections import Correction, correction_body, read_correction
from reactiond.domain import Job
from reactiond.engine.author_tz import author_tz, language_of_number
from reactiond.engine.cancel_summary import describe
from reactiond.engine.conversation_context import (
    MadeAction,
    OurMessage,
    WrittenMessage,
    spec_of,
    stamp_now,
)
from reactiond.engine.conversation_create import Made, create_records
from reactiond.engine.parsing import ParseFn
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.record_changes import change_record
from reactiond.engine.reminders import ReminderConfig, ReplyTo
from reactiond.nlp.result import Language, ParseResult
from reactiond.records.change import parse_change
from reactiond.records.confirmation import data_of
from reactiond.records.errors import InvalidChange
from reactiond.replies import conversation as say
from reactiond.rules.model import Rule
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store import records_repo as repo
from reactiond.store.interface import Transaction

log = structlog.get_logger("reactiond.conversation")
__all__ = ["CorrectionPlan", "apply_correction", "may_speak_for", "plan_correction"]


def may_speak_for(from_me: bool, person_id: int, person_display: str, ours: OurMessage) -> bool:
    """The owner, the person who made the record, or the person reactiond wrote to."""
    if from_me:
        return True
    if ours.action is not None and ours.action.reactor_id == person_id:
        return True
    number = person_display.split("@", 1)[0]
    return person_display.endswith("@s.whatsapp.net") and number == ours.destination


@dataclass
class Switch:
    rule: Rule
    result: ParseResult
    rows: tuple[EntityRow, ...]
    answer: str
    micros: int


@dataclass
class CorrectionPlan:
    verdict: Literal["change", "help", "refused", "nothing"]
    language: Language
    why: str = ""
    correction: Correction | None = None
    bodies: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    switch: Switch | None = None


def _targets(ours: OurMessage) -> list[tuple[int, dict[str, Any]]]:
    a = ours.action
    if a is None:
        return []
    live = [(r.id, dict(r.values)) for r in a.live_records]
    if ours.reminder_record is not None:
        return [t for t in live if t[0] == ours.reminder_record[1]]
    return live


def plan_correction(
    m: WrittenMessage,
    ours: OurMessage,
    rules: tuple[Rule, ...],
    original: WrittenMessage | None,
    policy: ReactionPolicy,
    parse: ParseFn,
) -> CorrectionPlan:
    """What a reply quoting `ours` does. Pure but for the parse a kind switch asks for."""
    lang = ours.language
    a = ours.action
    if a is None:
        return CorrectionPlan("nothing", lang, "the quoted message is about no live record")
    if not may_speak_for(m.from_me, m.author_id, m.author_display, ours):
        return CorrectionPlan("refused", lang, "not the person the confirmation went to")
    tz = author_tz(m.author_tz, m.author_phone, policy.default_tz)
    sent_local = datetime.fromtimestamp(m.sent_at, ZoneInfo(tz)).replace(tzinfo=None)
    c = read_correction(m.text or "", now=sent_local, tz=tz, hint=ours.language)
    lang = c.language if c.understood else lang
    if not c.understood:
        if c.thanks:
            return CorrectionPlan("nothing", ours.language, "a thank-you, no correction", c)
        return CorrectionPlan("help", ours.language, "not understood", c)
    targets = _targets(ours)
    if not targets:
        return CorrectionPlan("nothing", lang, "no live record left", c)
    if c.switch_to is not None:
        return _plan_switch(a, c, rules, original, policy, parse, lang)
    if c.amount is not None and len(targets) > 1:
        return CorrectionPlan("help", lang, "an amount for several bills", c)
    bodies = []
    for record_id, values in targets:
        body = correction_body(a.table, values, c)
        if body is None:
            return CorrectionPlan("help", lang, f"nothing a {a.table} record has", c)
        bodies.append((record_id, body))
    return CorrectionPlan("change", lang, "corrected", c, bodies)


def _plan_switch(
    a: MadeAction,
    c: Correction,
    rules: tuple[Rule, ...],
    original: WrittenMessage | None,
    policy: ReactionPolicy,
    parse: ParseFn,
    lang: Language,
) -> CorrectionPlan:
    wanted = next(
        (r for r in rules if r.enabled and c.switch_to in r.triggers and r.action != a.action),
        None,
    )
    if wanted is None and not c.switch_asked:
        # A lone emoji that is no rule's (👍, 🙏): a nod, not a correction.
        return CorrectionPlan("nothing", lang, f"{c.switch_to} is no rule's emoji", c)
    if wanted is None or original is None or not original.text:
        return CorrectionPlan("help", lang, f"no other rule for {c.switch_to}", c)
    original_text = original.text
    tz = author_tz(original.author_tz, original.author_phone, policy.default_tz)
    started = clock_time.perf_counter()
    # The original message, read as it was sent: "mañana" counts from its send time.
    sent = datetime.fromtimestamp(original.sent_at, ZoneInfo(tz))
    result = parse(original_text, wanted.parser_name, now=sent, tz=tz, hint=hint_of(original))
    micros = int((clock_time.perf_counter() - started) * 1_000_000)
    rows = tuple(entity_rows(wanted, result, text=original_text, tz=tz))
    if not rows:
        return CorrectionPlan("help", lang, f"the message does not parse as {wanted.name}", c)
    answer = replies.answer(
        result,
        original_text,
        parser=wanted.parser_name,
        made_records=True,
        lang=lang,
        tz=tz,
        now=sent.replace(tzinfo=None),
        priority=wanted.config.priority,
    )
    plan = CorrectionPlan("change", lang, f"changed to {wanted.name}", c)
    plan.switch = Switch(wanted, result, rows, answer, micros)
    return plan


def _reply(
    tx: Transaction, ours: OurMessage, key: str, text: str, lang: Language, action_id: int | None,
    now: float,
) -> None:  # fmt: skip
    outbox.queue_text(
        tx,
        dedupe_key=key,
        instance=ours.instance,
        destination=ours.destination,
        text=text,
        language=lang,
        action_id=action_id,
        now=now,
    )


def _now_text(tx: Transaction, a: MadeAction, lang: Language, now: float) -> str:
    spec = spec_of(a.table)
    rows = [r for r in repo.records_of_action(tx, a.table, a.id) if r["status"] != "cancelled"]
    if not rows:
        return "; ".join(describe(EntityRow(a.table, r.values), lang) for r in a.records)
    tz = str(rows[0].get("tz") or "UTC")
    local_now = datetime.fromtimestamp(now, ZoneInfo(tz)).replace(tzinfo=None)
    return replies.confirmation(data_of(spec, rows), lang=lang, tz=tz, now=local_now)


def apply_correction(
    tx: Transaction,
    m: WrittenMessage,
    ours: OurMessage,
    plan: CorrectionPlan,
    job: Job,
    now: float,
    reminders: ReminderConfig,
) -> None:
    key = f"fix:{m.instance}:{m.message_id}"
    bound = log.bind(
        job_id=job.id,
        message_id=m.message_id,
        quoted=m.quoted_message_id,
        person_id=m.author_id,
        action_id=ours.action.id if ours.action else None,
    )
    if plan.verdict == "refused" or plan.verdict == "nothing":
        bound.info("correction_refused", why=plan.why)
        return
    if plan.verdict == "help":
        bound.info("correction_not_understood", why=plan.why)
        # Tied to the action: a reply quoting the help is a correction of the same record.
        action_id = ours.action.id if ours.action is not None else None
        _reply(tx, ours, key, say.correction_help(plan.language), plan.language, action_id, now)
        return
    a = ours.action
    assert a is not None
    if stamp_now(tx, a) != a.stamp:
        # Changed between the read and now (the API, another reply): the plan was made on
        # what it was, so it is not applied.
        bound.info("correction_refused", why="a record changed while it was being read")
        return
    spec = spec_of(a.table)
    c = plan.correction
    assert c is not None
    if plan.switch is not None:
        _switch(tx, m, ours, a, plan, job, now, reminders)
        return
    try:
        for _, body in plan.bodies:
            parse_change(spec, body)  # checked before anything is written
    except InvalidChange as exc:
        bound.info("correction_refused", why=f"the records API refuses it: {exc}")
        _reply(tx, ours, key, say.correction_help(plan.language), plan.language, a.id, now)
        return
    for record_id, body in plan.bodies:
        change_record(tx, spec, record_id, body, now, reminders)
        talk.add_chat_change(
            tx,
            talk.ChatChange(
                "correction", m.instance, m.message_id, a.id, spec.singular, record_id,
                m.author_id, body, now,
            ),
        )  # fmt: skip
    bound.info("corrected", records=[i for i, _ in plan.bodies], fields=_fields(plan.bodies))
    lang = plan.language
    if c.cancel:
        what = "; ".join(describe(EntityRow(a.table, r.values), lang) for r in a.live_records)
        text = say.cancelled(what, lang)
    elif c.done:
        what = "; ".join(describe(EntityRow(a.table, r.values), lang) for r in a.live_records)
        text = say.done(spec.singular, what, lang)
    else:
        text = say.corrected(_now_text(tx, a, lang, now), lang)
    _reply(tx, ours, key, text, lang, a.id, now)


def _fields(bodies: list[tuple[int, dict[str, Any]]]) -> list[str]:
    return sorted({name for _, body in bodies for name in body})


def _switch(
    tx: Transaction,
    m: WrittenMessage,
    ours: OurMessage,
    a: MadeAction,
    plan: CorrectionPlan,
    job: Job,
    now: float,
    reminders: ReminderConfig,
) -> None:
    s = plan.switch
    assert s is not None
    spec = spec_of(a.table)
    if not talk.cancel_action(tx, a.id, f"changed to {s.rule.name} by a reply", now):
        return
    for rec in a.live_records:
        change_record(tx, spec, rec.id, {"status": "cancelled"}, now, reminders)
        talk.add_chat_change(
            tx,
            talk.ChatChange(
                "correction", m.instance, m.message_id, a.id, spec.singular, rec.id,
                m.author_id, {"status": "cancelled", "changed_to": s.rule.name}, now,
            ),
        )  # fmt: skip
    src = repo.Source(
        instance=a.instance,
        chat_jid=a.chat_jid,
        message_id=a.message_id,
        reactor_id=a.reactor_id,
        reaction_row_id=a.reaction_row_id,
        emoji=s.rule.triggers[0],
    )
    made = Made(s.rule, s.result, s.rows, s.answer, s.micros)
    reply_to = ReplyTo(ours.instance, ours.destination, plan.language)
    new_id = create_records(tx, made, src, reply_to, now, reminders)
    if new_id is None:
        log.info("correction_switch_exists", job_id=job.id, rule=s.rule.name)
        return
    log.info("corrected_kind", job_id=job.id, old_action=a.id, new_action=new_id, rule=s.rule.name)


def hint_of(m: WrittenMessage) -> str | None:
    return m.author_language or (language_of_number(m.author_phone) if m.author_phone else None)
