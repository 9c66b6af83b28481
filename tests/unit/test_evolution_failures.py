"""Evolution's error answers classified by their body, not only their status (issue 13 §1)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.evolution.failures import Failure, classify
from tests.fixtures import EVOLUTION


def shape(path: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVOLUTION / path).read_text(encoding="utf-8"))
    data.pop("_evolution_version", None)
    return data


def said(status: int, *messages: Any) -> dict[str, Any]:
    return {"status": status, "error": "x", "response": {"message": list(messages)}}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("versions/outbound.error.400.connection-closed.json", Failure.DISCONNECTED),
        ("versions/outbound.error.404.unknown-route.json", Failure.UNKNOWN_ROUTE),
        ("versions/outbound.error.503.license-required.json", Failure.LICENSE_REQUIRED),
        ("outbound/error.404.instance-not-found.json", Failure.INSTANCE_NOT_FOUND),
        ("outbound/error.400.not-on-whatsapp.json", Failure.NOT_ON_WHATSAPP),
        ("outbound/error.400.validation.json", Failure.REJECTED),
        ("outbound/error.400.reaction-not-single-emoji.json", Failure.REJECTED),
        ("outbound/error.401.unauthorized.json", Failure.UNAUTHORIZED),
    ],
)
def test_every_fixture_answer_has_its_meaning(path: str, expected: Failure) -> None:
    body = shape(path)
    assert classify(int(body["status"]), body) is expected


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (500, "Error: Connection Closed", Failure.DISCONNECTED),
        (400, "Error: WhatsApp is not connected", Failure.DISCONNECTED),
        (400, "Error: Timed Out", Failure.TRANSIENT),
        (400, "Error: rate-overlimit", Failure.TRANSIENT),
        (400, "[object Object]", Failure.REJECTED),
        (502, "Bad Gateway", Failure.TRANSIENT),
        (429, "slow down", Failure.TRANSIENT),
    ],
)
def test_the_body_decides_between_retry_and_dead(
    status: int, message: str, expected: Failure
) -> None:
    assert classify(status, said(status, message)) is expected


@given(
    st.integers(min_value=400, max_value=599),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=8,
    ),
)
def test_any_answer_is_classified_without_raising(status: int, body: Any) -> None:
    assert isinstance(classify(status, body), Failure)
