"""`judge` on the failures Evolution really answers (issue 13 §1): retry what WhatsApp's
reconnecting or an operator's fix will cure, dead what never will."""

from __future__ import annotations

import dataclasses
import random

import pytest

from reactiond.engine.outbox import OutboxSettings, judge
from reactiond.evolution.client import (
    EvolutionError,
    EvolutionRejected,
    LicenseRequired,
    NotOnWhatsApp,
    UnknownRoute,
    WhatsAppDisconnected,
)
from tests.unit.replies.test_outbox_policy import NOW, row

SETTINGS = OutboxSettings(backoff_base=2.0, backoff_max=600.0, give_up_after=48 * 3600.0)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (WhatsAppDisconnected("Error: Connection Closed", status=400), "retry"),
        (UnknownRoute("no route", status=404, said="Cannot POST /x"), "retry"),
        (LicenseRequired("activate it", status=503), "dead"),
        (NotOnWhatsApp("111 is not on WhatsApp", status=400), "dead"),
        (EvolutionRejected("instance requires property text", status=400), "dead"),
    ],
)
def test_each_failure_is_retried_or_dead(error: EvolutionError, expected: str) -> None:
    assert judge(row(), error, None, NOW, SETTINGS, random.Random(1)).status == expected


def test_a_lid_refused_by_an_old_evolution_waits_for_the_phone_number() -> None:
    lid = dataclasses.replace(row(), destination="190000000000002@lid")
    error = NotOnWhatsApp("190000000000002@lid is not on WhatsApp", status=400)
    outcome = judge(lid, error, None, NOW, SETTINGS, random.Random(1))
    assert outcome.status == "retry"
    assert outcome.error is not None and "waiting for the phone number" in outcome.error


def test_a_lid_still_refused_after_the_give_up_time_is_dead() -> None:
    old = dataclasses.replace(row(age=49 * 3600.0), destination="190000000000002@lid")
    error = NotOnWhatsApp("190000000000002@lid is not on WhatsApp", status=400)
    assert judge(old, error, None, NOW, SETTINGS, random.Random(1)).status == "dead"
