"""The engine passes the parser a language hint: the author's known language, else their
phone number's country's (issue 15). `plan_reaction` is pure, so a recording parser shows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from reactiond.engine.reaction_context import ReactionContext, TargetMessage
from reactiond.engine.reaction_plan import ReactionPolicy, plan_reaction
from reactiond.nlp import parse
from reactiond.nlp.result import ParseResult, ParserName
from reactiond.rules.model import Rule


class Recorder:
    def __init__(self) -> None:
        self.hints: list[str | None] = []

    def __call__(
        self,
        text: str,
        parser: ParserName,
        *,
        now: datetime,
        tz: str,
        lang: str | None = None,
        hint: str | None = None,
    ) -> ParseResult:
        self.hints.append(hint)
        return parse(text, parser, now=now, tz=tz, lang=lang, hint=hint)


def context(author_language: str | None, phone: str | None) -> ReactionContext:
    message = TargetMessage(
        text="nos vemos pronto",
        sent_at=1_736_872_000,
        author_id=7,
        author_phone=phone,
        author_tz="America/Sao_Paulo",
        author_language=author_language,
    )
    fields: dict[str, Any] = {
        "row_id": 1,
        "instance": "main",
        "target_message_id": "M1",
        "target_chat_jid": "5511999999999@s.whatsapp.net",
        "target_from_me": False,
        "target_participant": None,
        "chat_jid": "5511999999999@s.whatsapp.net",
        "is_group": False,
        "reactor_id": 1,
        "reactor_jids": frozenset({"5511888888888@s.whatsapp.net"}),
        "reactor_display_jid": "5511888888888@s.whatsapp.net",
        "reactor_is_owner": True,
        "reactor_language": None,
        "emoji": "📝",
        "sent_at_ms": 1_736_872_000_000,
        "owner_jid": "5511888888888@s.whatsapp.net",
        "received_at": 1_736_872_000.0,
        "message": message,
        "newer_exists": False,
        "recent_from_reactor": 0,
        "prior": (),
        "rules": (Rule(id=1, name="notes", triggers=("📝",), action="create_note"),),
    }
    return ReactionContext(**fields)


@pytest.mark.parametrize(
    ("known", "phone", "hint"),
    [
        ("es", "5511999999999", "es"),  # what they wrote before wins over the phone's country
        (None, "5215512345678", "es"),  # Mexico
        (None, "5511999999999", "pt"),  # Brazil
        (None, None, None),
    ],
)
def test_the_parser_gets_the_authors_language_else_the_phones(
    known: str | None, phone: str | None, hint: str | None
) -> None:
    recorder = Recorder()
    plan_reaction(context(known, phone), ReactionPolicy(), recorder, attempts=1, now=0.0)
    assert recorder.hints == [hint]


def test_the_hint_decides_an_unsure_text() -> None:
    recorder = Recorder()
    plan = plan_reaction(context("es", None), ReactionPolicy(), recorder, attempts=1, now=0.0)
    assert plan.creations[0].result.language == "es"
