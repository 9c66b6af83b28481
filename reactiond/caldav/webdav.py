"""The XML of the few WebDAV/CalDAV requests reactiond makes (RFC 4918, RFC 4791, RFC
5397), and reading their multistatus answers. Pure: bytes in, values out.

Why not the `caldav` package: it brings `requests` (or `niquests`), a second, blocking
HTTP stack beside aiohttp, which the daemon already uses for Evolution and its own server;
calling it would mean threads for every push. What reactiond needs is five requests
(PROPFIND for discovery and checks, PUT/GET/DELETE with ETags, a REPORT to read back),
each a few lines over aiohttp.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"

# What discovery and the checks ask for.
DISCOVERY_PROPS = (
    f"{{{DAV}}}resourcetype",
    f"{{{DAV}}}displayname",
    f"{{{DAV}}}current-user-principal",
    f"{{{CALDAV}}}calendar-home-set",
    f"{{{CALDAV}}}supported-calendar-component-set",
)
COLLECTION_PROPS = (
    f"{{{DAV}}}resourcetype",
    f"{{{DAV}}}displayname",
    f"{{{CALDAV}}}supported-calendar-component-set",
)


class BadAnswer(Exception):
    """The server answered something that is not a WebDAV multistatus."""


def propfind_body(props: tuple[str, ...]) -> bytes:
    root = ET.Element(f"{{{DAV}}}propfind")
    prop = ET.SubElement(root, f"{{{DAV}}}prop")
    for name in props:
        ET.SubElement(prop, name)
    return _xml(root)


def calendar_query_body(component: str) -> bytes:
    """REPORT calendar-query: every `component` (VEVENT/VTODO) with its ETag and data."""
    root = ET.Element(f"{{{CALDAV}}}calendar-query")
    prop = ET.SubElement(root, f"{{{DAV}}}prop")
    ET.SubElement(prop, f"{{{DAV}}}getetag")
    ET.SubElement(prop, f"{{{CALDAV}}}calendar-data")
    filt = ET.SubElement(root, f"{{{CALDAV}}}filter")
    cal = ET.SubElement(filt, f"{{{CALDAV}}}comp-filter", {"name": "VCALENDAR"})
    ET.SubElement(cal, f"{{{CALDAV}}}comp-filter", {"name": component})
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    ET.register_namespace("d", DAV)
    ET.register_namespace("c", CALDAV)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


@dataclass(frozen=True)
class Resource:
    """One `<response>` of a multistatus, with the properties found (status 200)."""

    href: str  # absolute URL
    is_calendar: bool = False
    is_collection: bool = False
    displayname: str | None = None
    principal: str | None = None  # absolute URL
    calendar_home: str | None = None  # absolute URL
    components: frozenset[str] = field(default_factory=frozenset)  # empty: not said
    etag: str | None = None
    calendar_data: str | None = None


def parse_multistatus(body: bytes, base_url: str) -> list[Resource]:
    """Every response of a 207 body; hrefs made absolute against `base_url`."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise BadAnswer(f"not XML: {exc}") from exc
    if root.tag != f"{{{DAV}}}multistatus":
        raise BadAnswer(f"not a multistatus but {root.tag!r}")
    found = []
    for response in root.findall(f"{{{DAV}}}response"):
        href = response.findtext(f"{{{DAV}}}href")
        if not href:
            continue
        values: dict[str, object] = {}
        for propstat in response.findall(f"{{{DAV}}}propstat"):
            status = propstat.findtext(f"{{{DAV}}}status") or ""
            if " 200 " not in f"{status} ":
                continue
            prop = propstat.find(f"{{{DAV}}}prop")
            if prop is not None:
                values.update(_props(prop, base_url))
        found.append(
            Resource(
                href=urljoin(base_url, href.strip()),
                is_calendar=bool(values.get("calendar")),
                is_collection=bool(values.get("collection")),
                displayname=_str(values.get("displayname")),
                principal=_str(values.get("principal")),
                calendar_home=_str(values.get("home")),
                components=frozenset(values.get("components") or ()),  # type: ignore[call-overload]
                etag=_str(values.get("etag")),
                calendar_data=_str(values.get("data")),
            )
        )
    return found


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _props(prop: ET.Element, base_url: str) -> dict[str, object]:
    values: dict[str, object] = {}
    rtype = prop.find(f"{{{DAV}}}resourcetype")
    if rtype is not None:
        values["collection"] = rtype.find(f"{{{DAV}}}collection") is not None
        values["calendar"] = rtype.find(f"{{{CALDAV}}}calendar") is not None
    name = prop.findtext(f"{{{DAV}}}displayname")
    if name:
        values["displayname"] = name
    for key, tag in (
        ("principal", f"{{{DAV}}}current-user-principal"),
        ("home", f"{{{CALDAV}}}calendar-home-set"),
    ):
        href = prop.findtext(f"{tag}/{{{DAV}}}href")
        if href:
            values[key] = urljoin(base_url, href.strip())
    comps = prop.find(f"{{{CALDAV}}}supported-calendar-component-set")
    if comps is not None:
        values["components"] = frozenset(
            c.get("name", "").upper() for c in comps.findall(f"{{{CALDAV}}}comp")
        )
    etag = prop.findtext(f"{{{DAV}}}getetag")
    if etag:
        values["etag"] = etag.strip()
    data = prop.findtext(f"{{{CALDAV}}}calendar-data")
    if data:
        values["data"] = data
    return values


def same_url(a: str, b: str) -> bool:
    """Whether two hrefs name the same resource (a trailing slash and %-escapes aside)."""

    def norm(url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        return parts.netloc.lower(), unquote(parts.path).rstrip("/")

    return norm(a) == norm(b)
