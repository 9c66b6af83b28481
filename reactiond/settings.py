"""Settings: `REACTIOND_*` environment variables, or a TOML file given with `--config`.

Precedence: environment > TOML file > defaults. Defaults work out of the box: listen on
127.0.0.1:8787, keep data in a per-user directory (or `$STATE_DIRECTORY` under systemd).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import PydanticCustomError, PydanticUndefined
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from reactiond.zones import canonical_zone


def default_data_dir() -> Path:
    state = os.environ.get("STATE_DIRECTORY")
    if state:
        # systemd may pass several colon-separated directories; the first is ours.
        return Path(state.split(":", 1)[0])
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "reactiond"


PLACEHOLDERS = frozenset({"change-me", "changeme", "secret", "your-secret"})
# A shared secret or bearer token shorter than this is refused: a guessable credential
# on a port Evolution (and so the network) reaches.
MIN_SECRET_CHARS = 16
MAKE_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
SECRET_TOO_SHORT = "secret_too_short"  # the pydantic error type the CLI words itself
UNKNOWN_SETTING = "extra_forbidden"  # pydantic's type for a config key that is no setting


class SettingsError(Exception):
    """Settings that cannot work; the message says which one and what to do."""


class InvalidSettings(SettingsError):
    """Values that fail validation. The message (logs, a refused reload) is English;
    `problems`, which names each setting and why, lets the CLI word the rest in its own
    language."""

    def __init__(self, problems: str, errors: tuple[tuple[str, str, str], ...] = ()) -> None:
        super().__init__(
            f"invalid settings ({problems}); set REACTIOND_<NAME> or fix the config file"
        )
        self.problems = problems
        # (setting, pydantic error type, English reason) each: the CLI words the ones it
        # knows (SECRET_TOO_SHORT) in its own language.
        self.errors = errors


def setting(default: Any = PydanticUndefined, *, live: bool, description: str, **field: Any) -> Any:
    """One setting: a pydantic `Field` that must say what it is and whether it changes live
    on SIGHUP (`Daemon.reload`) or needs a restart. `LIVE_SETTINGS` and the docs test
    (tests/unit/test_docs.py) read both from here, so this class is the one list."""
    return Field(default, description=description, json_schema_extra={"live": live}, **field)


class Settings(BaseSettings):
    # No float setting means anything at "inf" or "nan": a job lease of inf left a killed
    # worker's jobs claimed for ever.
    model_config = SettingsConfigDict(env_prefix="REACTIOND_", extra="forbid", allow_inf_nan=False)

    data_dir: Path = setting(
        default_factory=default_data_dir,
        live=False,
        description="Where the database and the generated webhook secret live: "
        "$STATE_DIRECTORY under systemd, else ~/.local/share/reactiond.",
    )
    # Unset: SQLite in the data dir, one process. postgresql://…: several processes (and
    # machines) share one PostgreSQL database (docs/postgresql.md). A secret: it may
    # carry a password.
    database_url: SecretStr | None = setting(
        None,
        live=False,
        description="postgresql://user:password@host/db selects the PostgreSQL store, "
        "which several reactiond processes may share; unset: SQLite in the data dir.",
    )
    host: str = setting("127.0.0.1", live=False, description="Address the HTTP server listens on.")
    port: int = setting(
        8787, ge=0, le=65535, live=False, description="Port the HTTP server listens on."
    )

    # Webhook authentication (Evolution does not sign webhooks: see CONTRACT.md).
    webhook_secret: SecretStr | None = setting(
        None,
        live=True,
        description="Shared secret Evolution sends (X-Reactiond-Secret or ?token=); at least "
        "16 characters. Unset with no other credential: one is generated into the data dir.",
    )
    webhook_jwt_key: SecretStr | None = setting(
        None, live=True, description="Evolution's jwt_key: accept its HS256 bearer tokens."
    )
    webhook_hmac_secret: SecretStr | None = setting(
        None, live=True, description="Key of an HMAC-SHA256 of the body, from a signing proxy."
    )
    webhook_hmac_header: str = setting(
        "X-Signature-256", live=True, description="Header that carries that HMAC."
    )
    webhook_allow_unauthenticated: bool = setting(
        False,
        live=True,
        description="Accept webhooks with no credentials at all (only behind your own "
        "network controls).",
    )
    allowed_instances: list[str] = setting(
        default_factory=list,
        live=True,
        description="Evolution instances whose webhooks are taken; empty: all.",
    )
    max_body_bytes: int = setting(
        1024 * 1024, ge=1024, live=False, description="Larger webhook bodies get 413."
    )
    # A message with its picture or document in the body (Evolution's webhookBase64) is
    # ~4/3 of the file plus the message: 16 MiB holds a file of REACTIOND_MEDIA_MAX_BYTES.
    max_media_body_bytes: int = setting(
        16 * 1024 * 1024,
        ge=1024,
        live=False,
        description="Largest webhook body for a message carrying its picture or document "
        "(webhookBase64), from a sender whose secret or JWT is in the headers; larger "
        "bodies get 413. Any other body keeps REACTIOND_MAX_BODY_BYTES.",
    )

    evolution_url: str | None = setting(
        None, live=False, description="Evolution's base URL; without it replies wait."
    )
    evolution_api_key: SecretStr | None = setting(
        None, live=False, description="Evolution's global API key or the instance token."
    )
    evolution_timeout_seconds: float = setting(
        10.0, gt=0, live=False, description="Timeout of each Evolution call but sends."
    )
    # Sends wait longer: one that times out is "maybe sent", and costs a lookup before a
    # resend (docs/outbox.md).
    evolution_send_timeout_seconds: float = setting(
        60.0,
        gt=0,
        live=False,
        description="Timeout of a send; one that times out is looked up before any resend.",
    )

    # Replies (outbox), reminders, the live stream
    outbox_concurrency: int = setting(
        16, ge=1, live=False, description="Chats whose replies are sent in parallel."
    )
    outbox_backoff_max_seconds: float = setting(
        600.0, gt=0, live=False, description="Longest wait between two tries of a reply."
    )
    outbox_give_up_hours: float = setting(
        48.0, gt=0, live=False, description="A reply still undeliverable after this is dead."
    )
    reminder_bill_days_before: int = setting(
        3,
        ge=0,
        live=False,
        description="Days before a bill's due date it is reminded; 0: only on the day.",
    )
    reminder_morning_hour: int = setting(
        9, ge=0, le=23, live=False, description="Local hour of bill and all-day reminders."
    )
    reminder_lead_minutes: int = setting(
        30, ge=0, live=False, description="Minutes before a timed task or event it is reminded."
    )
    event_log_keep_rows: int = setting(
        10000, ge=100, live=False, description="Newest event-log (stream history) rows kept."
    )
    event_log_max_age_days: float = setting(
        30.0, gt=0, live=False, description="Event-log (stream history) rows older are pruned."
    )
    stream_heartbeat_seconds: float = setting(
        15.0, gt=0, live=False, description="Interval of the SSE heartbeat comment."
    )
    api_token: SecretStr | None = setting(
        None,
        live=True,
        description="Bearer token of the local API (required off loopback); at least 16 "
        "characters.",
    )
    default_tz: str = setting(
        "UTC", live=False, description="Time zone of authors whose zone is not known otherwise."
    )
    default_language: Literal["es", "en", "pt", "fr"] = setting(
        "en", live=False, description="Language of replies when none can be told."
    )

    # Queue
    job_max_attempts: int = setting(
        8, ge=1, live=False, description="Attempts before a job is dead."
    )
    job_lease_seconds: float = setting(
        60.0, ge=1, live=False, description="How long a claimed job stays claimed unfinished."
    )
    job_backoff_base_seconds: float = setting(
        2.0, gt=0, live=False, description="First wait before a failed job is retried."
    )
    job_backoff_max_seconds: float = setting(
        3600.0, gt=0, live=False, description="Longest wait before a failed job is retried."
    )

    # Reactions (issue 5): removing or changing a reaction within this window cancels
    # what it created (if untouched since); a sender above the flood limit is deferred;
    # a reaction to a message not yet seen is retried this many times before a reply.
    reaction_undo_window_seconds: float = setting(
        86400.0,
        ge=0,
        live=False,
        description="Removing or changing a reaction within this long cancels what it made.",
    )
    reaction_flood_per_minute: int = setting(
        100,
        ge=1,
        live=False,
        description="Reactions (or messages to reactiond: questions, corrections) a minute"
        " from one sender before the surplus is deferred.",
    )
    unseen_message_retries: int = setting(
        3, ge=0, live=False, description="Retries of a reaction to a message not seen yet."
    )
    unseen_message_retry_seconds: float = setting(
        5.0, gt=0, live=False, description="Wait between those retries (times the attempt)."
    )
    # Talking to reactiond in WhatsApp (issue 20): questions about the records.
    questions: bool = setting(
        True,
        live=False,
        description="Answer the owner's questions about the records in their own chat (the"
        " default until `reactiond talk` stores talk rules).",
    )
    questions_from_contacts: bool = setting(
        False,
        live=False,
        description="Also answer contacts' questions in direct chats (about their records;"
        " the default until `reactiond talk` stores talk rules).",
    )
    answer_max_lines: int = setting(
        10, ge=1, le=100, live=False, description="Records listed in an answer or a digest."
    )
    # A parse runs in a separate process; one that takes longer fails its job for good.
    parse_timeout_seconds: float = setting(
        10.0,
        gt=0,
        live=False,
        description="How long one parse may take before its job fails for good (keep it "
        "below JOB_LEASE_SECONDS).",
    )

    # Several processes on one PostgreSQL database: each periodic task (the outbox sender,
    # retention, the event-log pruner) runs in the one process holding its lease.
    task_lease_seconds: float = setting(
        15.0,
        ge=1,  # renewed every third of it: a shorter one is a round trip every few ms
        live=False,
        description="With PostgreSQL: how long a process holds a periodic task (outbox "
        "sender, retention) without renewing it; another takes over after that.",
    )

    # A job on PostgreSQL spends most of its time waiting on the server: a second one runs
    # meanwhile. SQLite has one writer, and its waits are short.
    worker_concurrency: int | None = setting(
        None,
        ge=1,
        le=64,
        live=False,
        description="Jobs one process runs at once; more overlap one job's waits (the "
        "database, Evolution) with another's work. Unset: 1 on SQLite, 2 on PostgreSQL.",
    )

    # Writer: how many waiting writes may share one commit.
    group_commit_max: int = setting(
        256, ge=1, live=False, description="How many waiting writes one commit may carry."
    )

    # Lifecycle: SIGTERM finishes within this bound (systemd's TimeoutStopSec= is larger).
    stop_timeout_seconds: float = setting(
        20.0, gt=0, live=False, description="SIGTERM finishes within this long."
    )
    # Slow or silent clients (slowloris): without a bound, a connection that never sends
    # its request, or stops halfway through a body, was held for an hour or for ever.
    client_timeout_seconds: float = setting(
        60.0,
        ge=1,
        le=3600,
        live=False,
        description="A client has this long to send a request's head (a connection that "
        "sends nothing, or sits idle between requests, is closed after it) and this long "
        "again for its body (else 408).",
    )

    # Retention (days; 0 keeps forever). Raw payloads are blanked, finished jobs with
    # their attempts and the event/NLP logs are deleted, in small batches, every interval.
    retention_raw_days: float = setting(
        30.0, ge=0, live=True, description="Days raw Evolution payloads are kept; 0: forever."
    )
    retention_jobs_days: float = setting(
        30.0, ge=0, live=True, description="Days finished jobs are kept; 0: forever."
    )
    retention_logs_days: float = setting(
        90.0, ge=0, live=True, description="Days the event and NLP logs are kept; 0: forever."
    )
    retention_messages_days: float = setting(
        90.0,
        ge=0,
        live=True,
        description="Days messages that led to nothing are kept; 0: forever.",
    )
    retention_media_days: float = setting(
        30.0,
        ge=0,
        live=True,
        description="Days the bytes of pictures and documents are kept (their metadata "
        "stays with the record's trace); 0: forever.",
    )
    retention_interval_seconds: float = setting(
        3600.0, gt=0, live=True, description="How often retention runs."
    )
    retention_batch: int = setting(
        500, ge=1, live=True, description="Rows one retention batch removes at most."
    )
    # Calendar feeds poll often and need what is coming, not a year of history (issue 17).
    feed_window_days: int = setting(
        90,
        ge=0,
        live=True,
        description="Days back a calendar feed shows, with everything ahead; 0: every record."
        " A feed may set its own (feeds create --window-days).",
    )

    # Bills from pictures and PDFs (issue 23): read on this machine, offline.
    media_max_bytes: int = setting(
        10 * 1024 * 1024,
        ge=1024,
        live=False,
        description="Largest picture or document a 💳 reads; larger ones are refused with a "
        "reply, and not kept.",
    )
    ocr_tesseract_cmd: str = setting(
        "tesseract",
        live=False,
        description="The Tesseract program pictures are read with (a name on PATH or a path); "
        "when it is missing, a 💳 on a picture says how to install it.",
    )
    ocr_timeout_seconds: float = setting(
        20.0, gt=0, live=False, description="Longest a picture or PDF may take to read."
    )

    log_level: Literal["debug", "info", "warning", "error"] = setting(
        "info", live=True, description="Least severe log event written."
    )
    # auto: the console form when stderr is a terminal, JSON for journald and pipes.
    log_format: Literal["auto", "json", "console"] = setting(
        "auto",
        live=True,
        description="auto: readable lines on a terminal, JSON for journald and pipes.",
    )

    @field_validator("default_tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        value = canonical_zone(value)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}: use an IANA name such as America/Mexico_City"
            ) from exc
        return value

    @field_validator("webhook_secret", "webhook_jwt_key", "webhook_hmac_secret", "api_token")
    @classmethod
    def _not_the_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        # The example env file ships `change-me`: copied unedited, anyone could post.
        if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDERS:
            raise ValueError(
                "is still the example's placeholder: set a long random value, e.g. "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    # The JWT key and HMAC secret guard the same door as the webhook secret: a short one can
    # be guessed offline from one captured token or signature.
    @field_validator("webhook_secret", "webhook_jwt_key", "webhook_hmac_secret", "api_token")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().strip()) < MIN_SECRET_CHARS:
            raise PydanticCustomError(
                SECRET_TOO_SHORT,
                "is shorter than {minimum} characters: make one with {command}",
                {"minimum": MIN_SECRET_CHARS, "command": MAKE_SECRET},
            )
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and urlsplit(value.get_secret_value()).scheme not in (
            "postgresql",
            "postgres",
        ):
            raise ValueError(
                "is not a postgresql:// URL: e.g. postgresql://reactiond:PASSWORD@db.example/"
                "reactiond (leave it unset for SQLite in the data dir)"
            )
        if value is not None and _password_not_encoded(value.get_secret_value()):
            # libpq would read the rest of the password as the host name and say only
            # that it cannot resolve it; the URL itself is never repeated (it holds one).
            raise ValueError(
                "holds an @ / # or ? that is not percent-encoded, most likely in the"
                " password: write it as postgresql://user:password@host:port/database with"
                " %40 for @, %2F for /, %23 for # and %3F for ?"
            )
        return value

    @field_validator("evolution_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        # Caught here, a typo stops the start with a reason instead of retrying replies forever.
        if value and (
            urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname
        ):
            raise ValueError(f"{value!r} is not an http(s) URL: e.g. http://127.0.0.1:8080")
        return value

    @property
    def database_path(self) -> Path:
        return self.data_dir / "reactiond.db"

    @property
    def postgres_url(self) -> str | None:
        """The PostgreSQL URL when that store is chosen, else None (SQLite)."""
        return self.database_url.get_secret_value() if self.database_url else None

    @property
    def jobs_at_once(self) -> int:
        """`worker_concurrency`, or its default for the store chosen."""
        if self.worker_concurrency is not None:
            return self.worker_concurrency
        return 2 if self.postgres_url is not None else 1

    @property
    def generated_secret_path(self) -> Path:
        return self.data_dir / "webhook-secret"


def reloads_live(name: str) -> bool:
    """Whether SIGHUP applies the setting `name` to the running daemon."""
    extra = Settings.model_fields[name].json_schema_extra
    return isinstance(extra, dict) and extra.get("live") is True


# What `Daemon.reload` applies; every other setting is read once at start.
LIVE_SETTINGS = frozenset(name for name in Settings.model_fields if reloads_live(name))


# `REACTIOND_*` variables read elsewhere than the settings: not typos.
OTHER_ENV = frozenset(
    {
        "REACTIOND_LANGUAGE",  # the CLI's language (cli/text.py)
        "REACTIOND_SHARED",  # the tests' shared fixtures
        "REACTIOND_NLP_CORPUS",  # the NLP corpus tests
        "REACTIOND_FUZZ_EXAMPLES",  # the fuzz suite's budget (tests/fuzz)
        "REACTIOND_SCHEMATHESIS_EXAMPLES",  # schemathesis's fuzzed cases (test_api_openapi)
        "REACTIOND_TEST_NO_APT",  # scripts/test: do not apt-get the system tools
        "REACTIOND_TEST_WORKERS",  # scripts/test: pytest workers
        "REACTIOND_WEB_SCREENSHOTS",  # tests/e2e/web: write the docs' screenshots there
        "REACTIOND_TEST_PG_BIN",  # tests/postgres.py: where PostgreSQL's initdb and pg_ctl are
    }
)


@dataclass(frozen=True)
class UnknownEnv:
    name: str
    suggestion: str | None  # the setting it most looks like, if any


def unknown_env(environ: Mapping[str, str]) -> list[UnknownEnv]:
    """`REACTIOND_*` variables that are no setting: each is silently ignored otherwise
    (the TOML file refuses unknown keys; the environment cannot)."""
    known = {f"REACTIOND_{name.upper()}" for name in Settings.model_fields}
    found = []
    for name in sorted(environ):
        upper = name.upper()  # pydantic-settings reads the environment case-insensitively
        if upper.startswith("REACTIOND_") and upper not in known | OTHER_ENV:
            close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.8)
            found.append(UnknownEnv(name, close[0] if close else None))
    return found


class _EnvOverFile(Settings):
    """Settings whose keyword arguments (the config file's values) give way to the
    environment. Declared once: a pydantic model class costs ~30 ms of CPU to build, which
    each `load_settings` paid when it declared this inside (every command, start, reload)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings; raise `SettingsError` with a readable message when they are wrong."""
    file_values: dict[str, Any] = {}
    if config_file is not None:
        try:
            with config_file.open("rb") as fh:
                file_values = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise SettingsError(f"config file {config_file} does not exist") from exc
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"config file {config_file} is not valid TOML: {exc}") from exc
        file_values = file_values.get("reactiond", file_values)

    try:
        loaded = _EnvOverFile(**file_values)
        return Settings.model_validate({**loaded.model_dump(), **overrides})
    except ValidationError as exc:
        errors = tuple(
            (".".join(str(p) for p in err["loc"]) or "settings", err["type"], _reason(err))
            for err in exc.errors()
        )
        problems = "; ".join(f"{name}: {reason}" for name, _, reason in errors)
        raise InvalidSettings(problems, errors) from exc


def _reason(err: Any) -> str:
    """pydantic's reason, except for a key that is no setting (a typo in the config
    file): pydantic says "Extra inputs are not permitted"; this names the likely one."""
    if err["type"] != UNKNOWN_SETTING:
        return str(err["msg"])
    close = nearest_setting(str(err["loc"][-1]) if err["loc"] else "")
    return f"is not a setting: did you mean {close}?" if close else "is not a setting"


def nearest_setting(name: str) -> str | None:
    """The setting `name` most looks like, if one is close (a typo's likely intent)."""
    close = difflib.get_close_matches(name.lower(), sorted(Settings.model_fields), n=1, cutoff=0.75)
    return close[0] if close else None


def _password_not_encoded(url: str) -> bool:
    """A URL whose user part did not end where it should: more than one @ before the
    path, or an @ after a / ? or # that a password's unencoded character started."""
    parts = urlsplit(url)
    return parts.netloc.count("@") > 1 or "@" in "".join((parts.path, parts.query, parts.fragment))
