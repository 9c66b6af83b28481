"""The parser process's own loop: what `ParsePool` spawns.

It lives apart from `reactiond.engine` on purpose: a spawned process imports the module of
its target, and the engine's (structlog, asyncio, the store's types) would add ~15 MB to
every parser process for nothing. This module imports the parsers and a pipe, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection
from zoneinfo import ZoneInfo

from reactiond.nlp import bill, bill_document, grammar, money
from reactiond.nlp import parse as nlp_parse
from reactiond.nlp.bill_document import parse_bill_document
from reactiond.nlp.result import ParseResult

PlainParse = Callable[..., ParseResult]

# A bill document's text (issue 23): this parser name, the caption in the `lang` slot.
DOCUMENT = "bill_document"


def parse_with_documents(
    text: str,
    parser: str,
    *,
    now: datetime,
    tz: str,
    lang: str | None = None,
    hint: str | None = None,
) -> ParseResult:
    """`reactiond.nlp.parse`, and for `DOCUMENT` the bill parser for a document's text
    (`parse_bill_document`, with the caption given as `lang`): what the daemon's parser
    process runs."""
    if parser == DOCUMENT:
        return parse_bill_document(text, caption=lang, now=now, tz=ZoneInfo(tz), language_hint=hint)
    return nlp_parse(text, parser, now=now, tz=tz, lang=lang, hint=hint)


def serve(conn: Connection, parse: PlainParse) -> None:
    """Warm up, say so, then parse requests until the pipe closes."""
    # Compiles every lexicon's patterns (~1 s on a Pi) now rather than in the first message's
    # parse: the dates' grammars, the amounts', the bills' phrases and the documents' labels
    # (each compiled on first use, so that the daemon, which imports them, starts without).
    # The statistical detector is not built here: it loads only the models a text needs.
    for module in (grammar, money, bill, bill_document):
        module.compile_all()
    for parser in ("task", "calendar", "bill", "note"):
        parse("Pagar 10 el lunes a las 9", parser, now=datetime(2000, 1, 1), tz="UTC", lang="es")
    conn.send(("ready", None))
    while True:
        try:
            text, parser, now, tz, lang, hint = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", parse(text, parser, now=now, tz=tz, lang=lang, hint=hint)))
        except Exception as exc:  # UnknownParser, UnknownTimeZone: raised again in the caller
            conn.send(("error", exc))
