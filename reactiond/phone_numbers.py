"""Phone numbers from WhatsApp ids: the number a JID carries, and that number as people
write it. `phonenumbers` knows each country's grouping ("+52 55 1234 5678",
"+55 11 98765-4321", "+33 6 12 34 56 78").

Pure: no I/O. Used by the zone and language a number suggests (`engine/author_tz.py`) and
by the pages that show people (`web/pages/people.py`)."""

from __future__ import annotations

import phonenumbers

PHONE_JID_SUFFIX = "@s.whatsapp.net"
_ASCII_DIGITS = frozenset("0123456789")


def phone_of_jid(jid: str) -> str | None:
    """The number a phone JID carries (`5215512345678` of `5215512345678:12@s.whatsapp.net`),
    or None for any other id: a LID, a group, or a "phone" JID whose user part is not
    ASCII digits (WhatsApp's never is; "١٢٣…" or "12²" came from a forged payload, and
    read as digits would show, and place, someone else's number)."""
    if not jid.endswith(PHONE_JID_SUFFIX):
        return None
    user = jid.removesuffix(PHONE_JID_SUFFIX).split(":", 1)[0]
    return user if user and set(user) <= _ASCII_DIGITS else None


def digits_of(phone: str) -> str:
    """The ASCII digits of a phone JID or a typed number, with Mexico's WhatsApp ids made
    the numbering plan's: they keep the mobile "1" dropped in 2019, which hides the area
    code from phonenumbers (521 55… is 52 55…, Mexico City). Other scripts' digits and
    "²" are not a number's (`str.isdigit` passes them, and phonenumbers reads "١" as 1)."""
    digits = "".join(ch for ch in phone.split("@", 1)[0].split(":", 1)[0] if ch in _ASCII_DIGITS)
    if digits.startswith("521") and len(digits) == 13:
        digits = "52" + digits[3:]
    return digits


def parse_phone(phone: str) -> phonenumbers.PhoneNumber | None:
    """The number in a phone JID or a typed number (country code first), or None."""
    digits = digits_of(phone)
    if not digits:
        return None
    try:
        return phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return None


def readable_phone(jid: str) -> str | None:
    """A phone JID's number as people write it, in international form; None for an id
    that is no phone number (a LID, a group, `phone_of_jid`'s None). A number
    phonenumbers cannot place is shown as its digits after a "+"."""
    phone = phone_of_jid(jid)
    if phone is None:
        return None
    digits = digits_of(phone)
    number = parse_phone(phone)
    if number is None or not phonenumbers.is_possible_number(number):
        return "+" + digits
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
