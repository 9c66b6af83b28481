"""The shape of a bill document's words (`document_es.py`, `document_en.py`,
`document_pt.py`): the labels printed on bills, invoices, receipts and payment screens, by
what the figure or date beside them is. Data only; `nlp/bill_document.py` compiles them once.

Every phrase is written folded (lower case, no accents); a space matches any run of spaces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentLexicon:
    lang: str
    amount_due: frozenset[str]
    """The figure to pay: "total a pagar", "amount due", "valor a pagar"."""
    total: frozenset[str]
    """A weaker total: "total", "importe", "valor" — the amount due when nothing says more,
    and not when a word of `not_due` follows it ("total IVA", "total consumo")."""
    not_due: frozenset[str]
    """Figures that are not the amount due: previous balance, payments received, subtotals,
    taxes listed apart, consumption and readings, discounts, limits, minimum payments."""
    qualifiers: frozenset[str]
    """Words that qualify a label without changing it: "IVA incluido", "tax included"."""
    due_date: frozenset[str]
    """The date to pay by: "fecha límite de pago", "vencimento", "due date", "pay by"."""
    not_due_date: frozenset[str]
    """Dates that are not the due date: issue, billing period, readings, statement, cut."""
    payee: frozenset[str]
    """Labels whose value is the one paid: "beneficiário", "payee", "pagar a"."""
    customer: frozenset[str]
    """Labels of the customer's block ("cliente", "titular", "bill to"): never the payee."""
    document_words: frozenset[str]
    """What a document calls itself ("factura", "invoice", "fatura"): a heading, not a name."""
    id_words: frozenset[str]
    """A figure on a line with one of these is a number that names, not money, unless it
    carries a currency marker: contract, account, tax ids, references, phone numbers."""
    address_words: frozenset[str]
    """The start of an address line: "calle", "av.", "rua", "street"."""
