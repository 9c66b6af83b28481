from __future__ import annotations

from reactiond.engine.author_tz import author_tz
from reactiond.engine.reply_route import ReplyPlace, reply_target

PLACE = ReplyPlace(
    reactor_is_owner=True,
    owner_jid="5215512345678@s.whatsapp.net",
    reactor_jid="5215512345678@s.whatsapp.net",
    chat_jid="5215587654321@s.whatsapp.net",
    target_message_id="3A5F",
    target_from_me=False,
    target_participant=None,
)


def test_owner_default_is_their_own_chat() -> None:
    target = reply_target(None, PLACE)
    assert target is not None and (target.mode, target.destination) == ("self", "5215512345678")


def test_reactor_mode_for_the_owner_is_their_own_chat_too() -> None:
    target = reply_target("reactor", PLACE)
    assert target is not None and target.destination == "5215512345678"


def test_self_without_a_known_owner_sends_nothing() -> None:
    place = ReplyPlace(**{**PLACE.__dict__, "owner_jid": None})
    assert reply_target("self", place) is None


def test_none_sends_nothing() -> None:
    assert reply_target("none", PLACE) is None


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
