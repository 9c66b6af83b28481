"""The pages in a real headless Chromium, against a real daemon bound off loopback with an
API token: log in, follow a reaction from the webhook to its trace, mark a bill paid and
see its reminders cancelled, create a rule and try it, retry a dead job, watch a new
reaction appear live on Today, and the access checks. One daemon for the module."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reactiond import rule_service
from reactiond.domain import NewJob
from reactiond.engine.talk_rules import read_talk_rules
from reactiond.rules.talk import TalkRules
from reactiond.store import outbox, people_repo
from tests.e2e.web.conftest import ThreadDaemon
from tests.e2e.web.support import (
    BILL_TEXT,
    PAGES,
    PROBE,
    TOKEN,
    add_probe,
    csrf_of,
    message_and_reaction,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadDaemon]:
    data = tmp_path_factory.mktemp("web-browser")
    # Bound to every address, so a token is required and the pages ask for a login.
    running = ThreadDaemon(data, host="0.0.0.0", api_token=TOKEN).start()
    assert running.daemon is not None
    add_probe(running.daemon)
    yield running
    running.stop()


def _login(page: Any, site: ThreadDaemon, next_path: str = "/") -> None:
    page.goto(f"{site.url}{next_path}")
    assert "/login" in page.url
    page.locator("#token").fill(TOKEN)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


@pytest.fixture(scope="module")
def context(chromium: Any, site: ThreadDaemon) -> Iterator[Any]:
    """A logged-in browser context (desktop width, English)."""
    ctx = chromium.new_context(viewport=DESKTOP, locale="en-US")
    ctx.set_default_timeout(WAIT_MS)
    page = ctx.new_page()
    _login(page, site)
    page.close()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    p = context.new_page()
    yield p
    p.close()


def _react(site: ThreadDaemon, message_id: str, text: str, emoji: str, n: int) -> None:
    for payload in message_and_reaction(message_id, text, emoji, n):
        site.post_webhook(payload)


def _reload_until(page: Any, ready: Callable[[], bool], tries: int, url: str | None = None) -> None:
    """Reload the page (or go to `url`) every 100 ms, at most `tries` times, until `ready()`:
    what it shows may still be on its way (a job running, an event sent before it listened)."""
    for _ in range(tries):
        if ready():
            return
        page.wait_for_timeout(100)
        if url is None:
            page.reload()
        else:
            page.goto(url)


def _told(page: Any, words: str) -> None:
    """Wait for the page's status line to say `words` (after a form was sent)."""
    page.get_by_role("status").filter(has_text=words).wait_for()


def _reply(site: ThreadDaemon, key: str, text: str, end: Callable[[Any, Any, float], None]) -> int:
    """A reply queued on the daemon, then ended by `end(tx, row, now)` (dead, sent): its id."""

    async def queue(daemon: Any) -> int:
        def write(tx: Any) -> int:
            row_id = outbox.queue_text(
                tx,
                dedupe_key=key,
                instance="main",
                destination="5215512345678",
                text=text,
                language="es",
                now=daemon.clock(),
            )
            assert row_id is not None
            row = outbox.get(tx, row_id)
            assert row is not None
            end(tx, row, daemon.clock())
            return row_id

        result: int = await daemon.store.write(write)
        return result

    return site.call(queue)


def test_login_is_asked_off_loopback_and_a_wrong_token_is_refused(
    chromium: Any, site: ThreadDaemon
) -> None:
    ctx = chromium.new_context(viewport=PHONE, locale="es-MX")
    try:
        page = ctx.new_page()
        page.goto(f"{site.url}/rules")
        assert "/login" in page.url
        page.get_by_label("Token de la API").fill("not-the-token")
        page.get_by_role("button", name="Entrar").click()
        assert page.get_by_role("alert").inner_text() == "Token incorrecto."
        page.get_by_label("Token de la API").fill(TOKEN)
        page.get_by_role("button", name="Entrar").click()
        page.wait_for_url(re.compile(r"/rules$"))
        assert page.get_by_role("heading", name="Reglas").is_visible()
        cookie = next(c for c in ctx.cookies() if c["name"] == "rd_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert TOKEN not in cookie["value"]
    finally:
        ctx.close()


def test_a_reaction_is_followed_from_the_webhook_to_its_trace(
    page: Any, site: ThreadDaemon
) -> None:
    _react(site, "WEB-TRACE", "Enviar el reporte mañana a las 10", "✅", 1)
    listed = page.locator(".reactions li", has_text="Enviar el reporte").filter(has_text="created")
    page.goto(f"{site.url}/")
    # Until the reaction's job has made its task (the page may miss the event if it came
    # before the page listened).
    _reload_until(page, lambda: bool(listed.count()), 150, url=f"{site.url}/")
    page.locator(".reactions li", has_text="Enviar el reporte").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/trace/reactions/\d+$"))
    assert page.locator("#message-text").inner_text() == "Enviar el reporte mañana a las 10"
    focus = page.locator("section.reaction.focus")
    assert "✅" in focus.inner_text()
    assert "created" in focus.inner_text()
    parse = focus.locator(".parse").inner_text()
    assert "task" in parse and "es" in parse and "confidence" in parse
    assert "Enviar el reporte" in focus.locator("ul.records").inner_text()
    assert focus.locator(".reply").first.inner_text().strip()  # the reply's text


def test_a_bill_marked_paid_cancels_its_reminders(page: Any, site: ThreadDaemon) -> None:
    _react(site, "WEB-BILL", BILL_TEXT, "💳", 2)
    page.goto(f"{site.url}/records/bills?status=pending")
    row = page.locator("tr", has_text="CFE")
    _reload_until(page, lambda: bool(row.count()), 50)  # the reaction's job may still run
    page.goto(f"{site.url}/queue?status=queued&kind=reminder")
    assert page.locator("tbody tr").count() >= 1
    page.goto(f"{site.url}/records/bills?status=pending")
    page.locator("tr", has_text="CFE").get_by_role("button", name=re.compile("^Paid")).click()
    _told(page, "Changed.")
    page.goto(f"{site.url}/queue?status=queued&kind=reminder")
    assert page.get_by_text("No job.").is_visible()
    page.goto(f"{site.url}/queue?status=cancelled&kind=reminder")
    assert page.locator("tbody tr", has_text="reminder").count() >= 1


def test_a_rule_is_created_and_tried_without_saving(page: Any, site: ThreadDaemon) -> None:
    page.goto(f"{site.url}/rules/new")
    page.get_by_label("Name").fill("No emoji")
    page.get_by_label("Emoji").fill("not an emoji")
    page.get_by_role("button", name="Save rule").click()
    # A refused form (400) is shown, with the API's words, although htmx sent it.
    page.get_by_role("alert").filter(has_text="invalid rule").wait_for()
    assert page.locator("#p-triggers").is_visible()
    page.goto(f"{site.url}/rules/new")
    page.get_by_label("Name").fill("Owl ideas")
    page.get_by_label("Emoji").fill("🦉")
    page.get_by_label("Action").select_option("create_note")
    page.get_by_role("button", name="Save rule").click()
    _told(page, "Rule saved.")
    assert page.locator("#rules tr", has_text="Owl ideas").is_visible()
    count = page.locator("#rules tbody tr").count()

    page.get_by_label("Message", exact=True).fill("Idea: un club de lectura los jueves")
    page.locator("#try-emoji").fill("🦉")
    page.get_by_role("button", name="Try", exact=True).click()
    results = page.locator("#try-results")
    results.wait_for()
    assert "Owl ideas" in results.inner_text() and "Nothing was saved." in results.inner_text()
    assert page.locator("#rules tbody tr").count() == count


def test_a_dead_job_is_retried(page: Any, site: ThreadDaemon) -> None:
    async def enqueue(daemon: Any) -> int | None:
        return await daemon.store.enqueue(NewJob(PROBE, {"n": 2}), daemon.clock())

    job_id = site.call(enqueue)
    page.goto(f"{site.url}/queue/{job_id}")
    status = page.locator("#job-status")
    _reload_until(page, lambda: "dead" in status.inner_text(), 100)
    assert "probe refused on purpose" in page.content()
    page.get_by_role("button", name="Retry").click()
    _told(page, "Job queued again.")
    _reload_until(page, lambda: "done" in status.inner_text(), 100)
    assert "done" in status.inner_text()


def test_a_dead_reply_is_retried_from_the_replies_page(page: Any, site: ThreadDaemon) -> None:
    def dead(tx: Any, row: Any, now: float) -> None:
        outbox.mark_dead(tx, row, "Evolution said 400: not a WhatsApp number", now)

    reply_id = _reply(site, "web-dead-reply", "✅ Tarea creada: llamar al plomero", dead)
    page.goto(f"{site.url}/outbox?status=dead")
    row = page.locator(f"#reply-{reply_id}")
    assert "llamar al plomero" in row.inner_text()
    assert "not a WhatsApp number" in row.inner_text()
    row.get_by_role("button", name=re.compile("^Retry")).click()
    _told(page, "Reply on its way again.")
    assert page.locator(f"#reply-{reply_id}").count() == 0  # no longer dead
    page.goto(f"{site.url}/outbox?status=pending")
    assert "llamar al plomero" in page.locator(f"#reply-{reply_id}").inner_text()
    # A reply that was sent is refused with the API's words; so is one that does not exist.

    def sent(tx: Any, row: Any, now: float) -> None:
        outbox.mark_sent(tx, row, "WA-1", now)

    sent_id = _reply(site, "web-sent-reply", "✅ Nota guardada", sent)
    csrf = csrf_of(page.content())
    refused = page.request.post(f"{site.url}/outbox/{sent_id}/retry", form={"csrf": csrf})
    assert refused.status == 409 and f"reply {sent_id} is sent, not dead" in refused.text()
    unknown = page.request.post(f"{site.url}/outbox/999999/retry", form={"csrf": csrf})
    assert unknown.status == 404 and "no reply 999999" in unknown.text()


def test_a_persons_reply_language_is_chosen_on_the_people_page(
    page: Any, site: ThreadDaemon
) -> None:
    _react(site, "WEB-PEOPLE", "Idea: pintar la cocina", "📝", 4)
    page.goto(f"{site.url}/people")
    row = page.locator("tbody tr").first
    person_id = int((row.get_attribute("id") or "").removeprefix("person-"))
    choice = row.get_by_label(re.compile("^Reply language"))
    assert choice.input_value() == ""  # automatic: the language they write in
    choice.select_option("pt")
    # By keyboard: from the choice, Tab reaches the form's button, Enter sends it.
    choice.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save"
    page.keyboard.press("Enter")
    _told(page, "Saved.")
    assert page.locator(f"#lang-{person_id}").input_value() == "pt"

    async def person(daemon: Any) -> Any:
        people = await daemon.store.read(people_repo.list_people)
        return next(p for p in people if p.id == person_id)

    chosen = site.call(person)
    assert (chosen.language, chosen.language_set) == ("pt", True)
    # A wrong zone is refused with the API's message and hint, and nothing is saved.
    page.locator(f"#tz-{person_id}").fill("Mars/Olympus")
    page.locator(f"#lang-{person_id}").select_option("")
    page.locator(f"#person-form-{person_id}").get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "unknown time zone 'Mars/Olympus'" in alert.inner_text()
    assert "IANA" in alert.inner_text()
    assert site.call(person).language_set is True


def test_the_people_page_fits_a_phone_and_shows_numbers_as_people_write_them(
    chromium: Any, site: ThreadDaemon
) -> None:
    """At 390 px nothing scrolls sideways in any language (French's longest words are the
    widest), and the phone column shows the number as a person writes it (the country's
    grouping), not the WhatsApp id it came from."""
    _react(site, "WEB-PHONE", "Idea: lavar el coche", "📝", 5)
    ctx = chromium.new_context(viewport=PHONE, locale="es-MX")
    ctx.set_default_timeout(WAIT_MS)
    try:
        page = ctx.new_page()
        _login(page, site, "/people")
        for lang, phone in (
            ("es", "Teléfono"),
            ("en", "Phone"),
            ("pt", "Telefone"),
            ("fr", "Téléphone"),
        ):
            page.goto(f"{site.url}/lang/{lang}?next=/people")
            phones = page.locator(f"td[data-label='{phone}']")
            phones.first.wait_for()
            shown = phones.all_inner_texts()
            assert shown and not any("@" in p for p in shown), (lang, shown)
            assert "+52 55 1234 5678" in shown, (lang, shown)
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, f"/people in {lang} scrolls sideways on a phone by {wide}px"
    finally:
        ctx.close()


def test_analytics_labels_stay_readable_on_a_phone(chromium: Any, site: ThreadDaemon) -> None:
    """The charts scale to the screen; their words must not shrink below 12 px with them,
    nor run out of their chart or into the bars."""

    async def long_named_rule(daemon: Any) -> None:
        rule = {
            "name": "Gastos de la casa y servicios",
            "triggers": ["🧾"],
            "action": "create_bill",
        }
        await rule_service.add_rule(daemon.store, rule, daemon.clock())

    site.call(long_named_rule)  # its name fills the label column (cut at 14 characters)
    _react(site, "WEB-CHART", "Pagar luz CFE $890 vence el 20 de enero de 2027", "🧾", 6)
    ctx = chromium.new_context(viewport=PHONE, locale="es-MX")
    ctx.set_default_timeout(WAIT_MS)
    try:
        page = ctx.new_page()
        _login(page, site, "/analytics")
        _reload_until(page, lambda: page.locator("svg text").count() > 0, 100)
        texts = page.evaluate(CHART_TEXTS)
        assert texts, "no chart on the page"
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12]
        assert small == [], f"chart words below 12 px on a phone: {small}"
        out = [t["text"] for t in texts if not t["inside"]]
        assert out == [], f"chart words outside their chart: {out}"
        on_bars = [t["text"] for t in texts if t["on_bar"]]
        assert on_bars == [], f"chart words over their bar: {on_bars}"
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"/analytics scrolls sideways on a phone by {wide}px"
    finally:
        ctx.close()


# Each chart word: its size on the screen, whether it stays inside its chart, and whether
# it runs into a bar of its own row.
CHART_TEXTS = """
[...document.querySelectorAll('svg text')].map(t => {
  const svg = t.ownerSVGElement.getBoundingClientRect();
  const r = t.getBoundingClientRect();
  const bars = [...t.parentNode.querySelectorAll('rect')].map(b => b.getBoundingClientRect())
    .filter(b => b.width > 0);
  const on_bar = bars.some(b => r.left < b.right - 0.5 && r.right > b.left + 0.5
    && r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5);
  return {
    text: t.textContent,
    px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
    inside: r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5,
    on_bar,
  };
})
"""


def test_talk_switches_are_turned_off_and_on_on_the_rules_page(
    page: Any, site: ThreadDaemon
) -> None:
    async def talk_rules(daemon: Any) -> Any:
        return await daemon.store.read(lambda tx: read_talk_rules(tx, TalkRules()))

    page.goto(f"{site.url}/rules")
    row = page.locator("#talk-edits")
    assert "edited or deleted message" in row.inner_text() and "✔" in row.inner_text()
    row.get_by_role("button", name="Disable").click()
    _told(page, "Saved.")
    assert "—" in page.locator("#talk-edits").inner_text()
    assert site.call(talk_rules).edits is False
    # Who else may ask: the API's checks, then a list it takes.
    talk = page.locator("#talk")
    page.get_by_label("Who else may ask in their direct chat").fill("nope")
    talk.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "invalid talk rules" in alert.inner_text()
    page.get_by_label("Who else may ask in their direct chat").fill("+52 1 55 8765 4321")
    page.locator("#talk").get_by_role("button", name="Save").click()
    _told(page, "Saved.")
    assert page.locator("#talk-askers").input_value() == "5215587654321"
    page.locator("#talk-edits").get_by_role("button", name="Enable").click()
    # Not the notice, still there from the last save: the row itself says it is on again.
    page.locator("#talk-edits").get_by_role("button", name="Disable").wait_for()
    rules = site.call(talk_rules)
    assert (rules.edits, rules.askers) == (True, ("5215587654321",))


def test_a_new_reaction_appears_live_on_today(page: Any, site: ThreadDaemon) -> None:
    page.goto(f"{site.url}/")
    page.locator("html[data-live-open]").wait_for(state="attached")
    before = page.evaluate("performance.getEntriesByType('navigation').length")
    _react(site, "WEB-LIVE", "Idea: cuaderno de recetas de la abuela", "📝", 3)
    page.locator(".reactions li", has_text="cuaderno de recetas").wait_for()
    # Swapped in by htmx from the event stream, not by a reload of the page.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == before
    assert page.url.rstrip("/") == site.url


def test_without_a_session_pages_ask_for_a_login_and_forged_posts_are_refused(
    chromium: Any, context: Any, site: ThreadDaemon
) -> None:
    stranger = chromium.new_context()
    try:
        p = stranger.new_page()
        p.goto(f"{site.url}/queue")
        assert "/login" in p.url
        refused = stranger.request.post(f"{site.url}/rules", form={"name": "x"}, max_redirects=0)
        assert refused.status == 303 and "/login" in refused.headers["location"]
    finally:
        stranger.close()
    forged = context.request.post(
        f"{site.url}/rules", form={"csrf": "forged", "name": "x", "triggers": "🐙"}
    )
    assert forged.status == 403


def test_pages_fit_a_phone_and_label_their_fields(chromium: Any, site: ThreadDaemon) -> None:
    ctx = chromium.new_context(viewport=PHONE, locale="pt-BR")
    try:
        page = ctx.new_page()
        errors: list[str] = []  # e.g. something the Content-Security-Policy refused
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        _login(page, site)
        for path in ("/", "/records/bills", "/rules", "/queue", "/outbox", "/analytics", "/people"):
            page.goto(f"{site.url}{path}")
            assert page.locator("html").get_attribute("lang") == "pt"
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 1, f"{path} scrolls sideways on a phone by {wide}px"
            unlabelled = page.evaluate(UNLABELLED)
            assert unlabelled == [], f"{path}: fields without a label: {unlabelled}"
        assert errors == []
    finally:
        ctx.close()


# Every visible form field has a label (or an aria-label); every button has a name.
UNLABELLED = """
[...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
  .filter(e => e.offsetParent !== null)
  .filter(e => e.tagName === 'BUTTON'
      ? !(e.textContent.trim() || e.getAttribute('aria-label'))
      : !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.outerHTML.slice(0, 80))
"""


AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# The calendar events' and notes' lists are built as the tasks' and bills' are.
AXE_PAGES = tuple(p for p in PAGES if p not in ("/records/calendar-events", "/records/notes"))


def test_axe_finds_no_serious_accessibility_violation(chromium: Any, site: ThreadDaemon) -> None:
    # bypass_csp: axe is added as a script of the test, which the pages' policy forbids.
    ctx = chromium.new_context(viewport=DESKTOP, locale="es-ES", bypass_csp=True)
    try:
        page = ctx.new_page()
        _login(page, site)
        found = {}
        for path in AXE_PAGES:
            page.goto(f"{site.url}{path}")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(AXE_RUN)
            assert result["passes"] > 10, path  # axe did look at the page
            violations = result["serious"]
            if violations:
                found[path] = violations
        assert found == {}
    finally:
        ctx.close()


AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']});
  return {
    passes: r.passes.length,
    serious: r.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')),
  };
}"""


SHOTS = {
    "today": "/",
    "records": "/records/bills",
    "trace": "/trace/messages/WEB-TRACE",
    "rules": "/rules?emoji=%F0%9F%A6%89&text=Idea%3A+un+club+de+lectura+los+jueves#try",
    "queue": "/queue",
    "outbox": "/outbox",
    "analytics": "/analytics",
    "people": "/people",
}


@pytest.mark.skipif(
    not os.environ.get("REACTIOND_WEB_SCREENSHOTS"),
    reason="set REACTIOND_WEB_SCREENSHOTS=docs/screenshots to write the docs' screenshots",
)
def test_screenshots_for_the_docs(chromium: Any, site: ThreadDaemon) -> None:
    """Runs last in the module, when the tests above have put data on every page."""
    folder = Path(os.environ["REACTIOND_WEB_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        ctx = chromium.new_context(viewport=viewport, locale="es-MX")
        try:
            page = ctx.new_page()
            _login(page, site)
            for name, path in SHOTS.items():
                page.goto(f"{site.url}{path}")
                page.screenshot(
                    path=str(folder / f"{name}-{width}.jpeg"), full_page=True, quality=60
                )
        finally:
            ctx.close()
