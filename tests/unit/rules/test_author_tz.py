from __future__ import annotations

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
