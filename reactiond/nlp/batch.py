"""`reactiond parse --batch`: JSONL cases in, one prediction per line out (score.py's format).

A malformed line never stops the batch: it gets a `success: false` prediction (when it has an
id) and an error on stderr.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from reactiond.json_input import JsonRefused, load_json
from reactiond.nlp import parse
from reactiond.nlp.unread import unread_phrases


class BadCase(ValueError):
    """One input line is not a usable case."""


def _case(obj: Any) -> tuple[str, str, str, datetime, str, str | None, str | None]:
    if not isinstance(obj, dict):
        raise BadCase("expected a JSON object")
    try:
        case_id = str(obj["id"])
        parser = str(obj["parser"])
        text = obj["text"]
        now = datetime.fromisoformat(str(obj["now"]))
        tz = str(obj.get("tz") or "UTC")
    except KeyError as e:
        raise BadCase(f"missing key {e.args[0]!r}") from e
    except ValueError as e:
        raise BadCase(f"bad 'now': {e}") from e
    if not isinstance(text, str):
        raise BadCase("'text' must be a string")
    lang = obj.get("lang")
    hint = obj.get("hint")  # the sender's known language, as the engine passes it
    return (
        case_id,
        parser,
        text,
        now,
        tz,
        lang if isinstance(lang, str) else None,
        hint if isinstance(hint, str) else None,
    )


def predict_line(line: str) -> tuple[dict[str, Any] | None, str | None]:
    """The prediction for one input line, and an error message when the line is bad."""
    try:
        obj = load_json(line)
    except JsonRefused as e:
        return None, e.reason
    case_id = str(obj.get("id")) if isinstance(obj, dict) and "id" in obj else None
    try:
        cid, parser, text, now, tz, lang, hint = _case(obj)
        result = parse(text, parser, now=now, tz=tz, lang=lang, hint=hint)
        prediction = result.prediction(cid)
        # Phrases the reply will name as not understood (score.py ignores the extra key).
        unread = unread_phrases(text, result, tz)
        if unread:
            prediction["unread"] = list(unread)
        return prediction, None
    # KeyError: an unknown tz (ZoneInfoNotFoundError); OSError: a tz too long for a file
    # name; OverflowError: a `now` at the edge of the calendar moved into `tz`. Each is
    # this line's problem, not the batch's.
    except (BadCase, ValueError, KeyError, OSError, OverflowError) as e:
        if case_id is None:
            return None, str(e)
        return {"id": case_id, "success": False, "language": None, "data": None}, str(e)


def run_batch(lines: Iterable[str], out: TextIO, err: TextIO) -> int:
    """Process every line; return how many lines were bad."""
    bad = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        prediction, error = predict_line(line)
        if error is not None:
            bad += 1
            err.write(f"line {n}: {error}\n")
        if prediction is not None:
            out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    out.flush()
    return bad
