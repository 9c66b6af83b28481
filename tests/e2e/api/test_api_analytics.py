"""`/api/analytics/nlp` and `/api/analytics/actions` through the real server."""

from __future__ import annotations

from apisupport import NOW, Api

from reactiond.store import records_repo
from reactiond.store.interface import Transaction

DAY = 86400.0
ANA = "5215512345678@s.whatsapp.net"
LUIS = "5215587654321@s.whatsapp.net"


async def _nlp(api: Api, rows: list[tuple[str, str, int, float, int, float]]) -> None:
    def write(tx: Transaction) -> None:
        for parser, lang, ok, confidence, micros, at in rows:
            records_repo.insert_nlp_log(
                tx, None, parser, lang, bool(ok), confidence, None, micros, at
            )

    await api.daemon.store.write(write)


async def test_nlp_figures_by_parser_and_language_over_last_7_days(api: Api) -> None:
    await _nlp(
        api,
        [
            ("bill", "es", 1, 0.9, 400, NOW - 60),
            ("bill", "es", 0, 0.3, 800, NOW - DAY),
            ("task", "en", 1, 0.8, 200, NOW - 2 * DAY),
            ("task", "en", 1, 0.8, 200, NOW - 8 * DAY),  # outside the default window
        ],
    )
    status, body = await api.get("/api/analytics/nlp")
    assert status == 200
    assert body["total"] == 3
    assert body["successful"] == 2
    assert body["by_parser_language"] == [
        {
            "parser": "bill",
            "language": "es",
            "total": 2,
            "successful": 1,
            "success_rate": 0.5,
            "average_confidence": 0.6,
            "average_ms": 0.6,
        },
        {
            "parser": "task",
            "language": "en",
            "total": 1,
            "successful": 1,
            "success_rate": 1.0,
            "average_confidence": 0.8,
            "average_ms": 0.2,
        },
    ]


async def test_nlp_window_can_be_chosen(api: Api) -> None:
    await _nlp(api, [("note", "pt", 1, 1.0, 100, NOW - 8 * DAY)])
    status, body = await api.get(
        "/api/analytics/nlp", params={"since": "2025-12-01", "until": "2026-01-05", "tz": "UTC"}
    )
    assert status == 200
    assert body["total"] == 1
    assert body["since"] == "2025-12-01T00:00:00+00:00"


async def test_nlp_with_no_rows_has_no_success_rate(api: Api) -> None:
    _, body = await api.get("/api/analytics/nlp")
    assert body["total"] == 0
    assert body["success_rate"] is None


async def test_analytics_bad_window_is_400(api: Api) -> None:
    status, body = await api.get("/api/analytics/nlp", params={"since": "last week"})
    assert status == 400
    assert "since" in body["error"]
    status, body = await api.get(
        "/api/analytics/actions", params={"since": "2026-01-05", "until": "2026-01-01"}
    )
    assert status == 400
    assert body["hint"] == "swap them, or leave one out"


async def test_analytics_unknown_zone_is_400(api: Api) -> None:
    status, body = await api.get("/api/analytics/actions", params={"tz": "Mars/Olympus"})
    assert status == 400
    assert "Mars/Olympus" in body["error"]


async def test_actions_by_emoji_and_rule_with_top_reactors_and_hours(api: Api) -> None:
    # Three tasks by Ana, one by Luis; one of Ana's failed to parse; one is old.
    at_15 = 1767992400.0  # 15:00 (and 16:30) in Mexico City (UTC-6) on 2026-01-09
    await api.seed.task(reactor=ANA, acted=("test", "created", at_15))
    await api.seed.task(reactor=ANA, acted=("test", "parse_failed", at_15))
    await api.seed.task(reactor=ANA, emoji="🔴", acted=("urgent", "created", at_15))
    await api.seed.task(reactor=LUIS, acted=("test", "created", at_15 + 5400))
    await api.seed.task(reactor=ANA, acted=("test", "created", NOW - 30 * DAY))
    status, body = await api.get("/api/analytics/actions")
    assert status == 200
    assert body["total"] == 4
    assert body["groups"] == [
        {
            "emoji": "✅",
            "rule_id": None,
            "rule": "test",
            "count": 3,
            "succeeded": 2,
            "success_rate": 0.6667,
        },
        {
            "emoji": "🔴",
            "rule_id": None,
            "rule": "urgent",
            "count": 1,
            "succeeded": 1,
            "success_rate": 1.0,
        },
    ]
    assert [(r["jid"], r["count"]) for r in body["top_reactors"]] == [(ANA, 3), (LUIS, 1)]
    assert body["by_hour"][15] == 3
    assert body["by_hour"][16] == 1
    assert sum(body["by_hour"]) == 4
    assert body["tz"] == "America/Mexico_City"
