"""A WhatsApp id's number as people write it (the People page's phone column)."""

from __future__ import annotations

import pytest

from reactiond.phone_numbers import readable_phone


@pytest.mark.parametrize(
    ("jid", "shown"),
    [
        # Mexico's WhatsApp ids keep the old mobile "1": the number is +52 55 …
        ("5215512345678@s.whatsapp.net", "+52 55 1234 5678"),
        ("5511987654321@s.whatsapp.net", "+55 11 98765-4321"),
        ("14155550123@s.whatsapp.net", "+1 415-555-0123"),
        ("33612345678@s.whatsapp.net", "+33 6 12 34 56 78"),
        ("5215512345678:12@s.whatsapp.net", "+52 55 1234 5678"),  # a device's id
        ("999@s.whatsapp.net", "+999"),  # no country's number: its digits
    ],
)
def test_a_phone_jid_is_shown_as_people_write_the_number(jid: str, shown: str) -> None:
    assert readable_phone(jid) == shown


@pytest.mark.parametrize("jid", ["190000000000002@lid", "120363000000000000@g.us", ""])
def test_an_id_that_is_no_phone_number_shows_none(jid: str) -> None:
    assert readable_phone(jid) is None
