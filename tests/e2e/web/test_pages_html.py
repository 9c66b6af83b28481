"""The pages over plain HTTP, as a browser without JavaScript sees them: each page's HTML,
the language, forms that work by POST and redirect, the session and CSRF checks."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from markupsafe import escape as html_escape

from reactiond.app import Daemon
from reactiond.domain import NewJob
from reactiond.engine.talk_rules import read_talk_rules
from reactiond.records.stored_rules import list_rules
from reactiond.rules.talk import TalkRules
from reactiond.store import outbox
from tests import store_reads
from tests.e2e.daemon import base_url, running_daemon
from tests.e2e.records.conftest import Conversation
from tests.e2e.web.support import (
    BILL_TEXT,
    PAGES,
    PROBE,
    TOKEN,
    add_probe,
    csrf_of,
    message_and_reaction,
    page_client,
)
from tests.waiting import eventually


@pytest.fixture
async def daemon(tmp_path: Path) -> AsyncIterator[Daemon]:
    async with running_daemon(tmp_path) as d:
        add_probe(d)
        yield d


@pytest.fixture
async def browser(daemon: Daemon) -> AsyncIterator[aiohttp.ClientSession]:
    async with page_client(daemon) as http:
        yield http


async def _bill(daemon: Daemon, http: aiohttp.ClientSession) -> None:
    chat = Conversation(daemon, http)
    for payload in message_and_reaction("WEB-BILL", BILL_TEXT, "💳", 1):
        await chat.post(payload)
    await chat.settle()


async def test_every_page_is_html_in_the_readers_language(
    browser: aiohttp.ClientSession,
) -> None:
    for path in PAGES:
        async with browser.get(path, headers={"Accept-Language": "pt-BR,pt;q=0.9"}) as resp:
            html = await resp.text()
            assert resp.status == 200, (path, html[:300])
            assert resp.content_type == "text/html"
            assert '<html lang="pt">' in html, path
            assert "Hoje" in html, path  # the navigation, in Portuguese
            assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    async with browser.get("/", headers={"Accept-Language": "fr-CA, es;q=0.5"}) as resp:
        assert "Aujourd&#39;hui" in await resp.text()


async def test_a_browser_lost_on_an_unknown_path_gets_a_page_back_to_today(
    browser: aiohttp.ClientSession,
) -> None:
    """A mistyped address or an old bookmark: the pages' 404 in the reader's language, not
    the API's JSON; programs (no text/html in Accept, or the API's paths) keep JSON."""
    html_pt = {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "pt-BR"}
    async with browser.get("/today", headers=html_pt) as resp:
        page = await resp.text()
        assert (resp.status, resp.content_type) == (404, "text/html")
        assert "Não encontrado: /today" in page and '<a href="/">Hoje</a>' in page
    async with browser.get("/today", headers={"Accept": "application/json"}) as resp:
        assert (resp.status, resp.content_type) == (404, "application/json")
    async with browser.get("/api/nothing-here", headers=html_pt) as resp:
        assert (resp.status, resp.content_type) == (404, "application/json")
    async with browser.post("/today", headers=html_pt) as resp:
        assert (resp.status, resp.content_type) == (404, "application/json")


async def test_the_sort_choices_are_words_in_the_readers_language(
    browser: aiohttp.ClientSession,
) -> None:
    async with browser.get("/records/tasks", headers={"Accept-Language": "pt-BR"}) as resp:
        page = await resp.text()
    sort = page.split('id="f-sort"', 1)[1].split("</select>", 1)[0]
    assert '<option value="-due" >vencimento, o mais tarde primeiro</option>' in sort
    assert '<option value="created" >criado, o mais cedo primeiro</option>' in sort
    async with browser.get("/records/calendar-events", headers={"Accept-Language": "es"}) as resp:
        assert "empieza, lo más pronto primero" in await resp.text()


async def test_the_language_switch_wins_over_the_browser(browser: aiohttp.ClientSession) -> None:
    async with browser.get("/lang/es?next=/rules", allow_redirects=False) as resp:
        assert resp.status == 303 and resp.headers["Location"] == "/rules"
    async with browser.get("/rules", headers={"Accept-Language": "en"}) as resp:
        assert "Probar sin guardar" in await resp.text()
    async with browser.get("/lang/es?next=//evil.example/", allow_redirects=False) as resp:
        assert resp.headers["Location"] == "/"  # never off this site


async def test_open_mode_sets_a_strict_session_cookie(browser: aiohttp.ClientSession) -> None:
    async with browser.get("/") as resp:
        cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("rd_session=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=" in cookie


async def test_marking_a_bill_paid_by_form_cancels_its_reminders(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    await _bill(daemon, browser)
    reminders = await daemon.store.list_jobs("queued", "reminder", 10)
    assert reminders, "the bill's reminders should be waiting"
    async with browser.get("/records/bills?status=pending") as resp:
        html = await resp.text()
    bill_id = re.search(r'id="r-(\d+)"', html)
    assert bill_id, html
    form = {"csrf": csrf_of(html), "status": "paid", "next": "/records/bills"}
    async with browser.post(
        f"/records/bills/{bill_id.group(1)}", data=form, allow_redirects=False
    ) as resp:
        assert resp.status == 303
        assert resp.headers["Location"] == "/records/bills?notice=changed"
    async with browser.get("/records/bills?status=paid") as resp:
        assert f'id="r-{bill_id.group(1)}"' in await resp.text()
    assert await daemon.store.list_jobs("queued", "reminder", 10) == []


async def test_a_post_without_the_csrf_token_is_refused(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    await _bill(daemon, browser)
    async with browser.get("/records/bills") as resp:
        html = await resp.text()
    bill_id = re.search(r'id="r-(\d+)"', html)
    assert bill_id
    path = f"/records/bills/{bill_id.group(1)}"
    async with browser.post(path, data={"status": "paid", "csrf": "forged"}) as resp:
        assert resp.status == 403
    foreign = {"Origin": "http://evil.example"}
    good = {"status": "paid", "csrf": csrf_of(html)}
    async with browser.post(path, data=good, headers=foreign) as resp:
        assert resp.status == 403
        said = await resp.text()
    # another site's form: said as such, not as a host name that is not this machine
    assert "the form is not from this page" in said and "REACTIOND_API_TOKEN" not in said
    async with (
        aiohttp.ClientSession(base_url(daemon)) as stranger,  # no session at all
        stranger.post(path, data=good) as resp,
    ):
        assert resp.status == 403
    assert await daemon.store.list_jobs("queued", "reminder", 10) != []  # nothing changed


async def test_a_bad_filter_shows_the_apis_error_and_hint(browser: aiohttp.ClientSession) -> None:
    async with browser.get("/records/tasks?due_from=tomorrow") as resp:
        html = await resp.text()
    assert resp.status == 400
    assert "due_from &#39;tomorrow&#39;" in html and "2026-01-15" in html


async def test_a_bad_filter_is_said_in_the_readers_language(
    browser: aiohttp.ClientSession,
) -> None:
    """The API's English reason, said as the CLI says it (reactiond/reasons.py)."""
    pt = {"Accept-Language": "pt-BR"}
    async with browser.get("/records/tasks?status=bogus", headers=pt) as resp:
        html = await resp.text()
    assert resp.status == 400
    assert "estado desconhecido &#39;bogus&#39; para tasks" in html
    assert "use open, done, cancelled (vários separados por vírgulas)" in html
    async with browser.get("/records/bills?due_from=amanh%C3%A3", headers=pt) as resp:
        html = await resp.text()
    assert "due_from &#39;amanhã&#39; não é uma data" in html and "hora local, sem fuso" in html
    assert "is not a date" not in html


async def test_a_colon_after_a_word_is_spaced_as_the_readers_language_spaces_it(
    browser: aiohttp.ClientSession,
) -> None:
    """French sets ":" apart by a no-break space ("Que faire :"), the others write it
    against the word ("Qué hacer:"): the templates wrote a bare ":" for every language."""
    said = {
        "fr": ("pas marché\u00a0:</strong>", "Que faire\u00a0: "),
        "es": ("No se pudo:</strong>", "Qué hacer: "),
        "en": ("That did not work:</strong>", "What to do: "),
        "pt": ("Não foi possível:</strong>", "O que fazer: "),
    }
    for lang, (error, hint) in said.items():
        async with browser.get(
            "/records/tasks?status=bogus", headers={"Accept-Language": lang}
        ) as resp:
            html = await resp.text()
        assert resp.status == 400
        assert error in html and hint in html, (lang, html[-2000:])


def test_no_template_writes_a_bare_colon_after_a_word() -> None:
    """`t['punct.colon']` after a word the template fills in, never a literal ":"."""
    from importlib import resources

    folder = resources.files("reactiond.web.pages") / "templates"
    for entry in folder.iterdir():
        bare = re.findall(r"[}%]}:[ <]", entry.read_text(encoding="utf-8"))
        assert bare == [], entry.name


async def test_the_replies_page_after_a_retry_from_a_filtered_list_keeps_its_filter(
    browser: aiohttp.ClientSession,
) -> None:
    """A retry from /outbox?status=dead comes back with ?notice=retried added: the page's
    notice, not one of the outbox's filters (it was refused as an unknown filter)."""
    async with browser.get("/outbox?status=dead&notice=retried") as resp:
        html = await resp.text()
    assert resp.status == 200, html[:500]
    assert "unknown filter" not in html


async def test_the_due_date_box_names_the_zone_its_time_is_in(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    """The table shows the reader's zone; the box shows and takes the record's own local
    time, which may be another zone: it says which (a tester typed 09:30 meaning theirs)."""
    await _bill(daemon, browser)
    async with browser.get("/records/bills", headers={"Accept-Language": "pt-BR"}) as resp:
        html = await resp.text()
    zones = set(re.findall(r"\(hora local em ([\w/+-]+)\)", html))
    assert zones == {"America/Mexico_City"}, html[:2000]
    async with browser.get("/trace/messages/WEB-BILL", headers={"Accept-Language": "fr"}) as r:
        trace = await r.text()
    # the record's line: its date, then its status, apart ("20 janv. 2027en attente")
    assert re.search(r'class="when">[^<]+</span> <span class="status', trace), trace[-3000:]


async def test_today_names_a_failing_check_and_what_to_do_in_the_readers_language(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    """A job no handler takes, due an hour ago: health's queue check fails. Today names
    the check in the reader's words, with its problem and hint (it read keys health does
    not have, and showed the bare names of warnings)."""
    await daemon.store.enqueue(NewJob("nobody-takes-this", {}), time.time() - 3600)
    async with browser.get("/", headers={"Accept-Language": "es"}) as resp:
        html = await resp.text()
    assert resp.status == 200, html[:500]
    assert "<strong>Cola de trabajos</strong>: el trabajo más antiguo listo para correr" in html
    assert "mira `reactiond queue list --status queued` y el log del worker" in html


async def test_a_held_reply_is_said_as_waiting_not_shown_as_an_error(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    """A notice held behind the confirmation it follows is a normal state: the Replies
    page says so in the reader's words, not as a red English "last error"."""
    await _bill(daemon, browser)
    [bill] = await store_reads.records(daemon.store, "bills")
    [action] = await store_reads.actions_on(daemon.store, "reactiond-demo", bill["message_id"])
    await daemon.store.write(
        lambda tx: outbox.queue_text(
            tx,
            dedupe_key="held-notice",
            instance="reactiond-demo",
            destination="5215512345678",
            text="❌ Cuenta cancelada",
            now=time.time(),
            action_id=int(action["id"]),
            held=True,
        )
    )
    async with browser.get("/outbox", headers={"Accept-Language": "pt-BR"}) as resp:
        html = await resp.text()
    assert "Em espera: sai só se a confirmação que ela segue tiver sido enviada." in html
    assert "held: sent only if" not in html


async def test_a_rules_action_and_parser_are_words_in_the_readers_language(
    browser: aiohttp.ClientSession,
) -> None:
    es = {"Accept-Language": "es"}
    async with browser.get("/rules", headers=es) as resp:
        html = await resp.text()
    assert ">crear una cuenta" in html and ">create_bill" not in html
    async with browser.get("/rules/new", headers=es) as resp:
        html = await resp.text()
    assert re.search(r'<option value="create_task" (selected)?>crear una tarea</option>', html)
    assert re.search(r'<option value="bill" (selected)?>leer como cuenta</option>', html)


async def test_a_refused_date_opens_its_box_again_with_what_was_typed(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    """The error names the record, and its box holds the value to correct, where the page
    came back with every box closed and the value gone."""
    await _bill(daemon, browser)
    async with browser.get("/records/bills") as resp:
        html = await resp.text()
    found = re.search(r'id="r-(\d+)"', html)
    assert found
    bill_id = found.group(1)
    form = {"due": "next tuesday-ish", "csrf": csrf_of(html), "next": "/records/bills"}
    async with browser.post(f"/records/bills/{bill_id}", data=form) as resp:
        page = await resp.text()
    assert resp.status == 400
    assert f"#{bill_id}: due &#39;next tuesday-ish&#39; is not a date" in page
    row = page.split(f'id="r-{bill_id}"', 1)[1].split("</tr>", 1)[0]
    assert "<details open>" in row and 'value="next tuesday-ish"' in row


async def test_status_words_agree_with_what_they_describe(browser: aiohttp.ClientSession) -> None:
    """es/pt/fr words agree in gender: a task or bill is "cancelada", an event or a job
    "cancelado", a reply "muerta" where a job is "muerto"."""
    es = {"Accept-Language": "es"}
    async with browser.get("/records/tasks", headers=es) as resp:
        assert '<option value="cancelled" >cancelada</option>' in await resp.text()
    async with browser.get("/records/calendar-events", headers=es) as resp:
        assert '<option value="cancelled" >cancelado</option>' in await resp.text()
    async with browser.get("/queue", headers=es) as resp:
        html = await resp.text()
        assert ">cancelado: " in html and ">muerto: " in html
    async with browser.get("/outbox", headers={"Accept-Language": "fr"}) as resp:
        assert ">morte\u00a0: 0</a>" in await resp.text()


async def test_rules_are_created_by_form_and_tried_without_saving(
    browser: aiohttp.ClientSession, daemon: Daemon
) -> None:
    async with browser.get("/rules/new") as resp:
        csrf = csrf_of(await resp.text())
    bad = {"csrf": csrf, "name": "", "triggers": "", "action": "create_task", "config": "{"}
    async with browser.post("/rules", data=bad) as resp:
        html = await resp.text()
        assert resp.status == 400 and "config" in html and "invalid rule" in html
    rule = {
        "csrf": csrf,
        "name": "Ideas",
        "triggers": "🦉",
        "action": "create_note",
        "priority": "0",
        "enabled": "1",
        "config": "{}",
        "conditions": "{}",
    }
    async with browser.post("/rules", data=rule, allow_redirects=False) as resp:
        assert resp.status == 303
    before = await daemon.store.read(list_rules)
    assert "Ideas" in [r.name for r in before]
    tried = {"emoji": "🦉", "text": "Idea: una app de recetas"}
    async with browser.get("/rules", params=tried) as resp:
        html = await resp.text()
    # what it would make, in the reader's words: its kind and title, not the store's columns
    assert 'id="try-results"' in html
    assert "<li><strong>Notes</strong> · Title: Una app de recetas</li>" in html
    results = html.split('id="try-results"', 1)[1]
    assert "title=" not in results and "created_at" not in results
    async with browser.get(
        "/rules",
        params={"emoji": "📅", "text": "Réunion jeudi à 15h"},
        headers={"Accept-Language": "fr"},
    ) as resp:
        html = await resp.text()
    assert "<strong>Événements</strong> · Titre\u00a0: Réunion · Début\u00a0:" in html
    assert "start_at=" not in html
    assert await daemon.store.read(list_rules) == before


async def test_talk_switches_are_changed_by_form_with_the_apis_checks(
    browser: aiohttp.ClientSession, daemon: Daemon
) -> None:
    async with browser.get("/rules") as resp:
        html = await resp.text()
    assert 'id="talk-corrections"' in html and "REACTIOND_QUESTIONS" in html  # none stored
    csrf = csrf_of(html)
    off = {"csrf": csrf, "switch": "corrections", "on": "0"}
    async with browser.post("/rules/talk", data=off, allow_redirects=False) as resp:
        assert resp.status == 303 and resp.headers["Location"] == "/rules?notice=talk#talk"
    askers = {"csrf": csrf, "askers": "+52 1 55 8765 4321, ana@s.whatsapp.net"}
    async with browser.post("/rules/talk", data=askers, allow_redirects=False) as resp:
        assert resp.status == 303
    stored = await daemon.store.read(lambda tx: read_talk_rules(tx, TalkRules()))
    assert stored.corrections is False and stored.questions is True
    assert stored.askers == ("5215587654321", "ana@s.whatsapp.net")
    # A wrong asker: the API's words and a hint, and nothing stored.
    async with browser.post("/rules/talk", data={"csrf": csrf, "askers": "nope"}) as resp:
        html = await resp.text()
        assert resp.status == 400
    assert "invalid talk rules" in html and "neither a phone number" in html
    assert await daemon.store.read(lambda tx: read_talk_rules(tx, TalkRules())) == stored
    async with browser.post("/rules/talk", data={**off, "csrf": "forged"}) as resp:
        assert resp.status == 403


async def test_a_dead_job_is_retried_from_the_queue_page(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    job_id = await daemon.store.enqueue(NewJob(PROBE, {"n": 1}), daemon.clock())
    assert job_id is not None

    async def dead() -> bool:
        job = await daemon.store.get_job(job_id)
        return job is not None and job.status.value == "dead"

    await eventually(dead, what="the probe job dead")
    async with browser.get("/queue?status=dead") as resp:
        html = await resp.text()
    assert f'id="job-{job_id}"' in html and "probe refused on purpose" in html
    form = {"csrf": csrf_of(html), "next": "/queue"}
    async with browser.post(f"/queue/{job_id}/retry", data=form, allow_redirects=False) as resp:
        assert resp.status == 303

    async def done() -> bool:
        job = await daemon.store.get_job(job_id)
        return job is not None and job.status.value == "done"

    await eventually(done, what="the retried probe job done")


async def test_with_a_token_every_page_needs_a_login(tmp_path: Path) -> None:
    async with running_daemon(tmp_path, api_token=TOKEN) as d:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(base_url(d), cookie_jar=jar) as http:
            for path in ("/", "/rules", "/live"):
                async with http.get(path, allow_redirects=False) as resp:
                    assert resp.status == 303 and resp.headers["Location"].startswith("/login")
            async with http.get("/login") as resp:
                html = await resp.text()
            csrf = csrf_of(html)
            async with http.post("/login", data={"csrf": csrf, "token": "wrong"}) as resp:
                assert resp.status == 401
            async with http.post("/login", data={"csrf": "x", "token": TOKEN}) as resp:
                assert resp.status == 403  # the login form's own CSRF token
            form = {"csrf": csrf, "token": TOKEN, "next": "/rules"}
            async with http.post("/login", data=form, allow_redirects=False) as resp:
                assert resp.status == 303 and resp.headers["Location"] == "/rules"
                assert TOKEN not in resp.headers["Set-Cookie"]
            async with http.get("/rules") as resp:
                assert resp.status == 200
                page = await resp.text()
            kept = {c.key: c.value for c in jar}["rd_session"]
            async with http.post("/logout", data={"csrf": csrf_of(page)}, allow_redirects=False):
                pass
            async with http.get("/rules", allow_redirects=False) as resp:
                assert resp.status == 303  # the browser forgot the cookie
        async with (
            aiohttp.ClientSession(base_url(d), cookies={"rd_session": kept}) as replay,
            replay.get("/rules", allow_redirects=False) as resp,
        ):
            assert resp.status == 303  # and one kept from before is refused


async def test_a_due_date_is_changed_by_form_with_the_apis_checks(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    await _bill(daemon, browser)
    async with browser.get("/records/bills") as resp:
        html = await resp.text()
    found = re.search(r'id="r-(\d+)"', html)
    assert found
    bill = found.group(1)
    form = {"csrf": csrf_of(html), "due": "2027-02-01", "next": "/records/bills"}
    async with browser.post(f"/records/bills/{bill}", data=form, allow_redirects=False) as resp:
        assert resp.status == 303
    async with browser.get(f"/api/bills/{bill}") as resp:
        assert (await resp.json())["due"] == "2027-02-01"
    form["due"] = "el martes"
    async with browser.post(f"/records/bills/{bill}", data=form) as resp:
        page = await resp.text()
    async with browser.patch(f"/api/bills/{bill}", json={"due": "el martes"}) as resp:
        api = await resp.json()
    assert resp.status == 400
    assert html_escape(api["error"]) in page and html_escape(api["hint"]) in page


async def test_a_refused_rule_says_each_problem_once_beside_its_field(
    browser: aiohttp.ClientSession,
) -> None:
    """Not in the banner, a list and beside the field: once, where it is fixed. A problem
    inside a JSON field goes beside that field with its path; one with no field of its
    own, in the list above the form."""
    async with browser.get("/rules/new") as resp:
        csrf = csrf_of(await resp.text())
    bad = {
        "csrf": csrf,
        "name": "x",
        "triggers": "not an emoji",
        "action": "create_note",
        "priority": "500",
        "config": '{"currency": "nope", "tags": 3}',
        "conditions": "{}",
    }
    async with browser.post("/rules", data=bad) as resp:
        html = await resp.text()
    assert resp.status == 400
    main = html.split('<main id="main">', 1)[1]
    for reason in (
        "is not an emoji",
        "less than or equal to 100",
        "currency: NOPE is not",
        "tags: Input should be",
    ):
        assert main.count(reason) == 1, (reason, main)
    assert 'id="p-triggers"' in main and 'id="p-priority"' in main and 'id="p-config"' in main
    config_box = main.split('id="p-config"', 1)[1].split("</p>", 1)[0]
    assert "currency: NOPE" in config_box and "tags: Input" in config_box
    assert "invalid rule" in main  # the banner says the rule was refused, once


async def test_a_count_of_attempts_agrees_with_its_noun(
    daemon: Daemon, browser: aiohttp.ClientSession
) -> None:
    """ "1 tentativa", never "1 tentativas": a count takes its language's plural form
    (Babel's CLDR rules: French and Portuguese say 0 in the singular too)."""

    def dead(tx: Any, key: str, attempts: int) -> None:
        row_id = outbox.queue_text(
            tx,
            dedupe_key=key,
            instance="reactiond-demo",
            destination="5215512345678",
            text=f"reply {key}",
            now=time.time(),
        )
        assert row_id is not None
        row = outbox.get(tx, row_id)
        assert row is not None
        outbox.mark_dead(tx, dataclasses.replace(row, attempts=attempts), "refused", time.time())

    await daemon.store.write(lambda tx: dead(tx, "once", 1))
    await daemon.store.write(lambda tx: dead(tx, "twice", 2))
    said = {
        "es": ("1 intento<", "2 intentos<"),
        "en": ("1 attempt<", "2 attempts<"),
        "pt": ("1 tentativa<", "2 tentativas<"),
        "fr": ("1 tentative<", "2 tentatives<"),
    }
    for lang, (one, two) in said.items():
        async with browser.get("/outbox", headers={"Accept-Language": lang}) as resp:
            html = await resp.text()
        assert one in html and two in html, (lang, html)
        assert one.replace("<", "s<") not in html, lang
