"""Fuzz: hostile bodies and parameters on the JSON API, the exports and the event stream
of a real daemon never get a 5xx, and nothing the daemon logs is a traceback (issue 12,
item 3). Budget: REACTIOND_FUZZ_EXAMPLES (docs/fuzzing.md)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fixtures import INSTANCE, fixture
from tests.fuzz.harness import SECRET, LiveDaemon, Logged, budget, captured_logs
from tests.fuzz.strategies import EDGE_TEXTS, json_values, raw_bodies, texts

KINDS = {
    "tasks": ("due", ["status", "title", "due", "priority", "tags", "assignee"]),
    "calendar-events": ("start", ["status", "title", "start", "duration_minutes", "location"]),
    "bills": ("due", ["status", "vendor", "amount", "currency", "due"]),
    "notes": (None, ["status", "title", "body", "tags"]),
}
SEED = [
    ("✅", "Enviar el reporte mañana a las 10"),
    ("📅", "Reunión mañana a las 15h en la oficina"),
    ("💳", "Pagar luz CFE $890 vence 15 enero"),
    ("📝", "Idea: menú de temporada con mango"),
]
RULE_KEYS = ["name", "triggers", "action", "parser", "config", "conditions", "priority"]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveDaemon, Logged]]:
    with captured_logs() as logged:
        daemon = LiveDaemon(tmp_path_factory.mktemp("fuzz-api") / "data")
        try:
            _seed(daemon)
            yield daemon, logged
        finally:
            daemon.close()


def _seed(daemon: LiveDaemon) -> None:
    """One record of each kind, made the way people make them: a message and a reaction."""
    headers = {"X-Reactiond-Secret": SECRET, "Content-Type": "application/json"}
    for n, (emoji, text) in enumerate(SEED):
        message = copy.deepcopy(fixture("messages.upsert.text-conversation.es"))
        message["data"]["key"]["id"] = f"SEED-{n}"
        message["data"]["message"] = {"conversation": text}
        reaction = copy.deepcopy(fixture("messages.upsert.reaction-add"))
        reaction["data"]["key"]["id"] = f"SEED-R{n}"
        inner = reaction["data"]["message"]["reactionMessage"]
        inner["key"] = {**message["data"]["key"], "fromMe": False}
        inner["text"] = emoji
        for payload in (message, reaction):
            status = daemon.request(
                "POST", f"/webhook/{INSTANCE}", json.dumps(payload).encode(), headers=headers
            )
            assert status == 200
    daemon.settle()


def _encoded(value: str) -> str:
    # Lone surrogates travel percent-encoded as the bytes a careless client would send.
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def _check(daemon: LiveDaemon, method: str, path: str, body: bytes | None = None) -> None:
    headers = {"Content-Type": "application/json"} if body is not None else None
    status = daemon.request(method, path, body, headers=headers)
    assert status < 500, (status, method, path, (body or b"")[:300])


field_values = st.one_of(json_values, st.sampled_from(EDGE_TEXTS))


@st.composite
def changes(draw: st.DrawFn, fields: list[str]) -> Any:
    """A PATCH body: mostly an object of the kind's fields, sometimes anything at all."""
    if draw(st.integers(0, 4)) == 0:
        return draw(json_values)
    names = draw(st.lists(st.sampled_from([*fields, "id", "\ud83d"]), min_size=1, max_size=3))
    return {name: draw(field_values) for name in names}


def test_record_changes_never_get_a_5xx(live: tuple[LiveDaemon, Logged]) -> None:
    daemon, logged = live

    @budget()
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(sorted(KINDS)))
        record = data.draw(st.sampled_from(["1", "2", "99", "0", "9" * 30, "%ED%A0%BD"]))
        body = data.draw(raw_bodies(data.draw(changes(KINDS[kind][1]))))
        _check(daemon, "PATCH", f"/api/{kind}/{record}", body)

    one()
    assert logged.problems() == []


def test_listings_and_exports_never_get_a_5xx(live: tuple[LiveDaemon, Logged]) -> None:
    daemon, logged = live

    @budget()
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(sorted(KINDS)))
        when = KINDS[kind][0]
        names = ["status", "reactor", "chat", "q", "sort", "limit", "cursor", "tz", "kind"]
        if when:
            names += [f"{when}_from", f"{when}_to"]
        chosen = data.draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
        query = "&".join(f"{n}={_encoded(data.draw(texts))}" for n in chosen)
        path = data.draw(
            st.sampled_from(
                [f"/api/{kind}", f"/api/{kind}/1", f"/export/{kind}.csv", "/export/calendar.ics"]
            )
        )
        _check(daemon, "GET", f"{path}?{query}" if query else path)

    one()
    assert logged.problems() == []


def test_rules_never_get_a_5xx(live: tuple[LiveDaemon, Logged]) -> None:
    daemon, logged = live

    @budget()
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        route = data.draw(st.sampled_from(["add", "replace", "patch", "test"]))
        if route == "test":
            keys = ["emoji", "text", "tz", "now", "lang"]
            base: dict[str, Any] = {"emoji": "💳", "text": "Pagar luz $890"}
        else:
            keys = RULE_KEYS
            base = {"name": "fuzz", "triggers": ["🧪"], "action": "create_task"}
        for key in data.draw(st.lists(st.sampled_from(keys), max_size=3)):
            base[key] = data.draw(field_values)
        body = data.draw(raw_bodies(base if data.draw(st.booleans()) else data.draw(json_values)))
        method, path = {
            "add": ("POST", "/api/rules"),
            "replace": ("PUT", "/api/rules/task"),
            "patch": ("PATCH", "/api/rules/fuzz"),
            "test": ("POST", "/api/rules/test"),
        }[route]
        _check(daemon, method, path, body)

    one()
    assert logged.problems() == []


def test_the_event_stream_never_gets_a_5xx(live: tuple[LiveDaemon, Logged]) -> None:
    daemon, logged = live
    printable = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E))

    @budget()
    @given(
        given_id=st.one_of(
            st.sampled_from(["9" * 40, "-1", "1e3", "0x10", " 7 ", str(2**63)]), printable
        ),
        how=st.sampled_from(["header", "query"]),
    )
    def one(given_id: str, how: str) -> None:
        if how == "header":
            status = daemon.request("GET", "/api/stream", headers={"Last-Event-ID": given_id})
        else:
            status = daemon.request("GET", f"/api/stream?last_event_id={_encoded(given_id)}")
        assert status < 500, (status, given_id)

    one()
    assert logged.problems() == []
