"""The `reactiond` command: thin Typer commands over the same functions the HTTP API calls."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from reactiond.cli_click import install as speak_the_cli_language
from reactiond.cli_click import say
from reactiond.cli_text import t
from reactiond.domain import Job, JobStatus
from reactiond.logs import configure_logging
from reactiond.part import Part, Role
from reactiond.private_files import keep_private
from reactiond.queue_report import attempt_json, job_json, stats_json
from reactiond.records.model import iso_utc
from reactiond.settings import (
    MAKE_SECRET,
    MIN_SECRET_CHARS,
    SECRET_TOO_SHORT,
    InvalidSettings,
    Settings,
    SettingsError,
    load_settings,
)
from reactiond.store import store_for
from reactiond.store.interface import DatabaseTooNew, StoreUnavailable
from reactiond.store.sqlite.store import SqliteStore

T = TypeVar("T")

speak_the_cli_language()  # Typer's and Click's words, and one-line usage errors
app = typer.Typer(
    name="reactiond",
    help=t("app"),
    no_args_is_help=True,
    add_completion=False,
)
queue_app = typer.Typer(help=t("app.queue"), no_args_is_help=True)
app.add_typer(queue_app, name="queue")

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help=t("opt.config")),
]
_config: Path | None = None


@app.callback()
def _root(config: ConfigOption = None) -> None:
    """reactiond: one emoji turns a WhatsApp message into a record."""
    global _config
    _config = config
    keep_private()  # the database, backups and exports this command writes: 0600


def fail(message: str, code: int = 1) -> typer.Exit:
    """One line saying what is wrong and what to do; non-zero exit. Reasons from lower
    layers (pydantic, rules, settings) are English: said again in the CLI's language."""
    typer.echo(f"reactiond: {say(message)}", err=True)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        return load_settings(_config)
    except InvalidSettings as exc:
        raise fail(t("err.settings.invalid", problems=_problems(exc)), 2) from exc
    except SettingsError as exc:
        raise fail(str(exc), 2) from exc


def _problems(exc: InvalidSettings) -> str:
    """The settings' problems, in the CLI's language where it has the words."""
    if not exc.errors:
        return exc.problems
    too_short = t("err.settings.secret_too_short", minimum=MIN_SECRET_CHARS, command=MAKE_SECRET)
    return "; ".join(
        f"{name}: {too_short if kind == SECRET_TOO_SHORT else reason}"
        for name, kind, reason in exc.errors
    )


def with_store(fn: Callable[[SqliteStore], Awaitable[T]], *, create: bool = False) -> T:
    """Open the store for one CLI command (migrating it if needed), run, close.

    Only commands that set things up before the first start (`create=True`: adding rules,
    connecting Evolution) may create the database. Any other command on a data dir without
    one is almost always pointed at the wrong directory (under systemd, run without
    `reactiond-admin`): an empty database there would only answer "nothing" (issue 16)."""
    s = settings()
    configure_logging("warning", s.log_format)
    if not create and s.postgres_url is None and not s.database_path.exists():
        raise fail(t("err.no_database", path=s.database_path, data_dir=s.data_dir))

    async def run() -> T:
        store = store_for(s)
        await store.open()
        try:
            return await fn(store)  # type: ignore[arg-type]  # typed Store with issue 14
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except (StoreUnavailable, DatabaseTooNew) as exc:
        raise fail(str(exc)) from exc


RoleOption = Annotated[Role, typer.Option("--role", help=t("opt.run.role"))]


@app.command(help=t("cmd.run"))
def run(config: ConfigOption = None, role: RoleOption = Role.ALL) -> None:
    """Run the daemon: webhook server, worker and outbox, until SIGTERM or Ctrl-C."""
    from reactiond.app import serve, standard_parts
    from reactiond.ops.lock import InstanceLocked

    global _config
    if config is not None:  # `reactiond run --config x` as well as `reactiond --config x run`
        _config = config
    s = settings()
    configure_logging(s.log_level, s.log_format)
    parts = _with_start_line if sys.stderr.isatty() else standard_parts
    try:
        if role is not Role.ALL and s.postgres_url is None:
            raise fail(t("err.run.role_needs_postgres", role=role.value), 2)
        asyncio.run(serve(s, reload=lambda: load_settings(_config), parts=parts, role=role))
    except SettingsError as exc:  # e.g. an exposed API without a token
        raise fail(str(exc), 2) from exc
    except (StoreUnavailable, DatabaseTooNew, InstanceLocked) as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(
            t("err.run.cannot_listen", host=s.host, port=s.port, reason=exc.strerror or exc)
        ) from exc
    except KeyboardInterrupt:
        pass


def start_line(s: Settings, port: int) -> str:
    """The one line a person at a terminal reads when the daemon is up: where it listens,
    where the data and the webhook secret are, and what to try next."""
    host = f"[{s.host}]" if ":" in s.host else s.host
    if s.webhook_secret is not None:
        secret = t("run.secret.env")
    elif s.webhook_jwt_key is not None or s.webhook_hmac_secret is not None:
        secret = t("run.secret.signed")
    elif s.webhook_allow_unauthenticated:
        secret = t("run.secret.none")
    else:
        secret = t("run.secret.file", path=s.generated_secret_path)
    return t("run.started", url=f"http://{host}:{port}", data_dir=s.data_dir, secret=secret)


class _StartLine:
    """A service whose start prints `start_line` once the server listens (JSON logs stay
    for journald and pipes; this line only goes to a terminal)."""

    def __init__(self, daemon: Any) -> None:
        self.daemon = daemon

    async def start(self) -> None:
        port = self.daemon.port if self.daemon.port is not None else self.daemon.settings.port
        typer.echo(start_line(self.daemon.settings, port), err=True)

    async def stop(self) -> None:
        return None


def _with_start_line(daemon: Any) -> list[Part]:
    """The daemon's parts, and one more that says where it listens, on a terminal."""
    from reactiond.app import standard_parts

    return [*standard_parts(daemon), Part(name="start line", services=(_StartLine(daemon),))]


# -- queue ---------------------------------------------------------------------------


JsonOption = Annotated[bool, typer.Option("--json", help=t("opt.json"))]
JobId = Annotated[int, typer.Argument(help=t("arg.job_id"), show_default=False)]


@queue_app.command("list", help=t("cmd.queue.list"))
def queue_list(
    status: Annotated[str | None, typer.Option(help=t("opt.queue.status"))] = None,
    kind: Annotated[str | None, typer.Option(help=t("opt.queue.kind"))] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help=t("opt.limit"))] = 50,
    as_json: JsonOption = False,
) -> None:
    """List jobs, newest first."""
    if status is not None and status not in {s.value for s in JobStatus}:
        choices = ", ".join(s.value for s in JobStatus)
        raise fail(t("err.queue.unknown_status", status=status, choices=choices))
    jobs = with_store(lambda st: st.list_jobs(status, kind, limit))
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

    async def load(st: SqliteStore) -> tuple[Job | None, list[Any]]:
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
def queue_retry(job_id: JobId) -> None:
    """Give a dead job a fresh set of attempts, runnable now."""
    job = with_store(lambda st: st.retry_job(job_id, time.time()))
    if job is None:
        raise fail(t("err.queue.not_dead", job_id=job_id))
    typer.echo(t("ok.queue.retried", job_id=job_id))


@queue_app.command("stats", help=t("cmd.queue.stats"))
def queue_stats(as_json: JsonOption = False) -> None:
    """Jobs by status and kind, the oldest waiting job, deferred jobs, ignored events."""
    stats = with_store(lambda st: st.queue_stats(time.time()))
    data = stats_json(stats)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    by_status = ", ".join(f"{k} {v}" for k, v in stats.by_status.items())
    typer.echo(f"{t('out.queue.jobs')}: {by_status}")
    for kind, counts in sorted(stats.by_kind.items()):
        typer.echo(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    age = stats.oldest_queued_age_s
    typer.echo(f"{t('out.queue.oldest')}: {'-' if age is None else f'{age:.1f}s'}")
    typer.echo(f"{t('out.queue.deferred')}: {stats.deferred}")
    if stats.events_ignored:
        ignored = ", ".join(f"{k} {v}" for k, v in sorted(stats.events_ignored.items()))
        typer.echo(f"{t('out.queue.ignored')}: {ignored}")


# -- parse (from the nlp branch) -----------------------------------------------------


def _fail(message: str) -> None:
    # `reactiond:` and exit 1, like every other command (it said `error:` and exit 2).
    raise fail(message)


@app.command("parse", help=t("cmd.parse"))
def parse_command(
    parser: Annotated[
        str | None, typer.Argument(help=t("arg.parse.parser"), show_default=False)
    ] = None,
    text: Annotated[
        str | None, typer.Argument(help=t("arg.message_text"), show_default=False)
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help=t("opt.parse.now")),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(help=t("opt.parse.tz")),
    ] = None,
    lang: Annotated[str | None, typer.Option(help=t("opt.parse.lang"))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=t("opt.parse.json"))] = False,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help=t("opt.parse.batch"),
        ),
    ] = False,
) -> None:
    """Parse one message with a parser and show what it understood."""
    if batch:
        from reactiond.nlp.batch import run_batch

        bad = run_batch(sys.stdin, sys.stdout, sys.stderr)
        if bad:  # every line was still answered; say how many were not usable
            raise fail(t(f"err.parse.batch_failed.{'one' if bad == 1 else 'many'}", count=bad))
        return
    if parser is None or text is None:
        _fail(t("err.parse.missing"))
        return
    if lang is not None and lang not in ("es", "en", "pt", "fr"):
        _fail(t("err.unknown_lang", lang=lang))
    zone = tz or os.environ.get("REACTIOND_DEFAULT_TZ") or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        _fail(t("err.unknown_tz", zone=zone))
    try:
        when = datetime.fromisoformat(now) if now else datetime.now(ZoneInfo(zone))
    except ValueError:
        _fail(t("err.parse.bad_now", now=now))
        return
    from reactiond.nlp import parse

    try:
        result = parse(text, parser, now=when, tz=zone, lang=lang)
    except ValueError as e:
        _fail(str(e))
        return
    payload = result.prediction("cli")
    if as_json:
        payload.pop("id")
        if result.reason:
            payload["reason"] = result.reason
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    status = "ok" if result.success else f"refused ({result.reason})"
    typer.echo(f"{result.parser} [{result.language}] {status}")
    for key, value in (payload.get("data") or {}).items():
        if value in (None, [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if key == "bills" and isinstance(value, list):
            for bill in value:
                typer.echo(
                    f"  bill: {bill.get('vendor') or '-'}  {bill['amount']} {bill['currency']}"
                    + (f"  due {bill['due']}" if bill.get("due") else "")
                )
            continue
        typer.echo(f"  {key}: {shown}")


@app.command(help=t("cmd.demo"))
def demo() -> None:
    """Play a short es/en/pt conversation through a throw-away daemon and show the records
    and replies it makes. Needs no Evolution and leaves nothing behind."""
    from reactiond.demo import run_demo

    configure_logging("error", "console")  # the story is the output, not the log
    asyncio.run(run_demo(typer.echo))


# Sub-commands live in their own modules; imported last, since they use the helpers above.
from reactiond.cli_rules import rules_app  # noqa: E402

app.add_typer(rules_app, name="rules")
from reactiond.cli_people import people_app  # noqa: E402
from reactiond.cli_records import sub_apps  # noqa: E402

app.add_typer(people_app, name="people")
from reactiond.cli_store import store_app  # noqa: E402

app.add_typer(store_app, name="store")

for _name, _sub in sub_apps().items():
    app.add_typer(_sub, name=_name)


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)


# Sub-commands that live with their parts (imported for their registration).
from reactiond import cli_talkback  # noqa: E402, F401

# Sub-commands that live with the code they drive.
from reactiond.exports.cli import export_app, feeds_app  # noqa: E402

app.add_typer(export_app, name="export")
app.add_typer(feeds_app, name="feeds")


def _register_parts() -> None:
    from reactiond.ops.cli import register as register_ops

    register_ops(app)


_register_parts()
