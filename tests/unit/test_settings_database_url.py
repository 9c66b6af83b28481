"""A PostgreSQL URL whose password holds an unencoded @ / # or ? is refused when the
settings load, with how to write it: libpq would read the rest of the password as the
host and say only that it cannot resolve it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reactiond.settings import InvalidSettings, load_settings


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://reactiond:p@ss@db.example/reactiond",
        "postgresql://reactiond:pa/ss@db.example/reactiond",
        "postgresql://reactiond:pa#ss@db.example/reactiond",
        "postgresql://reactiond:pa?ss@db.example/reactiond",
    ],
)
def test_an_unencoded_password_is_refused_with_how_to_write_it(tmp_path: Path, url: str) -> None:
    with pytest.raises(InvalidSettings) as caught:
        load_settings(data_dir=tmp_path, database_url=url)
    said = str(caught.value)
    assert "percent-encoded" in said and "%40" in said
    assert "ss@db.example" not in said  # the password is never repeated


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://reactiond:p%40ss%2F%23%3F@db.example:5433/reactiond",
        "postgresql://reactiond@127.0.0.1/reactiond",
        "postgresql:///reactiond?host=/var/run/postgresql",
        "postgresql://reactiond:pa:ss@db.example/reactiond",  # libpq splits at the first :
    ],
)
def test_a_well_formed_url_is_accepted(tmp_path: Path, url: str) -> None:
    assert load_settings(data_dir=tmp_path, database_url=url).postgres_url == url
