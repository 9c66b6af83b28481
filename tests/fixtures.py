"""Access to the shared Evolution fixtures and small helpers to derive new payloads."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    """`shared/` beside the clone (CI), or beside any parent (git worktrees)."""
    if "REACTIOND_SHARED" in os.environ:
        return Path(os.environ["REACTIOND_SHARED"])
    for parent in REPO.parents:
        if (parent / "shared" / "fixtures").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


SHARED = _find_shared()
EVOLUTION = SHARED / "fixtures" / "evolution"
NLP = SHARED / "nlp"


def nlp_scorer() -> ModuleType:
    """shared/nlp/score.py as a module: the corpus tests score with its own comparisons."""
    spec = importlib.util.spec_from_file_location("nlp_score", NLP / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(cases_path: Path, *, show: int = 50) -> dict[str, Any]:
    """Every case of `cases_path` through `reactiond.nlp.parse` (language detected, as in
    production), scored by score.py's own functions: the report `score.py --json` prints."""
    from reactiond.nlp import parse

    score = nlp_scorer()
    cases = score.read_jsonl(cases_path, "cases")
    score.validate_cases(cases)
    preds = {}
    for c in cases:
        r = parse(c["text"], c["parser"], now=datetime.fromisoformat(c["now"]), tz=c["tz"])
        preds[str(c["id"])] = r.prediction(str(c["id"]))
    report: dict[str, Any] = score.score(cases, preds, show=show)
    return report


def failures(report: dict[str, Any], parser: str | None = None) -> str:
    """The worst failures of a report (of one parser's cases, if given), for an assertion."""
    failed = [
        (f["id"], f["diffs"])
        for f in report["worst_failures"]
        if parser is None or f"-{parser}-" in f["id"]
    ]
    return json.dumps(failed, ensure_ascii=False)[:3000]


def shared_missing(path: Path) -> pytest.MarkDecorator:
    """Skip a test that reads `path` from shared/ when it is absent on a developer's
    machine; under CI (CI=true) shared/ is always laid beside the clone, so its absence is
    a failure, not a silent skip that would hide a dropped corpus floor."""
    missing = not path.exists() and not os.environ.get("CI")  # under CI: run, fail loudly
    return pytest.mark.skipif(
        missing, reason=f"{path} not found: shared/ sits beside the repository"
    )


INSTANCE = "reactiond-demo"


def fixture(name: str) -> dict[str, Any]:
    path = EVOLUTION / (name if name.endswith(".json") else f"{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def fixture_names(prefix: str = "") -> list[str]:
    return sorted(p.name for p in EVOLUTION.glob(f"{prefix}*.json"))


def with_ids(payload: dict[str, Any], suffix: str) -> dict[str, Any]:
    """The same payload as a different WhatsApp message (new key.id, and for reactions a
    new target id), so that one fixture yields many distinct deliveries."""
    p = copy.deepcopy(payload)
    data = p.get("data")
    if isinstance(data, dict):
        key = data.get("key")
        if isinstance(key, dict) and "id" in key:
            key["id"] = f"{key['id']}-{suffix}"
        reaction = (data.get("message") or {}).get("reactionMessage")
        if isinstance(reaction, dict):
            reaction["key"]["id"] = f"{reaction['key']['id']}-{suffix}"
    return p
