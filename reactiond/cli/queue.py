"""`reactiond queue …`: jobs by status, one job with its attempts, retry a dead job; thin
over the store's queue, as `/api/queue` is."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import typer

from reactiond.cli.common import (
    JsonOption,
    fail,
    more_than_shown,
    row_id,
    settings,
    with_store,
)
from reactiond.cli.text import t
from reactiond.domain import Job, JobStatus
from reactiond.engine.reminders import ReminderConfig, RetryRefused, retry_job
from reactiond.queue_report import (
    MAX_LIMIT,
    attempt_json,
    job_json,
    parse_queue_filters,
    stats_json,
)
from reactiond.records.errors import InvalidFilter
from reactiond.records.model import iso_utc
from reactiond.store.interface import Store

queue_app = typer.Typer(help=t("app.queue"), no_args_is_help=True)
JobId = Annotated[int, row_id(t("arg.job_id"), lambda job_id: t("err.queue.no_job", job_id=job_id))]
# `queue retry` says of a job it cannot find what it says of one it cannot retry.
DeadJobId = Annotated[
    int, row_id(t("arg.job_id"), lambda job_id: t("err.queue.not_dead", job_id=job_id))
]


@queue_app.command("list", help=t("cmd.queue.list"))
def queue_list(
    status: Annotated[str | None, typer.Option(help=t("opt.queue.status"))] = None,
    kind: Annotated[str | None, typer.Option(help=t("opt.queue.kind"))] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help=t("opt.limit"))] = 50,
    as_json: JsonOption = False,
) -> None:
    """List jobs, newest first."""
    given = {"status": status, "kind": kind, "limit": str(limit)}
    try:  # the checks GET /api/queue makes
        status, kind, limit = parse_queue_filters({k: v for k, v in given.items() if v})
    except InvalidFilter as exc:
        raise fail(f"{exc.error}; {exc.hint}") from exc
    found = with_store(lambda st: st.list_jobs(status, kind, limit + 1))  # one more: any?
    jobs = found[:limit]
    _print_jobs(jobs, as_json)
    if len(found) > limit:
        more_than_shown(len(jobs), limit=limit, most=MAX_LIMIT, command="reactiond queue list")


def _print_jobs(jobs: list[Job], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([job_json(j) for j in jobs], ensure_ascii=False))
        return
    if not jobs:
        typer.echo(t("ok.queue.none"))
        return
    typer.echo(
        f"{t('col.id'):>6}  {t('col.kind'):<12} {t('col.status'):<9} {t('col.tries'):>10}  "
        f"{t('col.run_or_error')}"
    )
    for j in jobs:
        # A job that succeeded after a retry keeps its last error for `queue show`; here it
        # would read as a failure.
        error = j.last_error if j.status is not JobStatus.DONE else None
        extra = error or iso_utc(j.run_at) or ""
        typer.echo(
            f"{j.id:>6}  {j.kind:<12} {j.status.value:<9} "
            f"{f'{j.attempts}/{j.max_attempts}':>10}  {extra[:80]}"
        )


@queue_app.command("show", help=t("cmd.queue.show"))
def queue_show(job_id: JobId, as_json: JsonOption = False) -> None:
    """Show one job with its attempts and last error."""

    async def load(st: Store) -> tuple[Job | None, list[Any]]:
        return await st.get_job(job_id), await st.job_attempts(job_id)

    job, attempts = with_store(load)
    if job is None:
        raise fail(t("err.queue.no_job", job_id=job_id))
    data = job_json(job)
    data["attempt_log"] = [attempt_json(a) for a in attempts]
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for key, value in data.items():
        if key == "payload":
            typer.echo(f"{key:>13}: {json.dumps(value, ensure_ascii=False)}")
        elif key != "attempt_log":
            typer.echo(f"{key:>13}: {value}")
    for a in data["attempt_log"]:
        outcome = a["outcome"] or "running"
        typer.echo(f"  {t('out.queue.attempt', n=a['attempt'])}: {outcome} {a['error'] or ''}")


@queue_app.command("retry", help=t("cmd.queue.retry"))
def queue_retry(job_id: DeadJobId) -> None:
    """Give a dead job a fresh set of attempts, runnable now."""
    config = ReminderConfig.from_settings(settings())
    try:
        job = with_store(lambda st: retry_job(st, job_id, time.time(), config))
    except RetryRefused as exc:  # a reminder that would remind of nothing: why, what to do
        raise fail(f"{exc.error}; {exc.hint}") from exc
    if job is None:
        raise fail(t("err.queue.not_dead", job_id=job_id))
    typer.echo(t("ok.queue.retried", job_id=job_id))


_STATUSES = frozenset(s.value for s in JobStatus)


def _counted(status: str, count: int) -> str:
    """ "3 en cola", "1 muerto": a count of jobs in a status, in the CLI's language (the
    `--json` output keeps the status's English name)."""
    if status not in _STATUSES:  # a status this build does not know: as the store says it
        return f"{status} {count}"
    return t(f"out.queue.status.{status}", count=count)


@queue_app.command("stats", help=t("cmd.queue.stats"))
def queue_stats(as_json: JsonOption = False) -> None:
    """Jobs by status and kind, the oldest waiting job, deferred jobs, ignored events."""
    stats = with_store(lambda st: st.queue_stats(time.time()))
    data = stats_json(stats)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    by_status = ", ".join(_counted(k, v) for k, v in stats.by_status.items())
    typer.echo(f"{t('out.queue.jobs')}: {by_status}")
    for kind, counts in sorted(stats.by_kind.items()):
        typer.echo(f"  {kind}: " + ", ".join(_counted(k, v) for k, v in sorted(counts.items())))
    age = stats.oldest_queued_age_s
    typer.echo(f"{t('out.queue.oldest')}: {'-' if age is None else f'{age:.1f}s'}")
    typer.echo(f"{t('out.queue.deferred')}: {stats.deferred}")
    if stats.events_ignored:
        ignored = ", ".join(f"{k} {v}" for k, v in sorted(stats.events_ignored.items()))
        typer.echo(f"{t('out.queue.ignored')}: {ignored}")
