"""Evolution's webhook JWT is honoured for as long as Evolution retries with it (issue 13
§4): `iat` within the retry window and the clock skew doctor tolerates; `app` and
`action` claims checked."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from reactiond.ops.doctor import MAX_CLOCK_SKEW
from reactiond.web.auth import JWT_CLOCK_SKEW_SECONDS, JWT_RETRY_WINDOW_SECONDS, jwt_accepts

KEY = "jwt-key-for-tests-0123456789abcdef"
NOW = 1_764_583_200.0


def token(age: float, **claims: Any) -> str:
    iat = int(NOW - age)
    body = {"iat": iat, "exp": iat + 600, "app": "evolution", "action": "webhook", **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, KEY, algorithm="HS256")


def evolution_attempt_starts(jitter: float) -> list[float]:
    """When each of Evolution's 10 attempts starts after `iat` (5·2^(n-1) s, capped at
    300 s, stretched by `jitter`), ignoring the time each attempt waits for us."""
    starts, t = [0.0], 0.0
    for n in range(1, 10):
        t += min(5 * 2 ** (n - 1), 300) * jitter
        starts.append(t)
    return starts


@pytest.mark.parametrize("jitter", [0.8, 1.0, 1.2])
def test_every_retry_of_evolution_is_accepted(jitter: float) -> None:
    for start in evolution_attempt_starts(jitter):
        assert jwt_accepts(token(start), KEY, NOW), start


def test_attempts_eight_to_ten_start_615_to_1215_s_after_iat() -> None:
    assert evolution_attempt_starts(1.0)[7:] == [615.0, 915.0, 1215.0]


@pytest.mark.parametrize("skew", [-JWT_CLOCK_SKEW_SECONDS, -45, 0, 45, JWT_CLOCK_SKEW_SECONDS])
def test_a_clock_difference_doctor_accepts_is_accepted_here(skew: float) -> None:
    assert jwt_accepts(token(-skew), KEY, NOW)  # Evolution's clock `skew` s ahead
    assert jwt_accepts(token(JWT_RETRY_WINDOW_SECONDS + skew), KEY, NOW)


def test_doctors_skew_bound_is_the_webhooks() -> None:
    assert MAX_CLOCK_SKEW == JWT_CLOCK_SKEW_SECONDS


@pytest.mark.parametrize(
    "bad",
    [
        token(JWT_RETRY_WINDOW_SECONDS + JWT_CLOCK_SKEW_SECONDS + 1),  # older than any retry
        token(-JWT_CLOCK_SKEW_SECONDS - 1),  # from the future
        token(0, app="someone-else"),
        token(0, action="login"),
        token(0, app=None),
        token(0, iat=None),
        jwt.encode({"iat": int(NOW), "app": "evolution", "action": "webhook"}, "x" * 32),
    ],
)
def test_anything_else_is_refused(bad: str) -> None:
    assert not jwt_accepts(bad, KEY, NOW)
