"""How long does a `reactiond` command take to start, next to a five-line Typer app?

    python bench/startup.py [--runs 20]

Every row is a fresh process, timed from spawn to exit (wall clock), run `--runs` times
round-robin with every other row, so all rows share the machine's load of the moment; the
table shows the median and the fastest run, and each row's median over its baseline's
median in the same run. Baselines: a five-line Typer app printing its `--help` (for the help
rows) and running its one command (for the command rows). Target (issue 14): `reactiond
--help`, `reactiond tasks list` and the start-up of `reactiond parse --batch` at most 2× their
baseline.

- `reactiond tasks list` reads a real, migrated, empty database in a temporary data dir.
- `parse --batch` start-up: the same command with nothing on stdin (it loads the parsers on
  the first line). `parse --batch`, 1 line: one calendar case, parsers loaded and run; next
  to it, the bare parser process (`python -c` calling the same `run_batch`) shows what the
  CLI adds to whole-process parse throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FIVE_LINES = """import typer
app = typer.Typer()
@app.command()
def hello(name: str) -> None: typer.echo(f"hello {name}")
app()
"""
BARE_PARSER = (
    "import sys; from reactiond.nlp.batch import run_batch;"
    " sys.exit(1 if run_batch(sys.stdin, sys.stdout, sys.stderr) else 0)"
)
ONE_CASE = json.dumps(
    {
        "id": "c1",
        "parser": "calendar",
        "text": "reunión con Ana mañana a las 5pm",
        "now": "2026-03-02T10:00:00",
        "tz": "America/Mexico_City",
    }
)


@dataclass
class Row:
    name: str
    argv: list[str]
    baseline: str | None = None  # the row this one is compared with
    stdin: str = ""
    target: float | None = None  # at most this many times its baseline
    times: list[float] = field(default_factory=list)


def reactiond_argv() -> list[str]:
    """The console script users run, else `python -m reactiond`."""
    script = Path(sys.executable).with_name("reactiond")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reactiond"]


def migrated_data_dir(root: Path) -> Path:
    from reactiond.store.sqlite.store import SqliteStore

    data = root / "data"
    data.mkdir()

    async def create() -> None:
        store = SqliteStore(data / "reactiond.db")
        await store.open()
        await store.close()

    asyncio.run(create())
    return data


def rows(five: Path) -> list[Row]:
    r = reactiond_argv()
    py = sys.executable
    return [
        Row("five-line Typer app --help", [py, str(five), "--help"]),
        Row("five-line Typer app, its command", [py, str(five), "world"]),
        Row("reactiond --help", [*r, "--help"], "five-line Typer app --help", target=2.0),
        Row(
            "reactiond tasks list",
            [*r, "tasks", "list"],
            "five-line Typer app, its command",
            target=2.0,
        ),
        Row(
            "reactiond parse --batch start-up",
            [*r, "parse", "--batch"],
            "five-line Typer app, its command",
            target=2.0,
        ),
        Row("bare parser process, 1 line", [py, "-c", BARE_PARSER], stdin=ONE_CASE + "\n"),
        Row(
            "reactiond parse --batch, 1 line",
            [*r, "parse", "--batch"],
            "bare parser process, 1 line",
            stdin=ONE_CASE + "\n",
        ),
    ]


def run_once(row: Row, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        row.argv, input=row.stdin, env=env, capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{row.name}: exit {done.returncode}\n{done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="reactiond-startup-"))
    try:
        five = root / "five.py"
        five.write_text(FIVE_LINES, encoding="utf-8")
        env = {
            **os.environ,
            "REACTIOND_DATA_DIR": str(migrated_data_dir(root)),
            "REACTIOND_LANGUAGE": "en",
        }
        table = rows(five)
        for row in table:  # untimed: bytecode caches written, files in the page cache
            run_once(row, env)
        for _ in range(args.runs):
            for row in table:
                row.times.append(run_once(row, env))
        report(table, args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(table: list[Row], runs: int) -> None:
    from bench.common import machine

    medians = {row.name: statistics.median(row.times) for row in table}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{machine()}; {runs} runs each, round-robin; load average {load:.2f}")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print()
    print("| process | median ms | fastest ms | × baseline (median) | target |")
    print("|---|---:|---:|---:|---|")
    for row in table:
        median = medians[row.name]
        ratio = "" if row.baseline is None else f"{median / medians[row.baseline]:.2f}"
        target = ""
        if row.target is not None and row.baseline is not None:
            met = median / medians[row.baseline] <= row.target
            target = f"≤ {row.target:g}× {'met' if met else 'MISSED'}"
        print(
            f"| {row.name} | {median * 1000:.0f} | {min(row.times) * 1000:.0f} | {ratio} |"
            f" {target} |"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
