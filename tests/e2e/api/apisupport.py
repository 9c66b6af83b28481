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
from reactiond.part import Part
from reactiond.settings import Settings
from reactiond.store.interface import Transaction
from tests.fixtures import EVOLUTION

NOW = 1_768_000_000.0  # 2026-01-09T23:06:40Z: a fixed clock makes times checkable


@dataclass
class Seeder:
    """Writes people, reactions, actions and records with sensible defaults."""

    daemon: Daemon
    counter: int = 0
    people: dict[str, int] = field(default_factory=dict)

    def _person(self, tx: Transaction, jid: str, name: str | None) -> int:
        if jid in self.people:
            return self.people[jid]
        row = tx.execute_one(
            "INSERT INTO people (display_jid, name, created_at) VALUES (?, ?, ?) RETURNING id",
            (jid, name, NOW),
        )
        assert row is not None
        pid = int(row["id"])
        tx.execute("INSERT INTO person_ids (jid, person_id) VALUES (?, ?)", (jid, pid))
        self.people[jid] = pid
        return pid

    def _source(
        self, tx: Transaction, reactor: str, chat: str, emoji: str, action: str
    ) -> dict[str, Any]:
        self.counter += 1
        n = self.counter
        pid = self._person(tx, reactor, reactor.split("@")[0][-4:])
        reaction = tx.execute_one(
            "INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,"
            " target_from_me, chat_jid, is_group, reactor_id, reactor_from_me, emoji,"
            " sent_at_ms, received_at) VALUES ('main', ?, ?, ?, 0, ?, 0, ?, 0, ?, ?, ?)"
            " RETURNING id",
            (f"R{n}", f"M{n}", chat, chat, pid, emoji, int(NOW * 1000) + n, NOW),
        )
        assert reaction is not None
        act = tx.execute_one(
            "INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,"
            " reactor_id, reaction_row_id, emoji, outcome, created_at)"
            " VALUES (NULL, 'test', ?, 'main', ?, ?, ?, ?, ?, 'created', ?) RETURNING id",
            (action, chat, f"M{n}", pid, reaction["id"], emoji, NOW),
        )
        assert act is not None
        return {
            "action_id": act["id"],
            "instance": "main",
            "chat_jid": chat,
            "message_id": f"M{n}",
            "reactor_id": pid,
            "emoji": emoji,
            "rule_id": None,
            "created_at": NOW + n,
            "updated_at": NOW + n,
        }

    async def _insert(self, table: str, row_fn: Callable[[Transaction], dict[str, Any]]) -> int:
        def write(tx: Transaction) -> int:
            row = row_fn(tx)
            cols = ", ".join(row)
            names = ", ".join(f":{c}" for c in row)
            out = tx.execute_one(f"INSERT INTO {table} ({cols}) VALUES ({names}) RETURNING id", row)
            assert out is not None
            return int(out["id"])

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
    ) -> int:
        def row(tx: Transaction) -> dict[str, Any]:
            src = self._source(tx, reactor, chat, "✅", "create_task")
            if updated_at is not None:
                src["updated_at"] = updated_at
            return {
                **src,
                "title": title,
                "due_local": due,
                "due_at": due_at,
                "tz": tz,
                "priority": priority,
                "tags": json.dumps(tags or []),
                "status": status,
                "language": "es",
            }

        return await self._insert("tasks", row)

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
        def row(tx: Transaction) -> dict[str, Any]:
            src = self._source(tx, reactor, chat, "📅", "create_calendar_event")
            all_day = "T" not in start
            return {
                **src,
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

        return await self._insert("calendar_events", row)

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
        def row(tx: Transaction) -> dict[str, Any]:
            src = self._source(tx, reactor, chat, "💳", "create_bill")
            return {
                **src,
                "position": 0,
                "vendor": vendor,
                "amount": amount,
                "currency": currency,
                "due_local": due,
                "tz": "America/Mexico_City",
                "status": status,
                "language": "es",
            }

        return await self._insert("bills", row)

    async def note(
        self,
        title: str = "Idea",
        *,
        body: str = 'Idea: a shared list, with commas, and "quotes"',
        reactor: str = "5215512345678@s.whatsapp.net",
        chat: str = "5215512345678@s.whatsapp.net",
    ) -> int:
        def row(tx: Transaction) -> dict[str, Any]:
            src = self._source(tx, reactor, chat, "📝", "create_note")
            return {
                **src,
                "title": title,
                "body": body,
                "tags": json.dumps(["ideas"]),
                "status": "active",
                "language": "en",
            }

        return await self._insert("notes", row)


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
