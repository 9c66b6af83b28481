"""Where `reactiond doctor` says a PostgreSQL database is: as libpq reads the URL, never
with its password."""

from __future__ import annotations

import pytest

from reactiond.store.postgres.inspect import where


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://reactiond:pw@db.example:5433/reactiond", "db.example:5433/reactiond"),
        ("postgresql://reactiond:pw@db.example/reactiond", "db.example/reactiond"),
        ("postgresql://reactiond:pw@/reactiond?host=/tmp/pg&port=5498", "/tmp/pg:5498/reactiond"),
        ("postgresql:///reactiond", "localhost/reactiond"),
    ],
)
def test_the_place_is_where_libpq_connects(url: str, said: str) -> None:
    assert where(url) == said
    assert "pw" not in where(url)
