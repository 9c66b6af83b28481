"""Structured logs: one JSON event per line on stderr, with the ids that follow a reaction.

`auto` (the default) picks by where stderr goes: a person at a terminal reads the console
form; journald, pipes and files get JSON, one event per line."""

from __future__ import annotations

import enum
import logging
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog


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
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _plain_enums,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[level.upper()]
        ),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
