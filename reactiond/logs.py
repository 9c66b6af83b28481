"""Structured logs: one JSON event per line on stderr, with the ids that follow a reaction.

aiohttp logs through the standard library (`aiohttp.server`, `aiohttp.access`,
`aiohttp.web`, `aiohttp.client`, …). Left alone, Python prints those as multi-line plain
text on stderr, and a request with a malformed header (`Authorization: Bearer <token>\\x00`)
printed the whole header line, token included. They are routed here instead: one JSON
event, the exception's type, and its text with every header value and every configured
secret (webhook secret, API token, Evolution API key, HMAC and JWT keys) redacted.

`auto` (the default) picks by where stderr goes: a person at a terminal reads the console
form; journald, pipes and files get JSON, one event per line."""

from __future__ import annotations

import enum
import logging
import re
import sys
from collections.abc import Iterable, MutableMapping
from typing import Any, TextIO

import structlog

REDACTED = "[redacted]"
# `Name: value` as a header line (as aiohttp quotes it in its parse errors), and bearer or
# basic credentials anywhere: the value goes, the name stays (it says what went wrong).
_HEADER_LINE = re.compile(r"(?m)(?P<name>\b[A-Za-z0-9!#$%&*+.^_`|~-]+:)[ \t]*[^\r\n'\"]*")
_CREDENTIALS = re.compile(r"(?i)\b(bearer|basic)\s+\S+")
_secrets: frozenset[str] = frozenset()
_read_secrets: frozenset[str] = frozenset()
# Shorter values would redact ordinary words; settings refuse secrets under 16 anyway.
_MIN_SECRET = 8


def register_secrets(values: Iterable[str | None]) -> None:
    """The secret values to blank out of any log line (called at start and on SIGHUP)."""
    global _secrets
    _secrets = frozenset(v for v in values if v and len(v) >= _MIN_SECRET) | _read_secrets


def add_secrets(values: Iterable[str | None]) -> None:
    """Secrets read while running (a CalDAV target's password, read from its file when
    used): blanked out too, and kept across the SIGHUP that re-registers the settings'."""
    global _secrets, _read_secrets
    more = frozenset(v for v in values if v and len(v) >= _MIN_SECRET)
    _read_secrets |= more
    _secrets |= more


def redact(text: str) -> str:
    """`text` without header values, credentials or known secrets."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _CREDENTIALS.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    return _HEADER_LINE.sub(lambda m: f"{m.group('name')} {REDACTED}", text)


def _redact_secrets(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """A structlog processor: no configured secret leaves in any string field."""
    if _secrets:
        for key, value in event.items():
            if isinstance(value, str) and any(s in value for s in _secrets):
                for secret in _secrets:
                    value = value.replace(secret, REDACTED)
                event[key] = value
    return event


def _is_http_parse_error(error: BaseException) -> bool:
    """aiohttp's parse errors, without importing aiohttp: every CLI command configures
    logging, and only the daemon's server can raise one (by then aiohttp is loaded)."""
    module = sys.modules.get("aiohttp.http_exceptions")
    return module is not None and isinstance(error, module.HttpProcessingError)


class _ThroughStructlog(logging.Handler):
    """Standard-library records (aiohttp's) as structlog events, redacted."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields: dict[str, Any] = {"logger": record.name}
            level = record.levelno
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                fields["error"] = type(error).__name__
                # One line; no traceback: aiohttp's parse errors quote the raw request.
                fields["detail"] = " ".join(redact(str(error)).split())[:500]
                if _is_http_parse_error(error):
                    # A request that is not HTTP (a NUL in a header, an 8 KB URL) got its
                    # 400: the client's mistake, not the server's error.
                    level = min(level, logging.WARNING)
            message = " ".join(redact(record.getMessage()).split())[:500]
            structlog.get_logger(record.name).log(level, message, **fields)
        except Exception:  # a log line must never take the server down
            self.handleError(record)


_HANDLER = _ThroughStructlog()


class _Redacted(logging.Filter):
    """Redacts a record at its logger, before any handler: should anything hand the record
    to another handler too (propagation turned back on, pytest's capture), it carries no
    secret either."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        return True


_REDACTED = _Redacted()
ROUTED_LOGGERS = ("aiohttp",)  # the parent of aiohttp.server/.access/.web/.client/…
# The CalDAV client (`caldav`) and its HTTP transport: routed the same way, but never below
# WARNING whatever the daemon's level, as their debug lines carry each request's headers
# and calendar data (reactiond/caldav/client.py holds them there even when this is not run).
# psycopg too: its pool's warnings (a connection that failed) were plain text among the
# JSON lines, and its debug lines would carry statements.
QUIET_LOGGERS = ("caldav", "niquests", "urllib3", "urllib3_future", "psycopg")


def resolved_format(fmt: str, stream: TextIO | None = None) -> str:
    """`auto` → `console` on a terminal, else `json`; `json` and `console` as given."""
    if fmt != "auto":
        return fmt
    stream = stream if stream is not None else sys.stderr
    try:
        return "console" if stream.isatty() else "json"
    except (AttributeError, ValueError):  # a closed or odd stream: not a person
        return "json"


def _plain_enums(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> Any:
    """`reaction`, not `<JobKind.REACTION: 'reaction'>`, in either renderer."""

    def plain(value: Any) -> Any:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    for key, value in event.items():
        event[key] = plain(value)
    return event


def configure_logging(level: str = "info", fmt: str = "json") -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if resolved_format(fmt) == "json"
        # Python's own traceback, whatever else is installed: the same lines from the
        # daemon and from a CLI command (which loads structlog without rich: cli/lazy.py).
        else structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback
        )
    )
    numeric = logging.getLevelNamesMapping()[level.upper()]
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _redact_secrets,
            _plain_enums,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    for name in (*ROUTED_LOGGERS, *QUIET_LOGGERS):
        routed = logging.getLogger(name)
        if _HANDLER not in routed.handlers:
            routed.addHandler(_HANDLER)
        routed.propagate = False
        if name in QUIET_LOGGERS and _REDACTED not in routed.filters:
            routed.addFilter(_REDACTED)
        routed.setLevel(numeric if name in ROUTED_LOGGERS else max(numeric, logging.WARNING))
