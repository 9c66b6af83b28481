"""The `chat_reaction` job (issue 20 §3): a reaction on a message reactiond sent. ✅ (or
the rule's own emoji) on a confirmation or a reminder marks the task done / the bill paid
(and its later reminders are dropped), ❌ cancels, and taking the reaction off within the
undo window puts the record back as it was, if nobody changed it since.

Only the owner, the person who made the record, or the person the message went to may
tick; anyone else is refused in the log with the ids."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import structlog

from reactiond.actions.base import EntityRow
from reactiond.conversation.ticks import OPEN_STATUS, Tick, new_status, tick_of
from reactiond.domain import Job
from reactiond.engine.cancel_summary import describe
from reactiond.engine.conversation_context import OurMessage, language, load_ours, spec_of
from reactiond.engine.corrections import may_speak_for
from reactiond.engine.reaction_plan import ReactionPolicy
from reactiond.engine.record_changes import change_record
from reactiond.engine.talk_rules import read_talk_rules
from reactiond.engine.worker import Effects, GiveUp
from reactiond.nlp.result import Language
from reactiond.replies import conversation as say
from reactiond.rules.talk import TalkRules
from reactiond.store import conversation_repo as talk
from reactiond.store import outbox
from reactiond.store.interface import Row, Store, Transaction

log = structlog.get_logger("reactiond.conversation")


@dataclass(frozen=True)
class TickContext:
    reaction: Row
    ours: OurMessage | None
    newer: bool
    # for an undo: the change this person's earlier reaction made, per record
    earlier: dict[int, Row] = field(default_factory=dict)


def load_tick(tx: Transaction, row_id: int) -> TickContext | None:
    r = talk.reaction(tx, row_id)
    if r is None:
        return None
    ours = load_ours(tx, str(r["instance"]), str(r["target_message_id"]))
    earlier: dict[int, Row] = {}
    if ours is not None and ours.action is not None:
        a = ours.action
        kind = spec_of(a.table).singular
        for rec in a.records:
            found = talk.last_reaction_change(
                tx, a.instance, a.id, kind, rec.id, int(r["reactor_id"])
            )
            if found is not None:
                earlier[rec.id] = found
    return TickContext(r, ours, talk.newer_reaction_on_target(tx, r), earlier)


@dataclass(frozen=True)
class TickPlan:
    tick: Tick
    changes: tuple[tuple[int, str, str], ...]  # (record id, from status, to status)
    language: Language
    why: str


def plan_tick(ctx: TickContext, policy: ReactionPolicy, *, now: float) -> TickPlan:
    """What the reaction does (pure)."""
    r = ctx.reaction
    ours = ctx.ours
    lang = language(r["reactor_language"], ours.language if ours else "en")
    if ours is None or ours.action is None:
        return TickPlan("none", (), lang, "the message is about no live record")
    a = ours.action
    rule_triggers = a.rule.triggers if a.rule is not None else ()
    tick = tick_of(str(r["emoji"]), rule_triggers)
    lang = ours.language
    if ctx.newer:
        return TickPlan(tick, (), lang, "superseded by a later reaction of the same person")
    if not may_speak_for(
        bool(r["reactor_from_me"]), int(r["reactor_id"]), str(r["reactor_display"]), ours
    ):
        return TickPlan(tick, (), lang, "not the person the message went to")
    targets = [
        rec
        for rec in a.records
        if ours.reminder_record is None or rec.id == ours.reminder_record[1]
    ]
    changes: list[tuple[int, str, str]] = []
    if tick == "undo":
        for rec in targets:
            before = ctx.earlier.get(rec.id)
            if before is None:
                continue
            changed = json.loads(str(before["changed"]))
            at = float(before["at"])
            in_window = now - at <= policy.undo_window_seconds
            untouched = float(rec.values["updated_at"]) == at
            was = changed.get("was")
            if in_window and untouched and isinstance(was, str):
                changes.append((rec.id, str(rec.values["status"]), was))
        return TickPlan(tick, tuple(changes), lang, "undo")
    for rec in targets:
        to = new_status(a.table, str(rec.values["status"]), tick)
        if to is not None:
            changes.append((rec.id, str(rec.values["status"]), to))
    return TickPlan(tick, tuple(changes), lang, tick)


def apply_tick(
    tx: Transaction, ctx: TickContext, plan: TickPlan, job: Job, now: float, policy: ReactionPolicy
) -> None:
    r = ctx.reaction
    ours = ctx.ours
    bound = log.bind(
        job_id=job.id,
        reaction=int(r["id"]),
        target=str(r["target_message_id"]),
        person_id=int(r["reactor_id"]),
        tick=plan.tick,
    )
    if ours is None or ours.action is None or not plan.changes:
        bound.info("tick_refused", why=plan.why)
        return
    a = ours.action
    spec = spec_of(a.table)
    names = []
    for record_id, was, to in plan.changes:
        current = next(rec for rec in a.records if rec.id == record_id)
        change_record(tx, spec, record_id, {"status": to}, now, policy.reminders)
        talk.add_chat_change(
            tx,
            talk.ChatChange(
                "reaction", a.instance, str(r["target_message_id"]), a.id, spec.singular,
                record_id, int(r["reactor_id"]), {"status": to, "was": was, "tick": plan.tick},
                now,
            ),
        )  # fmt: skip
        names.append(describe(EntityRow(a.table, current.values), plan.language))
    bound.info("ticked", records=[c[0] for c in plan.changes], to=[c[2] for c in plan.changes])
    what = "; ".join(names)
    if plan.tick == "undo":
        reopened = all(to == OPEN_STATUS.get(a.table) for _, _, to in plan.changes)
        text = say.reopened(what, plan.language) if reopened else say.cancelled(what, plan.language)
    elif plan.tick == "cancel":
        text = say.cancelled(what, plan.language)
    else:
        text = say.done(spec.singular, what, plan.language)
    outbox.queue_text(
        tx,
        dedupe_key=f"tick:{r['instance']}:{r['reaction_id']}",
        instance=ours.instance,
        destination=ours.destination,
        text=text,
        language=plan.language,
        action_id=a.id,
        now=now,
    )


class ChatReactionHandler:
    def __init__(
        self,
        store: Store,
        policy: ReactionPolicy,
        *,
        clock: Callable[[], float] = time.time,
        default_rules: TalkRules | None = None,
    ) -> None:
        self.default_rules = default_rules or TalkRules()
        self.store = store
        self.policy = policy
        self.clock = clock

    async def __call__(self, job: Job) -> Effects | None:
        rules = await self.store.read(lambda tx: read_talk_rules(tx, self.default_rules))
        if not rules.ticks:
            log.info("chat_tick_ignored", job_id=job.id, why="ticks are off")
            return None
        row_id = int(job.payload["reaction"])
        ctx = await self.store.read(lambda tx: load_tick(tx, row_id))
        if ctx is None:
            raise GiveUp(f"reaction {row_id} is not in the store")
        plan = plan_tick(ctx, self.policy, now=self.clock())

        def effects(tx: Transaction) -> None:
            apply_tick(tx, ctx, plan, job, self.clock(), self.policy)

        return effects
