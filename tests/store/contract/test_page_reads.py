"""What the web pages read at any size (issue 19): analytics from the quarter-hour
counters kept beside the actions and parses (migration 010), which must agree with the
rows themselves over any window; status counts for the Queue and Replies pages; jobs of
one status; a date range over the listings' sort index."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from reactiond.domain import EntityRow, NewJob
from reactiond.records.kinds import SPECS, RecordKind
from reactiond.records.query import list_records, parse_query
from reactiond.store import (
    analytics_repo,
    outbox,
    people_repo,
    records_repo,
    retention_repo,
    rules_repo,
)
from reactiond.store.interface import Store, Transaction
from reactiond.store.snapshot import jobs_by_status, replies_by_status
from tests.fixtures import fixture, with_ids
from tests.store.contract.support import (
    NOW,
    TASK_RULE,
    a_reaction,
    a_record,
    ingest,
    write_action,
)

Q = analytics_repo.QUARTER
# NOW is a whole quarter: actions at odd offsets on both sides of several quarter edges.
OFFSETS = (-1800.0, -901.5, -900.0, -450.0, -1.0, 0.0, 0.5, 899.0, 900.0, 1333.0, 2700.0)
WINDOWS = [
    (NOW - 3600, NOW + 3600),  # whole quarters only
    (NOW - 901, NOW + 1),  # partial at both ends
    (NOW - 899.5, NOW + 899.5),  # less than two quarters, none whole but one
    (NOW + 0.1, NOW + 0.9),  # inside one quarter
    (NOW - 450, NOW + 1333.0),  # ends on an action: it is out (until is exclusive)
]


async def _actions(store: Store) -> list[float]:
    reaction = await a_reaction(store, "q")

    def write(tx: Transaction) -> None:
        for i, offset in enumerate(OFFSETS):
            action_id, _ = write_action(tx, reaction, [], now=NOW + offset)
            lang = "es" if i % 2 else "en"
            at = NOW + offset
            records_repo.insert_nlp_log(tx, action_id, "task", lang, i % 3 != 0, 0.5, None, 100, at)

    await store.write(write)
    return [NOW + o for o in OFFSETS]


@pytest.mark.parametrize(("since", "until"), WINDOWS)
async def test_analytics_over_any_window_count_what_the_rows_say(
    store: Store, since: float, until: float
) -> None:
    times = await _actions(store)
    inside = [i for i, at in enumerate(times) if since <= at < until]
    groups = await store.read(lambda tx: analytics_repo.action_groups(tx, since, until))
    assert [(g["emoji"], int(g["n"]), int(g["ok"])) for g in groups] == (
        [("✅", len(inside), len(inside))] if inside else []
    )
    top = await store.read(lambda tx: analytics_repo.top_reactors(tx, since, until, 5))
    assert [int(r["n"]) for r in top] == ([len(inside)] if inside else [])
    parses = await store.read(lambda tx: analytics_repo.parse_figures(tx, since, until))
    expected = Counter("es" if i % 2 else "en" for i in inside)
    assert {str(p["language"]): int(p["total"]) for p in parses} == dict(expected)
    ok = Counter(("es" if i % 2 else "en") for i in inside if i % 3 != 0)
    assert {str(p["language"]): int(p["ok"] or 0) for p in parses} == {
        lang: ok.get(lang, 0) for lang in expected
    }
    for p in parses:
        assert float(p["confidence"]) == pytest.approx(0.5)
        assert float(p["micros"]) == pytest.approx(100)
    by_time = await store.read(lambda tx: analytics_repo.action_times(tx, since, until))
    assert sum(n for _, n in by_time) == len(inside)
    # Each count lies in the quarter of the actions it counts: hours of the day are exact.
    quarters: Counter[float] = Counter()
    for at, n in by_time:
        quarters[at // Q] += n
    assert quarters == Counter(times[i] // Q for i in inside)


async def test_a_deleted_rule_keeps_its_actions_counted_without_a_rule(store: Store) -> None:
    rule = await store.write(
        lambda tx: rules_repo.insert_rule(
            tx,
            {**TASK_RULE, "name": "tareas"},
            NOW,
        )
    )
    reaction = await a_reaction(store, "r")
    await store.write(lambda tx: write_action(tx, reaction, [], now=NOW, rule_id=int(rule["id"])))
    window = (NOW - 3600, NOW + 3600)
    [before] = await store.read(lambda tx: analytics_repo.action_groups(tx, *window))
    assert (before["rule_id"], int(before["n"])) == (rule["id"], 1)
    await store.write(lambda tx: rules_repo.delete_rule(tx, int(rule["id"])))
    [after] = await store.read(lambda tx: analytics_repo.action_groups(tx, *window))
    assert (after["rule_id"], after["rule_name"], int(after["n"])) == (None, "test", 1)


async def test_a_cancelled_action_still_counts_as_having_made_its_record(store: Store) -> None:
    reaction = await a_reaction(store, "c")
    row = EntityRow("tasks", {"title": "x", "tz": "America/Mexico_City", "language": "es"})
    action_id, _ = await store.write(lambda tx: write_action(tx, reaction, [row]))
    window = (NOW - 3600, NOW + 3600)
    assert await store.write(lambda tx: records_repo.cancel_action(tx, action_id, "tasks", NOW + 5))
    [group] = await store.read(lambda tx: analytics_repo.action_groups(tx, *window))
    assert (int(group["n"]), int(group["ok"])) == (1, 1)


async def test_parses_removed_by_retention_leave_the_counts(store: Store) -> None:
    await _actions(store)
    target = next(t for t in retention_repo.TARGETS if t.name == "nlp_log")

    def prune(tx: Transaction) -> int:
        found = retention_repo.find_expired(tx, target, NOW, 100)
        return retention_repo.drop(tx, target, found.ids)

    removed = await store.write(prune)
    assert removed == len([o for o in OFFSETS if o < 0])
    parses = await store.read(lambda tx: analytics_repo.parse_figures(tx, NOW - 3600, NOW + 3600))
    assert sum(int(p["total"]) for p in parses) == len(OFFSETS) - removed


async def test_status_counts_for_the_queue_and_replies_pages(store: Store) -> None:
    await store.enqueue(NewJob("reaction", {}), NOW)
    await store.enqueue(NewJob("reminder", {}), NOW)
    counts = await store.read(jobs_by_status)
    assert counts == {"queued": 2, "running": 0, "done": 0, "dead": 0, "cancelled": 0}

    def two_replies(tx: Transaction) -> None:
        for key in ("a", "b"):
            outbox.queue_text(
                tx,
                dedupe_key=key,
                instance="i",
                destination="1",
                text="hola",
                language="es",
                now=NOW,
            )
        row = outbox.get(tx, 1)
        assert row is not None
        outbox.mark_dead(tx, row, "gone", NOW)

    await store.write(two_replies)
    replies = await store.read(replies_by_status)
    assert (replies.get("dead"), replies.get("pending")) == (1, 1)


async def test_jobs_of_one_status_come_newest_first(store: Store) -> None:
    for kind in ("reaction", "reminder", "reaction"):
        await store.enqueue(NewJob(kind, {}), NOW)
    assert [j.id for j in await store.list_jobs("queued", None, 10)] == [3, 2, 1]
    assert [j.id for j in await store.list_jobs("queued", "reaction", 10)] == [3, 1]
    assert [j.id for j in await store.list_jobs(None, "reminder", 10)] == [2]
    assert await store.list_jobs("dead", None, 10) == []


async def test_a_date_range_keeps_dated_records_only(store: Store) -> None:
    rows: list[tuple[str, Any]] = [("a", "2026-03-01"), ("b", "2026-03-02T09:00"), ("c", None)]
    for title, due in rows:
        await a_record(store, title, "tasks", title=title, due_local=due)
    spec = SPECS[RecordKind.TASKS]

    async def titles(params: dict[str, str]) -> list[str]:
        page = await store.read(lambda tx: list_records(tx, parse_query(spec, params)))
        return [r.title for r in page.items]  # type: ignore[union-attr]

    assert await titles({}) == ["a", "b", "c"]
    assert await titles({"due_from": "2026-03-02"}) == ["b"]
    assert await titles({"due_to": "2026-03-01"}) == ["a"]
    assert await titles({"due_to": "2026-03-02T08:00"}) == ["a"]
    assert await titles({"due_from": "2026-03-01", "due_to": "2026-03-02", "sort": "-due"}) == [
        "b",
        "a",
    ]


async def test_a_chosen_reply_language_is_kept_over_the_detected_one(store: Store) -> None:
    await a_reaction(store, "p")
    [person] = await store.read(people_repo.list_people)
    await store.write(lambda tx: people_repo.set_reply_language(tx, person.jid, "pt"))
    await store.write(lambda tx: records_repo.set_language(tx, person.id, "es"))
    [chosen] = await store.read(people_repo.list_people)
    assert (chosen.language, chosen.language_set) == ("pt", True)
    await store.write(lambda tx: people_repo.set_reply_language(tx, person.jid, None))
    await store.write(lambda tx: records_repo.set_language(tx, person.id, "es"))
    [detected] = await store.read(people_repo.list_people)
    assert (detected.language, detected.language_set) == ("es", False)
    with pytest.raises(people_repo.UnknownLanguage):
        await store.write(lambda tx: people_repo.set_reply_language(tx, person.jid, "de"))


async def test_people_come_a_page_at_a_time_with_their_identities(store: Store) -> None:
    names = ("reaction-add", "reaction-lid", "group-text.pt", "reaction-group-other-participant")
    for name in names:
        await ingest(store, with_ids(fixture(f"messages.upsert.{name}"), name))
    everyone = await store.read(people_repo.list_people)
    assert len(everyone) >= 3
    first = await store.read(lambda tx: people_repo.list_people(tx, limit=1))
    assert first == everyone[:1]
    rest = await store.read(lambda tx: people_repo.list_people(tx, after_id=first[0].id))
    assert rest == everyone[1:]
    assert all(p.identities for p in everyone)
