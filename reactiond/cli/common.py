"""What every command shares: the `--config` option, the settings, the store opened for
one command, and one-line errors in the CLI's language."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from pydantic_core import PydanticKnownError

from reactiond.cli.click import say
from reactiond.cli.text import t
from reactiond.whole_number import MAX_ID

if TYPE_CHECKING:
    from reactiond.settings import InvalidSettings, Settings
    from reactiond.store.interface import Store

# The settings (pydantic), the store (apsw) and the logging set-up are imported by the
# functions that use them: `reactiond --help` and a typo's one-line error need none of it.

T = TypeVar("T")

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help=t("opt.config")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=t("opt.json"))]

_config: Path | None = None


def use_config(path: Path | None) -> None:
    """The `--config` file this process reads its settings from (None: the environment)."""
    global _config
    _config = path


def config_path() -> Path | None:
    return _config


def fail(message: str, code: int = 1) -> typer.Exit:
    """One line saying what is wrong and what to do; non-zero exit. Reasons from lower
    layers (pydantic, rules, settings) are English: said again in the CLI's language."""
    typer.echo(f"reactiond: {say(message)}", err=True)
    return typer.Exit(code)


_INTEGER = re.compile(r"-?[0-9]+")


def row_id(help: str, missing: Callable[[str], str]) -> Any:
    """A command's id argument (a job's, a reply's, a task's): a whole number.

    One the store cannot hold (past a signed 64-bit integer) names no row: the command
    says what it says of a missing id, `missing(id)`, with the same exit code, as the
    JSON API answers 404, instead of a traceback from binding it (OverflowError)."""

    def parse(text: Any) -> int:
        if isinstance(text, int):
            return text
        if not isinstance(text, str) or not _INTEGER.fullmatch(text.strip()):
            # What typer (pydantic) says of text that is not a number, as before.
            raise PydanticKnownError("int_parsing")
        digits = text.strip()
        # Before int(): past 4,300 digits it refuses any text (CPython's guard).
        if len(digits.lstrip("-").lstrip("0")) > len(str(MAX_ID)) or not (
            -MAX_ID - 1 <= int(digits) <= MAX_ID
        ):
            raise fail(missing(digits))
        return int(digits)

    return typer.Argument(help=help, show_default=False, parser=parse)


def more_than_shown(shown: int, *, limit: int, most: int, command: str) -> None:
    """After a listing cut at `--limit` (`shown` rows, more matching): say so on stderr,
    and how to see more, rather than stop there silently. `most`: the largest --limit."""
    if limit < most:
        said = t("out.list.more", shown=shown, most=most, command=command)
    else:
        said = t("out.list.more_than_most", shown=shown, command=command)
    typer.echo(said, err=True)


def for_the_cli(message: str) -> str:
    """The records' errors speak the API's words (`due_from=`, `GET /api/tasks`); on the
    command line, say the option and the command instead."""
    message = re.sub(r"\b(kind|sort|status|reactor|chat)=", r"--\1 ", message)
    message = re.sub(r"^limit (?='[^']*' is not a number)", "--limit ", message)
    message = re.sub(r"\bq=", "--text ", message)
    message = re.sub(r"\b(?:due|start)_(from|to)=", r"--\1 ", message)
    message = re.sub(r"\b(?:due|start)_(from|to)\b", r"--\1", message)
    return re.sub(
        r"list them with GET /api/([a-z-]+)",
        lambda m: f"`reactiond {'events' if m[1] == 'calendar-events' else m[1]} list` shows them",
        message,
    )


def settings() -> Settings:
    from reactiond.settings import InvalidSettings, SettingsError, load_settings

    try:
        return load_settings(_config)
    except InvalidSettings as exc:
        raise fail(t("err.settings.invalid", problems=_problems(exc)), 2) from exc
    except SettingsError as exc:
        raise fail(str(exc), 2) from exc


def _problems(exc: InvalidSettings) -> str:
    """The settings' problems, in the CLI's language where it has the words."""
    from reactiond.settings import (
        MAKE_SECRET,
        MIN_SECRET_CHARS,
        SECRET_TOO_SHORT,
        UNKNOWN_SETTING,
        nearest_setting,
    )

    if not exc.errors:
        return exc.problems
    too_short = t("err.settings.secret_too_short", minimum=MIN_SECRET_CHARS, command=MAKE_SECRET)

    def worded(name: str, kind: str, reason: str) -> str:
        if kind == SECRET_TOO_SHORT:
            return too_short
        if kind == UNKNOWN_SETTING:
            close = nearest_setting(name.rsplit(".", 1)[-1])
            return (
                t("err.settings.unknown_like", like=close) if close else t("err.settings.unknown")
            )
        return reason

    return "; ".join(f"{name}: {worded(name, kind, reason)}" for name, kind, reason in exc.errors)


def with_store(fn: Callable[[Store], Awaitable[T]], *, create: bool = False) -> T:
    """Open the store for one CLI command (migrating it if needed), run, close.

    Only commands that set things up before the first start (`create=True`: adding rules,
    connecting Evolution) may create the database. Any other command on a data dir without
    one is almost always pointed at the wrong directory (under systemd, run without
    `reactiond-admin`): an empty database there would only answer "nothing" (issue 16)."""
    import asyncio

    from reactiond.logs import configure_logging
    from reactiond.store import store_for
    from reactiond.store.interface import DatabaseTooNew, StoreUnavailable

    s = settings()
    configure_logging("warning", s.log_format)
    if not create and s.postgres_url is None and not s.database_path.exists():
        raise fail(t("err.no_database", path=s.database_path, data_dir=s.data_dir))

    async def run() -> T:
        store = store_for(s)
        await store.open()
        try:
            return await fn(store)
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except (StoreUnavailable, DatabaseTooNew) as exc:
        raise fail(str(exc)) from exc
