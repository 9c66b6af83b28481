"""The CalDAV requests reactiond makes, through the `caldav` library, and what their
failures mean.

`caldav` (the maintained Python CalDAV client) does the protocol: discovery (the principal,
its calendar home, the calendars in it), properties (resource type, display name, the
component types a calendar takes), the object requests, authentication (it learns Basic or
Digest from the server's 401) and URL handling, over its own HTTP transport (niquests).
That client is blocking, so each call runs in a small pool of threads of its own, never on
the event loop and never in the default executor the parsers share.

Every failure is one of four exceptions, each saying what to do: `Unreachable` (down,
timed out, 5xx: try again later), `Unauthorized` (401/403: fix the credentials, then
`reactiond calendars test NAME`), `Changed` (412: the server's copy changed since we
wrote it), `Refused` (any other 4xx: the request or the target is wrong).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from caldav.lib import error as dav_error

from reactiond.logs import QUIET_LOGGERS

if TYPE_CHECKING:
    from caldav.davclient import DAVClient

T = TypeVar("T")
TIMEOUT = 30  # seconds, per request (the library passes it to its transport)
ICS = "text/calendar; charset=utf-8"
# The library and its transport log each request at debug: its headers and its body (a
# record's title and notes). reactiond's own logs never carry a body, and a password must
# not get near a log line: below WARNING they say nothing, whatever the daemon's level.
# (`reactiond.logs.configure_logging` also routes their warnings through its redaction.)
LIBRARY_LOGGERS = QUIET_LOGGERS
# Few threads: a push waits on the network, and a slow server must not hold up more.
THREADS = 4
_threads = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="reactiond-caldav")

TAG_RESOURCETYPE = "{DAV:}resourcetype"
TAG_DISPLAYNAME = "{DAV:}displayname"
TAG_CALENDAR = "{urn:ietf:params:xml:ns:caldav}calendar"
TAG_COMPONENTS = "{urn:ietf:params:xml:ns:caldav}supported-calendar-component-set"


def quiet_library_logs() -> None:
    """Nothing under WARNING from the library or its transport; and never its
    communication dump (PYTHON_CALDAV_COMMDUMP writes every request, headers and calendar
    data, to files in /tmp)."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:  # NOTSET too: a root at DEBUG must not reach it
            logger.setLevel(logging.WARNING)
    dav_error.debug_dump_communication = False


quiet_library_logs()


class CalDavFailure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unreachable(CalDavFailure):
    """Down, timed out, or a 5xx: nothing was changed for sure; try again later."""


class Unauthorized(CalDavFailure):
    """401/403: the user name or password is wrong, or the user may not write there."""


class Changed(CalDavFailure):
    """412: the resource changed on the server since reactiond wrote it (or exists when
    reactiond meant to create it)."""


class Refused(CalDavFailure):
    """Another 4xx: the collection is missing, or the server will not take the object."""

    def __init__(self, reason: str, status: int) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Collection:
    """A collection as the server describes it."""

    href: str  # absolute URL
    is_calendar: bool = False
    displayname: str | None = None
    components: frozenset[str] = field(default_factory=frozenset)  # empty: not said


@dataclass(frozen=True)
class Stored:
    etag: str | None


@dataclass(frozen=True)
class Fetched:
    body: str
    etag: str | None


def failure(what: str, status: int | None) -> CalDavFailure:
    """The failure an HTTP status means."""
    said = f"{what} answered {status}" if status is not None else f"{what} failed"
    if status in (401, 403):
        return Unauthorized(said)
    if status == 412:
        return Changed(said)
    if status is None or status >= 500 or status in (408, 429):
        return Unreachable(said)
    return Refused(said, status)


class CalDavClient:
    """One server account through one `caldav.DAVClient`: its session (connections kept
    between requests) and the auth scheme it negotiated. Used by one task at a time
    (`Accounts` hands it out); made in a worker thread on first use, as importing the
    library's HTTP stack takes a moment the event loop must not wait."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url
        self.user = user
        self._password = password
        self._dav: DAVClient | None = None

    def _client(self) -> DAVClient:
        if self._dav is None:
            from caldav.davclient import DAVClient

            # The URL is always a full one: no DNS (RFC 6764) discovery from a domain.
            self._dav = DAVClient(
                url=self.url,
                username=self.user,
                password=self._password,
                timeout=TIMEOUT,
                enable_rfc6764=False,
            )
        return self._dav

    def close(self) -> None:
        if self._dav is not None:
            self._dav.close()
            self._dav = None

    async def _run(self, what: str, call: Callable[[DAVClient], T]) -> T:
        def in_thread() -> T:
            return call(self._client())

        try:
            return await asyncio.get_running_loop().run_in_executor(_threads, in_thread)
        except dav_error.AuthorizationError as exc:  # also without a status: no usable scheme
            raise Unauthorized(f"{what} answered {exc.status or exc.reason}") from exc
        except dav_error.DAVError as exc:
            raise failure(what, exc.status) from exc
        except OSError as exc:  # the transport's errors (refused, reset, timed out) are OSErrors
            raise Unreachable(f"{what}: {type(exc).__name__}: {exc}") from exc

    async def describe(self, url: str) -> Collection:
        """The collection at `url` itself: is it a calendar, its name, what it takes."""

        def call(dav: DAVClient) -> Collection:
            from caldav.elements import cdav
            from caldav.elements import dav as dav_props

            props = dav.calendar(url=url).get_properties(  # type: ignore[no-untyped-call]
                [
                    dav_props.ResourceType(),
                    dav_props.DisplayName(),
                    cdav.SupportedCalendarComponentSet(),
                ]
            )
            return _collection(url, props)

        return await self._run(f"PROPFIND {url}", call)

    async def calendars(self, url: str) -> list[Collection]:
        """The calendar collections at or under `url`: the URL itself when it is one, else
        the account's calendars, found by the library from the URL through the user's
        principal and its calendar home (RFC 4791 §6.2.1, RFC 5397)."""
        here = await self.describe(url)
        if here.is_calendar:
            return [here]

        def call(dav: DAVClient) -> list[Collection]:
            principal = dav.principal()  # type: ignore[no-untyped-call]
            calendars = dav.get_calendars(principal)
            assert isinstance(calendars, list)  # a coroutine only from the async client
            found = []
            for calendar in calendars:
                href = str(calendar.url)
                name = calendar.get_display_name()
                try:
                    said = calendar.get_supported_components(with_fallback=False)
                except dav_error.PropfindError:  # not said: it takes them all (RFC 4791)
                    said = []
                takes = said if isinstance(said, list) else []
                found.append(
                    Collection(
                        href=href,
                        is_calendar=True,
                        displayname=name if isinstance(name, str) else None,
                        components=frozenset(str(c).upper() for c in takes),
                    )
                )
            return found

        return await self._run(f"discovery from {url}", call)

    # PUT and GET go through the library's request methods (`DAVClient.put`, `.request`:
    # its session, auth and URL handling) with the precondition headers written here,
    # not through `CalendarObjectResource.save()`: `save(no_overwrite=True)` searches the
    # calendar for the UID before its PUT on a server not known to refuse a second UID
    # (one more REPORT per create), and `save()` of a known version leaves `If-Match` out
    # when the server's ETag is weak, writing over the phone's edit unconditionally.
    # `load()` takes any answer but a 404 as the object's data. Here every create carries
    # `If-None-Match: *` and every change `If-Match: <the ETag we stored>`, always.

    async def put(self, url: str, body: bytes, *, etag: str | None) -> Stored:
        """Create (`etag` None: only if nothing is there) or replace (only if the server's
        copy is still the one with `etag`)."""
        headers = {"Content-Type": ICS}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        what = f"PUT {url}"
        answer = await self._run(what, lambda dav: dav.put(url, body.decode("utf-8"), headers))
        if answer.status not in (200, 201, 204):
            raise failure(what, answer.status)
        new_etag = _header(answer.headers, "ETag")
        if new_etag is None:  # a server may not say (RFC 4791 §5.3.4): ask
            fetched = await self.get(url)
            new_etag = fetched.etag if fetched is not None else None
        return Stored(new_etag)

    async def get(self, url: str) -> Fetched | None:
        what = f"GET {url}"
        answer = await self._run(what, lambda dav: dav.request(url, "GET"))
        if answer.status == 404:
            return None
        if answer.status != 200:
            raise failure(what, answer.status)
        raw = answer.raw
        body = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return Fetched(body, _header(answer.headers, "ETag"))

    async def delete(self, url: str, *, etag: str | None) -> None:
        """Remove, only if the server's copy is still ours; gone already is fine. The
        library's own delete: `If-Match` with our ETag as given, a 412 raised as
        `ETagMismatchError`."""

        def call(dav: DAVClient) -> None:
            from caldav.calendarobjectresource import CalendarObjectResource

            obj = CalendarObjectResource(client=dav, url=url)
            try:
                obj.delete(if_match=etag or None)
            except dav_error.NotFoundError:
                return None  # gone already (with If-Match, the library says so)
            return None

        await self._run(f"DELETE {url}", call)


def _collection(url: str, props: dict[str, Any]) -> Collection:
    types = props.get(TAG_RESOURCETYPE) or []
    types = types if isinstance(types, list) else [types]
    name = props.get(TAG_DISPLAYNAME)
    comps = props.get(TAG_COMPONENTS) or []
    return Collection(
        href=url,
        is_calendar=TAG_CALENDAR in types,
        displayname=name if isinstance(name, str) and name else None,
        components=frozenset(str(c).upper() for c in comps),
    )


def _header(headers: Any, name: str) -> str | None:
    value = headers.get(name) if headers is not None else None
    return str(value) if value else None


class Accounts:
    """Idle clients by account, kept between pushes: a client keeps its connections and
    the auth scheme it learnt (a fresh client's first request goes out without
    credentials and learns the scheme from the 401). A client is lent to one push at a
    time; one that failed is closed, not kept."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, str], tuple[str, list[CalDavClient]]] = {}

    @contextlib.asynccontextmanager
    async def client(self, url: str, user: str, password: str) -> AsyncIterator[CalDavClient]:
        key = (url, user)
        kept_password, idle = self._idle.get(key, (password, []))
        if kept_password != password:  # the password changed: the old clients go
            for old in idle:
                old.close()
            idle = []
        self._idle[key] = (password, idle)
        lent = idle.pop() if idle else CalDavClient(url, user, password)
        try:
            yield lent
        except BaseException:
            lent.close()
            raise
        current = self._idle.get(key)
        if current is not None and current[0] == password and len(current[1]) < THREADS:
            current[1].append(lent)
        else:
            lent.close()

    def close(self) -> None:
        for _, idle in self._idle.values():
            for c in idle:
                c.close()
        self._idle.clear()


@contextlib.asynccontextmanager
async def one_client(url: str, user: str, password: str) -> AsyncIterator[CalDavClient]:
    """A client for a few requests (a check, adding a target), closed after."""
    client = CalDavClient(url, user, password)
    try:
        yield client
    finally:
        client.close()
