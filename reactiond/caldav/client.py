"""The CalDAV requests reactiond makes, over aiohttp, and what their failures mean.

Every failure is one of four exceptions, each saying what to do: `Unreachable` (down,
timed out, 5xx: try again later), `Unauthorized` (401/403: fix the credentials, then
`reactiond calendars test NAME`), `Changed` (412: the server's copy changed since we
wrote it), `Refused` (any other 4xx: the request or the target is wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import aiohttp

from reactiond.caldav.webdav import (
    COLLECTION_PROPS,
    DISCOVERY_PROPS,
    BadAnswer,
    Resource,
    calendar_query_body,
    parse_multistatus,
    propfind_body,
    same_url,
)

TIMEOUT = aiohttp.ClientTimeout(total=30, sock_connect=10)
ICS = "text/calendar; charset=utf-8"
XML = "application/xml; charset=utf-8"


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
class Stored:
    etag: str | None


@dataclass(frozen=True)
class Fetched:
    body: str
    etag: str | None


class CalDavClient:
    """One server account: a session with its Basic credentials."""

    def __init__(self, session: aiohttp.ClientSession, user: str, password: str) -> None:
        self.session = session
        # A header, not `auth=`: aiohttp drops it on a redirect to another host.
        self._authorization = aiohttp.encode_basic_auth(user, password)

    async def _request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes, str | None]:
        try:
            async with self.session.request(
                method,
                url,
                data=body,
                headers={**(headers or {}), "Authorization": self._authorization},
                timeout=TIMEOUT,
                allow_redirects=True,
            ) as resp:
                data = await resp.read()
                return resp.status, data, resp.headers.get("ETag")
        except TimeoutError as exc:
            raise Unreachable(f"{method} {url}: no answer in time") from exc
        except aiohttp.ClientError as exc:
            raise Unreachable(f"{method} {url}: {type(exc).__name__}: {exc}") from exc

    def _fail(self, method: str, url: str, status: int) -> CalDavFailure:
        what = f"{method} {url} answered {status}"
        if status in (401, 403):
            return Unauthorized(what)
        if status == 412:
            return Changed(what)
        if status >= 500 or status in (408, 429):
            return Unreachable(what)
        return Refused(what, status)

    async def propfind(self, url: str, props: tuple[str, ...], depth: int) -> list[Resource]:
        status, data, _ = await self._request(
            "PROPFIND",
            url,
            body=propfind_body(props),
            headers={"Depth": str(depth), "Content-Type": XML},
        )
        if status != 207:
            raise self._fail("PROPFIND", url, status)
        try:
            return parse_multistatus(data, url)
        except BadAnswer as exc:
            raise Refused(f"PROPFIND {url}: {exc.args[0]}", status) from exc

    async def describe(self, url: str) -> Resource:
        """The resource at `url` itself (depth 0)."""
        found = await self.propfind(url, DISCOVERY_PROPS, 0)
        for r in found:
            if same_url(r.href, url):
                return r
        if found:
            return found[0]
        raise Refused(f"PROPFIND {url}: the answer names no resource", 207)

    async def calendars(self, url: str) -> list[Resource]:
        """The calendar collections at or under `url`: the URL itself when it is one, else
        the collections of the account's calendar home (RFC 4791 §6.2.1, RFC 5397: from
        the server or principal URL, through current-user-principal and calendar-home-set)."""
        here = await self.describe(url)
        if here.is_calendar:
            return [here]
        home = here.calendar_home
        if home is None:
            principal = here.principal
            if principal is None:
                well_known = urljoin(url, "/.well-known/caldav")
                principal = (await self.describe(well_known)).principal
            if principal is None:
                raise Refused(f"{url}: the server names no principal for this user", 404)
            home = (await self.describe(principal)).calendar_home
            if home is None:
                raise Refused(f"{principal}: the principal names no calendar home", 404)
        found = await self.propfind(home, COLLECTION_PROPS, 1)
        return [r for r in found if r.is_calendar]

    async def put(self, url: str, body: bytes, *, etag: str | None) -> Stored:
        """Create (`etag` None: only if nothing is there) or replace (only if the server's
        copy is still the one with `etag`)."""
        headers = {"Content-Type": ICS}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        status, _, new_etag = await self._request("PUT", url, body=body, headers=headers)
        if status not in (200, 201, 204):
            raise self._fail("PUT", url, status)
        if new_etag is None:  # a server may not say (RFC 4791 §5.3.4): ask
            fetched = await self.get(url)
            new_etag = fetched.etag if fetched is not None else None
        return Stored(new_etag)

    async def get(self, url: str) -> Fetched | None:
        status, data, etag = await self._request("GET", url)
        if status == 404:
            return None
        if status != 200:
            raise self._fail("GET", url, status)
        return Fetched(data.decode("utf-8", "replace"), etag)

    async def delete(self, url: str, *, etag: str | None) -> None:
        """Remove, only if the server's copy is still ours; gone already is fine."""
        headers = {"If-Match": etag} if etag else {}
        status, _, _ = await self._request("DELETE", url, headers=headers)
        if status not in (200, 204, 404):
            raise self._fail("DELETE", url, status)

    async def objects(self, collection: str, component: str) -> list[Resource]:
        """Every VEVENT or VTODO object in a collection, with its ETag and data."""
        status, data, _ = await self._request(
            "REPORT",
            collection,
            body=calendar_query_body(component),
            headers={"Depth": "1", "Content-Type": XML},
        )
        if status != 207:
            raise self._fail("REPORT", collection, status)
        return parse_multistatus(data, collection)
