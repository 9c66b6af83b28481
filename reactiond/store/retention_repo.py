"""What retention may remove, and removing it: the statements behind `ops/retention`.

Each `Target` is one kind of old data: a named finder (ids older than a cutoff, at most a
batch) and the named drops over those ids, from `queries/retention.sql`. The policy (which
age applies, how often, in which batches) stays in `reactiond/ops/retention.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from reactiond.store.interface import Transaction
from reactiond.store.queries import query


@dataclass(frozen=True)
class Target:
    name: str
    age: str  # which setting gives its age: raw | jobs | logs | messages | media
    find: str  # the named query listing ids older than :cutoff, at most :n
    drops: tuple[str, ...]  # the named queries removing those :ids, in order


TARGETS = (
    Target("messages.raw", "raw", "find_expired_message_payloads", ("drop_message_payloads",)),
    Target("reactions.raw", "raw", "find_expired_reaction_payloads", ("drop_reaction_payloads",)),
    Target("jobs", "jobs", "find_finished_jobs", ("drop_job_attempts", "drop_finished_jobs")),
    Target("outbox", "jobs", "find_finished_replies", ("drop_finished_replies",)),
    Target("reactions", "messages", "find_idle_reactions", ("drop_reactions",)),
    Target(
        "messages", "messages", "find_idle_messages", ("drop_media_of_messages", "drop_messages")
    ),
    Target("media.bytes", "media", "find_expired_media_bytes", ("drop_media_bytes",)),
    Target("event_log", "logs", "find_old_events", ("drop_events",)),
    Target("nlp_log", "logs", "find_old_parse_logs", ("drop_parse_logs",)),
)


# Before any age: where a run's first batch starts.
START: tuple[float, int] = (float("-inf"), 0)


@dataclass(frozen=True)
class Found:
    """One batch of ids to remove, and where the next batch starts: the finders whose
    kept rows stay in their index (idle reactions and messages) resume after the last row
    this batch looked at, so a run reads each row once (linear, not quadratic)."""

    ids: list[int]
    after: tuple[float, int]


def find_expired(
    tx: Transaction, target: Target, cutoff: float, n: int, after: tuple[float, int] = START
) -> Found:
    sql = query("retention", target.find)
    params: dict[str, float | int] = {"cutoff": cutoff, "n": n}
    if ":after_at" in sql:
        params |= {"after_at": after[0], "after_id": after[1]}
    rows = tx.execute(sql, params)
    ids = [int(r["id"]) for r in rows]
    if rows and "at" in rows[-1]:
        after = (float(rows[-1]["at"]), ids[-1])
    return Found(ids, after)


def drop(tx: Transaction, target: Target, ids: list[int]) -> int:
    """Remove one batch found by `find_expired`; the number of ids handled."""
    batch = json.dumps([int(i) for i in ids])
    for name in target.drops:
        tx.execute(query("retention", name), {"ids": batch})
    return len(ids)
