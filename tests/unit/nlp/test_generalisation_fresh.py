"""Generalisation sets as tests with floors: new cases, not paraphrases of dev lines,
labelled by the guidelines before any parser ran on them.

`generalisation_v2_bill_note.jsonl`, version-2 bills, notes and acknowledgements (§13.1,
§13.5, §13.6) in es/en/pt: the first 44 scored 27 % on the version-1 parsers.

`generalisation_fr.jsonl`, French (GUIDELINES §14): the first 52 (`gfr-`: every zone of §14,
h-forms, "moins le quart", "mardi en huit", "sous quinzaine", Swiss and CFA money, payment
channels) scored 52/52 as written; the next 29 (`gfr2-`: chatty messages, Quebec and West
African usage, written zones, ranges, COUNT) scored 27/29, both misses bill vendors that kept
a conjugated verb or a lead-in ("Pense à virer…", "Faut que je paye…"), fixed in the French
bill lexicon.

`generalisation_v2b.jsonl`, version 2 (§13) in es/en/pt, all four parsers. The first 30
(`g2b-`) scored 29/30 as written; the miss kept "por videochamada" in a title when a named
platform followed ("por videochamada no WhatsApp"), fixed in the pt and es platform
prepositions. The next 23 (`g2c-`, variations on the classes issue 15 lists: house numbers,
written zones equal to `tz`, "Check-in", "antes del 15", "até ao fim do mês", "EDP
eletricidade", "Gas LP", "Octopus Energy", totals, already paid) scored 22/23: "nos vemos
pronto" from New York with no hint reads as English (no function word only Spanish has; the
zone decides). Left as a known miss rather than special-cased; hence the language floor.

`generalisation_s6.jsonl` (session 6), 100 cases in es/en/pt/fr, all four parsers, 20 time
zones, each with a `why` naming its guideline sections. As written it scored 95/100: a range
end with "y media" ("de 4 a 5 y media"), WhatsApp's "q" for "que" ("la semana q viene",
"sábado q vem") twice, "code" counted as an English cue in a French note ("Note : code
portail…"), and one label ("caler un point" keeps its article: only the verb leaves, §14.5),
corrected. The second batch (`s6b-`, 44 cases aimed at those classes and their neighbours)
scored 39/44: French "9 heures et demie" (the "et" read as Eastern Time, "9 heures" as a
length) and "16 heures 30", "la prox semana", "x zoom" (x for por), "Obs.:" (a trigger
with an abbreviation's period) and a typed please ("Pf paga el cable") taken for the payee.
The third batch (`s6c-`, 32 cases of words written short) scored 21/32: "x la tarde", "p/ el",
"próx.", "nxt", "nxt wk", "ds 2 jours", "pr demain", "ts les", and pt "ter" (Tuesday only in a
list of weekdays: alone it is the verb "to have"). Lexicon.shorthand now spells every phrase
with them; Lexicon.listed_weekdays holds "ter".
The fourth batch (`s6d-`, 32 chatty, money, UNTIL and written-zone cases) scored 28/32:
"9:30am ET" made an English message French ("et"), pt "3ª feira", "porfa 😘 gracias"
(an emoji before a closing thanks ends the clause) and "Oi mãe," (family words addressed).
The fifth batch (`s6e-`, 32 cases: offsets, time forms, priorities, recurring dues, zones)
scored 32/32; the sixth (`s6f-`, 24 cases: missing accents and typos in date words) 23/24,
the miss fr "avt" for "avant" (added to the shorthand).
The seventh (`s6g-`, 32 cases: attendees, intervals, COUNT, ordinal weekdays, bills over
lines) scored 29/32: "the last Sat of the month 6pm" (a time after "of the month" was taken
for a day), fr "le dernier samedi du mois" made monthly without tous/chaque, and "à maman via
Orange Money" (the channel's "via" stayed; a family word after a payee preposition is the
person paid).
The eighth (`s6h-`, 24 cases) scored 23/24: "the first Thursday of March 2pm"; the ninth
(`s6i-`, 22 cases) 22/22; the tenth (`s6j-`, 16 cases) 12/16: debts to the chat partner
("te debo 200 del taxi") took the reason for the payee, and a card's closing day ("fecha dia
2") was taken for the due day; the eleventh (`s6k-`, 20 cases: hours, durations and dates in
words and with years) 20/20; the twelfth (`s6l-`, 12 two- and three-word messages) 12/12.
The rules are pinned in `test_generalisation_s6.py`.

Scored with score.py's own functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures import NLP, failures, score_corpus, shared_missing

SCORER = NLP / "score.py"
ALL_PARSERS = frozenset({"task", "calendar", "bill", "note"})
# file → (the languages it covers, the parsers it covers, its least number of time zones)
SETS = {
    "generalisation_fr.jsonl": ({"fr"}, ALL_PARSERS, 8),
    "generalisation_v2b.jsonl": ({"es", "en", "pt"}, ALL_PARSERS, 8),
    "generalisation_v2_bill_note.jsonl": ({"es", "en", "pt"}, {"bill", "note"}, 3),
    "generalisation_s6.jsonl": ({"es", "en", "pt", "fr"}, ALL_PARSERS, 15),
}

# What the parsers reach (100 %), less one case or two; every field at 97 %.
EXACT_FLOOR = 0.97
FIELD_FLOOR = 0.97
LANGUAGE_FLOOR = 0.98

pytestmark = shared_missing(SCORER)


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request: pytest.FixtureRequest) -> dict[str, Any]:
    return score_corpus(Path(__file__).with_name(request.param), show=50)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_set_covers_its_languages_parsers_zones_and_refusals(name: str) -> None:
    text = Path(__file__).with_name(name).read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line]
    languages, parsers, zones = SETS[name]
    assert len(lines) >= 30
    assert {c["parser"] for c in lines} == parsers
    assert {c["expected"]["language"] for c in lines} == languages
    assert len({c["tz"] for c in lines}) >= zones
    assert any(not c["expected"]["success"] for c in lines)


def test_exact_match_floor(report: dict[str, Any]) -> None:
    assert report["exact_match"] >= EXACT_FLOOR, failures(report)


def test_every_field_floor(report: dict[str, Any]) -> None:
    for parser, fields in report["field_accuracy_by_parser"].items():
        for name, value in fields.items():
            assert value >= FIELD_FLOOR, (parser, name, failures(report))


def test_refusals_and_language(report: dict[str, Any]) -> None:
    assert report["refusal_precision"] == 1.0 and report["refusal_recall"] == 1.0
    assert report["language_accuracy"] >= LANGUAGE_FLOOR


def test_the_session_6_set_is_pinned_whole() -> None:
    """Every s6 case passes: its misses were fixed by general rules, none is a known miss."""
    report = score_corpus(Path(__file__).with_name("generalisation_s6.jsonl"), show=50)
    assert report["exact_match"] == 1.0, failures(report)
