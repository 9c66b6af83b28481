"""`GET /api/people` and `PATCH /api/people/{who}`: a person's time zone and reply
language, with the People page's function and words (issue 19 item 2)."""

from __future__ import annotations

from apisupport import Api

from reactiond.store import records_repo

ANA = "5215512345678@s.whatsapp.net"


async def test_people_are_listed_with_zone_and_reply_language(api: Api) -> None:
    await api.seed.task(reactor=ANA)
    status, body = await api.get("/api/people")
    assert status == 200
    [person] = body["people"]
    assert (person["jid"], person["tz"], person["language"], person["language_set"]) == (
        ANA,
        None,
        None,
        False,
    )
    assert person["identities"] == [ANA]


async def test_a_chosen_reply_language_stays_whatever_they_write_in(api: Api) -> None:
    await api.seed.task(reactor=ANA)
    status, person = await api.patch("/api/people/+52 1 55 1234 5678", {"language": "pt"})
    assert status == 200
    assert (person["language"], person["language_set"]) == ("pt", True)
    # Their next message, detected as Spanish, does not change it.
    pid = person["id"]
    await api.daemon.store.write(lambda tx: records_repo.set_language(tx, pid, "es"))
    _, body = await api.get("/api/people")
    assert body["people"][0]["language"] == "pt"
    # null: back to the detected language, from their next message on.
    status, person = await api.patch(f"/api/people/{ANA}", {"language": None})
    assert (status, person["language_set"]) == (200, False)
    await api.daemon.store.write(lambda tx: records_repo.set_language(tx, pid, "es"))
    _, body = await api.get("/api/people")
    assert body["people"][0]["language"] == "es"


async def test_zone_and_language_together_or_not_at_all(api: Api) -> None:
    await api.seed.task(reactor=ANA)
    status, body = await api.patch(f"/api/people/{ANA}", {"tz": "America/Cancun", "language": "de"})
    assert status == 400
    assert body == {
        "error": "unknown reply language 'de'",
        "hint": "use es, en, pt, fr, or leave it empty for the language they write in",
    }
    _, listed = await api.get("/api/people")
    assert listed["people"][0]["tz"] is None  # nothing was changed
    status, person = await api.patch(f"/api/people/{ANA}", {"tz": "America/Cancun"})
    assert (status, person["tz"]) == (200, "America/Cancun")


async def test_a_zone_typed_in_any_case_is_kept_as_the_tz_database_spells_it(api: Api) -> None:
    """A tester's "europe/madrid" was refused as an unknown zone: it names one."""
    await api.seed.task(reactor=ANA)
    status, person = await api.patch(f"/api/people/{ANA}", {"tz": " europe/madrid "})
    assert (status, person["tz"]) == (200, "Europe/Madrid")
    status, body = await api.patch(f"/api/people/{ANA}", {"tz": "europe/nowhere"})
    assert status == 400 and "europe/nowhere" in body["error"]


async def test_wrong_zone_unknown_person_and_bad_bodies_are_refused_with_hints(api: Api) -> None:
    await api.seed.task(reactor=ANA)
    status, body = await api.patch(f"/api/people/{ANA}", {"tz": "Mars/Olympus"})
    assert status == 400
    assert body["error"] == "unknown time zone 'Mars/Olympus'"
    assert "IANA" in body["hint"]
    status, body = await api.patch("/api/people/5219999999999", {"language": "es"})
    assert status == 404
    assert body["error"] == "nobody with '5219999999999' has written or reacted yet"
    for bad in ({}, [], {"colour": "red"}, {"language": 3}):
        status, body = await api.patch(f"/api/people/{ANA}", bad)
        assert status == 400 and body["hint"], bad
