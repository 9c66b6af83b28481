"""Settling a conflict: a record changed both in reactiond and on the server (an edit on
the phone). The server's version was kept; the operator says which one stays."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from reactiond.caldav.client import CalDavFailure, one_client
from reactiond.caldav.credentials import CredentialsMissing, read_password
from reactiond.caldav.push import KIND_SPEC, object_for
from reactiond.caldav.targets import TargetError, get_target
from reactiond.engine.reminders import ReminderConfig
from reactiond.records.model import Note
from reactiond.records.query import get_record
from reactiond.store import caldav_repo
from reactiond.store.interface import Store, Transaction
from reactiond.whole_number import whole_number

Keep = Literal["server", "reactiond"]


def parse_record(raw: str) -> tuple[str, int]:
    kind, _, number = raw.partition(":")
    record_id = whole_number(number) or 0
    if kind not in KIND_SPEC or not record_id:
        raise TargetError("bad_record", record=raw)
    return kind, record_id


async def resolve(
    store: Store,
    name: str,
    record: str,
    keep: Keep,
    now: float,
    reminders: ReminderConfig,
) -> None:
    """`server`: the server's copy stays, and reactiond writes there again only when the
    record changes next. `reactiond`: the record is written over the server's copy now."""
    kind, record_id = parse_record(record)
    target = await get_target(store, name)
    resource = await store.read(lambda tx: caldav_repo.get_resource(tx, target.id, kind, record_id))
    if resource is None or resource.state != "conflict":
        raise TargetError("no_conflict", record=record, name=name)
    try:
        password = read_password(target.password_file, target.password_env)
    except CredentialsMissing as exc:
        raise TargetError("no_password", source=exc.source) from exc
    try:
        async with one_client(target.collection_url, target.username, password) as client:
            there = await client.get(resource.href)
    except CalDavFailure as exc:
        raise TargetError("cannot_read", status=502, href=resource.href, reason=exc.reason) from exc
    spec = KIND_SPEC[kind]

    def write(tx: Transaction) -> None:
        current = get_record(tx, spec, record_id)
        obj = (
            object_for(tx, target, current, reminders)
            if current is not None and not isinstance(current, Note)
            else None
        )
        settled = replace(
            resource,
            state="present" if there is not None else "removed",
            etag=there.etag if there is not None else None,
            conflict=None,
            updated_at=now,
            # Keeping the server's: what is there counts as the record's current form.
            body_hash=obj.body_hash if keep == "server" and obj is not None else None,
        )
        caldav_repo.put_resource(tx, settled)
        if keep == "reactiond":
            caldav_repo.queue_record(tx, target.id, kind, record_id, now)

    await store.write(write)
