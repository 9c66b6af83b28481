"""Properties of `parse_bill_document`: it never raises on any text (OCR output is noise as
often as not) and it is linear in the length of the text."""

from __future__ import annotations

import itertools
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond.nlp.bill_document import MAX_DOCUMENT_CHARS, parse_bill_document

NOW = datetime(2026, 12, 20, 10, 0)
ZONES = st.sampled_from(["Europe/Madrid", "America/Sao_Paulo", "America/New_York", "UTC"])
# The characters a bill is made of, so that the grammar is reached, not only the tokenizer.
BILL_ALPHABET = "0123456789.,:/-$€£R \n\t\fOlSTotalpagrVencimtoduevbsIVA%kWh()ºª"
BILL_WORDS = st.sampled_from(
    ["Total a pagar", "Vencimento", "Due date", "Cliente:", "Bill to", "IVA", "Saldo anterior",
     "R$", "€", "$", "15/01/2027", "1.234,56", "84,32", "\n", "   ", "Iberdrola", "FACTURA",
     "Beneficiário:", "Total", "kWh", "Nº", "1O4,5O", "15-ENE-2027"]
)  # fmt: skip


@given(st.text(max_size=400), ZONES, st.none() | st.text(max_size=60))
def test_never_raises_on_any_text(text: str, zone: str, caption: str | None) -> None:
    result = parse_bill_document(text, caption=caption, now=NOW, tz=ZoneInfo(zone))
    assert result.parser == "bill"
    assert result.reason is None or not result.reason.startswith("internal_error"), result


@given(st.text(alphabet=BILL_ALPHABET, max_size=400), ZONES)
def test_never_raises_on_bill_like_characters(text: str, zone: str) -> None:
    result = parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo(zone))
    assert result.reason is None or not result.reason.startswith("internal_error"), result


@given(st.lists(BILL_WORDS, max_size=60).map(" ".join), ZONES)
def test_never_raises_on_bill_like_words(text: str, zone: str) -> None:
    result = parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo(zone))
    assert result.reason is None or not result.reason.startswith("internal_error"), result
    if result.success:
        assert result.data is not None
        assert len(result.data.bills) == 1  # type: ignore[union-attr]


SHAPES = [
    "Total a pagar 1,00 € Vencimiento 15/01/2027\n",
    "Saldo anterior   IVA   Total   Subtotal   Consumo\n",
    "1,00 2,00 3,00 4,00 5,00 6,00 7,00 8,00\n",
    "15/01/2027 16/01/2027 17/01/2027\n",
    "Total ",
    "Iberdrola Cliente: ",
    "1O1O1O1O,OO ",
    "9" * 50 + "\n",
    "Empresa S.A. ",
    "Beneficiário ",
    "Total a pagar\n",
    "Fecha de emisión   Vencimiento   Total\n",
    "a , , , , S.A. ",
]


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo("Europe/Madrid"))
        best = min(best, time.process_time() - t)
    return max(best, 0.004)


@pytest.mark.parametrize("shape", SHAPES, ids=[s[:12] for s in SHAPES])
def test_linear_in_the_length_of_the_text(shape: str) -> None:
    """CPU time grows by less than 3x per doubling (a quadratic parser grows ~4x), up to
    the most a document is read (`MAX_DOCUMENT_CHARS`)."""
    sizes = [MAX_DOCUMENT_CHARS // 4, MAX_DOCUMENT_CHARS // 2, MAX_DOCUMENT_CHARS]
    times = [_cpu((shape * (n // len(shape) + 1))[:n]) for n in sizes]
    for small, large in itertools.pairwise(times):
        assert large / small < 3.0, times
