"""Phone numbers from WhatsApp ids: the number a JID carries, and that number as people
write it. `phonenumbers` knows each country's grouping ("+52 55 1234 5678",
"+55 11 98765-4321", "+33 6 12 34 56 78").

Pure: no I/O. Used by the zone and language a number suggests (`engine/author_tz.py`) and
by the pages that show people (`web/pages/people.py`)."""

from __future__ import annotations

import phonenumbers

PHONE_JID_SUFFIX = "@s.whatsapp.net"


def digits_of(phone: str) -> str:
    """The digits of a phone JID or a typed number, with Mexico's WhatsApp ids made the
    numbering plan's: they keep the mobile "1" dropped in 2019, which hides the area code
    from phonenumbers (521 55… is 52 55…, Mexico City)."""
    digits = "".join(ch for ch in phone.split("@", 1)[0].split(":", 1)[0] if ch.isdigit())
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
    that is no phone number (a LID, a group). A number phonenumbers cannot place is shown
    as its digits after a "+"."""
    if not jid.endswith(PHONE_JID_SUFFIX):
        return None
    digits = digits_of(jid)
    if not digits:
        return None
    number = parse_phone(jid)
    if number is None or not phonenumbers.is_possible_number(number):
        return "+" + digits
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
