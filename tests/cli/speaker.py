"""The CLI in one language, as one long-lived process: what the language tests ask it.

The CLI chooses its language once, at import (reactiond/cli/text.py), from the locale the
process starts with; a test of another language needs another process. Starting one per
command cost ~1 s of CPU each (the interpreter, Typer, the commands' imports): the
per-language tests were ~70 processes and the largest CPU share of tests/cli. A `Speaker`
is one process started with only LANG set, exactly as `python -m reactiond` would be; it
imports the CLI once, then runs each command it is sent through Click's own runner
(`typer.testing.CliRunner`) with that command's environment, and answers its exit code,
stdout and stderr.

What this does not cover, and stays a real `python -m reactiond` process in the tests: the
console entry point itself, an exit code as the shell sees it, the language chosen from
REACTIOND_LANGUAGE over the locale, a daemon's start (`run` with valid settings), signals
and terminals.

Run as `python -m tests.cli.speaker` it is the serving side: JSON lines in on stdin, JSON
lines out on the stdout it was started with (the commands' own stdout is the runner's).
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from tests.log_sink import reset_logging

# Not tests.fixtures.REPO: that module imports pytest, which the serving side does not need.
REPO = Path(__file__).resolve().parents[2]
PROG = "python -m reactiond"  # what Click calls the CLI run as `python -m reactiond`
DEADLINE = 120.0  # seconds for one command (a loaded CI machine): only a hang waits this


def clean_env(locale: str, **extra: str) -> dict[str, str]:
    """The caller's environment without anything that picks a language, then LANG."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} and not k.startswith("REACTIOND_")
    }
    return {**env, "LANG": locale, **extra}


class Speaker:
    """One CLI process started in `locale`; `run` is `python -m reactiond ARGS` in it."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (its stderr, kept open while it runs, read back if it dies)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.cli.speaker"],
            cwd=REPO,
            env=clean_env(locale),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )

    def _ask(self, request: dict[str, Any]) -> Any:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        ready, _, _ = select.select([self._proc.stdout], [], [], DEADLINE)
        line = self._proc.stdout.readline() if ready else ""
        if not line:
            self._proc.kill()
            self._log.seek(0)
            said = self._log.read().decode("utf-8", "replace")
            raise AssertionError(
                f"the {self.locale} CLI process gave no answer to {request}:\n{said}"
            )
        return json.loads(line)

    def run(self, data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        """`reactiond ARGS` with REACTIOND_DATA_DIR=data_dir and `env` on top of the
        process's own, as `subprocess.run` would answer it."""
        answer = self._ask(
            {"args": list(args), "env": {"REACTIOND_DATA_DIR": str(data_dir), **env}}
        )
        return subprocess.CompletedProcess(
            [PROG, *args], answer["exit"], answer["stdout"], answer["stderr"]
        )

    def help_pages(self) -> list[dict[str, Any]]:
        """Every command's and group's `--help`, with the help texts Click holds for it."""
        pages: list[dict[str, Any]] = self._ask({"walk": True})
        return pages

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()  # it ends at EOF
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()


_speakers: dict[str, Speaker] = {}


def speaker(locale: str) -> Speaker:
    """This pytest process's CLI process for `locale`, started on first use."""
    if locale not in _speakers:
        _speakers[locale] = Speaker(locale)
    return _speakers[locale]


@atexit.register
def _close_all() -> None:
    for s in _speakers.values():
        s.close()
    _speakers.clear()


# -- the serving side ---------------------------------------------------------------------


def _walk(app: Any) -> list[dict[str, Any]]:
    import typer.main
    from typer.testing import CliRunner

    pages: list[dict[str, Any]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        params = {p.name: getattr(p, "help", None) for p in cmd.params if p.name != "help"}
        result = CliRunner(env={"COLUMNS": "250"}).invoke(
            app, [*path, "--help"], prog_name="reactiond"
        )
        pages.append(
            {
                "path": path,
                "help": cmd.help,
                "params": params,
                "page": result.output,
                "exit": result.exit_code,
            }
        )
        if hasattr(cmd, "list_commands"):  # a group (Typer ships its own Click)
            ctx = cmd.make_context("reactiond", [], resilient_parsing=True)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), [*path, name])

    walk(typer.main.get_command(app), [])
    return pages


def _serve(requests: IO[str], answers: IO[str]) -> None:
    import traceback

    from typer.testing import CliRunner

    from reactiond.cli.main import app  # the language is chosen here, from LANG

    for line in requests:
        request = json.loads(line)
        if request.get("walk"):
            answer: Any = _walk(app)
        else:
            env = {"COLUMNS": "250", **request["env"]}
            result = CliRunner(env=env).invoke(app, request["args"], prog_name=PROG)
            stderr = result.stderr
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                # What the real process would print before exiting 1: the test shows it.
                assert result.exc_info is not None
                stderr += "".join(traceback.format_exception(*result.exc_info))
            answer = {"exit": result.exit_code, "stdout": result.stdout, "stderr": stderr}
            # The CLI points structlog at the runner's stderr, closed once it returns.
            reset_logging()
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    # The answers go out on the stdout this process was started with; anything else that
    # writes to file descriptor 1 (a tool a command runs) lands in stderr instead.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    _serve(sys.stdin, out)
