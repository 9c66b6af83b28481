"""The rule: which emoji, which action, with which defaults, for whom.

A rule is validated here, once, whether it comes from the CLI, the API, an import file or
the database; an invalid rule is refused with the field and the reason (`RuleInvalid`).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from reactiond.currency import iso_currency
from reactiond.nlp.result import ParserName, Priority
from reactiond.rules.emoji import looks_like_emoji, normalise_emoji

ActionName = Literal["create_task", "create_calendar_event", "create_bill", "create_note"]
ReplyMode = Literal["self", "reactor", "chat", "none"]
ChatKind = Literal["any", "direct", "groups"]

# Each action reads one parser's output; a rule that pairs them otherwise cannot work.
PARSER_FOR_ACTION: dict[str, ParserName] = {
    "create_task": "task",
    "create_calendar_event": "calendar",
    "create_bill": "bill",
    "create_note": "note",
}
HIGH_PRIORITY = 10
_IDENTITY = re.compile(r"^(\+?\d{5,20}|[^\s@]+@[^\s@]+)$")


class RuleInvalid(Exception):
    """A rule that cannot be stored; `problems` are (field, reason) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{f}: {r}" for f, r in problems))


class RuleConfig(BaseModel):
    """The action's defaults, merged under what the parser found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    priority: Priority | None = None  # a task's priority when the message names none
    tags: tuple[str, ...] = ()
    duration_minutes: int | None = Field(default=None, ge=1, le=7 * 24 * 60)
    reminders: bool | None = None
    remind_days_before: int | None = Field(default=None, ge=0, le=60)
    currency: str | None = None  # a bill's currency when the message has no symbol or code
    reply: ReplyMode | None = None  # None: `self` for the owner's reactions, else `reactor`
    assignee: str | None = None

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return iso_currency(value)

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(t.strip().lstrip("#") for t in value if t.strip()))
        if any(len(t) > 50 for t in cleaned):
            raise ValueError("each tag must be at most 50 characters")
        return cleaned


class Conditions(BaseModel):
    """Who and where may trigger the rule. Empty lists mean "anyone" / "any chat"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reactors: tuple[str, ...] = ()  # phone numbers or JIDs allowed to trigger it
    exclude_reactors: tuple[str, ...] = ()
    chats: ChatKind = "any"
    chat_jids: tuple[str, ...] = ()  # named chats (group or contact JIDs)
    from_owner: bool | None = None  # True: only the owner's reactions; False: only others'

    @field_validator("reactors", "exclude_reactors")
    @classmethod
    def _identities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for item in value:
            item = item.strip().replace(" ", "").replace("-", "")
            if not _IDENTITY.match(item):
                raise ValueError(
                    f"{item!r} is neither a phone number (digits, country code first) nor a JID"
                )
            out.append(item.lstrip("+"))
        return tuple(dict.fromkeys(out))

    @field_validator("chat_jids")
    @classmethod
    def _jids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if "@" not in item:
                raise ValueError(f"{item!r} is not a chat JID (e.g. 120363041234567890@g.us)")
        return tuple(dict.fromkeys(v.strip() for v in value))


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int | None = None
    name: str = Field(min_length=1, max_length=80)
    triggers: tuple[str, ...] = Field(min_length=1, max_length=20)
    action: ActionName
    parser: ParserName | None = None  # None: the action's own parser
    config: RuleConfig = RuleConfig()
    conditions: Conditions = Conditions()
    priority: int = Field(default=0, ge=-100, le=100)  # job priority of its reactions
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("must not be blank")
        return value

    @field_validator("triggers", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("triggers")
    @classmethod
    def _emoji(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for raw in value:
            emoji = normalise_emoji(raw)
            if not looks_like_emoji(emoji):
                raise ValueError(f"{raw!r} is not an emoji; give one emoji per trigger")
            out.append(emoji)
        return tuple(dict.fromkeys(out))

    @model_validator(mode="before")
    @classmethod
    def _default_parser(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("parser") is None:
            wanted = PARSER_FOR_ACTION.get(str(data.get("action")))
            if wanted is not None:
                return {**data, "parser": wanted}
        return data

    @model_validator(mode="after")
    def _parser_fits_action(self) -> Rule:
        wanted = PARSER_FOR_ACTION[self.action]
        if self.parser is not None and self.parser != wanted:
            raise ValueError(f"parser '{self.parser}' cannot feed {self.action}: use '{wanted}'")
        return self

    @property
    def parser_name(self) -> ParserName:
        return self.parser or PARSER_FOR_ACTION[self.action]

    def public(self) -> dict[str, Any]:
        """The JSON form shown by the CLI and the API, and written by export."""
        return self.model_dump(mode="json")


def parse_rule(data: Any) -> Rule:
    """A validated rule, or `RuleInvalid` naming each bad field and why."""
    try:
        return Rule.model_validate(data)
    except ValidationError as exc:
        raise RuleInvalid(_problems(exc)) from exc


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"] if not isinstance(p, int)) or "rule"
        reason = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            reason = "unknown field; see `reactiond rules show` for the fields a rule has"
        out.append((where, reason))
    return out
