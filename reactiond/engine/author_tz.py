"""Which time zone a message was written in: "15h" is 15:00 where its author lives.

A per-contact setting wins; else the zone of the phone number (the `phonenumbers` library
knows it per prefix, which is exact for a country with one zone and for many regions of
the others); else the instance default.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as pn_timezone

from reactiond.phone_numbers import parse_phone, phone_of_jid


def author_tz(contact_tz: str | None, phone: str | None, default_tz: str) -> str:
    if contact_tz and _known(contact_tz):
        return contact_tz
    if phone:
        zone = zone_of_number(phone)
        if zone is not None:
            return zone
    return default_tz


def zone_of_number(phone: str) -> str | None:
    number = parse_phone(phone)  # Mexico's WhatsApp "521 55…" read as 52 55… (Mexico City)
    if number is None:
        return None
    region = phonenumbers.region_code_for_number(number) or ""
    if _in_quebec(number, region):
        return "America/Montreal"
    if region in _REGION_ZONE:
        return _REGION_ZONE[region]
    for finder in (
        pn_timezone.time_zones_for_number,
        pn_timezone.time_zones_for_geographical_number,
    ):
        zones = [z for z in finder(number) if z != "Etc/Unknown"]
        if len(zones) == 1 and _known(zones[0]):
            return str(zones[0])
    return None


# Where the number's country speaks one of the reply languages: a fallback for people who
# never wrote a message reactiond could read (e.g. the owner reacting to an unseen one).
_SPANISH = "AR BO CL CO CR CU DO EC ES GQ GT HN MX NI PA PE PR PY SV UY VE"
_PORTUGUESE = "AO BR CV GW MZ PT ST TL"
_ENGLISH = "AU CA GB IE NZ US"
# +33 +32 +41 +221 +225 +237 +212 (issue 21), and the other countries that write French.
_FRENCH = "FR BE CH LU MC SN CI CM MA BF ML NE TG BJ GA CG CD GN TD CF MG DZ TN HT"
LANGUAGE_OF_REGION = {
    **dict.fromkeys(_SPANISH.split(), "es"),
    **dict.fromkeys(_PORTUGUESE.split(), "pt"),
    **dict.fromkeys(_ENGLISH.split(), "en"),
    **dict.fromkeys(_FRENCH.split(), "fr"),
}

# Quebec's area codes within +1: French, and Montreal's zone (phonenumbers says Toronto).
QUEBEC_AREA_CODES = frozenset({"263", "354", "367", "418", "438", "450", "468", "514", "579",
                               "581", "819", "873"})  # fmt: skip
# Countries whose numbers phonenumbers places in a zone their people do not use (Morocco's
# mobiles come back as Atlantic/Canary).
_REGION_ZONE = {"MA": "Africa/Casablanca"}


def _in_quebec(number: phonenumbers.PhoneNumber, region: str) -> bool:
    return region == "CA" and str(number.national_number)[:3] in QUEBEC_AREA_CODES


def language_of_number(phone: str) -> str | None:
    """es, en, pt or fr when the phone number's country speaks it, else None. `phone` is
    a number or a phone JID; a LID or a group's id is opaque, no phone number."""
    if "@" in phone and phone_of_jid(phone) is None:
        return None
    number = parse_phone(phone)
    if number is None:
        return None
    region = phonenumbers.region_code_for_number(number) or ""
    if _in_quebec(number, region):
        return "fr"
    return LANGUAGE_OF_REGION.get(region)


def _known(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
