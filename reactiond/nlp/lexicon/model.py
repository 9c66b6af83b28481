"""The shape of a language lexicon (see `lexicon/__init__.py`).

Per-language word lists. Each language's words live in ONE module (es.py, en.py, pt.py);
the grammars in `dates.py` and the parsers are built from these tables, never from
`if lang == ...` branches. All phrases are *folded* (lower-case, no accents, see `text.fold`)
because matching happens on folded text; typos people commonly write are listed as words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from itertools import product
from typing import Any

from reactiond.nlp.result import Language

PartOfDay = str  # "am" | "pm": how a part-of-day word shifts a bare hour


@dataclass(frozen=True)
class Lexicon:
    code: Language
    # --- dates -------------------------------------------------------------------------------
    weekdays: Mapping[str, int]  # word -> 0 (Monday) .. 6
    months: Mapping[str, int]  # word -> 1..12
    numbers: Mapping[str, int]  # small number words
    nth: Mapping[str, int]  # first/primer/primeira -> 1, last/ultimo -> -1
    relative_days: Mapping[str, int]  # hoy -> 0, mañana -> 1, pasado mañana -> 2
    offset_intro: tuple[str, ...]  # "en", "in", "daqui a": introduce "N days from now"
    units: Mapping[str, str]  # "dias" -> "day", "semanas" -> "week", "min" -> "minute"
    a_unit: tuple[str, ...]  # "un", "una", "a", "an", "um", "uma": a count of one
    duration_phrases: Mapping[str, int]  # "media hora" -> 30, "hora y media" -> 90
    duration_intro: tuple[str, ...]  # "for", "por", "durante": a bare "1h" after it is a length
    weekday_pre: tuple[str, ...]  # este / this / next / próximo / on / no
    weekday_post: tuple[str, ...]  # que viene / que vem
    day_pre: tuple[str, ...]  # el / el día / dia / the / on the (day of month)
    of_words: tuple[str, ...]  # de / of / de
    end_of_month: tuple[str, ...]
    next_week: tuple[str, ...]
    weekend: tuple[str, ...]
    # --- times -------------------------------------------------------------------------------
    time_intro: tuple[str, ...]  # a las / at / às
    noon: tuple[str, ...]
    midnight: tuple[str, ...]
    half_past: tuple[str, ...]  # y media / e meia
    quarter_past: tuple[str, ...]
    quarter_to: tuple[str, ...]
    pod_suffix: Mapping[str, PartOfDay]  # "de la tarde" after an hour -> pm
    pod_alone: Mapping[str, int]  # "por la tarde" -> 15 (keeps the date it goes with)
    pod_today: Mapping[str, int]  # "esta noche", "tonight" -> 20 today
    range_from: tuple[str, ...]  # de / from / das
    range_to: tuple[str, ...]  # a / to / às
    # --- recurrence --------------------------------------------------------------------------
    every: tuple[str, ...]  # todos los / every / toda
    every_other: tuple[str, ...]  # every other / cada dos / semana sim
    daily: tuple[str, ...]
    weekly: tuple[str, ...]
    monthly: tuple[str, ...]
    yearly: tuple[str, ...]
    workdays: tuple[str, ...]  # every weekday / entre semana / dias úteis
    of_every_month: tuple[str, ...]  # de cada mes / of every month
    adjective_recurrence: tuple[str, ...]  # weekly/semanal: recurring, but kept in titles
    # --- parsers -----------------------------------------------------------------------------
    date_preps: tuple[str, ...]  # words removed with a date phrase from a title
    task_triggers: tuple[str, ...]
    note_triggers: tuple[str, ...]
    calendar_triggers: tuple[str, ...]
    priorities: Mapping[str, str]  # phrase -> high / medium / low
    acknowledgements: tuple[str, ...]
    laughter: str  # regex over folded text for a laughter token
    location_preps: tuple[str, ...]
    articles: tuple[str, ...]
    attendee_connectors: tuple[str, ...]  # con / with / com before a mention
    and_words: tuple[str, ...]  # y / and / e between mentions or weekdays
    platform_preps: tuple[str, ...]  # por / via / on / pelo
    platforms: Mapping[str, str]  # language-specific platform words -> canonical name
    undecided_time: tuple[str, ...]  # "time tbd", "horário a definir"
    # --- language detection ------------------------------------------------------------------
    function_words: frozenset[str]  # short words that tell the sentence frame's language
    # --- optional ----------------------------------------------------------------------------
    # a bare part-of-day word that counts only right after a date ("Sunday morning", but not
    # "movie night"): word -> hour
    pod_after_date: Mapping[str, int] = field(default_factory=dict)
    # "half past 4": minutes added to the hour that follows
    clock_prefix: Mapping[str, int] = field(default_factory=dict)
    # a day number alone ("the 3rd") needs its ordinal suffix to be a date
    day_needs_ordinal: bool = False
    # "every morning", "todas las noches": daily, at that part of day
    daily_parts: Mapping[str, int] = field(default_factory=dict)
    # what follows a location preposition but is not a place ("in person", "en línea")
    non_locations: tuple[str, ...] = ()
    # words that end a place name besides "with/con/com": "en la oficina para revisar..."
    location_stops: tuple[str, ...] = ()
    # "every weekend", "todos los fines de semana": BYDAY=SA,SU
    every_weekend: tuple[str, ...] = ()
    # after a day number: "de este mes" (this month), "del mes que viene" (next month)
    this_month: tuple[str, ...] = ()
    next_month: tuple[str, ...] = ()
    oclock: tuple[str, ...] = ()  # "en punto", "o'clock"
    # a day of the month written as a word: "el primero", "dia primeiro", "on the first"
    day_words: Mapping[str, int] = field(default_factory=dict)
    # due words a bare day number may follow (§4.5 "vence el 15"): "vence 20", "due 15"
    due_words: tuple[str, ...] = ()
    # English puts an adjective before its noun ("daily standup"): after a word and before
    # one of these (or the end), "daily/weekly" is an adverb and the recurrence phrase itself
    adverb_recurrence_after: tuple[str, ...] = ()
    # --- chatty messages (guidelines §13.1) ----------------------------------------------------
    # greetings that open a unit ("hola", "bom dia", "hi all"); sign-offs and thanks that make
    # a unit of their own; group words and "how are you" phrases a greeting may carry; words
    # that, alone with "?", only ask the reader to confirm ("ok?", "¿va?", "tá?")
    greetings: tuple[str, ...] = ()
    vocatives: tuple[str, ...] = ()
    how_are_you: tuple[str, ...] = ()
    signoffs: tuple[str, ...] = ()
    confirm_asks: tuple[str, ...] = ()
    # --- version 2 dates, times and recurrence (guidelines §13.2-13.4) --------------------------
    # written time zones by name ("hora del centro") -> IANA name or "UTC+HH:MM"
    zones: Mapping[str, str] = field(default_factory=dict)
    # after an ordinal weekday: "del mes" (one date) / "del mes que viene" (next month's)
    of_this_month: tuple[str, ...] = ()
    of_next_month: tuple[str, ...] = ()
    # an article that makes any weekday plural ("los martes"), and plural weekday words
    plural_weekday_pre: tuple[str, ...] = ()
    plural_weekdays: Mapping[str, int] = field(default_factory=dict)
    weekday_span_to: tuple[str, ...] = ()  # "de lunes a viernes", "Monday to Friday"
    fortnightly: tuple[str, ...] = ()  # every two weeks, as words
    fortnight_words: tuple[str, ...] = ()  # "quince" días: two weeks, not 15 days
    week_from: tuple[str, ...] = ()  # "a week from" Friday: that day + 7
    next_month_words: tuple[str, ...] = ()  # "el mes que viene": the 1st of next month
    this_month_words: tuple[str, ...] = ()  # "este mes": its last day
    this_week: tuple[str, ...] = ()  # "esta semana", "EOW": the first Friday on or after today
    quincena: tuple[str, ...] = ()  # the next 15th or last day of a month
    until_words: tuple[str, ...] = ()  # "hasta (el)": a recurrence's end date
    count_intro: tuple[str, ...] = ()  # "durante" 8 semanas: COUNT
    times_words: tuple[str, ...] = ()  # 10 "veces": COUNT
    # ranges of days: "del 3 al 7" (strong markers, no month needed), "de 3 a 7 de marzo"
    day_range_from: tuple[str, ...] = ()
    day_range_to: tuple[str, ...] = ()
    day_range_strong: tuple[tuple[str, str], ...] = ()
    not_times: tuple[str, ...] = ()  # "más tarde", "later": never a time (§13.3)
    # "at 14 Elm Road": a number before a street name is a house number, not a time
    street_words: tuple[str, ...] = ()
    # "la licencia se vence el 15": after a reflexive pronoun the due verb is the sentence's
    # own verb and stays in a title
    reflexive: tuple[str, ...] = ()
    # words left at the end of a calendar title once its date is gone: a copula or a
    # connector ("la junta es" el jueves, "practice moved to" Thursday, "Natação da Lara e")
    event_tail: tuple[str, ...] = ()
    # "hasta finales de junio", "until the end of June": a recurrence ends on its last day
    month_end_words: tuple[str, ...] = ()
    # an elided word before an apostrophe ("l'", "d'", "qu'"): a cue for the language
    elisions: tuple[str, ...] = ()
    # punctuation typed after a space ("Idée : ...") that titles keep as typed
    spaced_punctuation: str = ""
    # location prepositions kept with the place: fr "chez le dentiste", "chez tata Awa"
    kept_location_preps: tuple[str, ...] = ()
    # "un jeudi sur deux", "une semaine sur deux": after "a weekday/unit", every other one
    alternate_suffix: tuple[str, ...] = ()
    # "mardi en huit": after a weekday, that many days more
    weekday_later: Mapping[str, int] = field(default_factory=dict)
    # before a month: "fin mars" (-1: its last day), "debut avril" (1), "mi-juin" (15)
    month_parts: Mapping[str, int] = field(default_factory=dict)
    # laughter another language's frame shares (fr: lol, haha): beside a word of any
    # language it weighs little, so "ok merci lol" stays French
    shared_laughter: frozenset[str] = frozenset()
    # platform words that also name the event ("appel téléphonique avec la banque"): at the
    # start of a title, without a preposition, they set the platform and stay
    platform_nouns: tuple[str, ...] = ()
    # fr "Point hebdo le lundi": a recurrence adjective leaves the title when it alone carries
    # the recurrence, and stays beside another recurrence phrase ("Réunion hebdo tous les lundis")
    adjective_recurrence_alone_leaves: bool = False
    # words after a date that only serve it ("le 2 avril au plus tard"): they leave with it
    date_suffixes: tuple[str, ...] = ()
    # period phrases that in the Americas mean the weekend (fr Quebec "en fin de semaine"),
    # and elsewhere what the grammar reads (the end of the week)
    americas_weekend: tuple[str, ...] = ()
    # fr "9h moins cinq", "10h moins 10": minutes counted back from the hour
    minutes_to: Mapping[str, int] = field(default_factory=dict)
    # fr "à deux heures" is "à 2h": an hour word after the number makes an h-form (24-hour)
    hour_word_is_h: bool = False
    # fr "le premier avril": a day word needs no "de" before its month
    day_word_month_without_of: bool = False
    # fr "15.01.2027", "15-01-2027": separators of a numeric date besides "/" (year required)
    numeric_date_separators: str = ""
    # WhatsApp shorthand for a word: es/pt "q" for "que" ("la semana q viene", "sábado q vem",
    # "te recuerdo q"), "prox" for "próximo/próxima" ("la prox semana"), en "nxt wk", fr "ts
    # les lundis". Every phrase that holds the word also matches with each short spelling
    # (every mix of long and short words); a one-letter short form only inside a phrase of
    # several words ("q" or "x" by itself means nothing). Language cues never grow.
    shorthand: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # weekday abbreviations that are also everyday words (pt "ter", to have): a weekday only in
    # a list of weekdays or after a recurrence word ("toda ter e qui", "seg, ter e qua")
    listed_weekdays: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.shorthand:
            return
        for f in fields(self):
            if f.name in _NOT_PHRASES:
                continue
            value = getattr(self, f.name)
            spelled = _with_shorthand(value, self.shorthand)
            if spelled is not value:
                object.__setattr__(self, f.name, spelled)


# Fields that hold no phrase lists (or must not grow: the function words are language cues).
_NOT_PHRASES = frozenset(
    {"code", "laughter", "function_words", "shorthand", "shared_laughter", "listed_weekdays"}
)


def _short(phrase: str, shorthand: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The spellings of `phrase` with one or more of its words written short."""
    words = phrase.split(" ")
    options = [
        (w, *(s for s in shorthand.get(w, ()) if len(words) > 1 or len(s) > 1)) for w in words
    ]
    if all(len(o) == 1 for o in options):
        return []
    return [" ".join(p) for p in product(*options)][1:]  # the first is the phrase itself


def _with_shorthand(value: Any, shorthand: Mapping[str, tuple[str, ...]]) -> Any:
    """`value` with the shorthand spellings added for each phrase that has some; `value`
    itself when nothing changes (or when it is no list of phrases)."""
    if isinstance(value, tuple) and value and all(isinstance(w, str) for w in value):
        extra = [s for w in value for s in _short(w, shorthand) if s not in value]
        return (*value, *dict.fromkeys(extra)) if extra else value
    if isinstance(value, Mapping) and value and all(isinstance(k, str) for k in value):
        added: dict[str, Any] = {}
        for k, v in value.items():
            for s in _short(k, shorthand):
                if s not in value:
                    added.setdefault(s, v)
        return {**value, **added} if added else value
    return value
