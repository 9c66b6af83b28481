"""How long does a `reactiond` command take to start, next to a five-line Typer app?

    python bench/startup.py [--runs 20] [--before DIR]

Every row is a fresh process, run `--runs` times round-robin with every other row, so all
rows share the machine's load of the moment; each is timed two ways: the CPU time the process
used (user + system, its own rusage) and the wall clock from spawn to exit. On a quiet
machine the two agree; on a busy one the wall clock also counts the wait for a core, so the
target is checked on the CPU time. The table shows medians (and the fastest wall time), and
each row's median over its baseline's median in the same run. Baselines: a five-line Typer
app printing its `--help` (for the help rows) and running its one command (for the command
rows). Target (issue 14): `reactiond --help`, `reactiond tasks list` and the start-up of
`reactiond parse --batch` at most 2× their baseline.

- `--before DIR`: a checkout of an older tree (e.g. `git archive <commit> reactiond | tar -x
  -C DIR`); its `python -m reactiond` runs the same three commands in the same rounds, for a
  before/after figure taken under the same load.
- `reactiond tasks list` reads a real, migrated, empty database in a temporary data dir.
- `parse --batch` start-up: the same command with nothing on stdin (the parsers load as
  `reactiond.nlp.batch` is imported); the bare parser process (`python -c` calling the same
  `run_batch`) with nothing on stdin shows how much of it is the parsers' own loading.
- `parse --batch`, 1 line: one calendar case, parsers loaded and run; next to it, the bare
  parser process with the same line shows what the CLI adds to whole-process throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
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
    env: dict[str, str] = field(default_factory=dict)  # on top of the common environment
    times: list[float] = field(default_factory=list)  # wall clock, spawn to exit
    cpu: list[float] = field(default_factory=list)  # the child's user + system CPU time


def migrated_data_dir(root: Path) -> Path:
    from reactiond.logs import configure_logging
    from reactiond.store.sqlite.store import SqliteStore

    configure_logging("warning", "console")
    data = root / "data"
    data.mkdir()

    async def create() -> None:
        store = SqliteStore(data / "reactiond.db")
        await store.open()
        await store.close()

    asyncio.run(create())
    return data


def rows(five: Path, before: Path | None) -> list[Row]:
    py = sys.executable
    r = [py, "-m", "reactiond"]  # as the --before tree runs: the same entry point
    now = [
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
        Row(
            "bare parser process start-up",
            [py, "-c", BARE_PARSER],
            "five-line Typer app, its command",
        ),
        Row("bare parser process, 1 line", [py, "-c", BARE_PARSER], stdin=ONE_CASE + "\n"),
        Row(
            "reactiond parse --batch, 1 line",
            [*r, "parse", "--batch"],
            "bare parser process, 1 line",
            stdin=ONE_CASE + "\n",
        ),
    ]
    return now if before is None else [*now, *before_rows(before)]


def before_rows(tree: Path) -> list[Row]:
    env = {"PYTHONPATH": str(tree.resolve())}  # ahead of the installed reactiond
    r = [sys.executable, "-m", "reactiond"]
    return [
        Row("before: reactiond --help", [*r, "--help"], "five-line Typer app --help", env=env),
        Row(
            "before: reactiond tasks list",
            [*r, "tasks", "list"],
            "five-line Typer app, its command",
            env=env,
        ),
        Row(
            "before: reactiond parse --batch start-up",
            [*r, "parse", "--batch"],
            "five-line Typer app, its command",
            env=env,
        ),
    ]


def run_once(row: Row, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process. The CPU time is the child's own
    (RUSAGE_CHILDREN grows by exactly that child once it is reaped): on a busy machine the
    wall clock also counts the wait for a core, the CPU time does not."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        row.argv,
        input=row.stdin,
        env={**env, **row.env},
        cwd=cwd,  # not a checkout: `python -m` puts the working directory first on sys.path
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{row.name}: exit {done.returncode}\n{done.stderr}")
    return took, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--before", type=Path, help="an older tree's directory holding reactiond/")
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
        table = rows(five, args.before)
        for row in table:  # untimed: bytecode caches written, files in the page cache
            run_once(row, env, root)
        for _ in range(args.runs):
            for row in table:
                wall, cpu = run_once(row, env, root)
                row.times.append(wall)
                row.cpu.append(cpu)
        report(table, args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(table: list[Row], runs: int) -> None:
    from bench.common import machine

    wall = {row.name: statistics.median(row.times) for row in table}
    cpu = {row.name: statistics.median(row.cpu) for row in table}
    load = os.getloadavg()[0]
    print(f"{machine()}; {runs} runs each, round-robin; load average {load:.2f}")
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print()
    print(
        "| process | CPU ms (median) | × baseline (CPU) | wall ms (median) | wall ms (fastest)"
        " | × baseline (wall) | target (CPU) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in table:
        cpu_ratio = wall_ratio = target = ""
        if row.baseline is not None:
            cpu_ratio = f"{cpu[row.name] / cpu[row.baseline]:.2f}"
            wall_ratio = f"{wall[row.name] / wall[row.baseline]:.2f}"
        if row.target is not None and row.baseline is not None:
            met = cpu[row.name] / cpu[row.baseline] <= row.target
            target = f"≤ {row.target:g}× {'met' if met else 'MISSED'}"
        print(
            f"| {row.name} | {cpu[row.name] * 1000:.0f} | {cpu_ratio} |"
            f" {wall[row.name] * 1000:.0f} | {min(row.times) * 1000:.0f} | {wall_ratio} |"
            f" {target} |"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
