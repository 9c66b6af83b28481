"""The replies themselves: pure functions of the parsed data, the language and the zone.

Naive dates in the data are local wall-clock values in `tz` (the parsers' convention).
`now` is optional everywhere: with it, dates close to now drop their year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reactiond.nlp.result import (
    BillData,
    BillItem,
    CalendarData,
    Language,
    NoteData,
    ParsedData,
    ParserName,
    Priority,
    TaskData,
    Unsure,
)
from reactiond.replies import formatting
from reactiond.replies.phrases import Phrasebook, phrases
from reactiond.replies.unread import refusal_reason

Now = datetime | date | None


def _tags(tags: tuple[str, ...]) -> str:
    return " ".join(t if t.startswith("#") else f"#{t}" for t in tags)


# The parsers give platforms as lower-case keys (GUIDELINES §6); people read brand names.
_PLATFORM_NAMES = {
    "zoom": "Zoom",
    "meet": "Google Meet",
    "teams": "Microsoft Teams",
    "whatsapp": "WhatsApp",
    "skype": "Skype",
    "facetime": "FaceTime",
    "webex": "Webex",
    "slack": "Slack",
    "discord": "Discord",
}
_PHONE = {"es": "teléfono", "en": "phone", "pt": "telefone", "fr": "téléphone"}


def platform_name(platform: str, lang: Language) -> str:
    if platform == "phone":
        return _PHONE.get(lang, platform)
    return _PLATFORM_NAMES.get(platform, platform)


def _duration(minutes: int, book: Phrasebook) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(book.hours.format(n=hours))
    if rest or not hours:
        parts.append(book.minutes.format(n=rest))
    return " ".join(parts)


def _frequency(rrule: str, book: Phrasebook) -> str | None:
    fields = dict(part.split("=", 1) for part in rrule.split(";") if "=" in part)
    return book.frequencies.get(fields.get("FREQ", "").upper())


def bill_label(item: BillItem, lang: Language, tz: str | None = None) -> str:
    """ "CFE — $890.00", or just the amount when the vendor is unknown."""
    amount = formatting.money(item.amount, item.currency, lang, tz=tz)
    return f"{item.vendor} — {amount}" if item.vendor else amount


def _task(data: TaskData, lang: Language, tz: str, now: Now, priority: Priority | None) -> str:
    book = phrases(lang)
    lines = [book.task_created.format(title=data.title)]
    if data.due is not None:
        lines.append(book.due.format(when=formatting.when(data.due, lang, tz, now=now)))
    shown_priority = data.priority or priority
    if shown_priority is not None:
        lines.append(book.priority.format(priority=book.priorities[shown_priority]))
    if data.assignee:
        lines.append(book.assignee.format(name=data.assignee))
    if data.tags:
        lines.append(book.tags.format(tags=_tags(data.tags)))
    return "\n".join(lines)


def _event_title(data: CalendarData, book: Phrasebook) -> str:
    """An event the message gave no name ("mañana a las 10") is shown as "(untitled)"."""
    return data.title or book.untitled_event


def _event(data: CalendarData, lang: Language, tz: str, now: Now) -> str:
    book = phrases(lang)
    lines = [
        book.event_created.format(title=_event_title(data, book)),
        book.starts.format(when=formatting.when(data.start, lang, tz, now=now)),
    ]
    if data.duration_minutes:
        lines.append(book.duration.format(duration=_duration(data.duration_minutes, book)))
    if data.location:
        lines.append(book.location.format(location=data.location))
    if data.platform:
        lines.append(book.online.format(platform=platform_name(data.platform, lang)))
    if data.attendees:
        lines.append(book.attendees.format(names=", ".join(data.attendees)))
    if data.recurrence:
        frequency = _frequency(data.recurrence, book)
        if frequency is not None:
            lines.append(book.repeats.format(frequency=frequency))
    return "\n".join(lines)


def _bills(
    data: BillData, lang: Language, now: Now, priority: Priority | None, tz: str | None = None
) -> str:
    book = phrases(lang)
    if len(data.bills) == 1:
        item = data.bills[0]
        lines = [book.bill_created.format(what=bill_label(item, lang, tz))]
        if item.due is not None:
            lines.append(book.due.format(when=formatting.day(item.due, lang, now=now, tz=tz)))
    else:
        lines = [book.bills_created.format(count=len(data.bills))]
        for item in data.bills:
            line = f"• {bill_label(item, lang, tz)}"
            if item.due is not None:
                due = formatting.day(item.due, lang, now=now, tz=tz)
                line += " — " + book.bill_due.format(date=due)
            lines.append(line)
    if priority is not None:
        lines.append(book.priority.format(priority=book.priorities[priority]))
    return "\n".join(lines)


def _note(data: NoteData, lang: Language) -> str:
    book = phrases(lang)
    lines = [book.note_created.format(title=data.title)]
    if data.tags:
        lines.append(book.tags.format(tags=_tags(data.tags)))
    return "\n".join(lines)


def confirmation(
    data: ParsedData,
    *,
    lang: Language,
    tz: str,
    now: Now = None,
    priority: Priority | None = None,
    unsure: Sequence[Unsure] = (),
) -> str:
    """What was created, with the parsed fields. `priority` is the rule's default, shown
    when the data has none (bills have no priority of their own). Each guessed value in
    `unsure` (`ParseResult.unsure`) is asked back on a line of its own: "❓ ¿5:00 p.m.?
    Responde para corregir"."""
    if isinstance(data, TaskData):
        text = _task(data, lang, tz, now, priority)
    elif isinstance(data, CalendarData):
        text = _event(data, lang, tz, now)
    elif isinstance(data, BillData):
        text = _bills(data, lang, now, priority, tz)
    else:
        text = _note(data, lang)
    questions = _questions(data, unsure, lang, tz, now)
    return "\n".join([text, *questions])


def _guessed_value(data: ParsedData, u: Unsure, lang: Language, tz: str, now: Now) -> str | None:
    """The guessed value as the reader should check it: the hour for a bare hour read as PM,
    the day for a day/month order, the vendor for a guessed vendor, the amount (as the bill
    line shows it) for an amount no label named."""
    value: object = None
    if isinstance(data, BillData):
        if u.item is None or not 0 <= u.item < len(data.bills):
            return None
        item = data.bills[u.item]
        if u.field == "amount" and u.why == "unlabelled":
            return formatting.money(item.amount, item.currency, lang, tz=tz)
        value = getattr(item, u.field, None)
    else:
        value = getattr(data, u.field, None)
    if u.why == "bare_hour_pm" and isinstance(value, datetime):
        return formatting.clock(value, lang, tz)
    if u.why == "day_month_order" and isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return formatting.day(day, lang, now=now, tz=tz)
    if isinstance(value, str) and value:
        return value
    return None


def _questions(
    data: ParsedData, unsure: Sequence[Unsure], lang: Language, tz: str, now: Now
) -> list[str]:
    book = phrases(lang)
    seen: dict[str, None] = {}
    for u in unsure:
        what = _guessed_value(data, u, lang, tz, now)
        if what is not None:
            line = book.unsure_amount if u.why == "unlabelled" else book.unsure
            seen.setdefault(line.format(what=what), None)
    return list(seen)


def summary(data: ParsedData, *, lang: Language) -> str:
    """One short line naming a record, for "cancelled" and for logs shown to users."""
    if isinstance(data, BillData):
        return ", ".join(bill_label(item, lang) for item in data.bills)
    if isinstance(data, CalendarData):
        return _event_title(data, phrases(lang))
    return data.title


def parse_help(
    parser: ParserName,
    lang: Language,
    *,
    reason: str | None = None,
    has_text: bool = False,
    unread: tuple[str, ...] = (),
    vague: tuple[str, ...] = (),
) -> str:
    """Help after a failed parse, with an example that the parser understands. The reason
    is said as it is: `has_text` tells "nothing to act on" from "no text", and `unread`
    names a date that was written but cannot exist, `vague` the words after a due word in
    which no date was read."""
    book = phrases(lang)
    lines = [book.help_intro[parser]]
    said = refusal_reason(reason, lang, has_text=has_text, unread=unread, vague=vague)
    if said is not None:
        lines[0] += " " + said
    elif reason is not None and reason in book.help_reasons:
        lines[0] += " " + book.help_reasons[reason]
    lines.append(book.help_example.format(example=book.examples[parser]))
    return "\n".join(lines)


def example(parser: ParserName, lang: Language) -> str:
    """The example text `parse_help` offers (tests feed it to the parser)."""
    return phrases(lang).examples[parser]


def cancelled(summary: str, *, lang: Language) -> str:
    return phrases(lang).cancelled.format(summary=summary)


def cannot_see_message(lang: Language) -> str:
    return phrases(lang).cannot_see


def bill_reminder(
    item: BillItem, *, days_left: int, lang: Language, now: Now = None, tz: str | None = None
) -> str:
    """A bill falling due in `days_left` days (0 = today)."""
    book = phrases(lang)
    what = bill_label(item, lang, tz)
    if days_left <= 0 or item.due is None:
        return book.reminder_bill_today.format(what=what)
    due = formatting.day(item.due, lang, now=now, tz=tz)
    if days_left == 1:
        return book.reminder_bill_tomorrow.format(what=what, date=due)
    return book.reminder_bill_days.format(what=what, days=days_left, date=due)


def task_reminder(data: TaskData, *, lang: Language, tz: str, now: Now = None) -> str:
    book = phrases(lang)
    if not isinstance(data.due, datetime):
        return book.reminder_task_day.format(title=data.title)
    return book.reminder_task.format(
        title=data.title, when=formatting.when(data.due, lang, tz, now=now)
    )


def event_reminder(data: CalendarData, *, lang: Language, tz: str, now: Now = None) -> str:
    book = phrases(lang)
    if isinstance(data.start, datetime):
        text = book.reminder_event.format(
            title=_event_title(data, book), when=formatting.when(data.start, lang, tz, now=now)
        )
    else:
        text = book.reminder_event_day.format(title=_event_title(data, book))
    if data.location:
        text += "\n" + book.reminder_event_location.format(location=data.location)
    return text
