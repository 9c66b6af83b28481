"""Fuzz: mutated Evolution fixtures on the webhook of a real daemon never get a 5xx, and
nothing the daemon logs while storing them, or while its worker acts on them, is a
traceback (issue 12, item 3). Budget: REACTIOND_FUZZ_EXAMPLES (docs/fuzzing.md)."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import INSTANCE, fixture
from tests.fuzz.harness import SECRET, LiveDaemon, Logged, budget, captured_logs
from tests.fuzz.strategies import EDGE_TEXTS, MESSAGES, mutated, raw_bodies, texts

HEADERS = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}
RULE_EMOJI = ["✅", "📅", "💳", "📝", "🔴"]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveDaemon, Logged]]:
    with captured_logs() as logged:
        daemon = LiveDaemon(tmp_path / "data", logged)
        try:
            yield daemon, logged
        finally:
            daemon.close()


def _post(live: LiveDaemon, body: bytes, event: str | None = None) -> int:
    path = f"/webhook/{INSTANCE}" + (f"/{event}" if event else "")
    return live.checked("POST", path, body, headers=HEADERS)


def test_mutated_fixtures_never_get_a_5xx(live: tuple[LiveDaemon, Logged]) -> None:
    daemon, logged = live
    counter = itertools.count()

    @budget()
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        payload = data.draw(mutated())
        data_part = payload.get("data")
        if isinstance(data_part, dict) and isinstance(data_part.get("key"), dict):
            # A new message, not a duplicate; of one width, so that the body's length (what
            # the next draw may cut it at) does not depend on how many ran before: hypothesis
            # refuses a draw that differs when it replays the same choices.
            data_part["key"]["id"] = f"FUZZ-{next(counter):09d}"
        body = data.draw(raw_bodies(payload))
        event = data.draw(st.sampled_from([None, None, "messages-upsert", "MESSAGES_UPDATE"]))
        status = _post(daemon, body, event)
        assert status < 500, (status, body[:300])

    one()
    daemon.settle()
    assert logged.problems() == []


def test_hostile_texts_and_reactions_never_break_the_worker(
    live: tuple[LiveDaemon, Logged],
) -> None:
    daemon, logged = live
    counter = itertools.count()
    reaction_base = fixture("messages.upsert.reaction-add")

    @budget()
    @given(
        base=st.sampled_from(MESSAGES),
        text=st.one_of(st.sampled_from(EDGE_TEXTS), texts, st.text(max_size=400)),
        emoji=st.one_of(st.sampled_from(RULE_EMOJI), texts),
        timestamp=st.one_of(
            st.just(None), st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 2**62])
        ),
    )
    def one(base: dict[str, Any], text: str, emoji: str, timestamp: int | None) -> None:
        n = next(counter)
        message = copy.deepcopy(base)
        message["data"]["key"]["id"] = f"FUZZ-M{n}"
        message["data"]["message"] = {"conversation": text}
        if timestamp is not None:
            message["data"]["messageTimestamp"] = timestamp
        status = _post(daemon, json.dumps(message).encode())
        assert status < 500, status
        reaction = copy.deepcopy(reaction_base)
        reaction["data"]["key"]["id"] = f"FUZZ-R{n}"
        target = reaction["data"]["message"]["reactionMessage"]
        target["key"] = {**message["data"]["key"], "fromMe": False}
        target["text"] = emoji
        status = _post(daemon, json.dumps(reaction).encode())
        assert status < 500, status

    one()
    daemon.settle()
    assert logged.problems() == []
    # The worker did act on them (the suite would prove little otherwise).
    assert daemon.actions_taken() > 0
