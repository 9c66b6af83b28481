"""`/api/calendars`: the same functions as `reactiond calendars …`, as JSON. A target's
password never appears in any answer; only where it is read from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from reactiond.caldav.checks import english, try_target
from reactiond.caldav.resolve import resolve
from reactiond.caldav.targets import (
    TargetChanges,
    TargetError,
    TargetRequest,
    add_target,
    edit_target,
    get_target,
    list_targets,
    push_all,
    remove_target,
    target_json,
)
from reactiond.engine.reminders import ReminderConfig
from reactiond.json_input import JsonRefused, load_json
from reactiond.settings import Settings
from reactiond.store import caldav_repo
from reactiond.store.caldav_repo import PUSHED_KINDS, ResourceRow
from reactiond.store.interface import Store, StoreUnavailable
from reactiond.web.errors import dumps, json_error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Over the API, a password file must sit here, in the data directory: a token holder
# could otherwise have any file the daemon can read sent to a server of their choosing.
CREDENTIALS_DIR = "calendar-passwords"
# The same for variables: never REACTIOND_API_TOKEN sent to a stranger's server.
API_ENV_PREFIX = "CALDAV_"


def _ok(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=dumps)


class Refused(Exception):
    """A request body the API cannot use (English, as every API error)."""

    def __init__(self, error: str, hint: str) -> None:
        super().__init__(error)
        self.error = error
        self.hint = hint


def _answers(handler: Handler) -> Handler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except TargetError as exc:
            return json_error(exc.status, exc.error, exc.hint)
        except Refused as exc:
            return json_error(400, exc.error, exc.hint)
        except JsonRefused as exc:
            return json_error(400, str(exc), "send a JSON object")
        except StoreUnavailable as exc:
            return json_error(503, exc.reason, exc.hint)

    return wrapped


def resource_json(r: ResourceRow) -> dict[str, Any]:
    return {
        "record": f"{r.kind}:{r.record_id}",
        "href": r.href,
        "state": r.state,
        "conflict": r.conflict,
    }


def _request(body: Any, data_dir: Path) -> TargetRequest:
    if not isinstance(body, dict):
        raise Refused("the body is not a JSON object", 'send {"name": …, "url": …}')
    allowed = {
        "name", "url", "user", "password_file", "password_env", "kinds", "bills_as",
        "on_cancel", "person", "rule", "calendar",
    }  # fmt: skip
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise Refused(f"unknown fields {unknown}", f"use some of {sorted(allowed)}")
    for needed in ("name", "url", "user"):
        if not isinstance(body.get(needed), str):
            raise Refused(f"{needed} is missing", f"give {needed} as a string")
    kinds = body.get("kinds", list(PUSHED_KINDS))
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise Refused("kinds is not a list of strings", 'e.g. ["event", "task"]')
    password_file = _password_file(body.get("password_file"), data_dir)
    strings = _strings(body)
    return TargetRequest(
        name=body["name"],
        url=body["url"],
        user=body["user"],
        password_file=password_file,
        password_env=strings["password_env"],
        kinds=tuple(kinds),
        bills_as=strings["bills_as"] or "todo",
        on_cancel=strings["on_cancel"] or "delete",
        person=strings["person"],
        rule=strings["rule"],
        calendar=strings["calendar"],
    )


def _password_file(value: Any, data_dir: Path) -> str | None:
    if value is None:
        return None
    base = (data_dir / CREDENTIALS_DIR).resolve()
    path = (base / str(value)).resolve()
    if not path.is_relative_to(base):
        raise Refused(
            "password_file must be a file in the data directory's calendar-passwords/",
            f"put it in {base} (mode 0600) and give its name",
        )
    return str(path)


STRINGS = ("password_env", "bills_as", "on_cancel", "person", "rule", "calendar")


def _strings(body: dict[str, Any]) -> dict[str, str | None]:
    strings = {key: body.get(key) for key in STRINGS}
    for key, value in strings.items():
        if value is not None and not isinstance(value, str):
            raise Refused(f"{key} is not a string", f"give {key} as a string")
    env = strings["password_env"]
    if env is not None and not env.startswith(API_ENV_PREFIX):
        raise Refused(
            f"password_env must be named {API_ENV_PREFIX}…",
            "over the API only such variables are read (not the daemon's own secrets)",
        )
    return strings


def _changes(body: Any, data_dir: Path) -> TargetChanges:
    """A PATCH body: only the fields that change; `person` or `rule` null: everyone's."""
    if not isinstance(body, dict):
        raise Refused("the body is not a JSON object", 'send e.g. {"kinds": ["event"]}')
    allowed = {"url", "user", "password_file", *STRINGS, "kinds"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise Refused(f"unknown fields {unknown}", f"use some of {sorted(allowed)}")
    for key in ("url", "user"):
        if key in body and not isinstance(body[key], str):
            raise Refused(f"{key} is not a string", f"give {key} as a string")
    kinds = body.get("kinds")
    if kinds is not None and (
        not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds)
    ):
        raise Refused("kinds is not a list of strings", 'e.g. ["event", "task"]')
    strings = _strings(body)
    return TargetChanges(
        url=body.get("url"),
        user=body.get("user"),
        password_file=_password_file(body.get("password_file"), data_dir),
        password_env=strings["password_env"],
        kinds=tuple(kinds) if kinds is not None else None,
        bills_as=strings["bills_as"],
        on_cancel=strings["on_cancel"],
        # null clears it (everyone's records), as "" does on the CLI
        person="" if "person" in body and body["person"] is None else strings["person"],
        rule="" if "rule" in body and body["rule"] is None else strings["rule"],
        calendar=strings["calendar"],
    )


def calendar_routes(
    store: Store,
    clock: Callable[[], float],
    wakeup: Callable[[], None],
    settings: Callable[[], Settings],
) -> list[web.RouteDef]:
    @_answers
    async def list_view(request: web.Request) -> web.StreamResponse:
        return _ok({"items": [target_json(t) for t in await list_targets(store)]})

    @_answers
    async def add_view(request: web.Request) -> web.StreamResponse:
        body = load_json(await request.read())
        # Always asked first over the API: a target stored here has worked once.
        target = await add_target(store, _request(body, settings().data_dir), clock())
        return _ok(target_json(target), status=201)

    @_answers
    async def one_view(request: web.Request) -> web.StreamResponse:
        target = await get_target(store, request.match_info["name"])
        pushed = await store.read(lambda tx: caldav_repo.resources_of_target(tx, target.id))
        conflicts = [resource_json(r) for r in pushed if r.state == "conflict"]
        return _ok({**target_json(target), "pushed": len(pushed), "conflicts": conflicts})

    @_answers
    async def edit_view(request: web.Request) -> web.StreamResponse:
        body = load_json(await request.read())
        changes = _changes(body, settings().data_dir)
        # Always asked first over the API, as when added.
        done = await edit_target(store, request.match_info["name"], changes, clock())
        if done.queued or done.resumed:
            wakeup()
        shown = {**target_json(done.target), "moved": done.moved, "queued": done.queued}
        return _ok({**shown, "resumed": done.resumed})

    @_answers
    async def remove_view(request: web.Request) -> web.StreamResponse:
        await remove_target(store, request.match_info["name"])
        return web.Response(status=204)

    @_answers
    async def test_view(request: web.Request) -> web.StreamResponse:
        result = await try_target(store, request.match_info["name"], clock())
        if result.resumed:
            wakeup()
        f = result.finding
        return _ok(
            {"ok": f.ok, "status": f.status, "detail": english(f), "resumed": result.resumed}
        )

    @_answers
    async def push_view(request: web.Request) -> web.StreamResponse:
        queued = await push_all(store, request.match_info["name"], clock())
        wakeup()
        return _ok({"queued": queued})

    @_answers
    async def resolve_view(request: web.Request) -> web.StreamResponse:
        body = load_json(await request.read())
        if not isinstance(body, dict) or body.get("keep") not in ("server", "reactiond"):
            raise Refused("keep is missing", 'give {"record": "task:12", "keep": "server"}')
        record = body.get("record")
        if not isinstance(record, str):
            raise Refused("record is missing", 'give {"record": "task:12", "keep": …}')
        reminders = ReminderConfig.from_settings(settings())
        name = request.match_info["name"]
        await resolve(store, name, record, body["keep"], clock(), reminders)
        wakeup()
        return _ok({"record": record, "kept": body["keep"]})

    return [
        web.get("/api/calendars", list_view),
        web.post("/api/calendars", add_view),
        web.get("/api/calendars/{name}", one_view),
        web.patch("/api/calendars/{name}", edit_view),
        web.delete("/api/calendars/{name}", remove_view),
        web.post("/api/calendars/{name}/test", test_view),
        web.post("/api/calendars/{name}/push", push_view),
        web.post("/api/calendars/{name}/resolve", resolve_view),
    ]
