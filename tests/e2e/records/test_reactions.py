"""A reaction becomes a record, through the real webhook, worker and store."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from reactiond.store import outbox
from reactiond.store.outbox import OutboxRow
from reactiond.store.records_query import update_record_row
from tests import store_reads
from tests.e2e.records.conftest import (
    EN_MESSAGE,
    ES_MESSAGE,
    GROUP_REACTION_BY_OTHER,
    PT_MESSAGE,
    Conversation,
    reaction,
    text_message,
)
from tests.fixtures import fixture
from tests.waiting import eventually

T0 = 1_736_872_000_000  # ms, after every fixture message was sent

TEXTS = {
    "es": {
        "task": "Enviar el reporte mañana a las 10",
        "calendar": "Reunión mañana a las 15h en la oficina",
        "bill": "Pagar luz CFE $890 vence 15 enero",
        "note": "Idea: menú de temporada con mango",
    },
    "en": {
        "task": "Review presentation by Friday",
        "calendar": "Dentist appointment tomorrow at 3pm",
        "bill": "Pay electricity bill $89.50 due Jan 20",
        "note": "Remember the wifi password is on the fridge",
    },
    "pt": {
        "task": "Comprar leite amanhã",
        "calendar": "Reunião amanhã às 15h no Zoom",
        "bill": "Pagar conta de luz R$ 150 vence dia 20",
        "note": "Ideia: cardápio novo com açaí",
    },
}
BASE = {"es": ES_MESSAGE, "en": EN_MESSAGE, "pt": PT_MESSAGE}
# The field that shows the right record was made: the due/start date counts from when the
# message was sent (14 Jan 2025, a Tuesday), the amount is the message's.
KEY_FIELD = {"task": "due_local", "calendar": "start_local", "bill": "amount", "note": "title"}
EXPECTED = {
    "es": {
        "task": "2025-01-15T10:00",
        "calendar": "2025-01-15T15:00",
        "bill": "890.00",
        "note": "Menú de temporada con mango",
    },
    "en": {
        "task": "2025-01-17",
        "calendar": "2025-01-15T15:00",
        "bill": "89.50",
        "note": "Remember the wifi password is on the fridge",
    },
    "pt": {
        "task": "2025-01-15",
        "calendar": "2025-01-15T15:00",
        "bill": "150.00",
        "note": "Cardápio novo com açaí",
    },
}
RULES = {
    "✅": ("task", "tasks"),
    "📅": ("calendar", "calendar_events"),
    "💳": ("bill", "bills"),
    "📝": ("note", "notes"),
    "🔴": ("task", "tasks"),
}


async def react(chat: Conversation, lang: str, parser: str, emoji: str, n: int = 1) -> str:
    message_id = f"MSG-{lang}-{parser}-{n}"
    msg = text_message(BASE[lang], message_id, TEXTS[lang][parser])
    await chat.post(msg)
    await chat.post(reaction(msg, emoji, f"R-{message_id}-{emoji}", sent_ms=T0 + n))
    await chat.settle()
    return message_id


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
@pytest.mark.parametrize("emoji", list(RULES))
async def test_each_default_rule_creates_its_record_once(
    chat: Conversation, lang: str, emoji: str
) -> None:
    parser, table = RULES[emoji]
    message_id = await react(chat, lang, parser, emoji)

    records = [r for r in await chat.records(table) if r["message_id"] == message_id]
    assert len(records) == 1
    record = records[0]
    assert record["language"] == lang
    assert record["emoji"] == emoji
    store = chat.daemon.store
    actions = await store_reads.actions_on(store, record["instance"], message_id)
    assert [a["outcome"] for a in actions] == ["created"]
    assert record["action_id"] == actions[0]["id"]
    assert len([r for r in await chat.replies() if r.action_id == record["action_id"]]) == 1
    parses = await store_reads.parses_on(store, record["instance"], message_id)
    assert [p["action_id"] for p in parses] == [record["action_id"]]
    assert record[KEY_FIELD[parser]] == EXPECTED[lang][parser]
    if emoji == "🔴":
        assert record["priority"] == "high"


async def test_bill_fields_come_from_the_message(chat: Conversation) -> None:
    message_id = await react(chat, "es", "bill", "💳")
    [bill] = [b for b in await chat.records("bills") if b["message_id"] == message_id]
    assert (bill["vendor"], bill["amount"], bill["currency"]) == ("CFE", "890.00", "MXN")
    assert bill["due_local"] == "2025-01-15"
    assert bill["status"] == "pending"


async def test_time_comes_from_when_and_where_the_message_was_written(chat: Conversation) -> None:
    # Rafael (+55 11, São Paulo) wrote "amanhã às 15h" on 2025-01-14; the daemon runs in UTC
    # in 2026: the event is on 2025-01-15 at 15:00 São Paulo time.
    msg = fixture(PT_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-PT-CAL", sent_ms=T0))
    await chat.settle()
    [event] = await chat.records("calendar_events")
    assert event["tz"] == "America/Sao_Paulo"
    assert event["start_local"] == "2025-01-15T15:00"
    expected = datetime(2025, 1, 15, 15, 0, tzinfo=ZoneInfo("America/Sao_Paulo")).timestamp()
    assert event["start_at"] == expected


async def test_several_bills_in_one_message_create_several_bills(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-TWO-BILLS", "Pagar luz $890 y agua $320 el viernes")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-TWO-BILLS", sent_ms=T0))
    await chat.settle()
    bills = sorted(await chat.records("bills"), key=lambda b: int(b["position"]))
    assert [b["amount"] for b in bills] == ["890.00", "320.00"]
    assert len({b["action_id"] for b in bills}) == 1


async def test_redelivered_reaction_creates_nothing_more(chat: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    add = fixture("messages.upsert.reaction-add")
    await chat.post(msg)
    await chat.post(add)
    await chat.settle()
    await chat.post(add)
    await chat.post(add)
    await chat.settle()
    assert len(await chat.records("tasks")) == 1
    assert len(await chat.replies()) == 1


async def test_double_reaction_creates_one_record(chat: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-FIRST", sent_ms=T0))
    await chat.post(reaction(msg, "✅", "R-SECOND", sent_ms=T0 + 500))
    await chat.settle()
    assert len(await chat.records("tasks")) == 1
    assert len(await chat.actions(msg)) == 1


async def test_removed_reaction_cancels_what_it_created(chat: Conversation) -> None:
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    await chat.post(fixture("messages.upsert.reaction-remove"))
    await chat.settle()
    [task] = await chat.records("tasks")
    assert task["status"] == "cancelled"
    [action] = await chat.actions(fixture(ES_MESSAGE))
    assert action["cancelled_at"] is not None


async def test_removal_says_cancelled_when_the_confirmation_was_sent(chat: Conversation) -> None:
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    for sent in await chat.replies():
        await chat.daemon.store.write(
            lambda tx, r=sent: outbox.mark_sent(tx, r, None, chat.daemon.clock())
        )
    await chat.post(fixture("messages.upsert.reaction-remove"))
    await chat.settle()
    [task] = await chat.records("tasks")
    action = {"id": task["action_id"]}
    replies = await chat.replies()
    assert [r.dedupe_key for r in replies] == [
        f"action:{action['id']}",
        f"cancel:{action['id']}",
    ]
    cancelled = replies[1].body["text"]
    assert cancelled.startswith("↩️") and "CFE" in cancelled


async def test_removal_withdraws_a_confirmation_not_sent_yet(chat: Conversation) -> None:
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    await chat.post(fixture("messages.upsert.reaction-remove"))
    await chat.settle()
    replies = await chat.replies()
    # No "cancelled" message either: it is only held, in case the confirmation was in
    # flight and went out all the same (tests/e2e/replies/test_cancelled_reply.py).
    assert [r.status for r in replies] == ["cancelled", "cancelled"]
    assert replies[1].dedupe_key.startswith("cancel:")
    assert (replies[1].last_error or "").startswith("held:")


async def test_removal_keeps_a_record_touched_since(chat: Conversation) -> None:
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    [task] = await chat.records("tasks")
    await chat.daemon.store.write(
        lambda tx: update_record_row(
            tx, "tasks", task["id"], {"status": "done", "updated_at": task["updated_at"] + 1}
        )
    )
    await chat.post(fixture("messages.upsert.reaction-remove"))
    await chat.settle()
    [task] = await chat.records("tasks")
    assert task["status"] == "done"


async def test_changed_emoji_cancels_the_old_record_and_runs_the_new_rule(
    chat: Conversation,
) -> None:
    msg = fixture(ES_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-TASK", sent_ms=T0))
    await chat.settle()
    await chat.post(reaction(msg, "📝", "R-NOTE", sent_ms=T0 + 1000))
    await chat.settle()
    assert [t["status"] for t in await chat.records("tasks")] == ["cancelled"]
    assert [n["status"] for n in await chat.records("notes")] == ["active"]


async def test_change_to_an_emoji_without_a_rule_cancels_and_creates_nothing(
    chat: Conversation,
) -> None:
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    await chat.post(fixture("messages.upsert.reaction-change"))  # ✅ → ✔️
    await chat.settle()
    assert [t["status"] for t in await chat.records("tasks")] == ["cancelled"]
    assert len(await chat.actions(fixture(ES_MESSAGE))) == 1


async def test_stale_reaction_arriving_late_changes_nothing(chat: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    await chat.post(msg)
    await chat.post(fixture("messages.upsert.reaction-remove"))  # sent after the add…
    await chat.settle()
    await chat.post(fixture("messages.upsert.reaction-add"))  # …but delivered after it
    await chat.settle()
    assert await chat.records("tasks") == []


async def test_unknown_emoji_creates_nothing_and_is_counted(chat: Conversation) -> None:
    await chat.post(fixture(PT_MESSAGE))
    await chat.post(fixture(GROUP_REACTION_BY_OTHER))  # Carla 🔥
    await chat.settle()
    assert await chat.actions(fixture(PT_MESSAGE)) == []
    assert await chat.replies() == []
    stats = await chat.daemon.store.queue_stats(chat.daemon.clock())
    assert stats.events_ignored["reaction.unmatched"] == 1


async def test_disabled_rule_creates_nothing(chat: Conversation) -> None:
    status, _ = await chat.api("PATCH", "/api/rules/task", {"enabled": False})
    assert status == 200
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))
    await chat.settle()
    assert await chat.records("tasks") == []


async def test_rule_whose_conditions_exclude_the_reactor_creates_nothing(
    chat: Conversation,
) -> None:
    status, _ = await chat.api(
        "PATCH", "/api/rules/task", {"conditions": {"exclude_reactors": ["+52 1 55 1234 5678"]}}
    )
    assert status == 200
    await chat.post(fixture(ES_MESSAGE))
    await chat.post(fixture("messages.upsert.reaction-add"))  # by Ana, 5215512345678
    await chat.settle()
    assert await chat.records("tasks") == []


async def test_reaction_to_a_message_never_seen_gets_a_clear_reply(chat: Conversation) -> None:
    await chat.post(fixture("messages.upsert.reaction-add"))  # the ES message never arrived

    async def answered() -> list[OutboxRow]:  # retried twice, 0.05 s apart, then answered
        return await chat.replies()

    [reply] = await eventually(answered, what="the can't-see reply")
    # Ana (+52, Mexico) never wrote a message reactiond read: her number's country decides.
    assert "No puedo ver ese mensaje" in reply.body["text"]
    assert await chat.records("tasks") == []
    [job] = await chat.jobs()
    assert (job.status, job.attempts) == ("done", 3)


async def test_urgent_rule_gives_its_reactions_high_job_priority(chat: Conversation) -> None:
    msg = fixture(ES_MESSAGE)
    await chat.post(msg)
    await chat.post(reaction(msg, "✅", "R-NORMAL", sent_ms=T0))
    await chat.post(reaction(msg, "🔴", "R-URGENT", sent_ms=T0 + 1))
    await chat.settle()
    assert [j.priority for j in await chat.jobs()] == [0, 10]


async def test_message_that_does_not_parse_gets_help_and_no_record(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-NO-AMOUNT", "Hola, ¿cómo estás?")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-NO-AMOUNT", sent_ms=T0))
    await chat.settle()
    assert await chat.records("bills") == []
    [action] = await chat.actions(msg)
    assert action["outcome"] == "parse_failed"
    [log] = await chat.parses(msg)
    assert (log["success"], log["parser"]) == (0, "bill")
    [reply] = await chat.replies()
    assert reply.language == "es"
    assert "$" in reply.body["text"]  # the help shows an example with an amount


async def test_after_an_edit_reacting_again_parses_the_new_text(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-EDITED", "Hola, ¿cómo estás?")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-EDIT-1", sent_ms=T0))
    await chat.settle()  # not a bill: help is sent
    edit = fixture("messages.edited.text-edit")
    edit["data"]["key"]["id"] = "MSG-EDITED"
    edit["data"]["editedMessage"] = {"conversation": "Pagar luz CFE $500 vence 20 enero"}
    await chat.post(edit)
    await chat.post(reaction(msg, "", "R-EDIT-2", sent_ms=T0 + 1000))
    await chat.settle()
    await chat.post(reaction(msg, "💳", "R-EDIT-3", sent_ms=T0 + 2000))
    await chat.settle()
    # The edit alone already made the bill (issue 20: a message that parses once edited);
    # taking the reaction off cancelled it, and reacting again made it anew.
    [bill] = [b for b in await chat.records("bills") if b["status"] == "pending"]
    assert (bill["amount"], bill["due_local"]) == ("500.00", "2025-01-20")


async def test_removed_reaction_drops_the_records_queued_reminders(chat: Conversation) -> None:
    msg = text_message(ES_MESSAGE, "MSG-REMIND", "Pagar luz CFE $890 vence 15 enero 2099")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-REMIND", sent_ms=T0))
    await chat.settle()

    async def queued() -> int:
        return len([j for j in await chat.jobs("reminder") if j.status == "queued"])

    assert await queued() >= 1
    await chat.post(reaction(msg, "", "R-REMIND-OFF", sent_ms=T0 + 1000))
    await chat.settle()
    assert await queued() == 0


async def test_a_rules_own_reminder_lead_time_is_used_for_its_bills(chat: Conversation) -> None:
    await chat.api("PATCH", "/api/rules/bill", {"config": {"remind_days_before": 10}})
    msg = text_message(ES_MESSAGE, "MSG-LEAD", "Pagar luz CFE $890 vence 15 enero 2099")
    await chat.post(msg)
    await chat.post(reaction(msg, "💳", "R-LEAD", sent_ms=T0))
    await chat.settle()
    runs = sorted(j.run_at for j in await chat.jobs("reminder"))
    first = datetime.fromtimestamp(runs[0], ZoneInfo("America/Mexico_City"))
    assert first.date().isoformat() == "2099-01-05"  # ten days before the due day


async def test_a_guessed_hour_is_asked_back_in_the_confirmation(chat: Conversation) -> None:
    # "a las 5" is read as 17:00 (§5's bare-hour rule): right or not, the reply asks (issue 15)
    msg = text_message(ES_MESSAGE, "MSG-BARE-HOUR", "Pádel el sábado a las 5")
    await chat.post(msg)
    await chat.post(reaction(msg, "📅", "R-BARE-HOUR", sent_ms=T0))
    await chat.settle()
    [event] = await chat.records("calendar_events")
    assert event["start_local"].endswith("T17:00")
    [reply] = await chat.replies()
    assert reply.body["text"].splitlines()[-1] == ("❓ ¿5:00 p.m.? Responde para corregir")
