"""The Records pages: tasks, events, bills and notes with the API's filters, sort and
paging (`parse_query`, `list_records`), and the same changes as `PATCH /api/{kind}/{id}`
(`engine.record_changes.change_record`): done, paid, cancelled, reopened, a new due date
or start."""

from __future__ import annotations

from aiohttp import web

from reactiond.engine.record_changes import change_record
from reactiond.engine.reminders import ReminderConfig
from reactiond.records.errors import InvalidChange, InvalidFilter, RecordNotFound, RecordsError
from reactiond.records.kinds import SPECS, KindSpec, RecordKind, spec_for
from reactiond.records.query import Page, list_records, parse_query, sort_names
from reactiond.store.interface import StoreUnavailable
from reactiond.web.api_common import MAX_ID
from reactiond.web.pages.frame import (
    Guard,
    Pages,
    Viewer,
    not_found,
    safe_next,
    see_other,
    with_query,
)
from reactiond.whole_number import whole_number

# What each kind's buttons do: (status to set, word), shown unless already in that status.
MOVES: dict[RecordKind, tuple[tuple[str, str], ...]] = {
    RecordKind.TASKS: (("done", "do.done"), ("cancelled", "do.cancel"), ("open", "do.reopen")),
    RecordKind.CALENDAR_EVENTS: (("cancelled", "do.cancel"), ("scheduled", "do.reopen")),
    RecordKind.BILLS: (("paid", "do.paid"), ("cancelled", "do.cancel"), ("pending", "do.reopen")),
    RecordKind.NOTES: (("cancelled", "do.cancel"), ("active", "do.reopen")),
}
CHANGE_FIELDS = ("status", "due", "start")
PAGE_SIZE = "25"


def records_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx

    async def show(
        request: web.Request,
        viewer: Viewer,
        spec: KindSpec,
        *,
        error: str | None = None,
        hint: str | None = None,
        status: int = 200,
        refused: tuple[int, str] | None = None,
    ) -> web.Response:
        """`refused`: a change to record #id that was refused, with the value typed: its
        row's box opens again holding it, and the error names the record."""
        params = {k: v for k, v in request.query.items() if v.strip() and k != "notice"}
        page = Page(items=[], next_cursor=None)
        try:
            # A phone screen's worth by default (the API's default is 50).
            q = parse_query(spec, {"limit": PAGE_SIZE, **params})
            page = await ctx.store.read(lambda tx: list_records(tx, q))
        except RecordsError as exc:
            error, hint, status = exc.error, exc.hint, 400
        except StoreUnavailable as exc:
            error, hint, status = exc.reason, exc.hint, 503
        base = {k: v for k, v in params.items() if k != "cursor"}
        listing = f"/records/{spec.kind.value}"
        notice_key = request.query.get("notice", "")
        t_notice = "records.changed" if notice_key == "changed" else None
        return pages.render(
            request,
            viewer,
            "records.html",
            status=status,
            spec=spec,
            kinds=[s.kind.value for s in SPECS.values()],
            params=params,
            page=page,
            moves=MOVES[spec.kind],
            sorts=sort_names(spec),
            page_size=PAGE_SIZE,
            next_url=with_query(listing, **base, cursor=page.next_cursor)
            if page.next_cursor
            else None,
            first_url=with_query(listing, **base) if "cursor" in params else None,
            error=f"#{refused[0]}: {error}" if refused and error else error,
            hint=hint,
            notice_key=t_notice,
            refused=refused,
        )

    @guard
    async def list_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        spec = spec_for(request.match_info["kind"])
        if spec is None:
            return not_found(pages, request, viewer, request.path)
        return await show(request, viewer, spec)

    @guard
    async def change_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        spec = spec_for(request.match_info["kind"])
        raw = request.match_info["id"]
        record_id = whole_number(raw) or 0
        if spec is None or not 1 <= record_id <= MAX_ID:
            return not_found(pages, request, viewer, request.path)
        body = {k: viewer.form[k].strip() for k in CHANGE_FIELDS if viewer.form.get(k, "").strip()}
        now = ctx.clock()
        reminders = ReminderConfig.from_settings(ctx.settings)
        back = safe_next(viewer.form.get("next"), f"/records/{spec.kind.value}")
        try:
            await ctx.store.write(
                lambda tx: change_record(tx, spec, record_id, body, now, reminders)
            )
        except RecordNotFound as exc:
            return await show(request, viewer, spec, error=exc.error, hint=exc.hint, status=404)
        except (InvalidChange, InvalidFilter, RecordsError) as exc:
            typed = body.get(spec.when_name or "", "") if spec.when_name else ""
            return await show(
                request,
                viewer,
                spec,
                error=exc.error,
                hint=exc.hint,
                status=400,
                refused=(record_id, typed),
            )
        except StoreUnavailable as exc:
            return await show(request, viewer, spec, error=exc.reason, hint=exc.hint, status=503)
        return see_other(with_query(back, notice="changed"))

    return [
        web.get("/records", _to_tasks),
        web.get("/records/{kind}", list_view),
        web.post("/records/{kind}/{id}", change_view),
    ]


async def _to_tasks(request: web.Request) -> web.StreamResponse:
    return see_other("/records/tasks")
