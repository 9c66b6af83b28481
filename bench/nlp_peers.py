"""reactiond's parser side by side with dateparser, chrono-node and price-parser, in one run.

    python bench/nlp_peers.py [--cases PATH]

Same inputs for every system: each dev case's text, its `now` (the local wall clock), and its
labelled language (given to every system, ours included, so language detection plays no part).
Fields (over the cases whose expected success is true):

- task due, calendar start: the value as score.py compares it (`YYYY-MM-DD`, or
  `YYYY-MM-DDTHH:MM` when a time is given; a task with no due date must yield none);
- time of day: over the expected values that carry a time, the HH:MM is right;
- bill due: the set of distinct due dates of the message's bills is right (a set, because the
  date libraries do not split a message into bills);
- amount: the list of the bills' amounts, in order.

Peers, as an afternoon pipeline would use them:
- dateparser `search_dates(text, languages=[lang], settings={"RELATIVE_BASE": now,
  "PREFER_DATES_FROM": "future"})`: the date of the first match; a time from the first match
  whose text shows a clock time (digits with ":"/"h"/am/pm, "a las 5", noon words);
- chrono-node (`bench/peers/chrono_batch.js`, one Node process for the whole batch, `chrono.es`,
  `chrono.pt`, `chrono.en`, `forwardDate: true`): the date of the first result; a time from the
  first result whose hour is certain;
- price-parser `Price.fromstring` on each segment of the message (split at newline , ; + and
  y/and/e, the guidelines' separators) for amounts; the date libraries have no amounts (n/a).

Messages/s, two ways, the same for every system: "warm" is the parsing time of one pass over the
task, calendar and bill cases after an untimed warm-up pass over the same cases (chrono-node
timed inside Node); "cold process" is the wall time of a fresh process (Python or Node) that
loads the library and parses every case once, start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEERS = ROOT / "bench" / "peers"

PARSERS = ("task", "calendar", "bill")


@dataclass(frozen=True)
class Case:
    id: str
    parser: str
    text: str
    now: datetime
    tz: str
    lang: str
    success: bool
    expected: dict[str, Any]


@dataclass
class Found:
    """What one system found in one message."""

    when: list[tuple[date, str | None]] = field(default_factory=list)  # (date, "HH:MM" | None)
    amounts: list[Decimal] | None = None  # None: the system has no amounts


@dataclass
class Row:
    name: str
    found: dict[str, Found]
    seconds: float
    messages: int = 0  # how many messages `seconds` covers
    cold_seconds: float | None = None  # a fresh process over the same messages, start-up included
    note: str = ""
    skipped: str | None = None
    has_dates: bool = True
    has_amounts: bool = True


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


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


def load(path: Path) -> list[Case]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c = json.loads(line)
        if c["parser"] not in PARSERS:
            continue
        e = c["expected"]
        out.append(
            Case(
                id=c["id"],
                parser=c["parser"],
                text=c["text"],
                now=datetime.fromisoformat(c["now"]),
                tz=c["tz"],
                lang=e["language"],
                success=e["success"],
                expected=e.get(c["parser"]) or {},
            )
        )
    return out


# ------------------------------------------------------------------ scoring (one rule for all)
def render(when: tuple[date, str | None] | None) -> str | None:
    if when is None:
        return None
    d, hm = when
    return d.isoformat() if hm is None else f"{d.isoformat()}T{hm}"


def first_when(found: Found) -> tuple[date, str | None] | None:
    if not found.when:
        return None
    d = found.when[0][0]
    hm = next((t for _, t in found.when if t is not None), None)
    return d, hm


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def pct(self) -> str:
        return f"{100 * self.right / self.total:.1f} %" if self.total else "n/a"


def score(cases: Sequence[Case], row: Row) -> dict[str, Tally]:
    t = {k: Tally() for k in ("task due", "calendar start", "time of day", "bill due", "amount")}
    for c in cases:
        if not c.success:
            continue
        got = row.found.get(c.id, Found())
        if c.parser in ("task", "calendar"):
            key = "due" if c.parser == "task" else "start"
            expected = c.expected.get(key)
            predicted = render(first_when(got))
            t["task due" if c.parser == "task" else "calendar start"].add(predicted == expected)
            if expected is not None and "T" in expected:
                t["time of day"].add(predicted is not None and predicted[11:] == expected[11:])
        else:
            bills = c.expected["bills"]
            want = {b["due"] for b in bills if b["due"] is not None}
            have = {d.isoformat() for d, _ in got.when}
            t["bill due"].add(want == have)
            if got.amounts is not None:
                t["amount"].add(got.amounts == [Decimal(b["amount"]) for b in bills])
    return t


# ------------------------------------------------------------------ reactiond
def run_ours(cases: Sequence[Case], warm: bool = True) -> Row:
    from reactiond.nlp import parse
    from reactiond.nlp.result import BillData, CalendarData, TaskData

    for c in cases if warm else ():  # warm-up pass, untimed (every system gets one)
        parse(c.text, c.parser, now=c.now, tz=c.tz, lang=c.lang)
    found: dict[str, Found] = {}
    elapsed = 0.0
    for c in cases:
        t0 = time.perf_counter()
        r = parse(c.text, c.parser, now=c.now, tz=c.tz, lang=c.lang)
        elapsed += time.perf_counter() - t0
        f = Found(amounts=[])
        data = r.data
        values: list[date | datetime | None] = []
        if isinstance(data, TaskData):
            values = [data.due]
        elif isinstance(data, CalendarData):
            values = [data.start]
        elif isinstance(data, BillData):
            values = [b.due for b in data.bills]
            f.amounts = [b.amount for b in data.bills]
        for v in values:
            if isinstance(v, datetime):
                f.when.append((v.date(), v.strftime("%H:%M")))
            elif isinstance(v, date):
                f.when.append((v, None))
        found[c.id] = f
    return Row("reactiond", found, elapsed, len(cases), note="whole parse(), not just dates")


# ------------------------------------------------------------------ dateparser
_CLOCK = re.compile(
    r"\d{1,2}\s*(?::\d\d|h\d\d|h\b|hs\b|[ap]\.?m\b)|\b(?:a\s+las|at|às|as)\s+\d|"
    r"\b(?:noon|midnight|mediod[ií]a|medianoche|meio-dia|meia-noite)\b",
    re.IGNORECASE,
)


def run_dateparser(cases: Sequence[Case], warm: bool = True) -> Row:
    try:
        from dateparser.search import search_dates  # type: ignore[import-untyped]
    except ImportError as exc:
        return Row("dateparser", {}, 0.0, skipped=f"dateparser not importable ({exc})")

    def search(c: Case) -> list[tuple[str, datetime]]:
        settings = {"RELATIVE_BASE": c.now, "PREFER_DATES_FROM": "future"}
        try:
            return search_dates(c.text, languages=[c.lang], settings=settings) or []
        except Exception:  # a peer crash is a miss, not a stop
            return []

    for c in cases if warm else ():  # warm-up pass, untimed
        search(c)
    found: dict[str, Found] = {}
    elapsed = 0.0
    for c in cases:
        t0 = time.perf_counter()
        matches = search(c)
        elapsed += time.perf_counter() - t0
        f = Found()
        for text, dt in matches:
            f.when.append((dt.date(), dt.strftime("%H:%M") if _CLOCK.search(text) else None))
        found[c.id] = f
    version = package_version("dateparser")
    return Row(f"dateparser {version}", found, elapsed, len(cases), has_amounts=False)


# ------------------------------------------------------------------ chrono-node
def run_chrono(cases: Sequence[Case], warm: bool = True) -> Row:
    node = shutil.which("node")
    script = PEERS / "chrono_batch.js"
    if node is None:
        return Row("chrono-node", {}, 0.0, skipped="node not found on PATH")
    if not (PEERS / "node_modules" / "chrono-node").is_dir():
        return Row(
            "chrono-node", {}, 0.0, skipped="chrono-node not installed (cd bench/peers && npm ci)"
        )
    payload = "".join(
        json.dumps({"id": c.id, "text": c.text, "now": c.now.isoformat(), "lang": c.lang}) + "\n"
        for c in cases
    )
    env = {**os.environ, "TZ": "UTC"}

    def node_run(*flags: str) -> tuple[subprocess.CompletedProcess[str], float]:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [node, str(script), *flags],
            input=payload,
            capture_output=True,
            text=True,
            env=env,
            cwd=PEERS,
        )
        return proc, time.perf_counter() - t0

    proc, wall = node_run()
    if proc.returncode != 0:
        return Row("chrono-node", {}, 0.0, skipped=f"node exited {proc.returncode}")
    cold = node_run("--cold")[1] if warm else None
    found: dict[str, Found] = {}
    parse_s = wall
    for line in proc.stdout.splitlines():
        obj = json.loads(line)
        if "_timing" in obj:
            parse_s = obj["_timing"]["parse_ns"] / 1e9
            continue
        f = Found()
        for m in obj["matches"]:
            try:
                d = date(m["year"], m["month"], m["day"])
            except (TypeError, ValueError):
                continue
            hm = f"{m['hour']:02d}:{m['minute']:02d}" if m["has_time"] else None
            f.when.append((d, hm))
        found[obj["id"]] = f
    version = json.loads((PEERS / "node_modules/chrono-node/package.json").read_text())["version"]
    return Row(
        f"chrono-node {version}",
        found,
        parse_s,
        len(cases),
        cold_seconds=cold,
        note="warm: timed inside Node",
        has_amounts=False,
    )


# ------------------------------------------------------------------ price-parser
_SEGMENTS = re.compile(r"\n|;|,\s|\s\+\s|\s(?:y|and|e)\s")


def run_price_parser(cases: Sequence[Case], warm: bool = True) -> Row:
    try:
        from price_parser import Price
    except ImportError:
        return Row(
            "price-parser", {}, 0.0, skipped="price-parser not installed (pip install price-parser)"
        )
    bill_cases = [c for c in cases if c.parser == "bill"]
    for c in bill_cases if warm else ():  # warm-up pass, untimed
        [Price.fromstring(seg) for seg in _SEGMENTS.split(c.text)]
    found: dict[str, Found] = {}
    elapsed = 0.0
    for c in bill_cases:
        t0 = time.perf_counter()
        amounts = [Price.fromstring(seg).amount for seg in _SEGMENTS.split(c.text)]
        elapsed += time.perf_counter() - t0
        found[c.id] = Found(amounts=[a for a in amounts if a is not None])
    version = package_version("price-parser")
    return Row(
        f"price-parser {version}",
        found,
        elapsed,
        len(bill_cases),
        note="amounts only, bill cases",
        has_dates=False,
    )


# ------------------------------------------------------------------ table
RUNNERS: dict[str, Callable[[Sequence[Case], bool], Row]] = {
    "reactiond": run_ours,
    "dateparser": run_dateparser,
    "chrono": run_chrono,
    "price-parser": run_price_parser,
}


def cold_run(name: str, corpus: Path) -> float | None:
    """Wall time of a fresh Python process that imports the system and parses every case once."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--cases", str(corpus), "--child", name]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - t0 if proc.returncode == 0 else None


COLUMNS = ("task due", "calendar start", "time of day", "bill due", "amount")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=None, help="JSONL corpus (default: dev.jsonl)")
    ap.add_argument("--child", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    corpus = args.cases or default_corpus()
    cases = load(corpus)
    if args.child:  # a fresh process, no warm-up: the parent times it, start-up included
        RUNNERS[args.child](cases, False)
        return 0
    rows = []
    for name, run in RUNNERS.items():
        row = run(cases, True)
        if row.skipped is None and row.cold_seconds is None:
            row.cold_seconds = cold_run(name, corpus)
        rows.append(row)
    scored = sum(c.success for c in cases)
    print(
        f"dev corpus: {len(cases)} task/calendar/bill cases ({scored} with fields to score), "
        "same text, now and language for every system; "
        f"load average {os.getloadavg()[0]:.2f} at the end"
    )
    print()
    header = ["system", *COLUMNS, "msg/s warm", "msg/s cold process", "notes"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) + 2) + ["---"]) + "|")
    for row in rows:
        if row.skipped is not None:
            print(
                f"| {row.name} | "
                + " | ".join(["—"] * (len(COLUMNS) + 2))
                + f" | skipped: {row.skipped} |"
            )
            continue
        tallies = score(cases, row)
        cells = []
        for col in COLUMNS:
            applies = row.has_amounts if col == "amount" else row.has_dates
            cells.append(tallies[col].pct() if applies else "n/a")
        warm = f"{row.messages / row.seconds:,.0f}" if row.seconds > 0 else "—"
        cold = f"{row.messages / row.cold_seconds:,.0f}" if row.cold_seconds else "—"
        print(f"| {row.name} | " + " | ".join(cells) + f" | {warm} | {cold} | {row.note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
