"""Reading JSON from outside (reactiond/json_input.py) and `parse --batch` on hostile lines
(issue 12, item 3): nothing in a JSON text may raise anything but `JsonRefused`."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.json_input import MAX_DEPTH, JsonRefused, clean_text, load_json
from reactiond.nlp.batch import run_batch


def test_a_lone_surrogate_becomes_the_replacement_character_in_values_and_keys() -> None:
    value = load_json('{"a\\udc00": ["x\\ud83d", {"t": "\\ud83d\\ude00 ok \\ude00"}]}')
    assert value == {"a\ufffd": ["x\ufffd", {"t": "😀 ok \ufffd"}]}


def test_a_surrogate_encoded_as_bytes_becomes_the_replacement_character() -> None:
    assert load_json(b'"a\xed\xa0\xbd"') == "a\ufffd"


IDS = frozenset({"id", "remoteJid"})


@pytest.mark.parametrize(
    "data",
    [
        '{"key": {"id": "MSG-\\ud800"}}',
        '{"key": {"id": "MSG-\\udc00"}}',
        '[{"remoteJid": "\\ud83d@s.whatsapp.net"}]',
        b'{"id": "MSG-\xed\xa0\x80"}',  # the surrogate as bytes, not escaped
    ],
)
def test_a_lone_surrogate_under_an_exact_key_is_refused(data: str | bytes) -> None:
    with pytest.raises(JsonRefused, match="holds a lone surrogate"):
        load_json(data, exact=IDS)


def test_other_keys_keep_the_replacement_character_beside_exact_ones() -> None:
    value = load_json('{"id": "M1", "text": "x\\ud83d", "ids": ["\\ud800"]}', exact=IDS)
    assert value == {"id": "M1", "text": "x\ufffd", "ids": ["\ufffd"]}
    assert load_json('{"id": "\\ud83d\\ude00"}', exact=IDS) == {"id": "😀"}  # a pair


# Text with lone surrogates among other characters (`st.text` never makes one).
CUT_TEXT = st.lists(
    st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=20
).map("".join)


def _lone(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


@given(CUT_TEXT)
def test_an_id_is_kept_exactly_or_refused(text: str) -> None:
    """Whatever the text (lone surrogates included), an id under an exact key comes back
    as JSON says it (a high and a low surrogate side by side are one character) or not at
    all: two ids can never become one."""
    body = json.dumps({"data": {"key": {"id": text}}, "note": text})  # \\u-escaped
    sent = json.loads(body)["note"]
    try:
        value = load_json(body, exact=IDS)
    except JsonRefused:
        assert _lone(sent)
        return
    assert not _lone(sent)
    assert value["data"]["key"]["id"] == sent
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # storable


@given(CUT_TEXT)
def test_text_under_other_keys_is_kept_with_the_cut_marked(text: str) -> None:
    body = json.dumps({"data": {"key": {"id": "M1"}}, "note": text})
    assert load_json(body, exact=IDS)["note"] == clean_text(json.loads(body)["note"])


@given(st.binary(max_size=200))
def test_any_bytes_are_a_value_or_refused_with_exact_keys(data: bytes) -> None:
    try:
        value = load_json(data, exact=IDS)
    except JsonRefused:
        return
    json.dumps(value, ensure_ascii=False).encode("utf-8")


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
        json.dumps({**good, "id": "long", "now": "2026-01-08T09:15+00:00", "tz": "😀" * 300})
        + "\n",
        json.dumps({**good, "id": "far", "text": "llamar el 31/12/9999"}) + "\n",
        '{"id": "cut", "parser": "task", "text": "llamar \\ud83d", "now": "2026-01-08"}\n',
        json.dumps({**good, "id": "huge", "parser": "bill", "text": "9" * 40}) + "\n",
        json.dumps(good) + "\n",
    ]
    out, err = io.StringIO(), io.StringIO()
    run_batch(lines, out, err)
    predictions = {p["id"]: p for p in map(json.loads, out.getvalue().splitlines())}
    assert predictions["ok"]["success"] is True
    assert predictions["far"]["success"] is False
    assert predictions["huge"]["success"] is False  # not a crash of the whole batch
    assert predictions["cut"]["data"]["title"] == "Llamar \ufffd"
    assert "line 1: nested deeper" in err.getvalue()
    assert "line 2: integer" in err.getvalue()
