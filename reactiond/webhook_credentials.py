"""Who may post webhooks, from the settings: the configured credentials, or with none
configured a generated secret kept in the data directory, so that a fresh install is
never an open door. (Checking a request against them is `web/auth.py`'s.)"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

import structlog

from reactiond.private_files import private_dir
from reactiond.settings import MAKE_SECRET, MIN_SECRET_CHARS, Settings, SettingsError

log = structlog.get_logger("reactiond")

# The clocks of Evolution and reactiond may differ by this much either way: the webhook
# accepts Evolution's JWTs within it (web/auth.py), and `doctor` fails beyond it.
JWT_CLOCK_SKEW_SECONDS = 60


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


def webhook_credentials(settings: Settings) -> WebhookCredentials:
    """The configured credentials; with none configured, a generated secret kept in the
    data directory, so that a fresh install is never an open door."""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    jwt_key = settings.webhook_jwt_key.get_secret_value() if settings.webhook_jwt_key else None
    hmac_key = (
        settings.webhook_hmac_secret.get_secret_value() if settings.webhook_hmac_secret else None
    )
    if not (secret or jwt_key or hmac_key) and not settings.webhook_allow_unauthenticated:
        secret = ensure_generated_secret(settings)
    return WebhookCredentials(
        secret=secret,
        jwt_key=jwt_key,
        hmac_secret=hmac_key,
        hmac_header=settings.webhook_hmac_header,
        allow_unauthenticated=settings.webhook_allow_unauthenticated,
    )


def ensure_generated_secret(settings: Settings) -> str:
    path = settings.generated_secret_path
    if path.exists():
        # A person may have edited the file: the minimum REACTIOND_WEBHOOK_SECRET has
        # holds here too (an empty file would otherwise refuse every webhook, silently).
        value = path.read_text(encoding="utf-8").strip()
        if len(value) < MIN_SECRET_CHARS:
            raise SettingsError(
                f"the webhook secret in {path} is shorter than {MIN_SECRET_CHARS} characters:"
                f" put one made with {MAKE_SECRET} in it, or delete the file and reactiond"
                " makes one"
            )
        return value
    private_dir(path.parent)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    log.info("webhook_secret_generated", path=str(path))
    return value
