"""A one-line summary of stored records, for the "cancelled" reply (the parsed data is
long gone by then; the rows are what was created)."""

from __future__ import annotations

from decimal import Decimal

from reactiond import replies
from reactiond.actions.base import EntityRow
from reactiond.nlp.result import BillItem, Language


def describe(row: EntityRow, lang: Language) -> str:
    v = row.values
    if row.table == "bills":
        item = BillItem(v.get("vendor"), Decimal(str(v["amount"])), str(v["currency"]))
        return replies.bill_label(item, lang)
    return str(v["title"])
