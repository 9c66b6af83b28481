"""How well reactiond is doing, from its own logs: the parsers (`nlp_log`) and the
actions (`actions`). A window of time (the last 7 days by default); results are plain
dataclasses that the API and the CLI render."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reactiond.date_range import RANGE_TEXT, in_range
from reactiond.records.errors import InvalidFilter
from reactiond.store import analytics_repo
from reactiond.store.analytics_repo import QUARTER
from reactiond.store.interface import Transaction

DEFAULT_DAYS = 7
TOP_REACTORS = 5
WINDOW_FILTERS = ("since", "until", "tz")


@dataclass(frozen=True)
class Window:
    since: float
    until: float
    tz: str


def parse_window(params: Mapping[str, str], now: float, default_tz: str) -> Window:
    """`since`/`until`: a date (midnight in `tz`) or a date-time (naive = in `tz`)."""
    unknown = sorted(set(params) - set(WINDOW_FILTERS))
    if unknown:
        raise InvalidFilter(
            f"unknown filter {unknown[0]!r} for analytics", f"use {', '.join(WINDOW_FILTERS)}"
        )
    tz_name = params.get("tz") or default_tz
    try:
        tz = ZoneInfo(tz_name)
    # OSError: a name the file system refuses (3,000 emoji is too long a file name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidFilter(
            f"unknown time zone {tz_name[:64]!r}", "use an IANA name such as America/Mexico_City"
        ) from exc
    # Without `until`: now, rounded up to the next quarter hour (nothing happened after
    # now, so the counts are the same), so that the default window is made of the whole
    # quarters analytics keeps counters for (store/analytics_repo.py).
    until = (
        _instant("until", params["until"], tz)
        if params.get("until")
        else float(math.ceil(now / QUARTER) * QUARTER)
    )
    since = (
        _instant("since", params["since"], tz)
        if params.get("since")
        else until - DEFAULT_DAYS * 86400
    )
    if since >= until:
        raise InvalidFilter("since is not before until", "swap them, or leave one out")
    return Window(since, until, tz_name)


def _instant(name: str, raw: str, tz: ZoneInfo) -> float:
    text = raw.strip()
    try:
        if "T" in text or " " in text:
            value = datetime.fromisoformat(text.replace(" ", "T"))
            if value.tzinfo is None:
                value = value.replace(tzinfo=tz)
        else:
            d = date.fromisoformat(text)
            value = datetime(d.year, d.month, d.day, tzinfo=tz)
        if not in_range(value):
            # Windows are shown as dates: one at year 9999 overflowed when shown (a 500).
            raise ValueError(f"outside the {RANGE_TEXT} reactiond keeps")
        return value.timestamp()
    except (ValueError, OverflowError, OSError) as exc:
        raise InvalidFilter(
            f"{name} {raw!r} is not a date",
            f"write {name}=2026-01-15 or {name}=2026-01-15T09:30",
        ) from exc


@dataclass(frozen=True)
class ParserFigures:
    parser: str
    language: str
    total: int
    successful: int
    success_rate: float
    average_confidence: float
    average_ms: float


def nlp_figures(tx: Transaction, window: Window) -> list[ParserFigures]:
    rows = analytics_repo.parse_figures(tx, window.since, window.until)
    return [
        ParserFigures(
            parser=str(r["parser"]),
            language=str(r["language"]),
            total=int(r["total"]),
            successful=int(r["ok"] or 0),
            success_rate=round(int(r["ok"] or 0) / int(r["total"]), 4),
            average_confidence=round(float(r["confidence"] or 0.0), 4),
            average_ms=round(float(r["micros"] or 0.0) / 1000, 3),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ActionGroup:
    emoji: str
    rule_id: int | None
    rule: str
    count: int
    succeeded: int
    success_rate: float


@dataclass(frozen=True)
class TopReactor:
    id: int
    jid: str
    name: str | None
    count: int


@dataclass(frozen=True)
class ActionFigures:
    total: int
    groups: list[ActionGroup]
    top_reactors: list[TopReactor]
    by_hour: list[int]  # 24 counts, by local hour in the window's zone


def action_figures(tx: Transaction, window: Window) -> ActionFigures:
    groups = [
        ActionGroup(
            emoji=str(r["emoji"]),
            rule_id=r["rule_id"],
            rule=str(r["rule_name"]),
            count=int(r["n"]),
            succeeded=int(r["ok"] or 0),
            success_rate=round(int(r["ok"] or 0) / int(r["n"]), 4),
        )
        # An action "succeeded" when it made its record (a later cancellation does not
        # undo that).
        for r in analytics_repo.action_groups(tx, window.since, window.until)
    ]
    top = [
        TopReactor(int(r["id"]), str(r["jid"]), r["name"], int(r["n"]))
        for r in analytics_repo.top_reactors(tx, window.since, window.until, TOP_REACTORS)
    ]
    # By local hour: zone rules (DST) are applied per action, which SQL cannot do portably.
    # Counts come per quarter hour (store/analytics_repo.py), and every zone's offset is a
    # whole number of quarters: each quarter falls in one local hour.
    tz = ZoneInfo(window.tz)
    hours: Counter[int] = Counter()
    for at, n in analytics_repo.action_times(tx, window.since, window.until):
        hours[datetime.fromtimestamp(at, tz).hour] += n
    return ActionFigures(
        total=sum(g.count for g in groups),
        groups=groups,
        top_reactors=top,
        by_hour=[hours.get(h, 0) for h in range(24)],
    )


def window_json(window: Window) -> dict[str, str]:
    tz = ZoneInfo(window.tz)
    return {
        "since": datetime.fromtimestamp(window.since, tz).isoformat(timespec="seconds"),
        "until": datetime.fromtimestamp(window.until, tz).isoformat(timespec="seconds"),
        "tz": window.tz,
    }
