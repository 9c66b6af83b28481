"""A listing's filter that is wrong, said on the page in the reader's language. The
reasons were written for the CLI's one line ("error; hint"), so the pages, which show
the error and its hint apart, said "unknown job status 'zzz'", "cannot sort tasks by
'zzz'" in English, and "estado desconocido 'zzz' para the outbox" half in each."""

from __future__ import annotations

import html as html_lib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from reactiond.app import Daemon
from tests.e2e.daemon import base_url, running_daemon


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        yield d


SAID = {
    "es": (
        "estado de trabajo desconocido 'zzz'",
        "usa uno de ",
        "no se puede ordenar tasks por 'zzz'",
        "(con - delante, descendente)",
        "estado desconocido 'zzz' para las respuestas",
    ),
    "pt": (
        "status de job desconhecido 'zzz'",
        "use um de ",
        "não é possível ordenar tasks por 'zzz'",
        "(com - na frente, decrescente)",
        "status desconhecido 'zzz' para as respostas",
    ),
    "fr": (
        "statut de job inconnu 'zzz'",
        "utilisez l'un de ",
        "impossible de trier tasks par 'zzz'",
        "(avec - devant, décroissant)",
        "statut inconnu 'zzz' pour les réponses",
    ),
}


@pytest.mark.parametrize("lang", sorted(SAID))
async def test_a_wrong_filter_is_said_in_the_readers_language(daemon: Daemon, lang: str) -> None:
    job_status, use_one_of, sort, descending, outbox_status = SAID[lang]
    pages = {
        "/queue?status=zzz": (job_status, use_one_of),
        "/records/tasks?sort=zzz": (sort, descending),
        "/outbox?status=zzz": (outbox_status,),
    }
    headers = {"Accept-Language": lang}
    async with aiohttp.ClientSession(base_url(daemon)) as http:
        for path, said in pages.items():
            async with http.get(path, headers=headers) as resp:
                assert resp.status == 400, path
                alert = html_lib.unescape(await resp.text()).split('role="alert"', 1)[1]
                alert = alert.split("</div>", 1)[0]
            for words in said:
                assert words in alert, (path, alert)
            assert " the " not in alert and "cannot" not in alert, (path, alert)
