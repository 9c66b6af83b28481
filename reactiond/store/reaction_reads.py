"""The reads behind a reaction job's snapshot (`reactiond/engine/reaction_context.py`):
the reaction and its reactor, the reacted-to message and its author, later reactions,
the reactor's recent pace, and their earlier actions on the same message."""

from __future__ import annotations

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


def newer_reaction_exists(tx: Transaction, reaction: Row) -> bool:
    found = tx.execute_one(
        _q("newer_reaction_exists"),
        {
            "instance": reaction["instance"],
            "message_id": reaction["target_message_id"],
            "reactor_id": reaction["reactor_id"],
            "sent_at_ms": reaction["sent_at_ms"],
            "id": reaction["id"],
        },
    )
    return found is not None


def count_reactions_since(tx: Transaction, reaction: Row, since: float) -> int:
    row = tx.execute_one(
        _q("count_reactions_since"),
        {"reactor_id": reaction["reactor_id"], "since": since, "id": reaction["id"]},
    )
    return int(row["n"]) if row is not None else 0


def live_actions_on_message(tx: Transaction, reaction: Row) -> list[Row]:
    return tx.execute(
        _q("live_actions_on_message"),
        {
            "instance": reaction["instance"],
            "message_id": reaction["target_message_id"],
            "reactor_id": reaction["reactor_id"],
            "reaction_row_id": reaction["id"],
        },
    )
