"""Who may post webhooks. Evolution does not sign its webhooks (CONTRACT.md §1), so the
operator chooses one or more of:

- a shared secret, sent by Evolution as the `X-Reactiond-Secret` header (instance
  webhook `headers`), or as `?token=` for setups that cannot add headers (also in the
  `?token=X/<event>` form "webhook by events" makes of it);
- Evolution's own `Authorization: Bearer <JWT>` (HS256 with the `jwt_key` header option),
  checked for signature, its `app`/`action` claims and its age (see `jwt_accepts`);
- an HMAC-SHA256 signature of the raw body, for deployments where a proxy signs.

A request passes when any configured method accepts it. Secrets are compared in constant
time and never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass

import jwt

from reactiond.webhook_credentials import JWT_CLOCK_SKEW_SECONDS, WebhookCredentials

SECRET_HEADER = "X-Reactiond-Secret"

# Evolution makes one JWT per event (`exp = iat + 600`) and reuses it for every retry of
# that event: up to 10 attempts, 5·2^(n-1) s apart capped at 300 s, ±20 % jitter, each
# waiting up to 30 s for us (CONTRACT.md §9). The 10th attempt starts up to ~1,460 s
# after `iat` and may take 30 s more: honouring `exp` would lose every event that had to
# wait more than 10 minutes for reactiond. So a token is accepted while its `iat` lies
# within that whole retry window, whatever `exp` says.
JWT_RETRY_WINDOW_SECONDS = 1800


@dataclass(frozen=True)
class AuthDecision:
    ok: bool
    method: str  # which method accepted, or why none did


def check_webhook(
    creds: WebhookCredentials,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    body: bytes,
    now: float | None = None,
) -> AuthDecision:
    if not creds.configured:
        if creds.allow_unauthenticated:
            return AuthDecision(True, "open")
        return AuthDecision(False, "no webhook credentials are configured")
    vouched = _vouched(creds, headers, query, now)
    if vouched is not None:
        return AuthDecision(True, vouched)
    if creds.hmac_secret:
        signature = headers.get(creds.hmac_header)
        if signature is not None:
            expected = hmac.new(creds.hmac_secret.encode(), body, hashlib.sha256).hexdigest()
            given_sig = signature.removeprefix("sha256=").strip().lower()
            if _same(given_sig, expected):
                return AuthDecision(True, "hmac")
    return AuthDecision(False, "missing or wrong credentials")


def _vouched(
    creds: WebhookCredentials,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    now: float | None,
) -> str | None:
    """The method ("secret", "jwt") whose credentials, in the headers or the query, pass."""
    if creds.secret:
        for given in _secrets_given(headers, query):
            if _same(given, creds.secret):
                return "secret"
    if creds.jwt_key:
        auth = headers.get("Authorization", "")
        if auth[:7].lower() == "bearer " and jwt_accepts(auth[7:].strip(), creds.jwt_key, now):
            return "jwt"
    return None


def vouched_before_body(
    creds: WebhookCredentials,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    now: float | None = None,
) -> bool:
    """Whether the sender shows passing credentials (the secret, Evolution's JWT) before
    any of the body is read: only such a sender may send the larger body of a message
    with its file. Not an HMAC of the body (it needs the body), and not open mode: a
    sender nobody vouched for keeps the usual bound."""
    return creds.configured and _vouched(creds, headers, query, now) is not None


def _secrets_given(headers: Mapping[str, str], query: Mapping[str, str]) -> list[str]:
    """The header, else `?token=`. With "webhook by events", Evolution appends `/<event>`
    after the whole configured URL, query string included: `?token=X/messages-upsert`
    (CONTRACT.md §9), so the part before the first `/` is tried too."""
    header = headers.get(SECRET_HEADER)
    if header is not None:
        return [header]
    token = query.get("token")
    if token is None:
        return []
    head = token.split("/", 1)[0]
    return [token, head] if head != token else [token]


def jwt_accepts(token: str, key: str, now: float | None = None) -> bool:
    """Evolution's webhook JWT: signed with `key` (HS256), claims `app: "evolution"` and
    `action: "webhook"`, and issued no more than the retry window (plus clock skew) ago
    and no later than the skew from now."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=["HS256"],
            options={"require": ["iat"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        return False
    if claims.get("app") != "evolution" or claims.get("action") != "webhook":
        return False
    iat = claims.get("iat")
    if isinstance(iat, bool) or not isinstance(iat, int | float):
        return False
    current = time.time() if now is None else now
    age = current - iat
    return -JWT_CLOCK_SKEW_SECONDS <= age <= JWT_RETRY_WINDOW_SECONDS + JWT_CLOCK_SKEW_SECONDS


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())
