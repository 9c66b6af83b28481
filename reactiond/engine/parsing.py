"""The parser call, behind a small protocol so the engine runs before and after the NLP
branch lands. `reactiond.nlp.parse` is used when it exists; until then a stand-in that
takes the message as a task or note title and fails (with help) for dates and money."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Protocol

from reactiond.nlp.result import LANGUAGES, Language, NoteData, ParseResult, ParserName, TaskData


class ParseFn(Protocol):
    """`hint`: the sender's known language or their phone number's country's; the parser
    weighs it only when the text alone is unsure of its language."""

    def __call__(
        self,
        text: str,
        parser: ParserName,
        *,
        now: datetime,
        tz: str,
        lang: str | None = None,
        hint: str | None = None,
    ) -> ParseResult: ...


class DocumentParseFn(Protocol):
    """A bill from a document's text and its caption (issue 23):
    `reactiond.nlp.bill_document.parse_bill_document`, in the parser process in the daemon
    (`ParsePool.parse_document`)."""

    def __call__(
        self, text: str, *, caption: str | None, now: datetime, tz: str, hint: str | None = None
    ) -> ParseResult: ...


def default_parse() -> ParseFn:
    found = getattr(importlib.import_module("reactiond.nlp"), "parse", None)
    if callable(found):
        real: ParseFn = found
        return real
    return stand_in_parse


def stand_in_parse(
    text: str,
    parser: ParserName,
    *,
    now: datetime,
    tz: str,
    lang: str | None = None,
    hint: str | None = None,
) -> ParseResult:
    chosen = lang or hint
    language: Language = chosen if chosen in LANGUAGES else "en"
    title = " ".join(text.split())
    if not title:
        return ParseResult(parser, False, language, None, 0.0, "empty")
    if parser == "task":
        return ParseResult(parser, True, language, TaskData(title), 0.5)
    if parser == "note":
        return ParseResult(parser, True, language, NoteData(title), 0.5)
    return ParseResult(parser, False, language, None, 0.0, "parser_unavailable")
