"""Properties of `parse_bill_document`: it never raises on any text (OCR output is noise as
often as not) and it is linear in the length of the text."""

from __future__ import annotations

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
    t = time.thread_time()
    parse_bill_document(text, caption=None, now=NOW, tz=ZoneInfo("Europe/Madrid"))
    return time.thread_time() - t


@pytest.mark.parametrize("shape", SHAPES, ids=[s[:12] for s in SHAPES])
def test_linear_in_the_length_of_the_text(shape: str) -> None:
    """From a quarter of the most a document is read (`MAX_DOCUMENT_CHARS`) to all of it,
    CPU time grows less than 10x (linear is ~4x, quadratic ~16x). The least of up to 7
    alternating trials, so a loaded machine's preemption does not read as growth."""
    small, big = ((shape * (n // len(shape) + 1))[:n] for n in (MAX_DOCUMENT_CHARS // 4,
                                                                MAX_DOCUMENT_CHARS))  # fmt: skip
    least_small = least_big = float("inf")
    ratio = float("inf")
    for _ in range(7):
        least_small = min(least_small, _cpu(small))
        least_big = min(least_big, _cpu(big))
        ratio = least_big / max(least_small, 0.002)
        if ratio < 10.0:
            break
    assert ratio < 10.0, (least_small, least_big)
