"""From a WhatsApp reaction to the API: the fixture message and a ✅ reaction go through
the real webhook and worker, and the record, the metrics and the analytics show it."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from apisupport import Api, fixture_payload, start_api
from prometheus_client.parser import text_string_to_metric_families

from tests.waiting import eventually

MESSAGE_THEN_REACTION = (
    "messages.upsert.text-conversation.es.json",
    "messages.upsert.reaction-add.json",
)
HEADERS = {"X-Reactiond-Secret": "webhook-secret-0123456789", "Content-Type": "application/json"}


async def _tasks(api: Api) -> list[dict[str, Any]]:
    _, page = await api.get("/api/tasks")
    items: list[dict[str, Any]] = page["items"]
    return items


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def _metrics_with(api: Api, key: tuple[str, tuple[tuple[str, str], ...]]) -> Samples | None:
    async with api.http.get(api.url + "/metrics") as r:
        samples = {
            (s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(await r.text())
            for s in family.samples
        }
    return samples if key in samples else None


async def test_a_reaction_shows_up_in_records_metrics_and_analytics(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, clock=time.time):
        for name in (
            "messages.upsert.text-conversation.es.json",
            "messages.upsert.reaction-add.json",
        ):
            async with api.http.post(
                api.url + "/webhook/reactiond-demo", data=fixture_payload(name), headers=HEADERS
            ) as r:
                assert r.status == 200, await r.text()
        [task] = await eventually(
            functools.partial(_tasks, api), what="the reaction's task in /api/tasks"
        )
        assert "CFE" in task["title"]
        assert task["source"]["emoji"] == "✅"
        assert task["source"]["message_id"] == "3A5F1C2B7D9E4A6B8C01"

        # The task is committed with the job's completion; the worker counts the run just
        # after that commit. A scrape reads the store before it renders the live counters,
        # so once one shows the run, the next one's store reading has the commit too.
        runs = ("reactiond_job_runs_total", (("kind", "reaction"), ("outcome", "done")))
        await eventually(
            functools.partial(_metrics_with, api, runs), what="the reaction job's run counted"
        )
        samples = await _metrics_with(api, runs)
        assert samples is not None
        assert samples[runs] == 1
        assert samples[("reactiond_job_latency_seconds_count", (("kind", "reaction"),))] == 1
        nlp = [v for (n, _labels), v in samples.items() if n == "reactiond_nlp_results_total"]
        assert sum(nlp) == 1
        webhook = (
            "reactiond_webhook_requests_total",
            (("event", "messages.upsert"), ("status", "200")),
        )
        assert samples[webhook] == 2

        _, actions = await api.get("/api/analytics/actions")
        assert actions["total"] == 1
        assert [(g["emoji"], g["rule"], g["success_rate"]) for g in actions["groups"]] == [
            ("✅", "task", 1.0)
        ]
        _, parsing = await api.get("/api/analytics/nlp")
        assert [(p["parser"], p["language"]) for p in parsing["by_parser_language"]] == [
            ("task", "es")
        ]
