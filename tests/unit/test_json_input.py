"""Reading JSON from outside (reactiond/json_input.py) and `parse --batch` on hostile lines
(issue 12, item 3): nothing in a JSON text may raise anything but `JsonRefused`."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.json_input import MAX_DEPTH, JsonRefused, load_json
from reactiond.nlp.batch import run_batch


def test_a_lone_surrogate_becomes_the_replacement_character_in_values_and_keys() -> None:
    value = load_json('{"a\\udc00": ["x\\ud83d", {"t": "\\ud83d\\ude00 ok \\ude00"}]}')
    assert value == {"a\ufffd": ["x\ufffd", {"t": "😀 ok \ufffd"}]}


def test_a_surrogate_encoded_as_bytes_becomes_the_replacement_character() -> None:
    assert load_json(b'"a\xed\xa0\xbd"') == "a\ufffd"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000 + "]" * 1000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "123456789012345678901234567890",
        str(2**63),
        str(-(2**63) - 1),
        "1" * 5000,
        "1e999",
        "NaN",
        "[Infinity]",
        "{",
    ],
)
def test_what_later_code_cannot_hold_is_refused(text: str) -> None:
    with pytest.raises(JsonRefused):
        load_json(text)


def test_nesting_up_to_the_limit_and_64_bit_integers_are_kept() -> None:
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_json(deep) is not None
    assert load_json(f"[{2**63 - 1}, {-(2**63)}]") == [2**63 - 1, -(2**63)]


@given(st.binary(max_size=200))
def test_any_bytes_are_a_value_or_refused(data: bytes) -> None:
    try:
        value = load_json(data)
    except JsonRefused:
        return
    # Whatever came through can be stored: it encodes as UTF-8.
    json.dumps(value, ensure_ascii=False).encode("utf-8")


def test_parse_batch_keeps_going_after_hostile_lines() -> None:
    good = {"id": "ok", "parser": "task", "text": "buy milk", "now": "2026-01-08T09:15"}
    lines = [
        "[" * 1000 + "]" * 1000 + "\n",
        '{"id": "big", "parser": "task", "text": "x", "now": "2026-01-08", "n": '
        + "9" * 40
        + "}\n",
        json.dumps(
            {**good, "id": "edge", "now": "9999-12-31T23:00+00:00", "tz": "Pacific/Kiritimati"}
        )
        + "\n",
        json.dumps({**good, "id": "zone", "tz": "Nowhere/Zone"}) + "\n",
        json.dumps({**good, "id": "far", "text": "llamar el 31/12/9999"}) + "\n",
        '{"id": "cut", "parser": "task", "text": "llamar \\ud83d", "now": "2026-01-08"}\n',
        json.dumps(good) + "\n",
    ]
    out, err = io.StringIO(), io.StringIO()
    run_batch(lines, out, err)
    predictions = {p["id"]: p for p in map(json.loads, out.getvalue().splitlines())}
    assert predictions["ok"]["success"] is True
    assert predictions["far"]["success"] is False
    assert predictions["cut"]["data"]["title"] == "Llamar \ufffd"
    assert "line 1: nested deeper" in err.getvalue()
    assert "line 2: integer" in err.getvalue()
