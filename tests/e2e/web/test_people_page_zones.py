"""The People page's zone hint for someone with no phone number: a LID alone, or a forged
"phone" JID in other scripts' digits. It read the LID's digits as a phone number (the
engine and the CLI never do) and said "(from their number)" of the default zone, and it
showed "١٢٣٤٥٦٧٨٩٠١@s.whatsapp.net" as "+1 234-567-8901" in New York."""

from __future__ import annotations

import copy
import html as html_lib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.records.conftest import ES_MESSAGE, Conversation, text_message

# A LID whose digits phonenumbers reads as a number of +1 787 (Puerto Rico): a zone to guess.
LID = "17875550123000@lid"
FORGED = "١٢٣٤٥٦٧٨٩٠١@s.whatsapp.net"
DEFAULT_TZ = "America/Mexico_City"


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path, default_tz=DEFAULT_TZ) as d:
        yield d


def written_by(jid: str, message_id: str, name: str) -> dict[str, object]:
    payload = copy.deepcopy(text_message(ES_MESSAGE, message_id, "hola"))
    data = payload["data"]
    data["key"] = {"remoteJid": jid, "fromMe": False, "id": message_id}
    data["pushName"] = name
    return payload


def row_of(page: str, name: str) -> str:
    [row] = [r for r in re.findall(r"<tr id=\"person-\d+\">.*?</tr>", page, re.S) if name in r]
    return row


@pytest.mark.parametrize(
    ("lang", "default_said", "by_number"),
    [
        ("es", "(predeterminada: sin número)", "(por su número)"),
        ("en", "(default: no number)", "(from their number)"),
        ("pt", "(padrão: sem número)", "(pelo número)"),
        ("fr", "(par défaut : sans numéro)", "(selon leur numéro)"),
    ],
)
async def test_no_number_no_zone_from_it(
    daemon: Daemon, lang: str, default_said: str, by_number: str
) -> None:
    async with aiohttp.ClientSession() as http:
        chat = Conversation(daemon, http)
        await chat.post(written_by(LID, "PEOPLE-LID", "Solo Lid"))
        await chat.post(written_by(FORGED, "PEOPLE-FORGED", "Cifras Raras"))
        await chat.post(written_by("33612345678@s.whatsapp.net", "PEOPLE-FR", "Amélie"))
        headers = {"Accept": "text/html", "Accept-Language": lang}
        async with http.get(base_url(daemon) + "/people", headers=headers) as resp:
            assert resp.status == 200
            page = html_lib.unescape(await resp.text())
    for name in ("Solo Lid", "Cifras Raras"):
        row = row_of(page, name)
        assert f"{DEFAULT_TZ} {default_said}" in row, row
        assert by_number not in row
        phone = re.search(r'data-label="[^"]+">([^<]*)</td>\s*<td data-label="[^"]+">', row)
        assert phone is not None and "+" not in phone.group(1), row
    assert f"Europe/Paris {by_number}" in row_of(page, "Amélie")
