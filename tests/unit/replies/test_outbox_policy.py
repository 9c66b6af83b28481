from __future__ import annotations

import random

import pytest

from reactiond.engine.outbox import OutboxSettings, judge
from reactiond.evolution.client import (
    EvolutionRejected,
    EvolutionUnauthorized,
    EvolutionUnavailable,
    InstanceNotFound,
    SentMessage,
)
from reactiond.store.outbox import OutboxRow

NOW = 1_800_000_000.0
SETTINGS = OutboxSettings(backoff_base=2.0, backoff_max=600.0, give_up_after=48 * 3600.0)


def row(attempts: int = 1, age: float = 0.0) -> OutboxRow:
    return OutboxRow(
        id=1,
        dedupe_key="k",
        instance="demo",
        destination="111",
        kind="text",
        body={"number": "111", "text": "hola"},
        language="es",
        action_id=None,
        status="pending",
        attempts=attempts,
        next_attempt_at=NOW - age,
        last_error=None,
        sent_message_id=None,
        created_at=NOW - age,
        updated_at=NOW - age,
        sent_at=None,
    )


def test_a_201_is_sent_with_the_message_id() -> None:
    outcome = judge(
        row(), None, SentMessage("3EB0X", "111@s", "PENDING"), NOW, SETTINGS, random.Random(1)
    )
    assert (outcome.status, outcome.message_id) == ("sent", "3EB0X")


def test_a_permanent_4xx_is_dead_at_once() -> None:
    error = EvolutionRejected("5215500000000 is not on WhatsApp", status=400)
    outcome = judge(row(), error, None, NOW, SETTINGS, random.Random(1))
    assert outcome.status == "dead"
    assert outcome.error == "400 rejected: 5215500000000 is not on WhatsApp"


@pytest.mark.parametrize(
    "error",
    [
        EvolutionUnavailable("Evolution answered 503", status=503),
        EvolutionUnavailable("cannot reach Evolution"),
        EvolutionUnauthorized("refused the API key", status=401),
        InstanceNotFound("instance 'x'", status=404),
        RuntimeError("unexpected"),
    ],
)
def test_what_an_operator_or_time_can_fix_is_retried(error: Exception) -> None:
    outcome = judge(row(), error, None, NOW, SETTINGS, random.Random(1))
    assert outcome.status == "retry"
    assert outcome.retry_at is not None and NOW < outcome.retry_at <= NOW + 2.0


def test_the_backoff_grows_with_attempts_and_is_capped() -> None:
    error = EvolutionUnavailable("down")
    waits = [
        judge(row(attempts=n), error, None, NOW, SETTINGS, random.Random(1)).retry_at or 0
        for n in (1, 4, 30)
    ]
    assert waits[0] - NOW <= 2.0 < waits[1] - NOW <= 16.0
    assert 300.0 <= waits[2] - NOW <= 600.0


def test_a_reply_failing_past_the_give_up_time_is_dead() -> None:
    error = EvolutionUnavailable("down")
    outcome = judge(row(age=48 * 3600.0 + 1), error, None, NOW, SETTINGS, random.Random(1))
    assert outcome.status == "dead"
    assert outcome.error is not None and outcome.error.startswith("gave up after 48 h: ")
