"""The labelled question corpus (issue 20 §4): questions about the records in es, en and
pt, and notes to self that are no question. The reader must get ≥ 95 % of them right
(whether it is a question, and then its kinds, period and language)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from reactiond.conversation.questions import read_question

CORPUS = Path(__file__).with_name("questions.jsonl")
TODAY = date(2026, 12, 3)


def right(case: dict[str, Any]) -> bool:
    q = read_question(case["text"], today=TODAY, tz="America/Mexico_City")
    if not case["question"]:
        return q is None
    return (
        q is not None
        and sorted(q.kinds) == case["kinds"]
        and q.period == case["period"]
        and q.language == case["lang"]
    )


def test_the_question_corpus_is_read_right_at_least_95_percent() -> None:
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert {c.get("lang") for c in cases if c["question"]} >= {"es", "en", "pt"}
    wrong = [c["text"] for c in cases if not right(c)]
    score = 1 - len(wrong) / len(cases)
    assert score >= 0.95, f"{score:.1%} right; wrong: {wrong}"
