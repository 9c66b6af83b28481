"""Identity merges (issue 12 §2): whatever order a contact's phone JID, LID and both
arrive in, and whatever was made for each identity meanwhile (records, actions,
duplicate reactions, per-contact settings, replies waiting), every delivery is stored,
one person remains and nothing refers to a person that is gone."""

# Raw SQL here: PRAGMA foreign_key_check after merges, and a table the merge cannot fold.
from __future__ import annotations

import asyncio
import copy
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.domain import EntityRow
from reactiond.evolution.inbound import Translation, translate
from reactiond.store import outbox, people_repo, records_repo, rules_repo, trace_repo
from reactiond.store.interface import Transaction
from reactiond.store.records_repo import NewAction, Source
from reactiond.store.sqlite.store import SqliteStore
from tests import store_reads
from tests.fixtures import INSTANCE, fixture
from tests.store.contract.support import TASK_RULE

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
    on = trace_repo.reactions_on_message(tx, INSTANCE, ES_ID)
    r = next((x for x in on if x["reaction_id"] == reaction_id), None)
    if r is None:
        return
    rules = rules_repo.rule_rows(tx)
    rule = rules[0] if rules else rules_repo.insert_rule(tx, TASK_RULE, 0)
    rule_id = int(rule["id"])
    src = Source(INSTANCE, PHONE, ES_ID, int(r["reactor_id"]), int(r["id"]), "✅")
    made = NewAction(rule_id, "task", "create_task", "created", None)
    action_id = records_repo.insert_action(tx, made, src, 0)
    assert action_id is not None
    task = EntityRow("tasks", {"title": "Pagar", "tz": "America/Mexico_City", "language": "es"})
    records_repo.insert_records(tx, action_id, rule_id, [task], src, 0)


def set_tz(tx: Transaction, jid: str) -> None:
    people_repo.set_tz(tx, jid, "America/Cancun")
    people_repo.set_reply_language(tx, jid, "pt")


def queue_reply(tx: Transaction, jid: str) -> None:
    outbox.queue_text(
        tx, dedupe_key=f"reply-{jid}", instance=INSTANCE, destination=jid, text="ok", now=0
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


TEXT_IDS = ("TEXT-P", "TEXT-L", "TEXT-TZ", "TEXT-RE", "TEXT-B")


async def check(store: SqliteStore, steps: list[str]) -> None:
    # Raw: that no row refers to a person that is gone is the database's own check.
    fk = await store.read(lambda tx: tx.execute("PRAGMA foreign_key_check"))
    assert fk == []
    [person] = await store.read(people_repo.list_people)
    assert {PHONE, LID} <= set(person.identities)
    assert person.jid == PHONE
    reactions = await store_reads.reactions_on(store, INSTANCE, ES_ID)
    reacted = [s for s in steps if s.startswith("react-")]
    # Both reactions are kept only when each came before the link was known (then the
    # merge folds them into one row); after it the second is the same reaction again.
    assert len(reactions) == min(len(reacted), 1)
    made = len(reacted)
    if made == 2 and steps.index("both") < max(steps.index(s) for s in reacted):
        made = 1
    tasks = await store_reads.records(store, "tasks")
    assert [t["reactor_id"] for t in tasks] == [person.id] * made
    actions = await store_reads.actions_on(store, INSTANCE, ES_ID)
    assert len([a for a in actions if a["cancelled_at"] is None]) == min(made, 1)
    if "tz-lid" in steps:
        assert person.tz == "America/Cancun"
        # A reply language chosen for either identity stays chosen (issue 19).
        assert (person.language, person.language_set) == ("pt", True)
    texts = {"text-phone", "text-lid", "tz-lid", "reply-lid", "both"}
    stored = [await store_reads.message(store, INSTANCE, m) for m in TEXT_IDS]
    assert len([m for m in stored if m is not None]) == sum(s in texts for s in steps)
    if "reply-lid" in steps and steps.index("reply-lid") < steps.index("both"):
        # Queued to the LID before the phone number was known: redirected to it.
        assert [r.destination for r in await store_reads.replies(store)] == ["5215587654321"]


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
            # Raw: a table of a schema this store does not have, to make the merge fail.
            tx.execute("CREATE TABLE t (p INTEGER UNIQUE REFERENCES people(id))")
            tx.execute("INSERT INTO t SELECT id FROM people")

        await store.write(one_row_each)
        await ingest(store, text_by("both", "B"))
        assert await store_reads.message(store, INSTANCE, "TEXT-B") is not None
        assert len(await store.read(people_repo.list_people)) == 2
    finally:
        await store.close()
