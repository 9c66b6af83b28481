"""The reads behind a reaction job's snapshot (`reactiond/engine/reaction_context.py`):
the reaction and its reactor, the reacted-to message and its author, later reactions,
the reactor's recent pace, and their earlier actions on the same message; and the two
marks of a reaction that gave up on an unseen message, so that it runs again (once) when
the message arrives after all."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.domain import JobKind, NewJob
from reactiond.store.conversation_repo import TALK_RULES
from reactiond.store.interface import Row, Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("reactions", name)


def reaction_with_reactor(tx: Transaction, reaction_row_id: int) -> Row | None:
    return tx.execute_one(_q("reaction_with_reactor"), {"id": reaction_row_id})


def identities_of_person(tx: Transaction, person_id: int) -> frozenset[str]:
    rows = tx.execute(_q("identities_of_person"), {"person_id": person_id})
    return frozenset(str(r["jid"]) for r in rows)


def message_with_author(tx: Transaction, instance: str, message_id: str) -> Row | None:
    return tx.execute_one(
        _q("message_with_author"), {"instance": instance, "message_id": message_id}
    )


@dataclass(frozen=True)
class AroundReaction:
    """What a reaction's job reads besides the reaction itself, all at once."""

    identities: frozenset[str]  # every JID of the reactor
    message: Row | None  # the reacted-to message and its author, if stored
    newer_exists: bool  # a later reaction of the same person to the same message
    recent: int  # the reactor's reactions since `since`
    rule_rows: list[Row]  # every rule, by id
    live_actions: list[Row]  # the reactor's earlier live actions on the message
    talk_rules: str | None = None  # the stored talk rules (whether deletions are followed)


def around_reaction(tx: Transaction, reaction: Row, since: float) -> AroundReaction:
    """The seven reads of a reaction's snapshot in one batch (one round trip on
    PostgreSQL): each needs only the reaction's own row. The snapshot's last reads: the
    batch carries its read transaction's COMMIT."""
    on_message = {
        "instance": reaction["instance"],
        "message_id": reaction["target_message_id"],
        "reactor_id": reaction["reactor_id"],
    }
    ids, message, newer, recent, rules, actions, talk = tx.execute_batch(
        [
            (_q("identities_of_person"), {"person_id": reaction["reactor_id"]}),
            (
                _q("message_with_author"),
                {"instance": reaction["instance"], "message_id": reaction["target_message_id"]},
            ),
            (
                _q("newer_reaction_exists"),
                {**on_message, "sent_at_ms": reaction["sent_at_ms"], "id": reaction["id"]},
            ),
            (
                _q("count_reactions_since"),
                {"reactor_id": reaction["reactor_id"], "since": since, "id": reaction["id"]},
            ),
            (query("rules", "list_rule_rows"), {}),
            (_q("live_actions_on_message"), {**on_message, "reaction_row_id": reaction["id"]}),
            (query("conversation", "state_value"), {"key": TALK_RULES}),
        ],
        commit=True,
    )
    return AroundReaction(
        identities=frozenset(str(r["jid"]) for r in ids),
        message=message[0] if message else None,
        newer_exists=bool(newer),
        recent=int(recent[0]["n"]) if recent else 0,
        rule_rows=rules,
        live_actions=actions,
        talk_rules=str(talk[0]["value"]) if talk else None,
    )


def late_job_key(instance: str, reaction_id: str) -> str:
    """The dedupe key of a reaction's second run, once its message arrived late."""
    return f"reaction-late:{instance}:{reaction_id}"


def mark_unseen(tx: Transaction, reaction_row_id: int, now: float) -> bool:
    """The reaction's job gave up on its message; True when marked now."""
    return bool(tx.execute(_q("mark_reaction_unseen"), {"id": reaction_row_id, "now": now}))


def message_stored(tx: Transaction, instance: str, message_id: str) -> bool:
    params = {"instance": instance, "message_id": message_id}
    return tx.execute_one(_q("message_stored"), params) is not None


def run_unseen_again(
    tx: Transaction, instance: str, message_id: str, now: float, max_attempts: int | None
) -> int:
    """The message is in the store: queue again, once, each reaction to it that gave up
    as unseen. How many jobs were queued."""
    rows = tx.execute(
        _q("run_unseen_reactions_again"),
        {"instance": instance, "message_id": message_id, "now": now},
    )
    queued = 0
    for row in rows:
        if not int(row["again"]):
            continue
        job = NewJob(
            kind=JobKind.REACTION,
            payload={"reaction": int(row["id"]), "instance": str(row["instance"])},
            dedupe_key=late_job_key(str(row["instance"]), str(row["reaction_id"])),
            max_attempts=max_attempts,
        )
        if tx.enqueue(job, now) is not None:
            queued += 1
    return queued
