"""Calendar components are kept by record and version, bounded in bytes: rendering a
calendar again after one change renders only the changed record."""

from __future__ import annotations

from reactiond.exports.icsfile import ComponentCache, render_components
from reactiond.records.model import Bill, Reactor, Source

SOURCE = Source(
    instance="i",
    chat="c",
    message_id="m",
    reactor=Reactor(id=1, jid="1@s.whatsapp.net", name=None),
    emoji="💳",
    rule_id=None,
)


def bill(i: int, updated_at: str = "2026-01-01T00:00:00+00:00") -> Bill:
    return Bill(
        id=i,
        status="pending",
        vendor=f"Vendor {i}",
        amount="10.00",
        currency="MXN",
        due="2026-01-15",
        tz="America/Mexico_City",
        position=0,
        language="es",
        source=SOURCE,
        created_at="2026-01-01T00:00:00+00:00",
        updated_at=updated_at,
        paid_at=None,
    )


def test_a_render_after_one_change_renders_only_that_record() -> None:
    cache = ComponentCache()
    bills = [bill(i) for i in range(10)]
    first = render_components(bills, cache)
    assert (cache.hits, cache.misses) == (0, 10)
    bills[3] = bill(3, updated_at="2026-01-02T00:00:00+00:00")
    second = render_components(bills, cache)
    assert (cache.hits, cache.misses) == (9, 11)
    assert first != second
    assert second == render_components(bills, None)


def test_the_cache_keeps_within_its_byte_bound_dropping_the_oldest() -> None:
    one = len(render_components([bill(0)], None))
    cache = ComponentCache(max_bytes=3 * one)
    render_components([bill(i) for i in range(10)], cache)
    assert len(cache) == 3
    render_components([bill(9)], cache)
    assert cache.hits == 1
