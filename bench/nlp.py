"""Per-message cost of `reactiond.nlp.parse` on one core, and the memory of a process using it.

    python bench/nlp.py [--cases PATH] [--rounds N] [--cpu N]

Pins the process to one CPU, loads the dev corpus, runs every case once to warm up (language
profiles, regex caches), then `--rounds` timed rounds over all cases. Each call is timed twice:
`perf_counter_ns` (wall latency) and `thread_time_ns` (CPU time: what the call costs, without
the time the process sat preempted when the machine is shared). Language is detected
(lang=None), as in production. Prints one table: per parser and overall median, p99 and max
latency, CPU median and p99, messages/s; then the process's resident set (VmRSS now, VmHWM
peak) with the parsers loaded and used; then the daemon's own parser process (`ParsePool`,
spawned as `reactiond run` spawns it) after parsing every case, and again after a text with
no language cue from an unknown zone has made it load the statistical detector's models for
all four languages (the worst case). Targets (issue 15): median ≤ 150 µs, p99 ≤ 2 ms, the
parser process ≤ 30 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Issue 15 (guidelines version 2): median ≤ 150 µs, p99 ≤ 2 ms on one core, and the loaded
# parsers within 30 MB: the parser process the daemon runs, measured as it runs.
MEDIAN_TARGET_US = 150.0
P99_TARGET_US = 2000.0
RSS_TARGET_MB = 30.0


def default_corpus() -> Path:
    for candidate in (
        os.environ.get("REACTIOND_NLP_CORPUS", ""),
        ROOT.parent / "shared/nlp/dev.jsonl",
        ROOT.parent.parent / "shared/nlp/dev.jsonl",
        Path("/work/shared/nlp/dev.jsonl"),
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit("error: dev corpus not found; pass --cases PATH")


@dataclass(frozen=True)
class Case:
    parser: str
    text: str
    now: datetime
    tz: str


def load(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            c: dict[str, Any] = json.loads(line)
            cases.append(Case(c["parser"], c["text"], datetime.fromisoformat(c["now"]), c["tz"]))
    return cases


def status_mb(field: str) -> float:
    """A VmRSS/VmHWM line of /proc/self/status, in MB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pin_one_core(cpu: int | None) -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    if cpu is None:
        cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"cpu {cpu}"


def percentile(sorted_ns: list[int], q: float) -> float:
    index = min(len(sorted_ns) - 1, max(0, round(q * (len(sorted_ns) - 1))))
    return sorted_ns[index] / 1000


def parser_process_mb(cases: list[Case]) -> tuple[float, float]:
    """VmRSS of the daemon's parser process after every case, and its VmHWM after the worst
    case for the language detector."""
    from reactiond.engine.parse_pool import ParsePool

    pool = ParsePool(60.0)
    try:
        for c in cases:
            pool.parse(c.text, c.parser, now=c.now, tz=c.tz)
        after_cases = process_status_mb(pool.pid, "VmRSS")
        pool.parse("ok ok", "note", now=cases[0].now, tz="UTC")  # no cue, no zone, no hint
        return after_cases, process_status_mb(pool.pid, "VmHWM")
    finally:
        pool._close()  # the bench owns this pool; stop() is its async twin


def process_status_mb(pid: int | None, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=None, help="JSONL corpus (default: dev.jsonl)")
    ap.add_argument("--rounds", type=int, default=30, help="timed rounds over the corpus")
    ap.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the first)")
    args = ap.parse_args(argv)
    cases = load(args.cases or default_corpus())
    pinned = pin_one_core(args.cpu)
    loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rss_before = status_mb("VmRSS")

    from reactiond.nlp import parse

    for c in cases:  # warm-up
        parse(c.text, c.parser, now=c.now, tz=c.tz)
    wall_ns: dict[str, list[int]] = {}
    cpu_ns: dict[str, list[int]] = {}
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    wall0 = clock()
    for _ in range(args.rounds):
        for c in cases:
            t0, c0 = clock(), cpu_clock()
            parse(c.text, c.parser, now=c.now, tz=c.tz)
            c1, t1 = cpu_clock(), clock()
            wall_ns.setdefault(c.parser, []).append(t1 - t0)
            cpu_ns.setdefault(c.parser, []).append(c1 - c0)
    wall = (clock() - wall0) / 1e9
    rss, hwm = status_mb("VmRSS"), status_mb("VmHWM")

    names = sorted(wall_ns)
    rows = [(n, sorted(wall_ns[n]), sorted(cpu_ns[n])) for n in names]
    rows.append(
        (
            "all",
            sorted(ns for n in names for ns in wall_ns[n]),
            sorted(ns for n in names for ns in cpu_ns[n]),
        )
    )
    print(
        f"reactiond.nlp.parse, {len(cases)} dev cases x {args.rounds} rounds, one core "
        f"({pinned}), Python {platform.python_version()}, language detected, "
        f"load average {loadavg:.2f} at start"
    )
    print()
    header = ("parser", "calls", "median µs", "p99 µs", "max µs", "CPU median µs", "CPU p99 µs",
              "msg/s (1 core)")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|---|" + "---:|" * (len(header) - 1))
    for name, wall_lat, cpu_lat in rows:
        rate = len(wall_lat) / (sum(wall_lat) / 1e9)
        print(
            f"| {name} | {len(wall_lat)} | {statistics.median(wall_lat) / 1000:.1f} | "
            f"{percentile(wall_lat, 0.99):.1f} | {wall_lat[-1] / 1000:.1f} | "
            f"{statistics.median(cpu_lat) / 1000:.1f} | {percentile(cpu_lat, 0.99):.1f} | "
            f"{rate:,.0f} |"
        )
    _, every, every_cpu = rows[-1]
    median_us, p99_us = statistics.median(every) / 1000, percentile(every, 0.99)
    p99_cpu_us = percentile(every_cpu, 0.99)
    print()
    print(f"wall time for all rounds: {wall:.2f} s ({len(every) / wall:,.0f} messages/s)")
    print(
        f"RSS: {rss_before:.1f} MB before import, {rss:.1f} MB with parsers loaded and used, "
        f"peak {hwm:.1f} MB"
    )
    process_rss, worst_rss = parser_process_mb(cases)
    print(
        f"parser process (as the daemon spawns it): {process_rss:.1f} MB after every case, "
        f"{worst_rss:.1f} MB peak once the detector holds all four languages"
    )
    verdict = {
        f"median ≤ {MEDIAN_TARGET_US:.0f} µs": median_us <= MEDIAN_TARGET_US,
        f"p99 ≤ {P99_TARGET_US / 1000:.0f} ms (wall)": p99_us <= P99_TARGET_US,
        f"p99 ≤ {P99_TARGET_US / 1000:.0f} ms (CPU)": p99_cpu_us <= P99_TARGET_US,
        f"parser process ≤ {RSS_TARGET_MB:.0f} MB": worst_rss <= RSS_TARGET_MB,
    }
    print("targets: " + ", ".join(f"{k}: {'met' if ok else 'MISSED'}" for k, ok in verdict.items()))
    return 0 if all(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
