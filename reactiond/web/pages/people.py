"""The People page: who reactiond knows (name, phone, LID and other identities, time
zone, reply language), and each person's time zone and reply language, editable with the
function and words of `PATCH /api/people/{who}` (`reactiond.people_settings`)."""

from __future__ import annotations

from aiohttp import web

from reactiond.engine.author_tz import zone_of_number
from reactiond.people_settings import KEEP, PersonChange, PersonRefused, change_person
from reactiond.phone_numbers import phone_of_jid, readable_phone
from reactiond.store import people_repo
from reactiond.store.interface import StoreUnavailable
from reactiond.web.pages.frame import Guard, Pages, Viewer, safe_next, see_other, with_query

PAGE = 50


def people_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx

    async def show(
        request: web.Request,
        viewer: Viewer,
        error: str | None = None,
        hint: str | None = None,
        status: int = 200,
    ) -> web.Response:
        raw = request.query.get("after", "")
        after = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None
        # A page at a time: a group chat brings hundreds of people, each row with its form.
        people = await ctx.store.read(
            lambda tx: people_repo.list_people(tx, after_id=after, limit=PAGE + 1)
        )
        more = len(people) > PAGE
        people = people[:PAGE]
        default = ctx.settings.default_tz
        # The zone a person's number places them in, as the engine reads their messages;
        # a LID or a group's id is no number: the instance's zone, and said so.
        by_number = {p.id: _zone_of_jid(p.jid) for p in people}
        zones = {p.id: by_number[p.id] or default for p in people}
        # The number as people write it, not the WhatsApp id (a LID alone: no number).
        phones = {p.id: readable_phone(p.jid) or "" for p in people}
        notice = viewer_notice(request)
        return pages.render(
            request,
            viewer,
            "people.html",
            status=status,
            people=people,
            zones=zones,
            zone_by_number={p.id: by_number[p.id] is not None for p in people},
            phones=phones,
            next_url=with_query("/people", after=str(people[-1].id)) if more else None,
            first_url="/people" if after is not None else None,
            notice_key=notice,
            error=error,
            hint=hint,
        )

    @guard
    async def list_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return await show(request, viewer)

    @guard
    async def save(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        """The fields the form sent: `tz` (empty: the number's zone), `language` (empty:
        the one they write in). `/people/{id}/tz` is the older form's, zone only."""
        person = request.match_info["id"]
        form = viewer.form
        change = PersonChange(
            tz=form["tz"].strip() if "tz" in form else KEEP,
            language=form["language"].strip() if "language" in form else KEEP,
        )
        jid = form.get("jid", "")
        try:
            await ctx.store.write(lambda tx: change_person(tx, jid, change))
        except PersonRefused as exc:
            return await show(request, viewer, error=exc.error, hint=exc.hint, status=exc.status)
        except StoreUnavailable as exc:
            return await show(request, viewer, error=exc.reason, hint=exc.hint, status=503)
        back = safe_next(form.get("next"), "/people")
        if back.split("?", 1)[0] != "/people":  # a form shown after a refused save
            back = "/people"
        return see_other(with_query(back, notice="saved") + f"#person-{person}")

    return [
        web.get("/people", list_view),
        web.post(r"/people/{id:\d+}", save),
        web.post(r"/people/{id:\d+}/tz", save),
    ]


def viewer_notice(request: web.Request) -> str | None:
    return "settings.saved" if request.query.get("notice") == "saved" else None


def _zone_of_jid(jid: str) -> str | None:
    phone = phone_of_jid(jid)
    return None if phone is None else zone_of_number(phone)
