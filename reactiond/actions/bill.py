"""create_bill: one bill per amount the message names ("luz 890 y agua 320" → two)."""

from __future__ import annotations

from decimal import Decimal

from reactiond.actions.base import EntityRow, local_text
from reactiond.nlp.result import BillData
from reactiond.rules.model import RuleConfig

NO_CURRENCY = "XXX"  # ISO 4217 "no currency": better than guessing one


def bill_rows(data: BillData, config: RuleConfig, *, tz: str, language: str) -> list[EntityRow]:
    return [
        EntityRow(
            "bills",
            {
                "position": position,
                "vendor": item.vendor,
                "amount": f"{item.amount.quantize(Decimal('0.01'))}",
                "currency": item.currency or config.currency or NO_CURRENCY,
                "due_local": local_text(item.due),
                "tz": tz,
                "language": language,
            },
        )
        for position, item in enumerate(data.bills)
    ]
