"""Identity merges (issue 12 §2): whatever order a contact's phone JID, LID and both
arrive in, and whatever was made for each identity meanwhile (records, actions,
duplicate reactions, per-contact settings, replies waiting), every delivery is stored,
one person remains and nothing refers to a person that is gone."""

from __future__ import annotations

import asyncio
import copy
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.evolution.inbound import Translation, translate
from reactiond.store.interface import Transaction
from reactiond.store.sqlite.store import SqliteStore
from tests.fixtures import INSTANCE, fixture

PHONE = "5215587654321@s.whatsapp.net"
LID = "190000000000002@lid"
ES_ID = "3A5F1C2B7D9E4A6B8C01"
SENT_MS = 1_736_872_030_000


def text_by(ids: str, suffix: str) -> dict[str, Any]:
    p = copy.deepcopy(fixture("messages.upsert.text-lid"))
    key = p["data"]["key"]
    key["id"] = f"TEXT-{suffix}"
    if ids == "phone":
        key["remoteJid"] = PHONE
        del key["remoteJidAlt"]
    elif ids == "lid":
        del key["remoteJidAlt"]
    return p


def reaction_by(jid: str, reaction_id: str) -> dict[str, Any]:
    """Lucía ✅ on her own message, by one identity only; both identities' reactions share
    target, emoji and send time, so after a merge they are the same reaction twice."""
    p = copy.deepcopy(fixture("messages.upsert.reaction-lid"))
    key = p["data"]["key"]
    key["id"], key["remoteJid"] = reaction_id, jid
    del key["remoteJidAlt"]
    inner = p["data"]["message"]["reactionMessage"]
    inner["key"] = {"remoteJid": jid, "fromMe": False, "id": ES_ID}
    inner["text"] = "✅"
    inner["senderTimestampMs"] = SENT_MS
    return p


async def ingest(store: SqliteStore, payload: dict[str, Any]) -> None:
    t = translate(payload, instance_from_url=INSTANCE)
    assert isinstance(t, Translation)
    await store.ingest(t.instance, t.event, t.events, time.time())


def make_task(tx: Transaction, reaction_id: str) -> None:
    """What the worker writes for a ✅: an action for the (only) rule and a task. A
    reaction already known as the same person's is not stored again: nothing to do."""
    r = tx.execute_one("SELECT id, reactor_id FROM reactions WHERE reaction_id = ?", (reaction_id,))
    if r is None:
        return
    rule = tx.execute_one("SELECT id FROM rules ORDER BY id LIMIT 1")
    if rule is None:
        rule = tx.execute_one(
            "INSERT INTO rules (name, triggers, action, parser, created_at, updated_at)"
            " VALUES ('task', '[\"✅\"]', 'create_task', 'task', 0, 0) RETURNING id"
        )
    assert rule is not None
    action = tx.execute_one(
        "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,"
        " reactor_id, reaction_row_id, emoji, outcome, created_at)"
        " VALUES (?, 'task', 'create_task', ?, ?, ?, ?, ?, '✅', 'created', 0)"
        " ON CONFLICT DO NOTHING RETURNING id",
        (rule["id"], INSTANCE, PHONE, ES_ID, r["reactor_id"], r["id"]),
    )
    assert action is not None
    tx.execute(
        "INSERT INTO tasks (action_id, title, tz, language, instance, chat_jid, message_id,"
        " reactor_id, emoji, created_at, updated_at)"
        " VALUES (?, 'Pagar', 'America/Mexico_City', 'es', ?, ?, ?, ?, '✅', 0, 0)",
        (action["id"], INSTANCE, PHONE, ES_ID, r["reactor_id"]),
    )


def set_tz(tx: Transaction, jid: str) -> None:
    tx.execute(
        "UPDATE people SET tz = 'America/Cancun', language = 'pt', language_set = 1"
        " WHERE id = (SELECT person_id FROM person_ids WHERE jid = ?)",
        (jid,),
    )


def queue_reply(tx: Transaction, jid: str) -> None:
    tx.execute(
        "INSERT INTO outbox (dedupe_key, instance, destination, body, next_attempt_at,"
        " created_at, updated_at) VALUES (?, ?, ?, json_object('number', ?, 'text', 'ok'),"
        " 0, 0, 0)",
        (f"reply-{jid}", INSTANCE, jid, jid),
    )


STEPS = ("text-phone", "text-lid", "react-lid", "react-phone", "tz-lid", "reply-lid")


async def play(store: SqliteStore, steps: list[str]) -> None:
    for step in steps:
        if step == "text-phone":
            await ingest(store, text_by("phone", "P"))
        elif step == "text-lid":
            await ingest(store, text_by("lid", "L"))
        elif step == "both":
            await ingest(store, text_by("both", "B"))
        elif step.startswith("react-"):
            jid = LID if step == "react-lid" else PHONE
            await ingest(store, reaction_by(jid, f"R-{step}"))
            await store.write(lambda tx, s=step: make_task(tx, f"R-{s}"))
        elif step == "tz-lid":
            await ingest(store, text_by("lid", "TZ"))
            await store.write(lambda tx: set_tz(tx, LID))
        elif step == "reply-lid":
            await ingest(store, text_by("lid", "RE"))
            await store.write(lambda tx: queue_reply(tx, LID))


async def check(store: SqliteStore, steps: list[str]) -> None:
    def q(tx: Transaction) -> dict[str, Any]:
        return {
            "fk": list(tx.execute("PRAGMA foreign_key_check")),
            "owners": {
                str(r["jid"]): int(r["person_id"])
                for r in tx.execute("SELECT jid, person_id FROM person_ids")
            },
            "people": [dict(r) for r in tx.execute("SELECT * FROM people")],
            "tasks": [int(r["reactor_id"]) for r in tx.execute("SELECT reactor_id FROM tasks")],
            "live": list(tx.execute("SELECT id FROM actions WHERE cancelled_at IS NULL")),
            "replies": [str(r["destination"]) for r in tx.execute("SELECT * FROM outbox")],
            "messages": int(tx.execute("SELECT COUNT(*) AS n FROM messages")[0]["n"]),
            "reactions": int(tx.execute("SELECT COUNT(*) AS n FROM reactions")[0]["n"]),
        }

    seen = await store.read(q)
    assert seen["fk"] == []
    assert seen["owners"][PHONE] == seen["owners"][LID]
    [person] = seen["people"]
    assert person["display_jid"] == PHONE
    reacted = [s for s in steps if s.startswith("react-")]
    # Both reactions are kept only when each came before the link was known (then the
    # merge folds them into one row); after it the second is the same reaction again.
    assert seen["reactions"] == min(len(reacted), 1)
    made = len(reacted)
    if made == 2 and steps.index("both") < max(steps.index(s) for s in reacted):
        made = 1
    assert seen["tasks"] == [person["id"]] * made
    assert len(seen["live"]) == min(made, 1)
    if "tz-lid" in steps:
        assert person["tz"] == "America/Cancun"
        # A reply language chosen for either identity stays chosen (issue 19).
        assert (person["language"], person["language_set"]) == ("pt", 1)
    texts = {"text-phone", "text-lid", "tz-lid", "reply-lid", "both"}
    assert seen["messages"] == sum(s in texts for s in steps)
    if "reply-lid" in steps and steps.index("reply-lid") < steps.index("both"):
        # Queued to the LID before the phone number was known: redirected to it.
        assert seen["replies"] == ["5215587654321"]


def run(steps: list[str]) -> None:
    async def scenario(root: Path) -> None:
        store = SqliteStore(root / "reactiond.db", default_max_attempts=3)
        await store.open()
        try:
            await play(store, steps)
            await check(store, steps)
        finally:
            await store.close()

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(scenario(Path(tmp)))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(STEPS), unique=True).flatmap(
        lambda chosen: st.permutations([*chosen, "both"])
    )
)
def test_merges_in_every_order_keep_one_person_and_every_row(steps: list[str]) -> None:
    run(steps)


def test_the_reported_order_phone_then_lid_reaction_then_both() -> None:
    # Regression (issue 12 §2): FOREIGN KEY constraint failed in the merge, forever.
    run(["text-phone", "react-lid", "both"])


def test_both_identities_reacting_before_the_link_keeps_both_tasks() -> None:
    run(["react-phone", "react-lid", "tz-lid", "reply-lid", "both"])


async def test_a_merge_that_cannot_be_made_still_stores_the_message(tmp_path: Path) -> None:
    # A table the merge cannot fold (one row per person, both people have one): the merge
    # is undone, both people stay apart, and the delivery is stored all the same.
    store = SqliteStore(tmp_path / "reactiond.db", default_max_attempts=3)
    await store.open()
    try:
        await ingest(store, text_by("phone", "P"))
        await ingest(store, text_by("lid", "L"))

        def one_row_each(tx: Transaction) -> None:
            tx.execute("CREATE TABLE t (p INTEGER UNIQUE REFERENCES people(id))")
            tx.execute("INSERT INTO t SELECT id FROM people")

        await store.write(one_row_each)
        await ingest(store, text_by("both", "B"))
        rows = await store.read(
            lambda tx: (
                tx.execute("SELECT message_id FROM messages WHERE message_id = 'TEXT-B'"),
                tx.execute("SELECT id FROM people"),
            )
        )
        assert len(rows[0]) == 1 and len(rows[1]) == 2
    finally:
        await store.close()
