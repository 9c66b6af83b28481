"""`plan_reaction` decides everything a reaction does, without I/O: the rows, each
reply's words, language and route, the reminders. `reactions.apply` only writes it."""

from __future__ import annotations

import dataclasses

import pytest

from reactiond import replies
from reactiond.actions.base import EntityRow
from reactiond.engine.reaction_context import PriorAction, ReactionContext
from reactiond.engine.reaction_plan import ReactionPolicy, plan_reaction
from reactiond.engine.reminders import ReminderConfig
from reactiond.engine.worker import RetryLater
from reactiond.nlp import parse
from reactiond.rules.model import Rule, RuleConfig
from tests.unit.nlp.test_sender_hint import context

OWNER = "5511888888888"  # the reactor is the owner: replies go to their own chat


def with_rule(ctx: ReactionContext, rule: Rule, **changes: object) -> ReactionContext:
    return dataclasses.replace(ctx, rules=(rule,), emoji=rule.triggers[0], **changes)


def task_rule(**config: object) -> Rule:
    return Rule(
        id=3, name="task", triggers=("✅",), action="create_task", config=RuleConfig(**config)
    )


def test_a_creation_carries_its_rows_its_action_and_its_confirmations_route() -> None:
    ctx = with_rule(context(None, "5511999999999"), task_rule())
    plan = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0)
    [creation] = plan.creations
    assert creation.rows and creation.action.outcome == "created"
    assert creation.action.rule_name == "task"
    assert creation.reply is not None
    assert creation.reply.target.destination == OWNER  # the owner's "message yourself"
    assert creation.reply.text == creation.reply_text
    assert creation.reply.language == creation.reply_language


def test_reminders_follow_the_confirmation_with_the_rules_own_lead() -> None:
    ctx = with_rule(context(None, None), task_rule(remind_days_before=5, reminders=True))
    policy = ReactionPolicy(reminders=ReminderConfig(bill_days_before=3))
    [creation] = plan_reaction(ctx, policy, parse, attempts=1, now=0.0).creations
    assert creation.reminders is not None
    assert creation.reminders.config.bill_days_before == 5
    assert creation.reminders.bill_reminders is True
    assert creation.reminders.reply_to.destination == OWNER


def test_a_rule_that_replies_nowhere_plans_no_reply_and_no_reminders() -> None:
    ctx = with_rule(context(None, None), task_rule(reply="none"))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0).creations
    assert creation.reply is None and creation.reminders is None
    assert creation.rows  # the record is still made


def test_an_unseen_message_gets_its_reply_planned_once_the_retries_are_spent() -> None:
    ctx = with_rule(context(None, None), task_rule(), message=None, reactor_language="es")
    policy = ReactionPolicy(unseen_retries=1)
    with pytest.raises(RetryLater):
        plan_reaction(ctx, policy, parse, attempts=1, now=0.0)
    plan = plan_reaction(ctx, policy, parse, attempts=2, now=0.0)
    assert plan.unseen_reply is not None
    assert plan.unseen_reply.text == replies.cannot_see_message("es")
    assert plan.unseen_reply.target.destination == OWNER
    assert plan.unseen_reply_key == "unseen:1"


def test_a_changed_emoji_plans_the_cancellation_its_reminders_and_its_words() -> None:
    prior = PriorAction(
        id=40,
        rule_id=9,
        action="create_task",
        emoji="📌",
        reaction_sent_ms=1_736_872_000_000 - 1000,
        language="pt",
        rule_reply=None,
        records=(EntityRow("tasks", {"id": 77, "title": "ligar para o banco"}),),
    )
    ctx = with_rule(context(None, None), task_rule(), prior=(prior,))
    plan = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0)
    [cancel] = plan.cancellations
    assert cancel.table == "tasks"
    assert cancel.reminders == (("task", 77),)
    assert cancel.reply_key == "cancel:40"
    assert cancel.reply is not None
    assert cancel.reply.text == replies.cancelled("ligar para o banco", lang="pt")
    assert cancel.reply.language == "pt"


def test_planning_is_a_function_of_its_inputs() -> None:
    ctx = with_rule(context("es", None), task_rule())
    first = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0)
    again = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=0.0)
    strip = [dataclasses.replace(c, micros=0) for c in first.creations]
    assert strip == [dataclasses.replace(c, micros=0) for c in again.creations]


def test_giving_up_on_an_unseen_message_is_planned_so_it_can_run_again() -> None:
    ctx = with_rule(context(None, None), task_rule(reply="none"), message=None)
    plan = plan_reaction(ctx, ReactionPolicy(unseen_retries=1), parse, attempts=2, now=0.0)
    assert plan.gave_up_unseen  # marked even when the rule replies nowhere
    assert plan.unseen_reply is None and plan.creations == []


def test_a_seen_message_is_no_giving_up() -> None:
    ctx = with_rule(context(None, None), task_rule())
    plan = plan_reaction(ctx, ReactionPolicy(unseen_retries=1), parse, attempts=2, now=0.0)
    assert not plan.gave_up_unseen and plan.creations


def _deleted(ctx: ReactionContext) -> ReactionContext:
    assert ctx.message is not None
    return dataclasses.replace(ctx, message=dataclasses.replace(ctx.message, deleted_at=5.0))


def test_a_message_deleted_first_gets_its_action_closed_without_records_or_reply() -> None:
    ctx = _deleted(with_rule(context(None, None), task_rule(reminders=True)))
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=9.0).creations
    assert creation.closed
    assert creation.rows == () and creation.reply is None and creation.reminders is None
    assert creation.action.outcome == "cancelled"
    assert creation.action.detail is not None
    assert creation.action.detail.endswith("message deleted")  # as the deletion job says
    assert creation.result.success  # what the parse read stays for the trace


def test_with_deletions_not_followed_a_message_deleted_first_still_makes_its_record() -> None:
    ctx = dataclasses.replace(
        _deleted(with_rule(context(None, None), task_rule())), follow_deletes=False
    )
    [creation] = plan_reaction(ctx, ReactionPolicy(), parse, attempts=1, now=9.0).creations
    assert not creation.closed and creation.rows and creation.reply is not None
