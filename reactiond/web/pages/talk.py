"""The talk rules on the Rules page (issue 20): what reactiond does with what people write
to it in WhatsApp — each switch on or off — and who may ask in their direct chat. Read
and stored with the functions `reactiond talk …` and `PUT /api/talk` use
(engine/talk_rules.py), validated by the same rules (`switched`, `changed`), so a wrong
value gets the API's words; a change applies to the next message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reactiond.engine.talk_rules import (
    read_talk_rules,
    settings_talk_rules,
    store_talk_rules,
    talk_rules_stored,
)
from reactiond.rules.talk import SWITCHES, TalkRules, TalkRulesInvalid, changed, switched
from reactiond.settings import Settings
from reactiond.store.interface import Store, Transaction

ASKERS_HINT = "phone numbers (country code first) or JIDs, separated by commas"
_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class TalkView:
    """What the page shows: each switch (in `SWITCHES` order) with its state, the askers,
    and whether rules are stored (else the settings' defaults apply)."""

    switches: tuple[tuple[str, bool], ...]
    askers: tuple[str, ...]
    stored: bool


def _view(rules: TalkRules, stored: bool) -> TalkView:
    return TalkView(tuple((n, bool(getattr(rules, n))) for n in SWITCHES), rules.askers, stored)


async def talk_view(store: Store, settings: Settings) -> TalkView:
    default = settings_talk_rules(settings)

    def read(tx: Transaction) -> TalkView:
        return _view(read_talk_rules(tx, default), talk_rules_stored(tx))

    return await store.read(read)


def form_change(current: TalkRules, form: Mapping[str, str]) -> TalkRules:
    """What the form asks: one switch turned on or off (`switch`, `on` = "1" or "0"), or
    the askers (`askers`, separated by commas or lines; empty: nobody). Raises
    `TalkRulesInvalid` with the API's words."""
    if "switch" in form:
        return switched(current, form["switch"], form.get("on") == "1")
    if "askers" in form:
        askers = [a.strip() for a in _SEPARATORS.split(form["askers"]) if a.strip()]
        return changed(current, {"askers": askers})
    raise TalkRulesInvalid([("body", "send switch and on, or askers")])


async def save_talk(store: Store, settings: Settings, form: Mapping[str, str], now: float) -> None:
    default = settings_talk_rules(settings)

    def write(tx: Transaction) -> None:
        store_talk_rules(tx, form_change(read_talk_rules(tx, default), form), now)

    await store.write(write)
