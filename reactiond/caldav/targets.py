"""Calendar targets: adding one (discovering its collection), editing, listing, removing.
The CLI (`reactiond calendars …`) and the API (`/api/calendars`) call these same functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from reactiond.caldav.client import CalDavFailure, Collection, Refused, one_client
from reactiond.caldav.credentials import CredentialsMissing, read_password
from reactiond.caldav.texts import CALENDAR_ERRORS
from reactiond.store import caldav_repo, people_repo, rules_repo
from reactiond.store.caldav_repo import PUSHED_KINDS, NewTarget, TargetRow
from reactiond.store.interface import Store, Transaction

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
BILLS_AS = ("todo", "event")
ON_CANCEL = ("delete", "mark")


class TargetError(Exception):
    """What is wrong with a target as given, and what to do: `{"error", "hint"}` in
    English on the API (with `status`), one line in the reader's language on the CLI
    (`err.calendars.CODE` and `hint.calendars.CODE` in reactiond/caldav/texts.py)."""

    def __init__(self, code: str, *, status: int = 400, **values: object) -> None:
        en_error, en_hint = CALENDAR_ERRORS[code][0]
        self.code = code
        self.values = values
        self.status = status
        self.error = en_error.format(**values)
        self.hint = en_hint.format(**values)
        super().__init__(f"{self.error}: {self.hint}")


@dataclass(frozen=True)
class TargetRequest:
    name: str
    url: str
    user: str
    password_file: str | None = None
    password_env: str | None = None
    kinds: tuple[str, ...] = PUSHED_KINDS
    bills_as: str = "todo"
    on_cancel: str = "delete"
    person: str | None = None  # a phone number or JID: only their records
    rule: str | None = None  # a rule's id or name: only its records
    calendar: str | None = None  # which of the account's calendars (its name or URL)


@dataclass(frozen=True)
class TargetChanges:
    """What `calendars edit` (PATCH /api/calendars/NAME) changes; None: as it is. An empty
    `person` or `rule`: no longer only theirs (everyone's records, every rule's)."""

    url: str | None = None
    user: str | None = None
    password_file: str | None = None
    password_env: str | None = None
    kinds: tuple[str, ...] | None = None
    bills_as: str | None = None
    on_cancel: str | None = None
    person: str | None = None
    rule: str | None = None
    calendar: str | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    @property
    def asks_the_server(self) -> bool:
        """Whether the server must be asked again: where, who, or what it must take."""
        said = (self.url, self.user, self.password_file, self.password_env, self.kinds,
                self.bills_as, self.calendar)  # fmt: skip
        return any(v is not None for v in said)


@dataclass(frozen=True)
class Edited:
    target: TargetRow
    moved: bool  # another calendar: the records go there from now on (queued: `queued`)
    queued: int
    resumed: int  # waiting pushes run again, the target working now


def components_needed(kinds: Sequence[str], bills_as: str) -> frozenset[str]:
    comps = set()
    if "event" in kinds:
        comps.add("VEVENT")
    if "task" in kinds:
        comps.add("VTODO")
    if "bill" in kinds:
        comps.add("VEVENT" if bills_as == "event" else "VTODO")
    return frozenset(comps)


def validate(req: TargetRequest) -> None:
    if not NAME.match(req.name):
        raise TargetError("bad_name", name=req.name)
    parts = urlsplit(req.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetError("bad_url", url=req.url)
    if parts.username is not None or parts.password is not None:
        # It would be stored, shown and logged with the URL: the password has its own file.
        raise TargetError("url_credentials")
    unknown = sorted(set(req.kinds) - set(PUSHED_KINDS))
    if unknown or not req.kinds:
        raise TargetError("bad_kinds", kinds=", ".join(unknown) or "-")
    if req.bills_as not in BILLS_AS:
        raise TargetError("bad_bills_as", value=req.bills_as)
    if req.on_cancel not in ON_CANCEL:
        raise TargetError("bad_on_cancel", value=req.on_cancel)
    if (req.password_file is None) == (req.password_env is None):
        raise TargetError("password_source")


def choose_collection(
    found: Sequence[Collection], needed: frozenset[str], calendar: str | None
) -> Collection:
    """The account's calendar to push to: the one named, else the first that takes every
    component type the target sends (a server that does not say takes all)."""
    if calendar is not None:
        for r in found:
            if calendar in (r.displayname, r.href) or r.href.rstrip("/").endswith(
                "/" + calendar.strip("/")
            ):
                return r
        names = ", ".join(r.displayname or r.href for r in found) or "none"
        raise TargetError("not_in_account", calendar=calendar, names=names)
    for r in found:
        if not r.components or needed <= r.components:
            return r
    if found:
        raise TargetError("no_components", components=", ".join(sorted(needed)))
    raise TargetError("no_calendar")


def target_json(t: TargetRow) -> dict[str, Any]:
    """A target as the API and `--json` show it: where the password is read from, never
    the password."""
    return {
        "name": t.name,
        "url": t.url,
        "collection_url": t.collection_url,
        "user": t.username,
        "password_from": (
            {"file": t.password_file} if t.password_file else {"env": t.password_env}
        ),
        "kinds": list(t.kinds),
        "bills_as": t.bills_as,
        "on_cancel": t.on_cancel,
        "person_id": t.person_id,
        "rule_id": t.rule_id,
    }


async def discover(req: TargetRequest, password: str) -> Collection:
    try:
        async with one_client(req.url, req.user, password) as client:
            found = await client.calendars(req.url)
    except Refused as exc:
        raise TargetError("not_found_at", url=req.url, reason=exc.reason) from exc
    except CalDavFailure as exc:
        raise TargetError("unreachable", status=502, url=req.url, reason=exc.reason) from exc
    return choose_collection(found, components_needed(req.kinds, req.bills_as), req.calendar)


async def add_target(
    store: Store, req: TargetRequest, now: float, *, check: bool = True
) -> TargetRow:
    """Store a target. With `check`, the server is asked first (the password read, the
    calendar found from the URL): a target that cannot work is refused, not stored."""
    validate(req)
    collection = req.url
    if check:
        try:
            password = read_password(req.password_file, req.password_env)
        except CredentialsMissing as exc:
            raise TargetError("no_password", source=exc.source) from exc
        collection = (await discover(req, password)).href

    def write(tx: Transaction) -> TargetRow | None:
        person_id = people_repo.find_person(tx, req.person) if req.person else None
        rule_id = int(rules_repo.rule_row(tx, req.rule)["id"]) if req.rule else None
        return caldav_repo.insert_target(
            tx,
            NewTarget(
                name=req.name,
                url=req.url,
                collection_url=collection,
                username=req.user,
                password_file=req.password_file,
                password_env=req.password_env,
                kinds=tuple(k for k in PUSHED_KINDS if k in req.kinds),
                bills_as=req.bills_as,
                on_cancel=req.on_cancel,
                person_id=person_id,
                rule_id=rule_id,
            ),
            now,
        )

    try:
        stored = await store.write(write)
    except people_repo.PersonNotFound as exc:
        raise TargetError("unknown_person", person=req.person) from exc
    except rules_repo.RuleNotFound as exc:
        raise TargetError("unknown_rule", rule=req.rule) from exc
    if stored is None:
        raise TargetError("exists", status=409, name=req.name)
    return stored


async def edit_target(
    store: Store, name: str, changes: TargetChanges, now: float, *, check: bool = True
) -> Edited:
    """Change a target, with the same checks as adding one. With `check`, and a change the
    server must see (URL, user, password, kinds, calendar), it is asked first: the
    calendar found again (the one the target had, unless another is named or the URL
    changed), and a change that cannot work is refused, not stored."""
    target = await get_target(store, name)
    if changes.empty:
        raise TargetError("nothing_to_change", name=name)
    password_file, password_env = target.password_file, target.password_env
    if changes.password_file is not None or changes.password_env is not None:
        password_file, password_env = changes.password_file, changes.password_env
    req = TargetRequest(
        name=target.name,
        url=changes.url if changes.url is not None else target.url,
        user=changes.user if changes.user is not None else target.username,
        password_file=password_file,
        password_env=password_env,
        kinds=changes.kinds if changes.kinds is not None else target.kinds,
        bills_as=changes.bills_as if changes.bills_as is not None else target.bills_as,
        on_cancel=changes.on_cancel if changes.on_cancel is not None else target.on_cancel,
        calendar=changes.calendar,
    )
    validate(req)
    collection = target.collection_url
    checked = check and changes.asks_the_server
    if checked:
        try:
            password = read_password(req.password_file, req.password_env)
        except CredentialsMissing as exc:
            raise TargetError("no_password", source=exc.source) from exc
        if changes.calendar is None and changes.url is None:
            req = replace(req, calendar=target.collection_url)  # the same one, still fit?
        found = await discover(req, password)
        needed = components_needed(req.kinds, req.bills_as)
        if found.components and not needed <= found.components:
            raise TargetError("no_components", components=", ".join(sorted(needed)))
        collection = found.href
    elif changes.url is not None:
        collection = req.url  # unchecked, as `add --no-check`
    moved = collection != target.collection_url

    def write(tx: Transaction) -> tuple[TargetRow | None, int, int]:
        person_id, rule_id = target.person_id, target.rule_id
        if changes.person is not None:
            person_id = people_repo.find_person(tx, changes.person) if changes.person else None
        if changes.rule is not None:
            rule_id = int(rules_repo.rule_row(tx, changes.rule)["id"]) if changes.rule else None
        stored = caldav_repo.update_target(
            tx,
            target.id,
            NewTarget(
                name=target.name,
                url=req.url,
                collection_url=collection,
                username=req.user,
                password_file=req.password_file,
                password_env=req.password_env,
                kinds=tuple(k for k in PUSHED_KINDS if k in req.kinds),
                bills_as=req.bills_as,
                on_cancel=req.on_cancel,
                person_id=person_id,
                rule_id=rule_id,
            ),
            forget_pushed=moved,
        )
        if stored is None:
            return None, 0, 0
        queued = caldav_repo.queue_all_records(tx, stored, now) if moved else 0
        resumed = 0
        if checked:  # it works now: what waited for it (a refused password) runs again
            resumed = sum(
                caldav_repo.run_push_job_now(tx, job_id, now)
                for job_id in caldav_repo.waiting_push_jobs(tx, stored.id)
            )
        return stored, queued, resumed

    try:
        stored, queued, resumed = await store.write(write)
    except people_repo.PersonNotFound as exc:
        raise TargetError("unknown_person", person=changes.person) from exc
    except rules_repo.RuleNotFound as exc:
        raise TargetError("unknown_rule", rule=changes.rule) from exc
    if stored is None:  # removed meanwhile
        raise TargetError("unknown", status=404, name=name)
    return Edited(stored, moved, queued, resumed)


async def list_targets(store: Store) -> list[TargetRow]:
    return await store.read(caldav_repo.list_targets)


async def get_target(store: Store, name: str) -> TargetRow:
    target = await store.read(lambda tx: caldav_repo.target_by_name(tx, name))
    if target is None:
        raise TargetError("unknown", status=404, name=name)
    return target


async def remove_target(store: Store, name: str) -> None:
    if not await store.write(lambda tx: caldav_repo.delete_target(tx, name)):
        raise TargetError("unknown", status=404, name=name)


async def resume_pushes(store: Store, target: TargetRow, now: float) -> int:
    """After a successful test: the pushes that wait (a bad password, a server down) or
    were given up on run again now. How many."""

    def write(tx: Transaction) -> int:
        return sum(
            caldav_repo.run_push_job_now(tx, job_id, now)
            for job_id in caldav_repo.waiting_push_jobs(tx, target.id)
        )

    return await store.write(write)


async def push_all(store: Store, name: str, now: float) -> int:
    """Queue every record a target takes (not cancelled): for a target added after the
    records were made. Records already there are left as they are (a push of an unchanged
    record writes nothing)."""
    target = await get_target(store, name)
    return await store.write(lambda tx: caldav_repo.queue_all_records(tx, target, now))
