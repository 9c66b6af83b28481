"""How a parsed bill is scored against a labelled case: vendor, amount, currency and due
all right, or the case counts as wrong."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from reactiond.nlp.bill_document import parse_bill_document
from reactiond.nlp.text import fold
from tests.unit.documents.corpus import NOW_DATE, BillCase

NOW = datetime(NOW_DATE.year, NOW_DATE.month, NOW_DATE.day, 10, 0)


def _name(vendor: str | None) -> str:
    return " ".join(re.findall(r"\w+", fold(vendor or "")))


def miss(case: BillCase, text: str) -> str | None:
    """None when the bill read from `text` is the case's bill, else what differs."""
    result = parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo(case.locale.tz))
    if not result.success or result.data is None:
        return f"{case.id}: no bill ({result.reason})"
    bill = result.data.bills[0]
    got = (_name(bill.vendor), bill.amount, bill.currency, bill.due)
    want = (_name(case.vendor), case.amount, case.currency, case.due)
    if got == want:
        return None
    return f"{case.id}: got {got}, want {want}"
