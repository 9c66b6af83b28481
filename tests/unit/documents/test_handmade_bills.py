"""Hand-made bill layouts (tests/unit/documents/handmade.py), photographed moderately badly,
read right: the colour band, the boxes, the two columns and the small print of real bills."""

from __future__ import annotations

import random

import pytest

from reactiond.documents import read_document_text
from reactiond.nlp.bill_document import parse_bill_document
from tests.unit.documents.corpus import degrade
from tests.unit.documents.handmade import HANDMADE, Handmade
from tests.unit.documents.ocr import needs_ocr
from tests.unit.documents.scoring import NOW


@needs_ocr
@pytest.mark.parametrize("bill", HANDMADE, ids=[h.id for h in HANDMADE])
def test_a_handmade_bill_photographed(bill: Handmade) -> None:
    from zoneinfo import ZoneInfo

    data = degrade(bill.draw(), "moderate", random.Random(bill.id))
    text = read_document_text(data, "image/jpeg").text
    result = parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo(bill.tz))
    assert result.data is not None, (result, text)
    got = result.data.bills[0]  # type: ignore[union-attr]
    assert (got.vendor, got.amount, got.currency, got.due) == (
        bill.vendor,
        bill.amount,
        bill.currency,
        bill.due,
    ), text
