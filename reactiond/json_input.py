"""JSON from outside (webhook bodies, API bodies, `parse --batch` lines, Evolution's
answers), read so that no value in it can break what comes after.

`json.loads` accepts things the rest of reactiond cannot hold, and each used to be a 500:

- a lone surrogate (`"\\ud83d"`: Evolution cuts text inside an emoji) is a `str` that
  SQLite cannot encode → it becomes U+FFFD (�) here, and the value is kept; except under
  the keys a caller names `exact` (ids: a message's, a chat's): there two ids would become
  one (`"\\ud800"` and `"\\udc00"` both `"�"`), so the text is refused;
- nesting ~1,000 deep raises `RecursionError` in the decoder or in anything that walks the
  value later → refused beyond `MAX_DEPTH`;
- integers beyond 64 bits overflow SQLite (and 4,300+ digits raise inside `int()`) →
  refused outside the signed 64-bit range;
- `NaN`, `Infinity` and `1e999` are not JSON numbers anyone means → refused.

Pure: text in, value or `JsonRefused` out.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# Evolution's payloads nest about 10 deep, a rule about 4: 64 leaves room and stays far
# from Python's recursion limit in every later walk (pydantic, json.dumps, our own).
MAX_DEPTH = 64
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
_MAX_INT_DIGITS = 19  # 2**63 has 19 digits: longer is out of range without calling int()
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class JsonRefused(ValueError):
    """The text is not JSON reactiond will take; `reason` says why, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_json(data: str | bytes, *, exact: frozenset[str] = frozenset()) -> Any:
    """The JSON value of `data`, with lone surrogates replaced; `JsonRefused` otherwise,
    and when a string under one of the `exact` keys holds one (see `clean`)."""
    if isinstance(data, bytes):
        data = decode_text(data, keep_surrogates=True)
    try:
        value = json.loads(data, parse_int=_int, parse_float=_float, parse_constant=_no_constant)
    except RecursionError as exc:
        raise JsonRefused(f"nested deeper than {MAX_DEPTH} levels") from exc
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"not JSON: {exc}") from exc
    return clean(value, exact)


def decode_text(data: bytes, *, keep_surrogates: bool = False) -> str:
    """UTF-8 bytes as text; a surrogate encoded on its own (ED A0 BD, as some JSON
    writers emit it) becomes U+FFFD like an escaped one, or stays for `load_json` to
    judge (`keep_surrogates`). `JsonRefused` if not UTF-8."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not UTF-8 (byte {exc.start})") from exc
    return text if keep_surrogates else clean_text(text)


def clean(value: Any, exact: frozenset[str] = frozenset()) -> Any:
    """`value` (as `json.loads` makes them) with every lone surrogate, in strings and in
    keys, replaced by U+FFFD, in place where it can be; `JsonRefused` when it nests deeper
    than `MAX_DEPTH`, or when a string under one of the `exact` keys holds a surrogate
    (an id made U+FFFD would be another id's). Iterative: a deep value cannot exhaust the
    stack here."""
    if isinstance(value, str):
        return clean_text(value)
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if depth > MAX_DEPTH:
                raise JsonRefused(f"nested deeper than {MAX_DEPTH} levels")
            if any(_has_surrogate(k) for k in node):
                items = [(clean_text(k), v) for k, v in node.items()]
                node.clear()
                node.update(items)
            for k, v in node.items():
                if isinstance(v, str):
                    if _has_surrogate(v):
                        if k in exact:
                            raise _not_exact(k, v)
                        node[k] = clean_text(v)
                elif isinstance(v, dict | list):
                    stack.append((v, depth + 1))
        elif isinstance(node, list):
            if depth > MAX_DEPTH:
                raise JsonRefused(f"nested deeper than {MAX_DEPTH} levels")
            for i, v in enumerate(node):
                if isinstance(v, str):
                    if _has_surrogate(v):
                        node[i] = clean_text(v)
                elif isinstance(v, dict | list):
                    stack.append((v, depth + 1))
    return value


def clean_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (a pair is one code point by
    the time JSON is decoded, so any surrogate left is alone)."""
    return _SURROGATE.sub(REPLACEMENT, text) if _has_surrogate(text) else text


def _not_exact(key: str, text: str) -> JsonRefused:
    found = _SURROGATE.search(text)
    assert found is not None
    return JsonRefused(
        f"{key!r} holds a lone surrogate (\\u{ord(found[0]):04x}): an id must be kept exactly,"
        " and this one cannot be stored"
    )


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise JsonRefused(f"integer {text[:24]}… is beyond 64 bits")
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise JsonRefused(f"integer {text} is beyond 64 bits")
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonRefused(f"number {text[:24]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a JSON number")
