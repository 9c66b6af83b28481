"""English (US, UK, India): money and bill words (GUIDELINES §8).

`MONEY`: currency words, multipliers and number words (as typed, accents included; matched
case-insensitively). `BILL`: the words the bill parser drops from vendors, service words, shared
and recurring due phrases (folded: lower-case, no accents, as `text.fold` gives).
"""

from __future__ import annotations

from reactiond.nlp.lexicon.money_common import (
    COMMON_CURRENCY_WORDS,
    COMMON_SERVICE_SUFFIXES,
    BillLexicon,
    MoneyLexicon,
    NumberKind,
)

_NUMBER_WORDS: dict[str, tuple[int, NumberKind]] = {
    "one": (1, "unit"),
    "two": (2, "unit"),
    "three": (3, "unit"),
    "four": (4, "unit"),
    "five": (5, "unit"),
    "six": (6, "unit"),
    "seven": (7, "unit"),
    "eight": (8, "unit"),
    "nine": (9, "unit"),
    "ten": (10, "unit"),
    "eleven": (11, "unit"),
    "twelve": (12, "unit"),
    "thirteen": (13, "unit"),
    "fourteen": (14, "unit"),
    "fifteen": (15, "unit"),
    "sixteen": (16, "unit"),
    "seventeen": (17, "unit"),
    "eighteen": (18, "unit"),
    "nineteen": (19, "unit"),
    "twenty": (20, "unit"),
    "thirty": (30, "unit"),
    "forty": (40, "unit"),
    "fourty": (40, "unit"),
    "fifty": (50, "unit"),
    "sixty": (60, "unit"),
    "seventy": (70, "unit"),
    "eighty": (80, "unit"),
    "ninety": (90, "unit"),
    "hundred": (100, "hundred"),
    "thousand": (1000, "scale"),
    "grand": (1000, "scale"),
    "million": (1_000_000, "scale"),
    "lakh": (100_000, "scale"),
    "lakhs": (100_000, "scale"),
    "crore": (10_000_000, "scale"),
    "crores": (10_000_000, "scale"),
}

_TIME_UNITS = frozenset(
    {
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "yrs",
        "hour",
        "hours",
        "hr",
        "hrs",
        "minute",
        "minutes",
        "min",
        "mins",
        "times",
        "people",
        "installments",
        "x",
    }
)

MONEY = MoneyLexicon(
    lang="en",
    dollar="USD",
    currency_words={
        **COMMON_CURRENCY_WORDS,
        "dollars": "USD",
        "dollar": "USD",
        "bucks": "USD",
        "quid": "GBP",
        "pounds": "GBP",
        "pound": "GBP",
        "quids": "GBP",
    },
    multipliers={
        "k": 1000,
        "grand": 1000,
        "thousand": 1000,
        "million": 1_000_000,
        "lakh": 100_000,
        "lakhs": 100_000,
        "crore": 10_000_000,
        "crores": 10_000_000,
    },
    number_words=_NUMBER_WORDS,
    connectors=frozenset({"and"}),
    time_units=_TIME_UNITS,
    articles=frozenset({"the", "both"}),
)

BILL = BillLexicon(
    lang="en",
    drop=frozenset(
        {
            "pay",
            "sent",
            "send",
            "give",
            "gave",
            "repay",
            "pay back",
            "paid back",
            "return",
            "lend",
            "paid",
            "owe",
            "i owe",
            "owes",
            "pay off",
            "venmo",
            "zelle",
            "paypal",
            "cashapp",
            "cash app",
            "transfer",
            "wire",
            "bill",
            "bills",
            "invoice",
            "invoices",
            "due",
            "overdue",
            "due on",
            "due by",
            "by",
            "before",
            "until",
            "till",
            "deadline",
            "need to",
            "have to",
            "gotta",
            "must",
            "back",
            "statement",
            "urgent",
            "asap",
            "late",
            "reminder",
        }
    ),
    edge=frozenset(
        {
            "the",
            "a",
            "an",
            "to",
            "for",
            "of",
            "on",
            "my",
            "our",
            "and",
            "at",
            "in",
            "is",
            "with",
            "from",
        }
    ),
    service_prefix=frozenset(
        {
            "internet",
            "phone",
            "cell",
            "mobile",
            "credit card",
            "card",
            "gym",
            "cable",
            "tv",
            "recharge",
        }
    ),
    strong_prefix=frozenset(
        {
            "internet",
            "phone",
            "cell",
            "mobile",
            "credit card",
            "card",
            "cable",
            "tv",
            "recharge",
        }
    ),
    service_suffix=COMMON_SERVICE_SUFFIXES
    | frozenset(
        {
            "broadband",
            "phone",
            "cell",
            "card",
            "credit card",
            "debit card",
            "recharge",
            "top up",
            "top-up",
            "topup",
        }
    ),
    recurring=frozenset(
        {
            "every month",
            "each month",
            "monthly",
            "a month",
            "per month",
            "every week",
            "weekly",
            "every year",
            "yearly",
            "annually",
            "/mo",
            "per year",
        }
    ),
    shared=frozenset(
        {"both", "both of them", "all of them", "all three", "all of these", "are due"}
    ),
    shared_unless_recurring=frozenset({"all", "each"}),
    recurring_after=frozenset({"month", "week", "year", "day", "the time"}),
    installment=frozenset({"installment", "instalment", "payment"}),
    due_words=frozenset(
        {"due", "due on", "due by", "due date", "deadline", "by", "before", "pay by"}
    ),
    purpose=frozenset({"for"}),
)
