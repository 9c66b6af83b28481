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
from reactiond.wording import Language

Echo = Callable[[str], None]

# What the demo says around the conversation, in the CLI's language (the messages are
# quoted as they were written). The records' statuses stay the identifiers the CLI and
# the API filter on.
WORDS: dict[Language, dict[str, str]] = {
    "en": {
        "start": "reactiond demo: a throw-away daemon on 127.0.0.1:{port}, data in {data_dir}",
        "when": "The conversation (sent on 14 Jan 2025; 'tomorrow' means 15 Jan):\n",
        "records": "\nRecords created:",
        "replies": "\nReplies that would be sent (no Evolution configured, so they wait in"
        " the outbox):",
        "withdrawn.1": "  (1 confirmation withdrawn before sending: the reaction was taken back"
        " before the reply left)",
        "withdrawn.n": "  ({n} confirmations withdrawn before sending: the reactions were taken"
        " back before the replies left)",
        "next": "\nNext: `reactiond run`, then `reactiond evolution connect` to use your own"
        " WhatsApp.",
        "task": "task",
        "event": "event",
        "bill": "bill",
        "note": "note",
        "due": "due",
        "at": "at",
        "priority": "priority",
    },
    "es": {
        "start": "reactiond demo: un daemon desechable en 127.0.0.1:{port}, datos en {data_dir}",
        "when": "La conversación (enviada el 14 ene 2025; 'mañana' es el 15 ene):\n",
        "records": "\nRegistros creados:",
        "replies": "\nRespuestas que se enviarían (sin Evolution configurado, esperan en la"
        " bandeja de salida):",
        "withdrawn.1": "  (1 confirmación retirada antes de enviarse: la reacción se quitó antes"
        " de que saliera la respuesta)",
        "withdrawn.n": "  ({n} confirmaciones retiradas antes de enviarse: las reacciones se"
        " quitaron antes de que salieran las respuestas)",
        "next": "\nSiguiente: `reactiond run`, luego `reactiond evolution connect` para usar"
        " tu propio WhatsApp.",
        "task": "tarea",
        "event": "evento",
        "bill": "cuenta",
        "note": "nota",
        "due": "vence",
        "at": "a las",
        "priority": "prioridad",
    },
    "pt": {
        "start": "reactiond demo: um daemon descartável em 127.0.0.1:{port}, dados em {data_dir}",
        "when": "A conversa (enviada em 14 jan 2025; 'amanhã' é 15 jan):\n",
        "records": "\nRegistros criados:",
        "replies": "\nRespostas que seriam enviadas (sem Evolution configurado, esperam na"
        " caixa de saída):",
        "withdrawn.1": "  (1 confirmação retirada antes do envio: a reação foi desfeita antes de a"
        " resposta sair)",
        "withdrawn.n": "  ({n} confirmações retiradas antes do envio: as reações foram desfeitas"
        " antes de as respostas saírem)",
        "next": "\nPróximo passo: `reactiond run`, depois `reactiond evolution connect` para"
        " usar o seu WhatsApp.",
        "task": "tarefa",
        "event": "evento",
        "bill": "conta",
        "note": "nota",
        "due": "vence",
        "at": "às",
        "priority": "prioridade",
    },
    "fr": {
        "start": "reactiond demo : un démon jetable sur 127.0.0.1:{port}, données dans {data_dir}",
        "when": "La conversation (envoyée le 14 janv. 2025 ; « demain » est le 15 janv.) :\n",
        "records": "\nEnregistrements créés :",
        "replies": "\nRéponses qui seraient envoyées (sans Evolution configuré, elles"
        " attendent dans la boîte d'envoi) :",
        "withdrawn.1": "  (1 confirmation retirée avant l'envoi : la réaction a été retirée avant"
        " le départ de la réponse)",
        "withdrawn.n": "  ({n} confirmations retirées avant l'envoi : les réactions ont été"
        " retirées avant le départ des réponses)",
        "next": "\nEnsuite : `reactiond run`, puis `reactiond evolution connect` pour utiliser"
        " votre WhatsApp.",
        "task": "tâche",
        "event": "évén.",
        "bill": "facture",
        "note": "note",
        "due": "échéance",
        "at": "à",
        "priority": "priorité",
    },
}


@dataclass(frozen=True)
class DemoResult:
    records: list[Record]
    replies: list[dict[str, Any]]


def conversation() -> list[dict[str, Any]]:
    text = resources.files("reactiond.demo").joinpath("conversation.json").read_text("utf-8")
    steps: list[dict[str, Any]] = json.loads(text)["steps"]
    return steps


async def run_demo(
    echo: Echo, *, data_dir: Path | None = None, lang: Language = "en"
) -> DemoResult:
    """The demo, said in `lang` (the CLI's language)."""
    with tempfile.TemporaryDirectory(prefix="reactiond-demo-") as tmp:
        return await _run(echo, data_dir or Path(tmp), lang)


async def _run(echo: Echo, data_dir: Path, lang: Language) -> DemoResult:
    w = WORDS[lang]
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
        echo(w["start"].format(port=daemon.port, data_dir=data_dir))
        echo(w["when"])
        async with aiohttp.ClientSession() as http:
            for step in conversation():
                async with http.post(
                    url, json=step["payload"], headers={"X-Reactiond-Secret": secret}
                ) as resp:
                    if resp.status != 200:
                        raise RuntimeError(f"webhook answered {resp.status}: {await resp.text()}")
                echo(f"  {step.get('say_in', {}).get(lang, step['say'])}")
                await _settle(daemon)
        result = await _collect(daemon)
    finally:
        await daemon.stop()
    _print(result, echo, w)
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


def _print(result: DemoResult, echo: Echo, w: dict[str, str]) -> None:
    echo(w["records"])
    for record in result.records:
        echo("  " + _line(record, w))
    echo(w["replies"])
    withdrawn = [r for r in result.replies if r["status"] == "cancelled"]
    for reply in result.replies:
        if reply["status"] in ("cancelled", "held"):
            continue
        text = reply["text"].replace("\n", "\n      ")
        echo(f"  → {reply['to']}:\n      {text}")
    if withdrawn:
        n = len(withdrawn)
        echo(w["withdrawn.1"] if n == 1 else w["withdrawn.n"].format(n=n))
    echo(w["next"])


def _line(r: Record, w: dict[str, str]) -> str:
    width = max(len(w[k]) for k in ("task", "event", "bill", "note"))
    w = {**w, **{k: w[k].ljust(width) for k in ("task", "event", "bill", "note")}}
    status = f"[{r.status}]"
    if isinstance(r, Bill):
        due = r.due or "-"
        return (
            f"{w['bill']} {status:<11} {r.vendor or '?'} {r.amount} {r.currency} {w['due']} {due}"
        )
    if isinstance(r, CalendarEvent):
        return f"{w['event']} {status:<11} {r.title} {w['at']} {r.start} ({r.tz})"
    if isinstance(r, Task):
        prio = f" {w['priority']} {r.priority}" if r.priority else ""
        return f"{w['task']} {status:<11} {r.title} {w['due']} {r.due or '-'}{prio}"
    return f"{w['note']} {status:<11} {r.title}"
