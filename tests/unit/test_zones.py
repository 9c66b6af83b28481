"""Zone names as people type them: any case names the zone; anything else is left for
the caller to refuse."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from reactiond.settings import load_settings
from reactiond.zones import canonical_zone

ZONES = ["America/Mexico_City", "Europe/Madrid", "America/Sao_Paulo", "Africa/Dakar", "UTC"]


@given(zone=st.sampled_from(ZONES), flips=st.lists(st.booleans(), min_size=30, max_size=30))
def test_a_zone_in_any_case_is_spelt_as_the_database_spells_it(
    zone: str, flips: list[bool]
) -> None:
    typed = "".join(c.swapcase() if f else c for c, f in zip(zone, flips, strict=False))
    assert canonical_zone(f"  {typed} ") == zone


def test_what_names_no_zone_is_returned_for_the_caller_to_refuse() -> None:
    assert canonical_zone(" Mars/Base ") == "Mars/Base"
    assert canonical_zone("") == ""


def test_the_default_zone_setting_takes_any_case(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, default_tz="america/mexico_city")
    assert settings.default_tz == "America/Mexico_City"
    assert ZoneInfo(settings.default_tz).utcoffset(datetime(2026, 1, 1)) is not None
