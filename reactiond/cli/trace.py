"""`reactiond trace MESSAGE_ID` (or `--reaction ID`): what happened to one message, from
the same read as `GET /api/trace/…` and the trace page (`reactiond.records.trace`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from reactiond.cli.common import fail, with_store
from reactiond.cli.text import t
from reactiond.outbox_report import text_of
from reactiond.records.errors import RecordNotFound
from reactiond.records.model import Record, iso_utc
from reactiond.records.trace import (
    AmbiguousMessage,
    Trace,
    TraceChange,
    read_any_reaction_trace,
    read_trace,
    trace_json,
)
from reactiond.store.media_repo import StoredMedia


def trace_command(
    ident: Annotated[str, typer.Argument(metavar="MESSAGE_OR_REACTION", help=t("arg.trace.id"))],
    instance: Annotated[
        str | None, typer.Option("--instance", help=t("opt.trace.instance"))
    ] = None,
    reaction: Annotated[bool, typer.Option("--reaction", help=t("opt.trace.reaction"))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=t("opt.json"))] = False,
) -> None:
    try:
        found = with_store(
            lambda st: st.read(
                lambda tx: (
                    read_any_reaction_trace(tx, ident, instance)
                    if reaction
                    else read_trace(tx, ident, instance)
                )
            )
        )
    except RecordNotFound as exc:
        raise fail(f"{exc.error}: {exc.hint}") from exc
    except AmbiguousMessage as exc:
        raise fail(f"{exc}: add --instance with one of {', '.join(exc.instances)}") from exc
    if as_json:
        typer.echo(json.dumps(trace_json(found), ensure_ascii=False, indent=2))
        return
    for line in trace_lines(found):
        typer.echo(line)


def media_line(media: StoredMedia) -> str:
    """📎 image/png · 12 KB · kept · ocr: what a message's file was (issue 23)."""
    kept = "kept" if media.has_bytes else "pruned" if media.pruned else "not_fetched"
    parts = [media.file_name or media.mimetype, media.mimetype if media.file_name else None]
    if media.size is not None:
        parts.append(f"{max(1, media.size // 1024)} KB")
    parts.append(t(f"trace.media.{kept}"))
    if media.read_method or media.read_error:
        parts.append(media.read_method or media.read_error)
    return "📎 " + " · ".join(p for p in parts if p)


def trace_lines(trace: Trace) -> list[str]:
    """The trace for a terminal, in the CLI's language (what the JSON holds, shorter)."""
    m = trace.message
    lines = [f"{t('trace.message')} {trace.message_id} ({trace.instance})"]
    if m is None:
        lines.append("  " + t("trace.unseen"))
    else:
        who = m.author_name or m.author_jid
        lines.append(f"  {iso_utc(m.sent_at)} · {who} · {m.chat_jid}")
        lines += ["  │ " + line for line in (m.text or "").splitlines() or [""]]
        if m.media is not None:
            lines.append("  " + media_line(m.media))
    if trace.changes_asked:
        lines.append("")
        lines.append(t("trace.changes_asked"))
        lines += ["  " + change_line(c) for c in trace.changes_asked]
    for r in trace.reactions:
        mark = "▶ " if trace.focus_reaction == r.id else ""
        emoji = r.emoji or t("trace.removed")
        who = r.reactor_name or r.reactor_jid
        lines.append("")
        lines.append(
            mark + t("trace.reaction", id=r.id, emoji=emoji, who=who, at=iso_utc(r.sent_at))
        )
        if r.unseen_at is not None:
            lines.append("  " + t("trace.gave_up_unseen", at=iso_utc(r.unseen_at)))
        if r.run_again_at is not None:
            lines.append("  " + t("trace.run_again", at=iso_utc(r.run_again_at)))
        if r.why_none is not None:
            lines.append(f"  {t('trace.no_rule')}: {r.why_none.text}")
        for a in r.actions:
            lines.append(
                "  " + t("trace.rule", rule=a.rule_name, action=a.action, outcome=a.outcome)
            )
            if a.parse is not None:
                p = a.parse
                parse = t("trace.parse", parser=p.parser, lang=p.language, confidence=p.confidence)
                lines.append("    " + parse + (f" · {p.reason}" if p.reason else ""))
            for rec in a.records:
                lines.append(f"    {t('trace.record')}: {record_line(rec)}")
            lines += ["    " + change_line(c) for c in a.changes]
            for o in a.replies:
                lines.append("    " + t("trace.reply", id=o.id, status=o.status, to=o.destination))
                if o.last_error:
                    lines.append(f"      {t('trace.last_error')}: {o.last_error}")
                lines += ["      │ " + line for line in text_of(o).splitlines()]
    return lines


def change_line(c: TraceChange) -> str:
    """A change made from the chat: how, by whom, when, to which record, what."""
    who = c.person_name or c.person_jid or t("trace.by_author")
    how = t(f"trace.via.{c.via}")
    return (
        t("trace.change", how=how, who=who, at=iso_utc(c.at), kind=c.record_kind, id=c.record_id)
        + f": {c.summary}"
    )


def record_line(rec: Record) -> str:
    data = rec.model_dump(mode="json")
    name = data.get("title") or data.get("vendor") or ""
    when = data.get("due") or data.get("start") or ""
    amount = f" {data['amount']} {data['currency']}" if "amount" in data else ""
    return f"{rec.kind} #{rec.id} {name}{amount} {when} [{rec.status}]".replace("  ", " ")
