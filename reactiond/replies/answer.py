"""The reply to a reaction's parse, for a real reaction and for `rules test` alike."""

from __future__ import annotations

from datetime import date, datetime

from reactiond.nlp.result import BillData, Language, ParseResult, ParserName, Priority, TaskData
from reactiond.nlp.unread import impossible_dates, unread_due_phrases
from reactiond.replies.texts import confirmation, parse_help
from reactiond.replies.unread import dropped_dates, dropped_phrases


def lacks_date(result: ParseResult) -> bool:
    """Whether the parse left out a date the record could have had (a note has none)."""
    data = result.data
    if data is None:
        return result.parser != "note"
    if isinstance(data, TaskData):
        return data.due is None
    if isinstance(data, BillData):
        return any(item.due is None for item in data.bills)
    return False


def answer(
    result: ParseResult,
    text: str,
    *,
    parser: ParserName,
    made_records: bool,
    lang: Language,
    tz: str,
    now: datetime | date | None = None,
    priority: Priority | None = None,
) -> str:
    """The reply to a reaction's parse: the confirmation (asking back the values it guessed,
    `ParseResult.unsure`), with a line for a date that was written but cannot exist ("31 de
    febrero", refused by the date grammar, so the record has none or another one), or the
    help that says why nothing was made. Words after a due word in which no date was read
    ("vence el día de la madre") are named the same way. The same for a real reaction and for
    `rules test`."""
    unread = impossible_dates(text, result.language) if parser != "note" else ()
    vague = unread_due_phrases(text, result, tz) if parser != "note" else ()
    if made_records and result.data is not None:
        reply = confirmation(
            result.data, lang=lang, tz=tz, now=now, priority=priority, unsure=result.unsure
        )
        if unread:
            dateless = lacks_date(result)
            reply += "\n" + dropped_dates(unread, parser, lang, dateless=dateless)
        if vague:
            reply += "\n" + dropped_phrases(vague, parser, lang, dateless=_dateless(result))
        return reply
    return parse_help(
        parser,
        lang,
        reason=result.reason,
        has_text=bool(text.strip()),
        unread=unread,
        vague=vague,
    )


def _dateless(result: ParseResult) -> bool:
    """Whether no part of the record got a date (one bill of several may have)."""
    data = result.data
    if isinstance(data, BillData):
        return all(item.due is None for item in data.bills)
    return lacks_date(result)
