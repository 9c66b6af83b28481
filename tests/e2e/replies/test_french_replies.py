"""Issue 21 end to end: a French message and a reaction through the real webhook, a record
in the writer's zone and currency, and a French reply at the fake Evolution."""

from __future__ import annotations

import copy
from typing import Any

import aiohttp

from tests import store_reads
from tests.e2e.records.conftest import ES_MESSAGE, OWNER_REACTION, text_message
from tests.e2e.replies.conftest import DaemonFactory
from tests.e2e.replies.test_replies_end_to_end import (
    CONTACT_REACTION,
    OWNER_NUMBER,
    react,
    sent_now,
)
from tests.fake_evolution import FakeEvolution

DAKAR = "221771234567"
PARIS = "33612345678"


def from_number(payload: dict[str, Any], number: str, lid: str, name: str) -> dict[str, Any]:
    """The fixture message as written in a 1:1 chat with another contact."""
    p = copy.deepcopy(payload)
    p["data"]["key"]["remoteJid"] = f"{number}@s.whatsapp.net"
    p["data"]["key"]["remoteJidAlt"] = f"{lid}@lid"
    p["data"]["pushName"] = name
    return p


async def test_an_owners_reaction_to_a_french_bill_from_dakar_is_confirmed_in_french(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = text_message(ES_MESSAGE, "FR-BILL-1", "Senelec 18 500 F, à régler avant le 28")
    message = sent_now(from_number(message, DAKAR, "190000000000021", "Awa Diop"))
    await react(daemon, OWNER_REACTION, message, "💳", "R-FR-1")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == OWNER_NUMBER
    text = sent.body["text"]
    # +221 is Dakar: "F" is the franc CFA (XOF), written the way fr_SN writes it
    assert text.startswith("💳 Facture enregistrée : Senelec — 18 500 F CFA"), text
    assert "Échéance :" in text
    bills = await store_reads.records(daemon.store, "bills")
    assert [(b["vendor"], b["currency"], b["tz"]) for b in bills] == [
        ("Senelec", "XOF", "Africa/Dakar")
    ]


async def test_a_french_contacts_reaction_is_answered_privately_in_french(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    message = text_message(ES_MESSAGE, "FR-CAL-1", "Réunion d'équipe demain à 10h au bureau")
    message = sent_now(from_number(message, PARIS, "190000000000022", "Claire Martin"))
    await react(daemon, CONTACT_REACTION, message, "📅", "R-FR-2")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["number"] == PARIS
    text = sent.body["text"]
    assert text.startswith("📅 Événement planifié : Réunion d'équipe"), text
    assert "10:00" in text and "📍 bureau" in text


async def test_a_french_tasks_reminder_planned_again_after_a_change_stays_french(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(default_tz="Europe/Paris")
    message = text_message(ES_MESSAGE, "FR-TASK-R1", "Appeler le comptable le 20 janvier")
    message = sent_now(from_number(message, PARIS, "190000000000023", "Claire Martin"))
    await react(daemon, OWNER_REACTION, message, "✅", "R-FR-3")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["text"].startswith("✅ Tâche ajoutée : Appeler le comptable"), sent.body
    [task] = await store_reads.records(daemon.store, "tasks")
    async with (
        aiohttp.ClientSession() as http,
        http.patch(
            f"http://127.0.0.1:{daemon.port}/api/tasks/{task['id']}",
            json={"due": f"{task['due_local']}T18:00"},
        ) as resp,
    ):
        assert resp.status == 200, await resp.text()
    [job] = await daemon.store.list_jobs(status="queued", kind="reminder")
    assert job.payload["language"] == "fr"  # was English before: re-planning knew es/en/pt
