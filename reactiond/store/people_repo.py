"""Contacts as reactiond knows them, and their per-contact settings (time zone, reply
language)."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reactiond.store.interface import Transaction
from reactiond.store.queries import query


def _q(name: str) -> str:
    return query("people", name)


class PersonNotFound(Exception):
    def __init__(self, ident: str) -> None:
        super().__init__(
            f"nobody with {ident!r} has written or reacted yet; `reactiond people list` shows"
            " who reactiond knows"
        )


class UnknownZone(ValueError):
    pass


# The languages reactiond replies in (replies/ catalogs).
REPLY_LANGUAGES = ("es", "en", "pt", "fr")


class UnknownLanguage(ValueError):
    def __init__(self, language: str) -> None:
        super().__init__(f"unknown reply language {language!r}: use es, en, pt or fr")


@dataclass(frozen=True)
class Person:
    id: int
    jid: str
    name: str | None
    tz: str | None
    language: str | None  # the reply language: detected, or chosen when language_set
    identities: tuple[str, ...]
    language_set: bool = False


def _jid(ident: str) -> str:
    text = ident.strip()
    if "@" in text:
        return text
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"{digits}@s.whatsapp.net"


def find_person(tx: Transaction, ident: str) -> int:
    row = tx.execute_one(_q("person_of_jid"), {"jid": _jid(ident)})
    if row is None:
        raise PersonNotFound(ident)
    return int(row["person_id"])


def list_people(
    tx: Transaction, *, after_id: int | None = None, limit: int | None = None
) -> list[Person]:
    """Everyone, by id; or a page of them: at most `limit`, with ids above `after_id`."""
    params: dict[str, int] = {"after": 0 if after_id is None else after_id}
    if limit is None:
        people = tx.execute(_q("people_after"), params)
    else:
        people = tx.execute(_q("people_page_after"), {**params, "limit": limit})
    ids: dict[int, list[str]] = {}
    if people:
        for r in tx.execute(
            _q("identities_of_people_between"),
            {"first": int(people[0]["id"]), "last": int(people[-1]["id"])},
        ):
            ids.setdefault(int(r["person_id"]), []).append(str(r["jid"]))
    return [
        Person(
            id=int(r["id"]),
            jid=str(r["display_jid"]),
            name=r["name"],
            tz=r["tz"],
            language=r["language"],
            identities=tuple(ids.get(int(r["id"]), ())),
            language_set=bool(r["language_set"]),
        )
        for r in people
    ]


def set_tz(tx: Transaction, ident: str, tz: str | None) -> int:
    """The contact's own zone (None: back to the phone number's zone or the default).
    Applies to the next message of theirs that someone reacts to."""
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise UnknownZone(
                f"unknown time zone {tz!r}: use an IANA name such as America/Cancun"
            ) from exc
    person = find_person(tx, ident)
    tx.execute(_q("set_person_tz"), {"tz": tz, "id": person})
    return person


def set_reply_language(tx: Transaction, ident: str, language: str | None) -> int:
    """The language replies to this contact are written in, kept whatever language their
    messages are detected in; None: back to the detected one (from their next message)."""
    if language is not None and language not in REPLY_LANGUAGES:
        raise UnknownLanguage(language)
    person = find_person(tx, ident)
    if language is None:
        tx.execute(_q("forget_chosen_reply_language"), {"id": person})
    else:
        tx.execute(_q("choose_reply_language"), {"language": language, "id": person})
    return person
