"""The rule form's refusals: every one at once, and in the reader's language. A JSON
field that is not JSON stopped the form there (the name, the emoji and the other JSON
field were said only on the next try); a name already taken, a conflict's way out and a
rule not found were said in English whatever the reader's language (and the way out of a
missing rule was the API's "GET /api/rules")."""

from __future__ import annotations

import html as html_lib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import running_daemon
from tests.e2e.web.support import csrf_of, page_client


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        yield d


@pytest.fixture
async def browser(daemon: Daemon) -> AsyncIterator[aiohttp.ClientSession]:
    async with page_client(daemon) as http:
        yield http


async def submit(browser: aiohttp.ClientSession, lang: str, **fields: str) -> tuple[int, str]:
    headers = {"Accept-Language": lang}
    async with browser.get("/rules/new", headers=headers) as resp:
        csrf = csrf_of(await resp.text())
    form = {"csrf": csrf, "action": "create_note", **fields}
    async with browser.post("/rules", data=form, headers=headers) as resp:
        main = (await resp.text()).split('<main id="main">', 1)[1]
        return resp.status, html_lib.unescape(main)


async def test_a_json_field_not_json_is_said_with_every_other_problem(
    browser: aiohttp.ClientSession,
) -> None:
    status, main = await submit(
        browser, "en", name="", triggers="abc", config="{bad", conditions="[1]"
    )
    assert status == 400
    for reason, field in (
        ("not JSON", "config"),
        ("should be a valid dictionary", "conditions"),
        ("at least 1 character", "name"),
        ("'abc' is not an emoji", "triggers"),
    ):
        assert main.count(reason) == 1, (reason, main)
        box = main.split(f'id="p-{field}"', 1)[1].split("</p>", 1)[0]
        assert reason in box, (field, box)


@pytest.mark.parametrize(
    ("lang", "taken", "way_out", "missing", "pick"),
    [
        (
            "es",
            "ya existe una regla llamada 'bill'",
            "cambia o desactiva primero la regla 'task'",
            "no hay regla '999'",
            "elige una de la lista de abajo",
        ),
        (
            "pt",
            "já existe uma regra chamada 'bill'",
            "altere ou desative primeiro a regra 'task'",
            "não há regra '999'",
            "escolha uma da lista abaixo",
        ),
        (
            "fr",
            "une règle nommée 'bill' existe déjà",
            "modifiez ou désactivez d'abord la règle 'task'",
            "aucune règle '999'",
            "choisissez-en une dans la liste ci-dessous",
        ),
    ],
)
async def test_the_forms_refusals_are_in_the_readers_language(
    browser: aiohttp.ClientSession, lang: str, taken: str, way_out: str, missing: str, pick: str
) -> None:
    status, main = await submit(browser, lang, name="bill", triggers="🧪")
    assert status == 400 and taken in main, main
    status, main = await submit(browser, lang, name="otra", triggers="✅", enabled="1")
    assert status == 409 and way_out in main, main
    async with browser.get("/rules/999/edit", headers={"Accept-Language": lang}) as resp:
        assert resp.status == 404
        main = html_lib.unescape(await resp.text())
    assert missing in main and pick in main and "GET /api/rules" not in main
