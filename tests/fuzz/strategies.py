"""Hostile inputs for the fuzz suite: the values that broke reactiond once (issue 12),
mixed into Evolution's own payloads and into API bodies."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from tests.fixtures import EVOLUTION

DEEP = "@@deep@@"  # replaced by nested brackets in the body's text (json.dumps would recurse)


def _load(pattern: str) -> list[dict[str, Any]]:
    found = []
    for path in sorted(EVOLUTION.glob(pattern)):
        value = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(value, dict) and "data" in value:
            found.append(value)
    return found


FIXTURES = _load("*.json") + _load("versions/*.json")
MESSAGES = [
    f
    for f in FIXTURES
    if f.get("event") == "messages.upsert"
    and isinstance(f["data"].get("key"), dict)
    and "reactionMessage" not in json.dumps(f["data"])
]

EDGE_TEXTS = [
    "\ud83d",
    "a\udc00b",
    "\x00",
    "✅" * 40,
    "😀" * 3000,
    "reunión el 31/12/9999 a las 23:30",
    "pagar luz 500 pesos el 31/12/9999",
    "llamar el 01/01/0001 a las 00:00",
    "meeting on 9999-12-31 at 23:59",
    "9999-12-31T23:59",
    "0001-01-01",
    "Pacific/Kiritimati",
    "9" * 40,
    "1e999",
    "-0",
    "‮RTL",
    "<script>",
    "=cmd|' /C calc'!A0",
    "",
    " ",
]
EDGE_NUMBERS = [
    0,
    -1,
    2**31,
    2**53 + 1,
    2**63 - 1,
    2**63,
    2**64,
    -(2**63) - 1,
    10**30,
    1e308,
    -1e308,
    0.5,
    253_402_300_799,
    253_402_300_799_000,
    -62_135_596_800,
]

texts = st.one_of(
    st.sampled_from(EDGE_TEXTS),
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
)
numbers = st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers(), st.floats(allow_nan=False))
scalars = st.one_of(st.none(), st.booleans(), texts, numbers, st.just(DEEP))
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths(v, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A fixture with a few of its values replaced, removed or wrapped."""
    payload = copy.deepcopy(draw(st.sampled_from(base or FIXTURES)))
    for _ in range(draw(st.integers(1, 4))):
        where = paths(payload)
        if not where:
            break
        path = draw(st.sampled_from(where))
        parent: Any = payload
        for step in path[:-1]:
            parent = parent[step]
        leaf = path[-1]
        action = draw(st.sampled_from(["replace", "replace", "delete", "wrap"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[leaf]
        elif action == "wrap":
            parent[leaf] = [parent[leaf]]
        else:
            parent[leaf] = draw(json_values)
    return payload


def body_of(value: Any, depth: int) -> bytes:
    """JSON text of `value`, each DEEP marker replaced by `depth` nested brackets."""
    text = json.dumps(value, ensure_ascii=True)
    nested = "[" * depth + "]" * depth
    return text.replace(json.dumps(DEEP), nested).encode()


depths = st.sampled_from([1, 2, 50, 65, 1000, 5000])


@st.composite
def raw_bodies(draw: st.DrawFn, value: Any) -> bytes:
    """The body as sent: usually whole, sometimes cut or with bytes that are not UTF-8."""
    body = body_of(value, draw(depths))
    how = draw(st.sampled_from(["whole"] * 6 + ["cut", "bad utf-8", "raw surrogate"]))
    if how == "cut" and body:
        return body[: draw(st.integers(0, len(body) - 1))]
    if how == "bad utf-8":
        return body.replace(b'"', b'"\xff', 1)
    if how == "raw surrogate":
        return body.replace(b'"', b'"\xed\xa0\xbd', 1)
    return body
