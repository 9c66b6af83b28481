"""`reactiond demo`: a throw-away daemon on a temporary data directory, a short scripted
conversation in Spanish, English, Portuguese and French played through the real webhook, and what
came of it: the records created and the replies that would be sent. No Evolution needed
(without one, replies wait in the outbox, which is exactly what the demo shows)."""

from __future__ import annotations

import asyncio
import json
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import aiohttp

from reactiond.app import Daemon
from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.model import Bill, CalendarEvent, Record, Task
from reactiond.records.query import list_records, parse_query
from reactiond.settings import load_settings
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.outbox import HELD

Echo = Callable[[str], None]


@dataclass(frozen=True)
class DemoResult:
    records: list[Record]
    replies: list[dict[str, Any]]


def conversation() -> list[dict[str, Any]]:
    text = resources.files("reactiond.demo").joinpath("conversation.json").read_text("utf-8")
    steps: list[dict[str, Any]] = json.loads(text)["steps"]
    return steps


async def run_demo(echo: Echo, *, data_dir: Path | None = None) -> DemoResult:
    with tempfile.TemporaryDirectory(prefix="reactiond-demo-") as tmp:
        return await _run(echo, data_dir or Path(tmp))


async def _run(echo: Echo, data_dir: Path) -> DemoResult:
    secret = secrets.token_urlsafe(16)
    settings = load_settings(
        None,
        data_dir=data_dir,
        host="127.0.0.1",
        port=0,
        webhook_secret=secret,
        evolution_url=None,
        default_tz="America/Mexico_City",
        log_level="warning",
    )
    daemon = Daemon(settings)
    await daemon.start()
    try:
        url = f"http://127.0.0.1:{daemon.port}/webhook/reactiond-demo"
        echo(f"reactiond demo: a throw-away daemon on 127.0.0.1:{daemon.port}, data in {data_dir}")
        echo("The conversation (sent on 14 Jan 2025; 'tomorrow' means 15 Jan):\n")
        async with aiohttp.ClientSession() as http:
            for step in conversation():
                async with http.post(
                    url, json=step["payload"], headers={"X-Reactiond-Secret": secret}
                ) as resp:
                    if resp.status != 200:
                        raise RuntimeError(f"webhook answered {resp.status}: {await resp.text()}")
                echo(f"  {step['say']}")
                await _settle(daemon)
        result = await _collect(daemon)
    finally:
        await daemon.stop()
    _print(result, echo)
    return result


async def _settle(daemon: Daemon, within: float = 20.0) -> None:
    """Wait until no job is runnable or running (each step in order, like a person would)."""

    for _ in range(int(within / 0.02)):
        stats = await daemon.store.queue_stats(time.time())
        runnable = stats.oldest_queued_age_s is not None  # queued and due now
        if not runnable and not stats.by_status.get("running"):
            return
        await asyncio.sleep(0.02)


async def _collect(daemon: Daemon) -> DemoResult:
    def everything(tx: Transaction) -> list[Record]:
        found: list[Record] = []
        for kind in RecordKind:
            found.extend(list_records(tx, parse_query(SPECS[kind], {}, paged=False)).items)
        return found

    found = await daemon.store.read(everything)
    rows = await daemon.store.read(lambda tx: outbox.list_rows(tx, limit=10_000))
    replies = [
        {
            "to": r.destination,
            "text": r.body["text"],
            # A held "cancelled" notice was never a confirmation: it is not "withdrawn".
            "status": "held" if r.status == "cancelled" and r.last_error == HELD else r.status,
        }
        for r in reversed(rows)  # oldest first, as they were queued
    ]
    return DemoResult(found, replies)


def _print(result: DemoResult, echo: Echo) -> None:
    echo("\nRecords created:")
    for record in result.records:
        echo("  " + _line(record))
    echo("\nReplies that would be sent (no Evolution configured, so they wait in the outbox):")
    withdrawn = [r for r in result.replies if r["status"] == "cancelled"]
    for reply in result.replies:
        if reply["status"] in ("cancelled", "held"):
            continue
        text = reply["text"].replace("\n", "\n      ")
        echo(f"  → {reply['to']}:\n      {text}")
    if withdrawn:
        echo(
            f"  ({len(withdrawn)} confirmation{'' if len(withdrawn) == 1 else 's'} withdrawn"
            " before sending: the reaction was taken back before the reply left)"
        )
    echo("\nNext: `reactiond run`, then `reactiond evolution connect` to use your own WhatsApp.")


def _line(r: Record) -> str:
    status = f"[{r.status}]"
    if isinstance(r, Bill):
        return f"bill  {status:<11} {r.vendor or '?'} {r.amount} {r.currency} due {r.due or '-'}"
    if isinstance(r, CalendarEvent):
        return f"event {status:<11} {r.title} at {r.start} ({r.tz})"
    if isinstance(r, Task):
        prio = f" priority {r.priority}" if r.priority else ""
        return f"task  {status:<11} {r.title} due {r.due or '-'}{prio}"
    return f"note  {status:<11} {r.title}"
