"""`reactiond outbox …`: the replies waiting, sent or dead; thin over the outbox
repository, as `/api/outbox` is."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer

from reactiond.cli.common import (
    JsonOption,
    fail,
    for_the_cli,
    more_than_shown,
    row_id,
    with_store,
)
from reactiond.cli.text import t
from reactiond.outbox_report import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ReplyNotRetryable,
    first_line,
    outbox_json,
    parse_outbox_query,
    retry_reply,
)
from reactiond.records.errors import InvalidFilter, RecordNotFound
from reactiond.store import outbox
from reactiond.store.interface import Transaction
from reactiond.store.outbox import OutboxRow

outbox_app = typer.Typer(help=t("app.outbox"), no_args_is_help=True)
ReplyId = Annotated[
    int, row_id(t("arg.reply_id"), lambda reply_id: t("err.outbox.no_reply", reply_id=reply_id))
]


@outbox_app.command("list", help=t("cmd.outbox.list"))
def outbox_list(
    status: Annotated[str | None, typer.Option(help=t("opt.outbox.status"))] = None,
    limit: Annotated[int, typer.Option(help=t("opt.limit"))] = DEFAULT_LIMIT,
    as_json: JsonOption = False,
) -> None:
    """The newest replies, optionally of one status (dead ones carry their reason)."""
    params = {"limit": str(limit), **({"status": status} if status else {})}
    try:
        q = parse_outbox_query(params)  # the checks GET /api/outbox makes
    except InvalidFilter as exc:
        raise fail(for_the_cli(f"{exc.error}; {exc.hint}")) from exc

    def read(tx: Transaction) -> list[OutboxRow]:
        return outbox.list_rows(tx, statuses=q.statuses, limit=q.limit + 1)  # one more: any?

    found = with_store(lambda st: st.read(read))
    rows = found[: q.limit]
    _print_rows(rows, status, as_json)
    if len(found) > q.limit:
        more_than_shown(len(rows), limit=q.limit, most=MAX_LIMIT, command="reactiond outbox list")


def _print_rows(rows: list[OutboxRow], status: str | None, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([outbox_json(r) for r in rows], ensure_ascii=False))
        return
    if not rows:
        typer.echo(
            t("ok.outbox.none_with_status", status=status) if status else t("ok.outbox.none")
        )
    for r in rows:
        line = f"{r.id:>6} {r.status:<9} {r.kind:<8} {r.instance} → {r.destination} x{r.attempts}"
        line += f"  {first_line(r)}"  # the whole text: `reactiond outbox show ID`
        if r.last_error and r.status != "sent":
            line += f"  ({r.last_error})"
        typer.echo(line)


@outbox_app.command("show", help=t("cmd.outbox.show"))
def outbox_show(
    reply_id: ReplyId,
    as_json: JsonOption = False,
) -> None:
    """One reply with its whole text, where it goes, its attempts and last error."""
    row = with_store(lambda st: st.read(lambda tx: outbox.get(tx, reply_id)))
    if row is None:
        raise fail(t("err.outbox.no_reply", reply_id=reply_id))
    data = outbox_json(row)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for key, value in data.items():
        if key != "text":
            typer.echo(f"{key:>15}: {'' if value is None else value}")
    typer.echo("")
    typer.echo(data["text"])


@outbox_app.command("retry", help=t("cmd.outbox.retry"))
def outbox_retry(
    reply_id: ReplyId,
) -> None:
    """Send a dead reply again now (the running daemon picks it up within 30 s)."""
    try:
        with_store(lambda st: st.write(lambda tx: retry_reply(tx, reply_id, time.time())))
    except RecordNotFound as exc:
        raise fail(t("err.outbox.no_reply", reply_id=reply_id)) from exc
    except ReplyNotRetryable as exc:
        raise fail(t("err.outbox.not_retryable", reply_id=reply_id)) from exc
    typer.echo(t("ok.outbox.retried", reply_id=reply_id))
