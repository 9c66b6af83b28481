"""A PATCH renders the record's unsent confirmation again from the record as it is now,
for each kind (issue 16 item 2); a sent one is left as it went."""

from __future__ import annotations

from apisupport import NOW, Api

from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.records_query import record_row
from tests.store_writes import reply_sent


async def _confirmation(api: Api, table: str, record_id: int, text: str) -> int:
    def write(tx: Transaction) -> int:
        row = record_row(tx, table, record_id)
        assert row is not None
        queued = outbox.queue_text(
            tx,
            dedupe_key=outbox.confirmation_key(int(row["action_id"])),
            instance="main",
            destination="5215512345678",
            text=text,
            language="es",
            now=NOW,
            send_at=NOW + 86400,  # Evolution is not configured here: it waits anyway
        )
        assert queued is not None
        return queued

    result: int = await api.daemon.store.write(write)
    return result


async def _text(api: Api, reply_id: int) -> str:
    _, reply = await api.get(f"/api/outbox/{reply_id}")
    text: str = reply["text"]
    return text


async def test_moving_an_event_rewrites_its_waiting_confirmation(api: Api) -> None:
    eid = await api.seed.event(start="2026-01-12T15:00")
    reply = await _confirmation(api, "calendar_events", eid, "📅 Evento agendado: viejo")
    await api.patch(f"/api/calendar-events/{eid}", {"start": "2026-01-20T09:30"})
    text = await _text(api, reply)
    assert text.startswith("📅 Evento agendado: Reunión de equipo\n🕒 mar 20 de ene"), text
    assert "📍 Zoom" in text


async def test_paying_a_bill_rewrites_its_waiting_confirmation(api: Api) -> None:
    bid = await api.seed.bill(vendor="CFE", amount="890.00", due="2026-01-15")
    reply = await _confirmation(api, "bills", bid, "💳 Cuenta registrada: viejo")
    await api.patch(f"/api/bills/{bid}", {"due": "2026-02-01", "status": "paid"})
    assert await _text(api, reply) == (
        "💳 Cuenta registrada: CFE — $890.00\n🗓️ Vence: dom 1 de feb\n☑️ Ya está pagada."
    )


async def test_a_sent_confirmation_is_left_as_it_went(api: Api) -> None:
    tid = await api.seed.task(due="2026-01-16")
    reply = await _confirmation(api, "tasks", tid, "✅ Tarea creada: como salió")
    await api.daemon.store.write(lambda tx: reply_sent(tx, reply, NOW))
    await api.patch(f"/api/tasks/{tid}", {"due": "2026-01-20"})
    assert await _text(api, reply) == "✅ Tarea creada: como salió"
