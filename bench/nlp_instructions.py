"""The parsers' work per message in instructions, which a shared machine's load does not move.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/nlp_instructions.py 2
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/nlp_instructions.py 0

Parses every case of the public corpora once to warm up, then N more rounds; the difference
between the two runs' "Collected" totals, divided by N × cases, is the cost of one parse.
Run with PYTHONHASHSEED=0 so both runs hash alike. Wall-clock figures: bench/nlp.py.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reactiond.nlp import parse  # noqa: E402

CORPORA = ("dev.jsonl", "dev-v2.jsonl", "dev-fr.jsonl")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    shared = next(p for p in (ROOT.parent / "shared/nlp", Path("/work/shared/nlp")) if p.is_dir())
    cases = []
    for name in CORPORA:
        for line in (shared / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                cases.append((c["text"], c["parser"], datetime.fromisoformat(c["now"]), c["tz"]))
    for text, parser, now, tz in cases:
        parse(text, parser, now=now, tz=tz)
    for _ in range(rounds):
        for text, parser, now, tz in cases:
            parse(text, parser, now=now, tz=tz)
    print(f"{len(cases)} cases, {rounds} rounds after one warm-up", file=sys.stderr)


if __name__ == "__main__":
    main()
