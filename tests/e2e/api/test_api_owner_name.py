"""The owner's name comes from `pushName` on their own reactions (fromMe): the API and the
CSV show it, as they show a contact's (issue 16 item 4)."""

from __future__ import annotations

import csv
import functools
import io
import time
from pathlib import Path
from typing import Any

from apisupport import Api, fixture_payload, start_api

from tests.waiting import eventually

HEADERS = {"X-Reactiond-Secret": "webhook-secret-0123456789", "Content-Type": "application/json"}


async def _tasks(api: Api) -> list[dict[str, Any]]:
    _, page = await api.get("/api/tasks")
    items: list[dict[str, Any]] = page["items"]
    return items


async def test_the_owners_push_name_is_shown_in_the_api_and_the_csv(tmp_path: Path) -> None:
    async for api in start_api(tmp_path, clock=time.time):
        for name in (
            "messages.upsert.text-conversation.es.json",
            "messages.upsert.reaction-add.json",  # fromMe, pushName "Ana Torres"
        ):
            async with api.http.post(
                api.url + "/webhook/reactiond-demo", data=fixture_payload(name), headers=HEADERS
            ) as r:
                assert r.status == 200, await r.text()
        [task] = await eventually(functools.partial(_tasks, api), what="the task")
        assert task["source"]["reactor"]["jid"] == "5215512345678@s.whatsapp.net"
        assert task["source"]["reactor"]["name"] == "Ana Torres"
        async with api.http.get(api.url + "/export/tasks.csv") as r:
            [row] = list(csv.DictReader(io.StringIO(await r.text())))
        assert row["reactor_name"] == "Ana Torres"
