"""Support for the API tests: a real reactiond on a free loopback port with a temporary
data dir, and a way to put records in its database directly (the records issue creates
them from reactions; here we only need rows to read back)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from reactiond.app import Daemon, standard_parts
from reactiond.domain import RecordTable
from reactiond.part import Part
from reactiond.settings import Settings
from reactiond.store.interface import Transaction
from reactiond.store.records_query import update_record_row
from tests import store_writes
from tests.fixtures import EVOLUTION

NOW = 1_768_000_000.0  # 2026-01-09T23:06:40Z: a fixed clock makes times checkable


@dataclass
class Seeder:
    """Writes people, reactions, actions and records with sensible defaults
    (tests/store_writes.py: the action and the record as a reaction's job writes them)."""

    daemon: Daemon
    counter: int = 0
    people: dict[str, int] = field(default_factory=dict)

    def _person(self, tx: Transaction, jid: str) -> int:
        if jid not in self.people:
            self.people[jid] = store_writes.person(tx, jid, jid.split("@")[0][-4:], NOW)
        return self.people[jid]

    async def _insert(
        self,
        table: RecordTable,
        values: dict[str, Any],
        *,
        reactor: str,
        chat: str,
        emoji: str,
        action: str,
        updated_at: float | None = None,
        acted: tuple[str, str, float] = ("test", "created", NOW),
    ) -> int:
        """`acted`: the action's rule name, outcome and time."""
        self.counter += 1
        n = self.counter

        def write(tx: Transaction) -> int:
            src = store_writes.reaction_source(
                tx, person_id=self._person(tx, reactor), instance="main", reaction_id=f"R{n}",
                message_id=f"M{n}", chat=chat, emoji=emoji, sent_at_ms=int(NOW * 1000) + n,
                now=NOW,
            )  # fmt: skip
            made = store_writes.record(
                tx, src, table, values, action=action, now=NOW + n, acted=acted
            )
            if updated_at is not None:
                update_record_row(tx, table, made, {"updated_at": updated_at})
            return made

        result: int = await self.daemon.store.write(write)
        return result

    async def task(
        self,
        title: str = "Review the budget",
        *,
        due: str | None = None,
        due_at: float | None = None,
        tz: str = "America/Mexico_City",
        status: str = "open",
        reactor: str = "5215512345678@s.whatsapp.net",
        chat: str = "5215512345678@s.whatsapp.net",
        tags: list[str] | None = None,
        priority: str | None = None,
        updated_at: float | None = None,
        emoji: str = "✅",
        acted: tuple[str, str, float] = ("test", "created", NOW),
    ) -> int:
        values = {
            "title": title,
            "due_local": due,
            "due_at": due_at,
            "tz": tz,
            "priority": priority,
            "tags": json.dumps(tags or []),
            "status": status,
            "language": "es",
        }
        return await self._insert(
            "tasks", values, reactor=reactor, chat=chat, emoji=emoji, action="create_task",
            updated_at=updated_at, acted=acted,
        )  # fmt: skip

    async def event(
        self,
        title: str = "Reunión de equipo",
        *,
        start: str = "2026-01-12T15:00",
        tz: str = "America/Mexico_City",
        duration_minutes: int | None = 60,
        location: str | None = "Zoom",
        recurrence: str | None = None,
        status: str = "scheduled",
        reactor: str = "5215512345678@s.whatsapp.net",
        chat: str = "120363000000000000@g.us",
    ) -> int:
        all_day = "T" not in start
        values = {
            "title": title,
            "start_local": start,
            "start_at": None if all_day else 0.0,
            "all_day": int(all_day),
            "tz": tz,
            "duration_minutes": duration_minutes,
            "location": location,
            "attendees": json.dumps(["Ana", "Luis"]),
            "recurrence": recurrence,
            "status": status,
            "language": "es",
        }
        return await self._insert(
            "calendar_events", values, reactor=reactor, chat=chat, emoji="📅",
            action="create_calendar_event",
        )  # fmt: skip

    async def bill(
        self,
        vendor: str | None = "CFE",
        *,
        amount: str = "890.00",
        currency: str = "MXN",
        due: str | None = "2026-01-15",
        status: str = "pending",
        reactor: str = "5215512345678@s.whatsapp.net",
        chat: str = "5215512345678@s.whatsapp.net",
    ) -> int:
        values = {
            "position": 0,
            "vendor": vendor,
            "amount": amount,
            "currency": currency,
            "due_local": due,
            "tz": "America/Mexico_City",
            "status": status,
            "language": "es",
        }
        return await self._insert(
            "bills", values, reactor=reactor, chat=chat, emoji="💳", action="create_bill"
        )

    async def note(
        self,
        title: str = "Idea",
        *,
        body: str = 'Idea: a shared list, with commas, and "quotes"',
        reactor: str = "5215512345678@s.whatsapp.net",
        chat: str = "5215512345678@s.whatsapp.net",
    ) -> int:
        values = {
            "title": title,
            "body": body,
            "tags": json.dumps(["ideas"]),
            "status": "active",
            "language": "en",
        }
        return await self._insert(
            "notes", values, reactor=reactor, chat=chat, emoji="📝", action="create_note"
        )


@dataclass
class Api:
    daemon: Daemon
    http: aiohttp.ClientSession
    seed: Seeder

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.daemon.port}"

    async def get(self, path: str, **kw: Any) -> tuple[int, Any]:
        async with self.http.get(self.url + path, **kw) as r:
            return r.status, await r.json()

    async def patch(self, path: str, body: Any, **kw: Any) -> tuple[int, Any]:
        async with self.http.patch(self.url + path, json=body, **kw) as r:
            return r.status, await r.json()

    async def post(self, path: str, **kw: Any) -> tuple[int, Any]:
        async with self.http.post(self.url + path, **kw) as r:
            return r.status, await r.json()


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    base: dict[str, Any] = {
        "data_dir": data_dir,
        "host": "127.0.0.1",
        "port": 0,
        "webhook_secret": "webhook-secret-0123456789",
        "default_tz": "America/Mexico_City",
    }
    return Settings(**{**base, **overrides})


REPO = Path(__file__).resolve().parents[3]
FIXTURES = EVOLUTION


def fixture_payload(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


async def start_api(
    data_dir: Path,
    *,
    extra: Sequence[Part] = (),
    clock: Callable[[], float] = lambda: NOW,
    **overrides: Any,
) -> AsyncIterator[Api]:
    """A daemon with its standard parts and the `extra` ones, and a client for it."""
    daemon = Daemon(
        make_settings(data_dir, **overrides),
        clock=clock,
        parts_of=lambda d: [*standard_parts(d), *extra],
    )
    await daemon.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield Api(daemon, http, Seeder(daemon))
    finally:
        await daemon.stop()
