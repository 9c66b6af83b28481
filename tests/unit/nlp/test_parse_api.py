"""`nlp.parse`, the batch runner and the `reactiond parse` command."""

from __future__ import annotations

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from reactiond.cli.main import app
from reactiond.nlp import UnknownParser, parse
from reactiond.nlp.batch import run_batch
from reactiond.nlp.result import TaskData
from tests.unit.nlp.helpers import THU, d


def test_parse_detects_language_and_dispatches() -> None:
    r = parse("recordar pagar la tarjeta el 15", "task", now=THU, tz="America/Mexico_City")
    assert (r.success, r.language) == (True, "es")
    assert isinstance(r.data, TaskData)
    assert r.data.due == d(2026, 1, 15)


def test_parse_honours_a_forced_language() -> None:
    assert parse("netflix", "note", now=THU, tz="UTC", lang="pt").language == "pt"


def test_unknown_parser_is_a_value_error_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="task, calendar, bill, note"):
        parse("x", "reminder", now=THU, tz="UTC")
    with pytest.raises(UnknownParser):
        parse("x", "", now=THU, tz="UTC")


def test_aware_now_is_converted_to_the_zone() -> None:
    aware = datetime(2026, 1, 9, 3, 0, tzinfo=ZoneInfo("UTC"))  # still the 8th in Mexico City
    r = parse("pagar la luz hoy", "task", now=aware, tz="America/Mexico_City")
    assert isinstance(r.data, TaskData)
    assert r.data.due == d(2026, 1, 8)


def test_parse_is_deterministic() -> None:
    args = ("junta todos los lunes a las 9 por meet", "calendar")
    a = parse(*args, now=THU, tz="America/Mexico_City")
    b = parse(*args, now=THU, tz="America/Mexico_City")
    assert a == b


def test_prediction_line_has_the_scorer_shape() -> None:
    r = parse("buy milk", "task", now=THU, tz="America/New_York")
    assert r.prediction("x") == {
        "id": "x",
        "success": True,
        "language": "en",
        "data": {"title": "Buy milk", "due": None, "priority": None, "tags": [], "assignee": None},
    }


def _batch(lines: list[str]) -> tuple[list[dict[str, object]], str]:
    out, err = io.StringIO(), io.StringIO()
    run_batch(lines, out, err)
    return [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_batch_writes_one_prediction_per_case() -> None:
    case = {
        "id": "a",
        "parser": "note",
        "text": "nota: hola",
        "now": "2026-01-08T09:15",
        "tz": "America/Mexico_City",
    }
    preds, err = _batch([json.dumps(case) + "\n"])
    assert preds == [
        {"id": "a", "success": True, "language": "es", "data": {"title": "Hola", "tags": []}}
    ]
    assert err == ""


def test_batch_survives_malformed_lines() -> None:
    good = {
        "id": "ok",
        "parser": "task",
        "text": "buy milk",
        "now": "2026-01-08T09:15",
        "tz": "America/New_York",
    }
    lines = [
        "not json\n",
        json.dumps({"id": "bad-now", "parser": "task", "text": "x", "now": "yesterday"}) + "\n",
        json.dumps({"id": "bad-parser", "parser": "todo", "text": "x", "now": "2026-01-08"}) + "\n",
        json.dumps({"id": "no-text", "parser": "task", "now": "2026-01-08"}) + "\n",
        "\n",
        json.dumps(good) + "\n",
    ]
    preds, err = _batch(lines)
    assert [p["id"] for p in preds] == ["bad-now", "bad-parser", "no-text", "ok"]
    assert [p["success"] for p in preds] == [False, False, False, True]
    assert len(err.splitlines()) == 4


def test_cli_parse_prints_json() -> None:
    result = CliRunner().invoke(
        app,
        [
            "parse",
            "task",
            "llamar al contador hoy a las 5",
            "--now",
            "2026-01-08T09:15",
            "--tz",
            "America/Mexico_City",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["data"]["due"] == "2026-01-08T17:00"


def test_cli_parse_human_output() -> None:
    result = CliRunner().invoke(
        app, ["parse", "note", "nota: hola", "--now", "2026-01-08T09:15", "--tz", "Europe/Madrid"]
    )
    assert result.exit_code == 0
    assert "title: Hola" in result.output


def test_cli_parse_rejects_unknown_parser_with_one_line() -> None:
    result = CliRunner().invoke(app, ["parse", "todo", "x", "--now", "2026-01-08T09:15"])
    assert result.exit_code == 1  # like every other command's error (issue 16)
    assert result.output.startswith("reactiond: unknown parser")
    assert len(result.output.splitlines()) == 1


def test_cli_parse_batch_reads_stdin() -> None:
    case = {
        "id": "a",
        "parser": "task",
        "text": "buy milk",
        "now": "2026-01-08T09:15",
        "tz": "America/New_York",
    }
    result = CliRunner().invoke(app, ["parse", "--batch"], input=json.dumps(case) + "\n")
    assert result.exit_code == 0
    assert json.loads(result.output.splitlines()[0])["data"]["title"] == "Buy milk"


def test_module_entry_point_runs_a_batch() -> None:
    import subprocess
    import sys
    from pathlib import Path

    cases = [
        {
            "id": "1",
            "parser": "task",
            "text": "buy milk tmrw",
            "now": "2026-01-08T09:15",
            "tz": "America/New_York",
        },
        {
            "id": "2",
            "parser": "calendar",
            "text": "a ver si quedamos",
            "now": "2026-01-08T09:15",
            "tz": "Europe/Madrid",
        },
    ]
    payload = "".join(json.dumps(c) + "\n" for c in cases) + "{broken\n"
    proc = subprocess.run(
        [sys.executable, "-m", "reactiond", "parse", "--batch"],
        input=payload.encode(),
        capture_output=True,
        cwd=Path(__file__).parents[3],
        timeout=60,
        check=False,
    )
    # Every good line is answered, then the bad one counted and exit 1 (it was 0: issue 16).
    assert proc.returncode == 1, proc.stderr
    preds = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [(p["id"], p["success"]) for p in preds] == [("1", True), ("2", False)]
    assert preds[0]["data"]["due"] == "2026-01-09"
    assert b"line 3" in proc.stderr
    assert proc.stderr.decode().splitlines()[-1].startswith("reactiond: 1 line could not")


def test_long_text_stays_fast() -> None:
    import time

    text = "el próximo lunes a las 5 de la tarde " * 300
    # CPU time, not wall time: other processes on a busy CI machine do not count. ~0.04 s
    # here; the bound catches a runaway (backtracking) scan, benchmarks hold the speed.
    start = time.process_time()
    parse(text, "calendar", now=THU, tz="Europe/Madrid")
    assert time.process_time() - start < 2.0


def test_aware_now_with_unknown_zone_is_a_value_error() -> None:
    aware = datetime(2026, 1, 8, 9, 0, tzinfo=ZoneInfo("UTC"))
    with pytest.raises(ValueError, match="unknown time zone"):
        parse("buy milk", "task", now=aware, tz="Nowhere/Zone")


def test_batch_line_with_unknown_zone_does_not_stop_the_batch() -> None:
    bad = {
        "id": "z",
        "parser": "task",
        "text": "x",
        "now": "2026-01-08T09:15+00:00",
        "tz": "Nowhere/Zone",
    }
    preds, err = _batch([json.dumps(bad) + "\n"])
    assert preds[0]["success"] is False
    assert "unknown time zone" in err


def test_batch_passes_a_senders_hint() -> None:
    case = {
        "id": "h",
        "parser": "task",
        "text": "nos vemos pronto",
        "now": "2026-01-08T09:15",
        "tz": "America/New_York",
    }
    plain, _ = _batch([json.dumps(case) + "\n"])
    hinted, _ = _batch([json.dumps({**case, "hint": "es"}) + "\n"])
    assert (plain[0]["language"], hinted[0]["language"]) == ("en", "es")
