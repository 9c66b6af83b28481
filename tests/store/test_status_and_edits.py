"""A delivery status never moves backwards, and an edit delivered twice (2.3.7 sends it
as messages.edited and as messages.update) is applied once (issue 13 §3)."""

from __future__ import annotations

import asyncio
import copy
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.evolution.inbound import Translation, translate
from reactiond.store import trace_repo
from reactiond.store.queries import query
from reactiond.store.sqlite.ingest import _STATUS_ORDER
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture

EN_ID = "A7C31E9B05D24F68B1E0C9D8F7A6B5C4"
ORDER = ["PENDING", "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED"]


async def ingest(store: SqliteStore, payload: dict[str, Any]) -> Any:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    return await store.ingest(t.instance, t.event, t.events, time.time())


def receipt(status: str) -> dict[str, Any]:
    p = copy.deepcopy(fixture("messages.update.status-read"))
    p["data"]["keyId"] = EN_ID
    p["data"]["status"] = status
    return p


async def message_row(store: SqliteStore) -> Any:
    return await store.read(lambda tx: trace_repo.message(tx, INSTANCE, EN_ID))


def with_store(scenario: Any) -> None:
    async def run(root: Path) -> None:
        store = SqliteStore(root / "reactiond.db", default_max_attempts=3)
        await store.open()
        try:
            await ingest(store, fixture("messages.upsert.text-extended-normalized.en"))
            await scenario(store)
        finally:
            await store.close()

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(Path(tmp)))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(ORDER), min_size=1, max_size=6))
def test_the_status_is_the_furthest_one_seen_in_any_order(statuses: list[str]) -> None:
    async def scenario(store: SqliteStore) -> None:
        for status in statuses:
            await ingest(store, receipt(status))
        row = await message_row(store)
        assert row["status"] == max(statuses, key=ORDER.index)

    with_store(scenario)


def test_an_edit_carried_by_an_update_does_not_turn_read_back() -> None:
    # Regression: 2.3.7's messages.update with editedMessage + SERVER_ACK overwrote READ.
    async def scenario(store: SqliteStore) -> None:
        await ingest(store, receipt("READ"))
        await ingest(store, fixture("versions/2.3.7.update-carrying-edit"))
        row = await message_row(store)
        assert (row["status"], row["text"]) == ("READ", "Review presentation by Thursday")

    with_store(scenario)


@given(st.booleans())
@settings(max_examples=4, deadline=None)
def test_the_same_edit_by_both_events_is_applied_once(update_first: bool) -> None:
    async def scenario(store: SqliteStore) -> None:
        edited = fixture("messages.edited.text-edit")
        update = fixture("versions/2.3.7.update-carrying-edit")  # the edit + SERVER_ACK
        events = [update, edited] if update_first else [edited, update]
        stored = [(await ingest(store, e)).stored for e in (*events, events[0])]
        row = await message_row(store)
        assert row["text"] == "Review presentation by Thursday"
        # The text changes once; after that only the update's status is news (once).
        assert stored == ([2, 0, 0] if update_first else [1, 1, 0])

    with_store(scenario)


def test_a_second_edit_carried_only_by_an_update_is_applied() -> None:
    # Regression: 2.3.7's messages.update carries no edit time, so every such edit was
    # stored at time 0 and the second one ("edited_at < 0") was silently dropped.
    async def scenario(store: SqliteStore) -> None:
        again = copy.deepcopy(fixture("versions/2.3.7.update-carrying-edit"))
        again["data"]["message"]["editedMessage"]["message"]["conversation"] = "By Wednesday"
        await ingest(store, fixture("versions/2.3.7.update-carrying-edit"))
        await ingest(store, again)
        assert (await message_row(store))["text"] == "By Wednesday"

    with_store(scenario)


def test_an_untimed_edit_does_not_undo_a_timed_later_one() -> None:
    # messages.edited says when; an update without a time must not roll that edit back.
    async def scenario(store: SqliteStore) -> None:
        later = copy.deepcopy(fixture("messages.edited.text-edit"))
        later["data"]["editedMessage"]["conversation"] = "By Wednesday"
        await ingest(store, later)
        await ingest(store, fixture("versions/2.3.7.update-carrying-edit"))
        assert (await message_row(store))["text"] == "By Wednesday"

    with_store(scenario)


def test_the_stored_status_is_ranked_as_the_arriving_one() -> None:
    """advance_message_status ranks the stored status with a CASE in ingest.sql and the
    arriving one with ingest.py's _STATUS_ORDER: the two agree on every status."""
    sql = " ".join(query("ingest", "advance_message_status").split())
    ranks = re.findall(r"WHEN status = '([^']*)' THEN (\d+)", sql)
    assert {status: int(rank) for status, rank in ranks} == _STATUS_ORDER
    assert len(ranks) == len(_STATUS_ORDER)
    assert "(CASE WHEN status IS NULL THEN -1 WHEN " in sql and " ELSE 0 END) < :rank" in sql
