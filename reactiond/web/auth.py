"""Who may post webhooks. Evolution does not sign its webhooks (CONTRACT.md §1), so the
operator chooses one or more of:

- a shared secret, sent by Evolution as the `X-Reactiond-Secret` header (instance
  webhook `headers`), or as `?token=` for setups that cannot add headers;
- Evolution's own `Authorization: Bearer <JWT>` (HS256 with the `jwt_key` header option),
  checked for signature and expiry;
- an HMAC-SHA256 signature of the raw body, for deployments where a proxy signs.

A request passes when any configured method accepts it. Secrets are compared in constant
time and never logged.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

import jwt

SECRET_HEADER = "X-Reactiond-Secret"
JWT_LEEWAY_SECONDS = 30


@dataclass(frozen=True)
class WebhookCredentials:
    secret: str | None = None
    jwt_key: str | None = None
    hmac_secret: str | None = None
    hmac_header: str = "X-Signature-256"
    allow_unauthenticated: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.secret or self.jwt_key or self.hmac_secret)


@dataclass(frozen=True)
class AuthDecision:
    ok: bool
    method: str  # which method accepted, or why none did


def check_webhook(
    creds: WebhookCredentials,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    body: bytes,
) -> AuthDecision:
    if not creds.configured:
        if creds.allow_unauthenticated:
            return AuthDecision(True, "open")
        return AuthDecision(False, "no webhook credentials are configured")
    if creds.secret:
        given = headers.get(SECRET_HEADER) or query.get("token")
        if given is not None and _same(given, creds.secret):
            return AuthDecision(True, "secret")
    if creds.jwt_key:
        auth = headers.get("Authorization", "")
        if auth[:7].lower() == "bearer ":
            try:
                jwt.decode(
                    auth[7:].strip(),
                    creds.jwt_key,
                    algorithms=["HS256"],
                    options={"require": ["exp"]},
                    leeway=JWT_LEEWAY_SECONDS,
                )
            except jwt.PyJWTError:
                pass
            else:
                return AuthDecision(True, "jwt")
    if creds.hmac_secret:
        signature = headers.get(creds.hmac_header)
        if signature is not None:
            expected = hmac.new(creds.hmac_secret.encode(), body, hashlib.sha256).hexdigest()
            given_sig = signature.removeprefix("sha256=").strip().lower()
            if _same(given_sig, expected):
                return AuthDecision(True, "hmac")
    return AuthDecision(False, "missing or wrong credentials")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())
