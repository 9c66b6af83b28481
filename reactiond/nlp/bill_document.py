"""The bill parser 💳 for a document's text (issue 23): a bill read from a picture or a PDF.

First version (the interface): the caption alone when it names a bill, else the document's
text through `parse_bill`. The document grammar follows in the next commits.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from reactiond.nlp import parse
from reactiond.nlp.result import ParseResult

__all__ = ["parse_bill_document"]


def parse_bill_document(
    text: str,
    *,
    caption: str | None,
    now: datetime,
    tz: ZoneInfo,
    language_hint: str | None = None,
) -> ParseResult:
    """One bill from a document's text and the caption sent with it. Pure; never raises."""
    if caption:
        result = parse(caption, "bill", now=now, tz=tz.key, hint=language_hint)
        if result.success:
            return result
    return parse(text, "bill", now=now, tz=tz.key, hint=language_hint)
