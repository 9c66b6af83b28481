"""Reading WebDAV multistatus answers as CalDAV servers write them (pure)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.caldav.webdav import (
    DISCOVERY_PROPS,
    BadAnswer,
    calendar_query_body,
    parse_multistatus,
    propfind_body,
    same_url,
)

BASE = "https://cloud.example/remote.php/dav/"

# Nextcloud-like: a principal and home on the root, a 404 propstat beside the 200 one.
ROOT = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav">
 <d:response><d:href>/remote.php/dav/</d:href>
  <d:propstat><d:prop>
   <d:resourcetype><d:collection/></d:resourcetype>
   <d:current-user-principal><d:href>/remote.php/dav/principals/users/ana/</d:href>
   </d:current-user-principal>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><cal:calendar-home-set/></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
</d:multistatus>"""

HOME = b"""<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <response><href>/remote.php/dav/calendars/ana/</href>
  <propstat><prop><resourcetype><collection/></resourcetype></prop>
  <status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/remote.php/dav/calendars/ana/personal/</href>
  <propstat><prop>
   <resourcetype><collection/><C:calendar/></resourcetype>
   <displayname>Personal</displayname>
   <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="vtodo"/>
   </C:supported-calendar-component-set>
  </prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>"""


def test_a_principal_is_read_and_a_404_propstat_ignored() -> None:
    [root] = parse_multistatus(ROOT, BASE)
    assert root.principal == "https://cloud.example/remote.php/dav/principals/users/ana/"
    assert root.calendar_home is None
    assert root.is_collection and not root.is_calendar


def test_calendars_with_their_names_and_component_types() -> None:
    home, personal = parse_multistatus(HOME, BASE)
    assert not home.is_calendar
    assert personal.is_calendar and personal.displayname == "Personal"
    assert personal.components == frozenset({"VEVENT", "VTODO"})
    assert personal.href == "https://cloud.example/remote.php/dav/calendars/ana/personal/"


@pytest.mark.parametrize("body", [b"", b"<html>login</html>", b"not xml at all <"])
def test_anything_but_a_multistatus_is_a_bad_answer(body: bytes) -> None:
    with pytest.raises(BadAnswer):
        parse_multistatus(body, BASE)


def test_request_bodies_are_xml_asking_for_what_is_named() -> None:
    root = ET.fromstring(propfind_body(DISCOVERY_PROPS))
    asked = {child.tag for child in root.find("{DAV:}prop") or []}
    assert asked == set(DISCOVERY_PROPS)
    query = ET.fromstring(calendar_query_body("VTODO"))
    names = [c.get("name") for c in query.iter("{urn:ietf:params:xml:ns:caldav}comp-filter")]
    assert names == ["VCALENDAR", "VTODO"]


@given(st.text(alphabet="abc-_/%20", min_size=1, max_size=20))
def test_the_same_url_with_or_without_its_slash(path: str) -> None:
    url = f"https://h.example/{path.strip('/')}"
    assert same_url(url, url + "/")
    assert same_url(url.replace("h.example", "H.EXAMPLE"), url)
    assert not same_url(url, url + "x")
