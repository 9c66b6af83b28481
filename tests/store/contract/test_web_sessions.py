"""The web pages' sessions in the store (store/web_sessions_repo.py): ended sessions,
wrong logins and the house's signing key, on every store."""

from __future__ import annotations

import asyncio

from reactiond.store import web_sessions_repo as repo
from reactiond.store.interface import Store

NOW = 1_800_000_000.0
WINDOW = 300.0


async def test_an_ended_session_stays_ended_until_its_cookie_expires(store: Store) -> None:
    assert not await store.read(lambda tx: repo.session_ended(tx, "nonce-a"))
    await store.write(lambda tx: repo.end_session(tx, "nonce-a", int(NOW) + 100, NOW))
    await store.write(lambda tx: repo.end_session(tx, "nonce-a", int(NOW) + 100, NOW + 1))
    assert await store.read(lambda tx: repo.session_ended(tx, "nonce-a"))
    assert not await store.read(lambda tx: repo.session_ended(tx, "nonce-b"))


async def test_ending_a_session_forgets_the_ended_ones_that_expired(store: Store) -> None:
    await store.write(lambda tx: repo.end_session(tx, "old", int(NOW) + 10, NOW))
    await store.write(lambda tx: repo.end_session(tx, "new", int(NOW) + 1000, NOW + 10))
    assert not await store.read(lambda tx: repo.session_ended(tx, "old"))
    assert await store.read(lambda tx: repo.session_ended(tx, "new"))


async def test_wrong_logins_count_in_a_window_from_the_first(store: Store) -> None:
    assert await store.read(lambda tx: repo.login_tries(tx, "192.0.2.7")) is None
    for n in range(1, 4):
        tries = await store.write(
            lambda tx, n=n: repo.count_wrong_login(tx, "192.0.2.7", NOW + n, WINDOW)
        )
        assert (tries.tries, tries.first_at) == (n, NOW + 1)
    read = await store.read(lambda tx: repo.login_tries(tx, "192.0.2.7"))
    assert read == repo.LoginTries("192.0.2.7", NOW + 1, 3)
    assert await store.read(lambda tx: repo.login_tries(tx, "192.0.2.8")) is None


async def test_a_wrong_login_after_the_window_starts_a_new_one(store: Store) -> None:
    await store.write(lambda tx: repo.count_wrong_login(tx, "192.0.2.7", NOW, WINDOW))
    await store.write(lambda tx: repo.count_wrong_login(tx, "192.0.2.7", NOW + 1, WINDOW))
    later = NOW + WINDOW + 5
    tries = await store.write(lambda tx: repo.count_wrong_login(tx, "192.0.2.7", later, WINDOW))
    assert (tries.tries, tries.first_at) == (1, later)


async def test_passed_windows_of_other_addresses_are_forgotten(store: Store) -> None:
    await store.write(lambda tx: repo.count_wrong_login(tx, "192.0.2.7", NOW, WINDOW))
    later = NOW + WINDOW + 1
    await store.write(lambda tx: repo.count_wrong_login(tx, "192.0.2.8", later, WINDOW))
    assert await store.read(lambda tx: repo.login_tries(tx, "192.0.2.7")) is None


async def test_the_first_key_offered_is_the_house_key(store: Store) -> None:
    assert await store.read(lambda tx: repo.web_key(tx, "pages")) is None
    first = await store.write(lambda tx: repo.offer_web_key(tx, "pages", "aa" * 32, NOW))
    second = await store.write(lambda tx: repo.offer_web_key(tx, "pages", "bb" * 32, NOW))
    assert first == second == "aa" * 32
    assert await store.read(lambda tx: repo.web_key(tx, "pages")) == "aa" * 32


async def test_keys_offered_at_once_agree(store: Store) -> None:
    offers = [
        store.write(lambda tx, s=s: repo.offer_web_key(tx, "pages", s * 64, NOW)) for s in "abcdef"
    ]
    keys = set(await asyncio.gather(*offers))
    assert len(keys) == 1
