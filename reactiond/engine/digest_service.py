"""Turning a person's daily digest on, moving it or turning it off: the one function the
API (`PUT/DELETE /api/digests/{who}`) and the CLI (`reactiond people digest`) call; the
chat command ("resumen diario 8:00") does the same through engine/chat_messages.py."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import time
from typing import Any

from reactiond.engine.author_tz import author_tz
from reactiond.engine.conversation_context import language
from reactiond.engine.digest import schedule_digest
from reactiond.replies.routing import evolution_number
from reactiond.store import conversation_repo as talk
from reactiond.store import people_repo
from reactiond.store.interface import Transaction
from reactiond.store.reaction_reads import identities_of_person

_AT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class DigestRefused(Exception):
    """A digest that cannot be set: `reason` says what is wrong, `hint` what to do."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(f"{reason}: {hint}")
        self.reason = reason
        self.hint = hint


def parse_at(value: str) -> time:
    m = _AT.match(value.strip())
    if m is None:
        raise DigestRefused(f"{value!r} is not a time of day", 'write "at": "08:00" (24-hour)')
    return time(int(m.group(1)), int(m.group(2)))


def set_digest(
    tx: Transaction,
    who: str,
    *,
    at: time | None,
    enabled: bool,
    lang: str | None,
    now: float,
    default_tz: str,
    default_language: str,
) -> talk.Digest:
    """Set `who`'s digest (a phone number or JID reactiond has seen) and queue its next
    run; returns it as stored."""
    try:
        person = people_repo.find_person(tx, who)
    except people_repo.PersonNotFound as exc:
        raise DigestRefused(str(exc), "use a phone number from `reactiond people list`") from exc
    row = talk.person(tx, person)
    last = talk.person_last_message(tx, person)
    if row is None or last is None:
        raise DigestRefused(
            f"{who} has not written to this WhatsApp yet",
            "a digest goes to a chat reactiond has seen: ask them to write first",
        )
    display = str(row["display_jid"])
    phone = display.split("@", 1)[0] if display.endswith("@s.whatsapp.net") else None
    current = talk.get_digest(tx, person)
    when = at or (time(current.hour, current.minute) if current else time(8, 0))
    owner = last["owner_jid"] in identities_of_person(tx, person)
    d = talk.Digest(
        person_id=person,
        instance=str(last["instance"]),
        destination=evolution_number(display),
        hour=when.hour,
        minute=when.minute,
        tz=author_tz(row["tz"], phone, default_tz),
        language=language(lang or row["language"] or default_language),
        enabled=enabled,
        everyone=owner,
    )
    schedule_digest(tx, d, now)
    return d


def digest_json(d: talk.Digest) -> dict[str, Any]:
    out = asdict(d)
    out["at"] = f"{d.hour:02d}:{d.minute:02d}"
    del out["hour"], out["minute"]
    return out
