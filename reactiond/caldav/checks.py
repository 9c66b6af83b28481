"""Is a calendar target able to take pushes? Reachable, signed in, the collection there,
a calendar, taking the component types it will receive. `reactiond doctor`, `reactiond
calendars test` and `POST /api/calendars/{name}/test` ask this; each words the finding
from its key (reactiond/caldav/texts.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from reactiond.caldav.client import Refused, Unauthorized, Unreachable, one_client
from reactiond.caldav.credentials import CredentialsMissing, read_password
from reactiond.caldav.targets import components_needed, get_target, resume_pushes
from reactiond.caldav.texts import CALENDAR_TEXTS
from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import TargetRow
from reactiond.store.interface import Store
from reactiond.wording import counted_key


@dataclass(frozen=True)
class Finding:
    status: Literal["ok", "warn", "fail"]
    code: str  # its words: `check.calendar.CODE` in reactiond/caldav/texts.py
    values: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "fail"


async def check_target(
    target: TargetRow,
    *,
    conflicts: int = 0,
    environ: Mapping[str, str] | None = None,
) -> Finding:
    url = target.collection_url
    said: dict[str, object] = {"name": target.name, "url": url, "user": target.username}
    try:
        password = read_password(target.password_file, target.password_env, environ)
    except CredentialsMissing as exc:
        return Finding("fail", "credentials", {**said, "source": exc.source})
    try:
        async with one_client(url, target.username, password) as client:
            here = await client.describe(url)
    except Unreachable as exc:
        return Finding("fail", "unreachable", {**said, "reason": exc.reason})
    except Unauthorized:
        source = target.password_file or f"${target.password_env}"
        return Finding("fail", "unauthorized", {**said, "source": source})
    except Refused as exc:
        return Finding("fail", "missing", {**said, "reason": exc.reason})
    if not here.is_calendar:
        return Finding("fail", "not_calendar", said)
    needed = components_needed(target.kinds, target.bills_as)
    takes = here.components or needed  # a server that does not say takes them all
    missing = needed - takes
    if missing:
        return Finding(
            "fail",
            "components",
            {**said, "missing": ", ".join(sorted(missing)), "components": ", ".join(sorted(takes))},
        )
    if conflicts:
        return Finding("warn", "conflicts", {**said, "count": conflicts})
    return Finding("ok", "ok", {**said, "components": ", ".join(sorted(needed))})


@dataclass(frozen=True)
class TrialResult:
    finding: Finding
    resumed: int  # waiting pushes run again because the target works


async def try_target(store: Store, name: str, now: float) -> TrialResult:
    """Check one target now; when it works, its waiting (and given-up) pushes run again."""
    target = await get_target(store, name)
    conflicts = len(await store.read(lambda tx: caldav_repo.conflicts_of_target(tx, target.id)))
    finding = await check_target(target, conflicts=conflicts)
    resumed = await resume_pushes(store, target, now) if finding.ok else 0
    return TrialResult(finding, resumed)


def english(finding: Finding) -> str:
    """The finding in English (the API's language)."""
    key = counted_key(f"check.calendar.{finding.code}", finding.values, "en", CALENDAR_TEXTS)
    return CALENDAR_TEXTS[key][0].format(**finding.values)
