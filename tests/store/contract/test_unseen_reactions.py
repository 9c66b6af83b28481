"""A reaction whose job gave up on an unseen message is marked (reaction_reads
`mark_unseen`) and runs again, once, when the message arrives after all: queued by the
message's ingest, or by the job's own write when the message came in meanwhile
(`run_unseen_again`)."""

from __future__ import annotations

from reactiond.domain import Job
from reactiond.store import reaction_reads
from reactiond.store.interface import Store, Transaction
from tests.fixtures import INSTANCE, fixture
from tests.store.contract.support import NOW, ingest
from tests.store.contract.test_reaction_snapshot import reaction_to

MESSAGE = fixture("messages.upsert.text-conversation.es")
MESSAGE_ID = MESSAGE["data"]["key"]["id"]


async def gave_up(store: Store, reaction_id: str) -> int:
    """A reaction to MESSAGE, stored before it; its job gave up on it. Its row id."""
    await ingest(store, reaction_to(MESSAGE_ID, reaction_id), now=NOW)
    [job] = [j for j in await store.list_jobs(kind="reaction") if reaction_id in str(j.dedupe_key)]
    row_id = int(job.payload["reaction"])
    assert await store.write(lambda tx: reaction_reads.mark_unseen(tx, row_id, NOW + 60))
    return row_id


async def late_jobs(store: Store) -> list[Job]:
    jobs = await store.list_jobs(kind="reaction")
    return [j for j in jobs if str(j.dedupe_key).startswith("reaction-late:")]


async def test_the_message_arriving_queues_the_reaction_that_gave_up_on_it(store: Store) -> None:
    row_id = await gave_up(store, "R-LATE-1")
    result = await ingest(store, MESSAGE, now=NOW + 120)
    [job] = await late_jobs(store)
    assert job.payload == {"reaction": row_id, "instance": INSTANCE}
    assert job.dedupe_key == reaction_reads.late_job_key(INSTANCE, "R-LATE-1")
    assert result.jobs_enqueued == 1


async def test_a_reaction_still_waiting_for_its_message_is_not_queued_again(store: Store) -> None:
    await ingest(store, reaction_to(MESSAGE_ID, "R-LATE-2"), now=NOW)
    await ingest(store, MESSAGE, now=NOW + 1)  # its own job finds the message on retry
    assert await late_jobs(store) == []


async def test_a_reaction_runs_again_only_once(store: Store) -> None:
    row_id = await gave_up(store, "R-LATE-3")
    await ingest(store, MESSAGE, now=NOW + 120)

    def again(tx: Transaction) -> int:
        assert not reaction_reads.mark_unseen(tx, row_id, NOW + 200)
        return reaction_reads.run_unseen_again(tx, INSTANCE, MESSAGE_ID, NOW + 200, 5)

    assert await store.write(again) == 0
    assert len(await late_jobs(store)) == 1


async def test_giving_up_after_the_message_came_in_is_seen_by_the_write(store: Store) -> None:
    # The job's snapshot missed the message; its write marks the reaction, finds the
    # message stored, and queues the second run itself.
    await ingest(store, reaction_to(MESSAGE_ID, "R-LATE-4"), now=NOW)
    await ingest(store, MESSAGE, now=NOW + 1)
    [job] = await store.list_jobs(kind="reaction")
    row_id = int(job.payload["reaction"])

    def give_up(tx: Transaction) -> bool:
        return reaction_reads.mark_unseen(tx, row_id, NOW + 60) and reaction_reads.message_stored(
            tx, INSTANCE, MESSAGE_ID
        )

    assert await store.write(give_up)
    n = await store.write(
        lambda tx: reaction_reads.run_unseen_again(tx, INSTANCE, MESSAGE_ID, NOW + 60, 5)
    )
    assert n == 1 and len(await late_jobs(store)) == 1
