"""The labelled dev corpus as a test: accuracy floors at what the parsers reach, so a change
cannot silently make them worse. Scoring uses score.py's own comparison functions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from reactiond.nlp import parse
from tests.fixtures import NLP, nlp_scorer, shared_missing

CASES = NLP / "dev.jsonl"
SCORER = NLP / "score.py"

# Floors: the accuracy reached, rounded down a point (exact match) or to a safe margin.
EXACT_FLOOR = 0.99
PARSER_FLOORS = {"task": 0.98, "calendar": 0.97, "bill": 0.97, "note": 0.98}
LANGUAGE_FLOOR = 0.99
REFUSAL_FLOOR = 0.95

pytestmark = shared_missing(CASES)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    score = nlp_scorer()
    cases = score.read_jsonl(CASES, "cases")
    preds = {}
    for c in cases:
        r = parse(c["text"], c["parser"], now=datetime.fromisoformat(c["now"]), tz=c["tz"])
        preds[str(c["id"])] = r.prediction(str(c["id"]))
    result: dict[str, Any] = score.score(cases, preds, show=50)
    result["cases_list"] = cases
    result["preds"] = preds
    return result


def test_exact_match_floor(report: dict[str, Any]) -> None:
    failures = [(f["id"], f["diffs"]) for f in report["worst_failures"]]
    assert report["exact_match"] >= EXACT_FLOOR, json.dumps(failures, ensure_ascii=False)[:3000]


@pytest.mark.parametrize("parser", sorted(PARSER_FLOORS))
def test_per_parser_floor(report: dict[str, Any], parser: str) -> None:
    per = [v for k, v in report["exact_by_language_parser"].items() if k.endswith("/" + parser)]
    assert min(per) >= PARSER_FLOORS[parser] - 0.04  # one case of 27 per language
    assert sum(per) / len(per) >= PARSER_FLOORS[parser]


def test_every_field_at_least_96_percent(report: dict[str, Any]) -> None:
    for parser, fields in report["field_accuracy_by_parser"].items():
        for name, value in fields.items():
            assert value >= 0.96, (parser, name, value)


def test_language_floor(report: dict[str, Any]) -> None:
    assert report["language_accuracy"] >= LANGUAGE_FLOOR


def test_refusals_floor(report: dict[str, Any]) -> None:
    assert report["refusal_precision"] >= REFUSAL_FLOOR
    assert report["refusal_recall"] >= REFUSAL_FLOOR
