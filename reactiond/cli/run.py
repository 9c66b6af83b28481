"""`reactiond run`: the daemon (webhook server, worker and outbox) until SIGTERM or Ctrl-C."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated, Any

import typer

from reactiond.cli.common import ConfigOption, config_path, fail, settings, use_config
from reactiond.cli.text import t
from reactiond.logs import configure_logging
from reactiond.part import Part, Role
from reactiond.settings import Settings, SettingsError, load_settings
from reactiond.store.interface import DatabaseTooNew, StoreUnavailable

RoleOption = Annotated[Role, typer.Option("--role", help=t("opt.run.role"))]


def run(config: ConfigOption = None, role: RoleOption = Role.ALL) -> None:
    """Run the daemon: webhook server, worker and outbox, until SIGTERM or Ctrl-C."""
    if config is not None:  # `reactiond run --config x` as well as `reactiond --config x run`
        use_config(config)
    s = settings()
    configure_logging(s.log_level, s.log_format)
    if role is not Role.ALL and s.postgres_url is None:
        raise fail(t("err.run.role_needs_postgres", role=role.value), 2)
    # The daemon's modules (~1 s of CPU to import) load once the settings are read and the
    # role allowed: a refusal above comes without them.
    from reactiond.app import serve, standard_parts
    from reactiond.ops.lock import InstanceLocked

    parts = _with_start_line if sys.stderr.isatty() else standard_parts
    try:
        asyncio.run(serve(s, reload=lambda: load_settings(config_path()), parts=parts, role=role))
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
