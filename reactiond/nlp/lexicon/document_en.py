"""English words of bill documents (see `document_model.py`)."""

from __future__ import annotations

from reactiond.nlp.lexicon.document_model import DocumentLexicon

DOCUMENT = DocumentLexicon(
    lang="en",
    amount_due=frozenset({
        "amount due", "total due", "total amount due", "balance due", "amount to pay",
        "please pay", "pay this amount", "total to pay", "amount payable", "total payable",
        "new balance", "total balance due", "invoice total", "grand total", "total charges",
        "total amount", "payment amount",
    }),
    total=frozenset({
        "total", "balance", "sum", "amount", "pay", "total current charges", "current charges",
    }),
    not_due=frozenset({
        "previous balance", "last bill", "last payment", "payment received", "payments received",
        "payments", "payment - thank you", "thank you for your payment", "subtotal", "sub total",
        "sub-total", "tax", "taxes", "vat", "sales tax", "taxes and fees", "fees", "usage",
        "energy usage", "consumption", "meter reading", "previous reading", "current reading",
        "reading", "discount", "discounts", "credit", "credits", "credit limit",
        "available credit", "minimum payment", "minimum payment due", "standing charge",
        "interest", "interest rate", "total tax", "total usage", "data used", "minutes",
        "kwh", "therms", "gallons", "gb", "adjustments",
    }),
    qualifiers=frozenset({
        "tax included", "incl. tax", "incl tax", "including tax", "inc. vat", "incl. vat",
        "including vat", "vat included",
    }),
    due_date=frozenset({
        "due date", "due", "due by", "due on", "payment due", "payment due date", "pay by",
        "please pay by", "pay before", "payable by", "to be paid by", "autopay date",
        "payment date", "scheduled for", "will be debited on", "direct debit date",
    }),
    not_due_date=frozenset({
        "invoice date", "bill date", "statement date", "date", "issue date", "issued",
        "billing period", "service period", "period", "reading date",
        "next reading", "statement period", "closing date", "service from", "date of issue",
        "order date",
    }),
    payee=frozenset({
        "payee", "pay to", "paid to", "biller", "merchant", "recipient", "company", "vendor",
        "remit to", "make checks payable to", "pay to the order of",
    }),
    customer=frozenset({
        "bill to", "billed to", "customer", "customer name", "account holder", "account name",
        "name", "service address", "ship to", "sold to", "attn", "dear", "from account",
    }),
    document_words=frozenset({
        "invoice", "tax invoice", "bill", "statement", "your bill", "your statement", "receipt",
        "payment receipt", "utility bill", "account summary", "bill summary", "summary",
        "payment", "pay bill", "review payment", "payment details", "copy", "duplicate",
        "page", "details",
    }),
    id_words=frozenset({
        "no", "number", "line", "account", "account number", "acct", "invoice number", "reference",
        "ref", "id", "customer id", "meter", "phone", "tel", "mobile", "policy", "order",
        "sort code", "routing", "card", "confirmation", "transaction", "ssn", "ein", "zip",
    }),
    address_words=frozenset({
        "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "suite", "apt",
        "po box", "p.o. box", "floor", "blvd", "lane", "ln", "drive", "dr.",
    }),
)  # fmt: skip
