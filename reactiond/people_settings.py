"""A person's settings as `PATCH /api/people/{who}` and the People page change them: the
time zone their messages are read in and the language replies to them are written in.
One function, so both refuse the same things with the same words (`error`, `hint`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reactiond.store import people_repo
from reactiond.store.interface import Transaction
from reactiond.store.people_repo import REPLY_LANGUAGES, Person
from reactiond.zones import canonical_zone

LISTING = "GET /api/people (or the People page) lists who reactiond knows"
ZONE_HINT = "use an IANA name such as America/Cancun, or leave it empty for the number's zone"
LANGUAGE_HINT = (
    f"use {', '.join(REPLY_LANGUAGES)}, or leave it empty for the language they write in"
)


class PersonRefused(Exception):
    """A change that cannot be made: `status` 404 (nobody) or 400 (a wrong value)."""

    def __init__(self, error: str, hint: str, status: int = 400) -> None:
        super().__init__(f"{error}; {hint}")
        self.error = error
        self.hint = hint
        self.status = status


# A field left out of a change: kept as it is (None means "clear it").
KEEP: Any = object()


@dataclass(frozen=True)
class PersonChange:
    tz: str | None = KEEP
    language: str | None = KEEP


def change_person(tx: Transaction, who: str, change: PersonChange) -> Person:
    """Apply `change` to the person `who` names (a phone number or a JID): all of it, or
    nothing (raises `PersonRefused`). The person as they are now."""
    try:
        if change.tz is not KEEP:
            people_repo.set_tz(tx, who, canonical_zone(change.tz) if change.tz else None)
        if change.language is not KEEP:
            people_repo.set_reply_language(tx, who, change.language or None)
        person = people_repo.find_person(tx, who)
    except people_repo.PersonNotFound as exc:
        nobody = f"nobody with {who!r} has written or reacted yet"
        raise PersonRefused(nobody, LISTING, 404) from exc
    except people_repo.UnknownZone as exc:
        raise PersonRefused(f"unknown time zone {change.tz!r}", ZONE_HINT) from exc
    except people_repo.UnknownLanguage as exc:
        raise PersonRefused(f"unknown reply language {change.language!r}", LANGUAGE_HINT) from exc
    return next(p for p in people_repo.list_people(tx) if p.id == person)


def person_json(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "jid": p.jid,
        "name": p.name,
        "identities": list(p.identities),
        "tz": p.tz,
        "language": p.language,
        "language_set": p.language_set,
    }
