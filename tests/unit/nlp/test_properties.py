"""Hypothesis properties: the parsers never raise, and dates written in every supported phrasing
parse back to themselves relative to `now`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.nlp import parse
from reactiond.nlp.calendar import parse_calendar
from reactiond.nlp.dates import find_dates, resolve, scan
from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.note import parse_note
from reactiond.nlp.result import Language
from reactiond.nlp.task import parse_task

LANGS: list[Language] = ["es", "en", "pt"]
# Every language the parsers read (the phrasing generators below cover es/en/pt).
ALL_LANGS: list[Language] = [*LANGS, "fr"]
ZONES = [
    "America/Mexico_City",
    "Europe/Madrid",
    "America/Sao_Paulo",
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
]
nows = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31))
texts = st.text(max_size=200)
# Text built from the grammar's own words: far likelier to reach deep rules than random Unicode.
_VOCAB = sorted(
    {
        w
        for lex in LEXICONS.values()
        for w in (
            *lex.weekdays,
            *lex.months,
            *lex.relative_days,
            *lex.time_intro,
            *lex.every,
            *lex.units,
            *lex.day_pre,
        )
    }
)
wordy = st.lists(
    st.one_of(
        st.sampled_from(_VOCAB),
        st.from_regex(r"\d{1,4}([:/h.,]\d{1,2})?(am|pm|h)?", fullmatch=True),
        st.sampled_from(["@ana", "#tag", "-", ",", "de", "a", "🎉"]),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(texts, wordy),
    lang=st.sampled_from(ALL_LANGS),
    now=nows,
    tz=st.sampled_from(ZONES),
)
def test_task_calendar_note_never_raise(text: str, lang: Language, now: datetime, tz: str) -> None:
    for fn in (parse_task, parse_calendar, parse_note):
        result = fn(text, lang, now, tz)
        assert result.success in (True, False)
        if result.success:
            assert result.data is not None


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(texts, wordy),
    now=nows,
    tz=st.sampled_from(ZONES),
    parser=st.sampled_from(["task", "calendar", "bill", "note"]),
)
def test_parse_never_raises(text: str, now: datetime, tz: str, parser: str) -> None:
    result = parse(text, parser, now=now, tz=tz)
    assert result.language in ALL_LANGS
    assert result.reason is None or not result.reason.startswith("internal_error"), result


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(texts, wordy), lang=st.sampled_from(LANGS), now=nows, tz=st.sampled_from(ZONES)
)
def test_find_dates_spans_are_inside_the_text(
    text: str, lang: Language, now: datetime, tz: str
) -> None:
    for m in find_dates(text, lang, now, tz):
        assert 0 <= m.start < m.end <= len(text)


_MONTHS: dict[Language, list[str]] = {
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
}
_WEEKDAYS: dict[Language, list[str]] = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "pt": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
}


def _phrasings(target: date, lang: Language, today: date) -> list[str]:
    """Ways to write `target` that, by the guidelines, mean exactly `target` as seen from today."""
    month = _MONTHS[lang][target.month - 1]
    day = target.day
    out = {
        "es": [f"el {day} de {month}", f"{day} {month}"],
        "en": [f"{month} {day}", f"{day} {month}", f"on {month} {day}"],
        "pt": [f"dia {day} de {month}", f"{day} de {month}"],
    }[lang]
    out.append(f"{day:02d}/{target.month:02d}" if lang != "en" else f"{day}/{target.month}")
    out.append(f"{day}/{target.month}/{target.year}")
    delta = (target - today).days
    if 1 <= delta <= 7:
        name = _WEEKDAYS[lang][target.weekday()]
        out += [
            name,
            {"es": f"el próximo {name}", "en": f"next {name}", "pt": f"na próxima {name}"}[lang],
        ]
    if delta == 0:
        out.append({"es": "hoy", "en": "today", "pt": "hoje"}[lang])
    if delta == 1:
        out.append({"es": "mañana", "en": "tomorrow", "pt": "amanhã"}[lang])
    if delta == 2:
        out.append(
            {"es": "pasado mañana", "en": "day after tomorrow", "pt": "depois de amanhã"}[lang]
        )
    if 1 <= delta <= 60:
        out.append(
            {"es": f"en {delta} días", "en": f"in {delta} days", "pt": f"daqui a {delta} dias"}[
                lang
            ]
        )
    if target.month == today.month and target.year == today.year:
        out.append({"es": f"el {day}", "en": f"the {day}th", "pt": f"dia {day}"}[lang])
    return out


@settings(max_examples=300, deadline=None)
@given(now=nows, ahead=st.integers(min_value=0, max_value=300), lang=st.sampled_from(LANGS))
def test_dates_written_in_supported_phrasings_parse_back(
    now: datetime, ahead: int, lang: Language
) -> None:
    today = now.date()
    target = today + timedelta(days=ahead)
    tz = "Europe/London"  # day-first for every language, English included
    for phrase in _phrasings(target, lang, today):
        if phrase.startswith("the ") and target.day in (1, 2, 3, 21, 22, 23, 31):
            continue  # "the 1th" is not English
        if lang == "pt" and phrase.startswith("na próxima") and target.weekday() >= 5:
            continue  # "próximo sábado/domingo" is masculine; the feminine form is not typed
        got = resolve(scan(phrase, lang, tz), now).value
        assert got == target, (phrase, today)


@settings(max_examples=200, deadline=None)
@given(now=nows, days=st.integers(min_value=1, max_value=30), lang=st.sampled_from(LANGS))
def test_offsets_parse_back(now: datetime, days: int, lang: Language) -> None:
    phrase = {"es": f"en {days} días", "en": f"in {days} days", "pt": f"daqui a {days} dias"}[lang]
    assert resolve(scan(phrase, lang, "UTC"), now).value == now.date() + timedelta(days=days)
