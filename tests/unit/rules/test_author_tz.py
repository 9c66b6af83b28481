from __future__ import annotations

import pytest

from reactiond.engine.author_tz import author_tz


def test_contact_setting_wins() -> None:
    assert author_tz("Europe/Madrid", "5215587654321", "UTC") == "Europe/Madrid"


def test_mexican_whatsapp_number_is_mexico_city() -> None:
    assert author_tz(None, "5215587654321", "UTC") == "America/Mexico_City"


def test_brazilian_number_is_sao_paulo() -> None:
    assert author_tz(None, "5511987654321", "UTC") == "America/Sao_Paulo"


def test_number_whose_country_has_several_zones_uses_the_default() -> None:
    assert author_tz(None, "351912345678", "Europe/Lisbon") == "Europe/Lisbon"
    assert author_tz(None, "351912345678", "UTC") == "UTC"


def test_unknown_contact_zone_is_ignored() -> None:
    assert author_tz("Mars/Olympus", None, "UTC") == "UTC"


@pytest.mark.parametrize(
    ("phone", "zone"),
    [
        ("33612345678", "Europe/Paris"),
        ("32470123456", "Europe/Brussels"),
        ("41791234567", "Europe/Zurich"),
        ("221771234567", "Africa/Dakar"),
        ("2250701234567", "Africa/Abidjan"),
        ("237671234567", "Africa/Douala"),
        ("212612345678", "Africa/Casablanca"),  # phonenumbers alone says Atlantic/Canary
        ("15145551234", "America/Montreal"),  # Quebec's area codes: Montreal's zone
        ("14185551234", "America/Montreal"),
        ("14165551234", "America/Toronto"),
    ],
)
def test_francophone_numbers_get_their_zone(phone: str, zone: str) -> None:
    assert author_tz(None, phone, "UTC") == zone
