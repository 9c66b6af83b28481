"""The queue and outbox pages: jobs by status, one job's attempts and errors, retrying a
dead job (the store functions behind `/api/queue` and `reactiond queue`), and the replies
with their text and delivery status, retrying a dead one (`/api/outbox`,
`reactiond outbox`)."""

from __future__ import annotations

from aiohttp import web

from reactiond.domain import JobStatus
from reactiond.engine.reminders import ReminderConfig, RetryRefused, retry_job
from reactiond.outbox_report import STATUSES as REPLY_STATUSES
from reactiond.outbox_report import (
    ReplyNotRetryable,
    next_cursor,
    parse_outbox_query,
    retry_reply,
    text_of,
)
from reactiond.queue_report import parse_queue_filters
from reactiond.records.errors import RecordNotFound, RecordsError
from reactiond.store import outbox
from reactiond.store.interface import StoreUnavailable, Transaction
from reactiond.store.outbox import HELD, OutboxRow
from reactiond.store.snapshot import jobs_by_status, replies_by_status
from reactiond.web.api_common import MAX_ID
from reactiond.web.pages.frame import Guard, Pages, Viewer, safe_next, see_other, with_query
from reactiond.whole_number import whole_number


def queue_routes(pages: Pages, guard: Guard) -> list[web.RouteDef]:
    ctx = pages.ctx
    store = ctx.store

    @guard
    async def list_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        params = {k: v for k, v in request.query.items() if v and k in ("status", "kind", "limit")}
        error = hint = None
        status = 200
        jobs = []
        try:
            wanted, kind, limit = parse_queue_filters(params)
            jobs = await store.list_jobs(wanted, kind, limit)
        except RecordsError as exc:
            error, hint, status = exc.error, exc.hint, 400
        # The kept counters (store/snapshot.py), not a count of every job per request.
        by_status = await store.read(jobs_by_status)
        notice = "queue.retried" if request.query.get("notice") == "retried" else None
        return pages.render(
            request,
            viewer,
            "queue.html",
            status=status,
            jobs=jobs,
            by_status=by_status,
            statuses=[s.value for s in JobStatus],
            params=params,
            notice_key=notice,
            error=error,
            hint=hint,
        )

    @guard
    async def job_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        job_id = _id(request)
        job = await store.get_job(job_id)
        if job is None:
            return pages.render(
                request,
                viewer,
                "error.html",
                status=404,
                error=f"no job {job_id}",
                hint="list jobs with GET /api/queue",
            )
        attempts = await store.job_attempts(job_id)
        notice = "queue.retried" if request.query.get("notice") == "retried" else None
        return pages.render(
            request, viewer, "job.html", job=job, attempts=attempts, notice_key=notice
        )

    @guard
    async def retry_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        job_id = _id(request)
        config = ReminderConfig.from_settings(ctx.settings)
        try:
            job = await retry_job(store, job_id, ctx.clock(), config)
        except RetryRefused as exc:
            return pages.render(
                request, viewer, "error.html", status=409, error=exc.error, hint=exc.hint
            )
        if job is None:
            existing = await store.get_job(job_id)
            error = (
                f"no job {job_id}"
                if existing is None
                else (f"job {job_id} is {existing.status.value}, not dead")
            )
            hint = (
                "list jobs with GET /api/queue"
                if existing is None
                else "only dead (or cancelled) jobs are retried; a queued or running job runs on"
                " its own"
            )
            return pages.render(
                request,
                viewer,
                "error.html",
                status=404 if existing is None else 409,
                error=error,
                hint=hint,
            )
        back = safe_next(viewer.form.get("next"), f"/queue/{job_id}")
        return see_other(with_query(back, notice="retried"))

    @guard
    async def outbox_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        # `notice` is the page's own ("retried", after a retry from a filtered list), not
        # a filter of the outbox's query
        params = {k: v for k, v in request.query.items() if v and k != "notice"}
        error = hint = None
        status = 200
        rows: list[OutboxRow] = []
        more = None
        try:
            q = parse_outbox_query(params)

            def read(tx: Transaction) -> list[OutboxRow]:
                return outbox.list_rows(
                    tx,
                    statuses=q.statuses,
                    instance=q.instance,
                    destination=q.destination,
                    kind=q.kind,
                    limit=q.limit,
                    before_id=q.before_id,
                )

            rows = await store.read(read)
            more = next_cursor(rows, q.limit)
        except RecordsError as exc:
            error, hint, status = exc.error, exc.hint, 400
        except StoreUnavailable as exc:
            error, hint, status = exc.reason, exc.hint, 503
        by_status = await store.read(replies_by_status)
        notice = "outbox.retried" if request.query.get("notice") == "retried" else None
        return pages.render(
            request,
            viewer,
            "outbox.html",
            status=status,
            rows=rows,
            by_status=by_status,
            notice_key=notice,
            text_of=text_of,
            held=HELD,  # not an error: a notice that waits on the confirmation it follows
            statuses=REPLY_STATUSES,
            next_url=with_query(
                "/outbox", **{k: v for k, v in params.items() if k != "cursor"}, cursor=more
            )
            if more
            else None,
            params=params,
            error=error,
            hint=hint,
        )

    @guard
    async def retry_reply_view(request: web.Request, viewer: Viewer) -> web.StreamResponse:
        reply_id = _id(request)
        now = ctx.clock()
        try:
            await store.write(lambda tx: retry_reply(tx, reply_id, now))
        except RecordNotFound as exc:
            return pages.render(
                request, viewer, "error.html", status=404, error=exc.error, hint=exc.hint
            )
        except ReplyNotRetryable as exc:
            return pages.render(
                request, viewer, "error.html", status=409, error=exc.error, hint=exc.hint
            )
        except StoreUnavailable as exc:
            return pages.render(
                request, viewer, "error.html", status=503, error=exc.reason, hint=exc.hint
            )
        back = safe_next(viewer.form.get("next"), "/outbox")
        return see_other(with_query(back, notice="retried"))

    return [
        web.get("/queue", list_view),
        web.get(r"/queue/{id:\d+}", job_view),
        web.post(r"/queue/{id:\d+}/retry", retry_view),
        web.get("/outbox", outbox_view),
        web.post(r"/outbox/{id:\d+}/retry", retry_reply_view),
    ]


def _id(request: web.Request) -> int:
    value = whole_number(request.match_info["id"]) or 0
    if not 1 <= value <= MAX_ID:
        raise web.HTTPNotFound()
    return value
