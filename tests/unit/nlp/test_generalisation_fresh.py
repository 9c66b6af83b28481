"""Sets written in session 5 as tests with floors: new cases, not paraphrases of dev lines,
labelled by the guidelines before any parser ran on them.

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

Scored with score.py's own functions."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reactiond.nlp import parse
from tests.fixtures import NLP, nlp_scorer, shared_missing

SCORER = NLP / "score.py"
# file → the languages it covers
SETS = {"generalisation_fr.jsonl": {"fr"}, "generalisation_v2b.jsonl": {"es", "en", "pt"}}

# What the parsers reach (100 %), less about one case; every field at 97 %.
EXACT_FLOOR = 0.98
FIELD_FLOOR = 0.97
LANGUAGE_FLOOR = 0.98

pytestmark = shared_missing(SCORER)


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request: pytest.FixtureRequest) -> dict[str, Any]:
    score = nlp_scorer()
    cases = score.read_jsonl(Path(__file__).with_name(request.param), "cases")
    score.validate_cases(cases)
    preds = {
        str(c["id"]): parse(
            c["text"], c["parser"], now=datetime.fromisoformat(c["now"]), tz=c["tz"]
        ).prediction(str(c["id"]))
        for c in cases
    }
    result: dict[str, Any] = score.score(cases, preds, show=50)
    return result


def _failures(report: dict[str, Any]) -> str:
    return json.dumps([(f["id"], f["diffs"]) for f in report["worst_failures"]], ensure_ascii=False)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_set_covers_four_parsers_many_zones_and_refusals(name: str) -> None:
    text = Path(__file__).with_name(name).read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line]
    assert len(lines) >= 30
    assert {c["parser"] for c in lines} == {"task", "calendar", "bill", "note"}
    assert {c["expected"]["language"] for c in lines} == SETS[name]
    assert len({c["tz"] for c in lines}) >= 8
    assert any(not c["expected"]["success"] for c in lines)


def test_exact_match_floor(report: dict[str, Any]) -> None:
    assert report["exact_match"] >= EXACT_FLOOR, _failures(report)[:3000]


def test_every_field_floor(report: dict[str, Any]) -> None:
    for parser, fields in report["field_accuracy_by_parser"].items():
        for name, value in fields.items():
            assert value >= FIELD_FLOOR, (parser, name, _failures(report)[:3000])


def test_refusals_and_language(report: dict[str, Any]) -> None:
    assert report["refusal_precision"] == 1.0 and report["refusal_recall"] == 1.0
    assert report["language_accuracy"] >= LANGUAGE_FLOOR
