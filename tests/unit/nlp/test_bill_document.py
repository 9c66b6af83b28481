"""The bill-document grammar (issue 23), one construction per test, in es/en/pt.

Pure text in, fields out: what a bill prints and how `parse_bill_document` reads it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from reactiond.nlp.bill_document import parse_bill_document
from reactiond.nlp.result import BillItem, ParseResult

NOW = datetime(2026, 12, 20, 10, 0)
MADRID, MEXICO, SAO_PAULO, NEW_YORK, LONDON = (
    ZoneInfo(z)
    for z in (
        "Europe/Madrid",
        "America/Mexico_City",
        "America/Sao_Paulo",
        "America/New_York",
        "Europe/London",
    )
)


def read(text: str, tz: ZoneInfo = MADRID, caption: str | None = None) -> ParseResult:
    return parse_bill_document(text, caption=caption, now=NOW, tz=tz)


def bill(text: str, tz: ZoneInfo = MADRID, caption: str | None = None) -> BillItem:
    result = read(text, tz, caption)
    assert result.success, result
    assert result.data is not None
    return result.data.bills[0]  # type: ignore[union-attr]


def unsure(result: ParseResult) -> set[tuple[str, str]]:
    return {(u.field, u.why) for u in result.unsure}


# ------------------------------------------------------------------ the amount due
@pytest.mark.parametrize(
    ("text", "tz", "amount"),
    [
        # an amount-due label beats a plain total and every decoy
        ("Saldo anterior 45,10 €\nTotal 12,00 €\nTotal a pagar 84,32 €", MADRID, "84.32"),
        ("Previous balance $120.00\nPayment received -$120.00\nAmount due $64.10", NEW_YORK,
         "64.10"),
        ("Saldo anterior R$ 99,00\nValor a pagar R$ 187,45", SAO_PAULO, "187.45"),
        # a tax, a subtotal and a consumption are never the amount due, even when larger
        ("Subtotal 500,00 €\nIVA 21% 105,00 €\nConsumo 900 kWh\nTotal 605,00 €", MADRID,
         "605.00"),
        ("Subtotal $80.00\nSales tax $6.40\nTotal $86.40", NEW_YORK, "86.40"),
        ("ICMS R$ 300,00\nConsumo do mês 250 kWh\nTotal R$ 150,00", SAO_PAULO, "150.00"),
        # "Total IVA" is the tax; "Total a pagar (IVA incluido)" is still the amount due
        ("Total IVA 14,63 €\nTotal a pagar (IVA incluido) 84,32 €", MADRID, "84.32"),
        ("Total tax $9.99\nTotal $99.99", NEW_YORK, "99.99"),
        # the label on the line above its figure
        ("Importe a pagar:\n1.234,56 €", MADRID, "1234.56"),
        ("Amount due\n$1,204.00", NEW_YORK, "1204.00"),
        # a header row, its figures below in the same order
        ("Fecha de emisión   Vencimiento   Total a pagar\n01/12/2026   15/01/2027   84,32 €",
         MADRID, "84.32"),
        ("Data de emissão   Vencimento   Valor a pagar\n01/12/2026   10/01/2027   R$ 55,00",
         SAO_PAULO, "55.00"),
        # several plain totals (an item table's column, the invoice's): the largest
        ("Descripción   Total\nServicio 1   40,00 €\nServicio 2   30,00 €\nTotal   70,00 €",
         MADRID, "70.00"),
        # ids and numbers in names are no amounts
        ("Nº de contrato: 123456789\nCUPS ES0021000012345678\nTotal 35,20 €", MADRID, "35.20"),
        ("Account number 99887766\nTotal due 45.00 USD", NEW_YORK, "45.00"),
        # an unlabelled figure with a currency marker, when nothing is labelled
        ("Movistar\nFibra 600Mb\n45,99 €", MADRID, "45.99"),
    ],
)  # fmt: skip
def test_the_amount_due(text: str, tz: ZoneInfo, amount: str) -> None:
    assert bill(text, tz).amount == Decimal(amount)


def test_an_unlabelled_amount_is_marked_unsure() -> None:
    assert ("amount", "unlabelled") in unsure(read("Movistar\nFibra\n45,99 €"))


def test_a_labelled_amount_is_sure() -> None:
    assert ("amount", "unlabelled") not in unsure(read("Movistar\nTotal a pagar 45,99 €"))


def test_no_figure_is_no_bill_and_keeps_what_was_found() -> None:
    result = read("Iberdrola\nFecha límite de pago 15/01/2027")
    assert not result.success
    assert result.reason == "no_amount"
    assert result.partial == {"vendor": "Iberdrola", "due": "2027-01-15"}


# ------------------------------------------------------------------ OCR noise
@pytest.mark.parametrize(
    ("text", "tz", "amount"),
    [
        ("Total a pagar 1O4,5O €", MADRID, "104.50"),  # O for 0
        ("Total a pagar 1l2,00 €", MADRID, "112.00"),  # l for 1
        ("Amount due $1S,50", NEW_YORK, "15.50"),  # S for 5
        ("Valor a pagar R$ 84, 32", SAO_PAULO, "84.32"),  # a space before the cents
        ("Total a pagar 1 234,56 €", MADRID, "1234.56"),  # a space between thousands
        ("TOTAL $54.   08", NEW_YORK, "54.08"),  # a column gap inside the figure
    ],
)
def test_ocr_noise_in_figures(text: str, tz: ZoneInfo, amount: str) -> None:
    assert bill(text, tz).amount == Decimal(amount)


# ------------------------------------------------------------------ the due date
@pytest.mark.parametrize(
    ("text", "tz", "due"),
    [
        ("Fecha de emisión 01/12/2026\nTotal 50,00 €\nFecha límite de pago 15/01/2027", MADRID,
         date(2027, 1, 15)),
        ("Periodo de facturación 01/11/2026 - 30/11/2026\nTotal 50,00 €\nVencimiento: 15-ENE-2027",
         MADRID, date(2027, 1, 15)),
        ("Total $ 420.00\nPagar antes de 10/01/2027", MEXICO, date(2027, 1, 10)),
        # the label's last word is the date's first ("pagar antes del" + "del 20 de …")
        ("Total a pagar: $890.00\nPagar antes del 20 de diciembre de 2026", MEXICO,
         date(2026, 12, 20)),
        ("Valor a pagar R$ 50,00\nPague até o dia 10 de fevereiro de 2027", SAO_PAULO,
         date(2027, 2, 10)),
        ("Data de emissão 01/12/2026\nValor a pagar R$ 50,00\nVencimento 10 de fevereiro de 2027",
         SAO_PAULO, date(2027, 2, 10)),
        ("Statement date Dec 1, 2026\nAmount due $50.00\nDue date: Jan 15, 2027", NEW_YORK,
         date(2027, 1, 15)),
        ("Total due £50.00\nPay by 15 January 2027", LONDON, date(2027, 1, 15)),
        ("Invoice date 01.12.2026\nTotal 50,00 €\nVencimiento 15.01.2027", MADRID,
         date(2027, 1, 15)),
        # no due label: a date beside the amount due
        ("Total a pagar 50,00 € antes del 20/01/2027", MADRID, date(2027, 1, 20)),
        # a header row
        ("Fecha de emisión   Fecha límite de pago   Total a pagar\n"
         "01/12/2026   15/01/2027   84,32 €", MADRID, date(2027, 1, 15)),
    ],
)  # fmt: skip
def test_the_due_date(text: str, tz: ZoneInfo, due: date) -> None:
    assert bill(text, tz).due == due


def test_an_issue_date_alone_is_no_due_date_and_the_due_is_asked_for() -> None:
    result = read("Iberdrola\nFecha de emisión 01/12/2026\nTotal a pagar 50,00 €")
    assert result.data is not None
    assert result.data.bills[0].due is None  # type: ignore[union-attr]
    assert ("due", "not_found") in unsure(result)


def test_a_us_numeric_due_date_is_a_guess_said_out_loud() -> None:
    result = read("Comcast\nAmount due $50.00\nDue date 01/05/2027", NEW_YORK)
    assert ("due", "day_month_order") in unsure(result)


# ------------------------------------------------------------------ the payee
@pytest.mark.parametrize(
    ("text", "tz", "vendor"),
    [
        # the issuer at the top, not the customer's block
        ("Iberdrola Clientes S.A.U.\nCliente: Juan Pérez\nTotal a pagar 84,32 €", MADRID,
         "Iberdrola"),
        ("FACTURA Nº 2031\nAguas de Valencia S.A.\nTitular: Juan Pérez\nTotal 20,00 €", MADRID,
         "Aguas de Valencia"),
        ("INVOICE #553\nRiverside Power Inc.\nBill to: John Smith\nTotal due $20.00", NEW_YORK,
         "Riverside Power"),
        ("FATURA\nÁguas do Sul Ltda.\nCliente: Maria da Silva\nValor a pagar R$ 20,00",
         SAO_PAULO, "Águas do Sul"),
        # a known brand among the first lines wins over a longer first line
        ("Distribuidora del Centro\nCFE Suministrador de Servicios Básicos\nTotal $ 420.00",
         MEXICO, "CFE"),
        # a payee label wins over the bank's name at the top of its app
        ("9:41   5G 87%\nNubank\nPagamento de conta\nBeneficiário: Sabesp\nValor R$ 99,90",
         SAO_PAULO, "Sabesp"),
        ("Chase\nPay a bill\nPayee: Con Edison\nAmount: $84.20", NEW_YORK, "Con Edison"),
        ("BBVA\nPago de servicios\nPagar a: Telmex\nImporte: $599.00", MEXICO, "Telmex"),
        # an address, a web address and a heading are no issuer
        ("Calle Mayor 5\nwww.example.es\nRECIBO\nElectra Norte\nTotal 9,00 €", MADRID,
         "Electra Norte"),
        # a brand inside a longer name keeps the name
        ("Gas Natural del Norte\nTotal a pagar $ 339.21", MEXICO, "Gas Natural del Norte"),
    ],
)  # fmt: skip
def test_the_payee(text: str, tz: ZoneInfo, vendor: str) -> None:
    assert bill(text, tz).vendor == vendor


def test_no_payee_is_asked_for() -> None:
    result = read("Cliente: Juan Pérez\nTotal a pagar 84,32 €")
    assert result.data is not None
    assert result.data.bills[0].vendor is None  # type: ignore[union-attr]
    assert ("vendor", "not_found") in unsure(result)


# ------------------------------------------------------------------ the currency
@pytest.mark.parametrize(
    ("text", "tz", "currency"),
    [
        ("Total a pagar 84,32 €", MEXICO, "EUR"),  # the figure's own marker
        ("Total a pagar EUR 84,32", MEXICO, "EUR"),
        ("Amount due 84.32 USD", MADRID, "USD"),
        ("Valor a pagar R$ 84,32", MADRID, "BRL"),
        ("Total due £84.32", NEW_YORK, "GBP"),
        ("Total $ 420.00", MEXICO, "MXN"),  # "$": the zone's dollar
        ("Total $ 420.00", NEW_YORK, "USD"),
        # a bare figure takes the marker the document uses elsewhere, else the zone's
        ("Saldo anterior 10,00 €\nTotal a pagar 84,32", MEXICO, "EUR"),
        ("Total a pagar 84,32", MADRID, "EUR"),
        ("Valor a pagar 84,32", SAO_PAULO, "BRL"),
    ],
)
def test_the_currency(text: str, tz: ZoneInfo, currency: str) -> None:
    assert bill(text, tz).currency == currency


# ------------------------------------------------------------------ the caption
DOC = "Iberdrola\nTotal a pagar 84,32 €\nFecha límite de pago 15/01/2027"


def test_a_caption_without_figures_changes_nothing() -> None:
    b = bill(DOC, caption="la luz")
    assert (b.vendor, b.amount, b.due) == ("Iberdrola", Decimal("84.32"), date(2027, 1, 15))


def test_a_captions_amount_wins() -> None:
    b = bill(DOC, caption="luz 80 €")
    assert b.amount == Decimal("80")
    assert b.due == date(2027, 1, 15)  # the document fills what the caption does not say


def test_a_captions_due_date_wins() -> None:
    b = bill(DOC, caption="pagar el 10/01/2027")
    assert b.due == date(2027, 1, 10)
    assert b.amount == Decimal("84.32")


def test_a_caption_fills_what_the_document_lacks() -> None:
    b = bill("Total a pagar 84,32 €", caption="Iberdrola, vence el 15/01/2027")
    assert b.due == date(2027, 1, 15)


def test_the_language_is_the_documents() -> None:
    assert read("Comcast\nAmount due $50.00\nDue date Jan 15, 2027", NEW_YORK).language == "en"
    assert read("Sabesp\nValor a pagar R$ 50,00\nVencimento 10/01/2027", SAO_PAULO).language == (
        "pt"
    )


def test_a_figure_no_record_could_hold_is_no_amount() -> None:
    b = bill("Total 45,00 €\nTotal a pagar 9999999999999999,00 €")
    assert b.amount == Decimal("45.00")


def test_a_due_date_out_of_range_is_not_read() -> None:
    result = read("Iberdrola\nTotal a pagar 45,00 €\nVencimiento 31/12/9999")
    assert ("due", "not_found") in unsure(result)
