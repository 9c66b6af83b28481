"""`/api/queue`: jobs by status, one job with its attempts and last error, retry a dead job.
The same store functions as `reactiond queue list|show|retry|stats`."""

from __future__ import annotations

from aiohttp import web

from reactiond.domain import Job
from reactiond.engine.reminders import ReminderConfig, RetryRefused, retry_job
from reactiond.queue_report import attempt_json, job_json, parse_queue_filters, stats_json
from reactiond.records.errors import RecordNotFound
from reactiond.web.api_common import ApiContext, answers_errors, ok, path_id, single_params
from reactiond.web.errors import json_error


def queue_routes(ctx: ApiContext) -> list[web.RouteDef]:
    listing = "list jobs with GET /api/queue"

    @answers_errors
    async def list_view(request: web.Request) -> web.StreamResponse:
        status, kind, limit = parse_queue_filters(single_params(request))
        jobs = await ctx.store.list_jobs(status, kind, limit)
        stats = await ctx.store.queue_stats(ctx.clock())
        return ok({"jobs": [job_json(j) for j in jobs], "stats": stats_json(stats)})

    @answers_errors
    async def one_view(request: web.Request) -> web.StreamResponse:
        job_id = path_id(request, "job", listing)
        job = await ctx.store.get_job(job_id)
        if job is None:
            raise RecordNotFound(f"no job {job_id}", listing)
        attempts = await ctx.store.job_attempts(job_id)
        return ok({**job_json(job), "attempt_log": [attempt_json(a) for a in attempts]})

    @answers_errors
    async def retry_view(request: web.Request) -> web.StreamResponse:
        job_id = path_id(request, "job", listing)
        config = ReminderConfig.from_settings(ctx.settings)
        try:
            job = await retry_job(ctx.store, job_id, ctx.clock(), config)
        except RetryRefused as exc:
            return json_error(409, exc.error, exc.hint)
        if job is not None:
            return ok(job_json(job))
        existing = await ctx.store.get_job(job_id)
        if existing is None:
            raise RecordNotFound(f"no job {job_id}", listing)
        return _conflict(existing)

    return [
        web.get("/api/queue", list_view),
        web.get("/api/queue/{id}", one_view),
        web.post("/api/queue/{id}/retry", retry_view),
    ]


def _conflict(job: Job) -> web.Response:
    return json_error(
        409,
        f"job {job.id} is {job.status.value}, not dead",
        "only dead (or cancelled) jobs are retried; a queued or running job runs on its own",
    )
