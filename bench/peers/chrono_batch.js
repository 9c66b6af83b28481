// chrono-node as a peer date/time parser for bench/nlp_peers.py.
// stdin: JSONL {id, text, now: "YYYY-MM-DDTHH:MM[:SS]" (local wall clock), lang: es|en|pt}
// stdout: JSONL {id, matches: [{index, text, year, month, day, hour, minute, has_time}]}
// then one line {"_timing": {parse_ns, cases}}: time spent inside chrono only, on a second
// pass after an untimed warm-up pass (skipped with --cold).
// The process runs with TZ=UTC, so a wall-clock `now` built with Date.UTC round-trips.
"use strict";
const chrono = require("chrono-node");
const readline = require("readline");

const parsers = { es: chrono.es, pt: chrono.pt, en: chrono.en };
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const cases = [];
rl.on("line", (line) => {
  if (line.trim()) cases.push(JSON.parse(line));
});

function run(c) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/.exec(c.now);
  const ref = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)));
  const parser = parsers[c.lang] || chrono.en;
  return parser.parse(c.text, { instant: ref, timezone: 0 }, { forwardDate: true });
}

rl.on("close", () => {
  // Warm-up pass, untimed, as the Python systems get; `--cold` skips it (the parent then times
  // the whole process, start-up included).
  if (!process.argv.includes("--cold")) for (const c of cases) run(c);
  const out = [];
  let parseNs = 0n;
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    const results = run(c);
    parseNs += process.hrtime.bigint() - t0;
    out.push(
      JSON.stringify({
        id: c.id,
        matches: results.map((r) => ({
          index: r.index,
          text: r.text,
          year: r.start.get("year"),
          month: r.start.get("month"),
          day: r.start.get("day"),
          hour: r.start.get("hour"),
          minute: r.start.get("minute"),
          has_time: r.start.isCertain("hour"),
        })),
      })
    );
  }
  out.push(JSON.stringify({ _timing: { parse_ns: Number(parseNs), cases: cases.length } }));
  process.stdout.write(out.join("\n") + "\n");
});
