"""The talk rules (issue 20): what reactiond does with what people write to it in
WhatsApp, and who may ask it questions. Rule-like, per kind of conversation: each can be
turned off, and questions can be allowed to named people (or every contact) in their
direct chat with the owner.

They are stored (`reactiond talk …`, `PUT /api/talk`) and read for each message, so a
change applies to the next message without a restart. Until they are stored, the
settings `REACTIOND_QUESTIONS` and `REACTIOND_QUESTIONS_FROM_CONTACTS` give the defaults.

Validated here, once, whatever door they come through; errors are English (field,
reason) like the emoji rules' (`TalkRulesInvalid`), said again in the CLI's language.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr, ValidationError, field_validator

from reactiond.rules.model import RuleInvalid

# What can be turned on or off, in the words the CLI and the API use.
SWITCHES: Final = ("questions", "contacts", "digest", "corrections", "ticks", "edits")
FIELDS: Final = (*SWITCHES, "askers")
_IDENTITY = re.compile(r"^(\d{5,20}|[^\s@]+@[^\s@]+)$")


class TalkRulesInvalid(RuleInvalid):
    """Talk rules that cannot be stored; `problems` are (field, reason) pairs."""


class TalkRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Questions ("¿qué tengo hoy?") the owner writes in their own chat.
    questions: StrictBool = True
    # Questions any contact writes in their direct chat with the owner (their own records).
    contacts: StrictBool = False
    # People (phone numbers or JIDs) whose questions in their direct chat are answered
    # even with `contacts` off.
    askers: tuple[StrictStr, ...] = ()
    # "resumen diario 8:00" in the owner's chat (or an asker's).
    digest: StrictBool = True
    # A reply quoting reactiond's confirmation changes the record.
    corrections: StrictBool = True
    # ✅/❌ on reactiond's confirmation or reminder marks it done/paid or cancels it.
    ticks: StrictBool = True
    # An edited or deleted message that made a record changes or cancels it.
    edits: StrictBool = True

    @field_validator("askers")
    @classmethod
    def _identities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for raw in value:
            item = raw.strip().replace(" ", "").replace("-", "").lstrip("+")
            if not _IDENTITY.match(item):
                raise ValueError(
                    f"{raw!r} is neither a phone number (digits, country code first) nor a JID"
                )
            out.append(item)
        return tuple(dict.fromkeys(out))

    def may_talk(self, jids: frozenset[str]) -> bool:
        """Whether a contact with these identities may talk to reactiond (ask, set a
        digest) in their direct chat with the owner."""
        return self.contacts or any(is_identity(spec, jids) for spec in self.askers)

    def ingest_askers(self) -> tuple[str, ...] | None:
        """Who the ingest lets through as a contact's question: None for anyone."""
        return None if self.contacts else self.askers

    def public(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def is_identity(spec: str, jids: frozenset[str]) -> bool:
    """A phone number matches the phone part of a JID; a JID matches itself."""
    if "@" in spec:
        return spec in jids
    return any(j.split("@", 1)[0].split(":", 1)[0] == spec for j in jids)


def parse_talk_rules(data: Any) -> TalkRules:
    """Validated talk rules, or `TalkRulesInvalid` naming each bad field and why."""
    try:
        return TalkRules.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"] if not isinstance(p, int)) or "body"
            reason = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                reason = f"unknown field; the fields are {', '.join(FIELDS)}"
            elif err["type"].startswith("bool"):
                reason = "must be true or false"
            problems.append((where, reason))
        raise TalkRulesInvalid(problems) from exc


def changed(current: TalkRules, changes: Any) -> TalkRules:
    """`current` with the fields in `changes` (a JSON object) set, validated."""
    if not isinstance(changes, dict):
        raise TalkRulesInvalid([("body", 'must be a JSON object, e.g. {"questions": false}')])
    return parse_talk_rules({**current.public(), **changes})


def switched(current: TalkRules, what: str, on: bool) -> TalkRules:
    """`current` with one switch turned on or off (the CLI's `reactiond talk on|off`)."""
    if what not in SWITCHES:
        raise TalkRulesInvalid(
            [(what, f"not something to turn on or off; use one of {', '.join(SWITCHES)}")]
        )
    return changed(current, {what: on})


def with_asker(current: TalkRules, who: str, *, allowed: bool) -> TalkRules:
    """`current` with `who` allowed to ask (or no longer allowed)."""
    probe = parse_talk_rules({"askers": [who]})
    [spec] = probe.askers
    kept = tuple(a for a in current.askers if a != spec)
    return changed(current, {"askers": [*kept, spec] if allowed else list(kept)})


def dumps(rules: TalkRules) -> str:
    return json.dumps(rules.public(), ensure_ascii=False, sort_keys=True)


def loads(stored: str | None, default: TalkRules) -> TalkRules:
    """The stored rules, or `default` when none are (or what is stored no longer
    validates: the defaults are safer than guessing)."""
    if not stored:
        return default
    try:
        return parse_talk_rules(json.loads(stored))
    except (ValueError, TalkRulesInvalid):
        return default
