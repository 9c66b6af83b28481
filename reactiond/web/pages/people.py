"""The People page: who reactiond knows (name, phone, LID and other identities, time
zone, reply language), and each person's time zone, editable (`people_repo.set_tz`, as
`reactiond people tz`)."""

from __future__ import annotations

from aiohttp import web

from reactiond.engine.author_tz import author_tz
from reactiond.store import people_repo
from reactiond.web.pages.frame import Guard, Pages, Viewer, see_other, with_query


def people_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx

    async def show(
        request: web.Request, viewer: Viewer, error: str | None = None, status: int = 200
    ) -> web.Response:
        people = await ctx.store.read(people_repo.list_people)
        default = ctx.settings.default_tz
        zones = {p.id: author_tz(None, p.jid.split("@", 1)[0], default) for p in people}
        notice = viewer_notice(request)
        return pages.render(
            request,
            viewer,
            "people.html",
            status=status,
            people=people,
            zones=zones,
            notice_key=notice,
            error=error,
            hint=None,
        )

    @guard
    async def list_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        return await show(request, viewer)

    @guard
    async def set_tz(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        person = request.match_info["id"]
        tz = viewer.form.get("tz", "").strip() or None
        jid = viewer.form.get("jid", "")
        try:
            await ctx.store.write(lambda tx: people_repo.set_tz(tx, jid, tz))
        except (people_repo.PersonNotFound, people_repo.UnknownZone) as exc:
            return await show(request, viewer, error=str(exc), status=400)
        return see_other(with_query("/people", notice="saved") + f"#person-{person}")

    return [web.get("/people", list_view), web.post(r"/people/{id:\d+}/tz", set_tz)]


def viewer_notice(request: web.Request) -> str | None:
    return "settings.saved" if request.query.get("notice") == "saved" else None
