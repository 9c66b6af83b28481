"""Money and bill words shared by every language, and the shapes of the per-language tables
(`money_es.py`, `money_en.py`, `money_pt.py`). Data only; `money.py` and `bill.py` compile
their regular expressions from these tables once, at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

NumberKind = Literal["unit", "hundred", "scale"]
"""How a number word combines: `unit` adds (cinco, twenty, duzentos), `hundred` multiplies
the running group (en "hundred"), `scale` closes a group (mil, thousand, milhão)."""


@dataclass(frozen=True)
class MoneyLexicon:
    lang: str
    dollar: str
    """ISO code of a bare "$" in this language (es → MXN, pt → BRL, en → USD)."""
    currency_words: dict[str, str]
    """Words after (or before) a figure that name its currency: "pesos" → MXN."""
    multipliers: dict[str, int]
    """Suffixes that multiply a figure: "k", "mil", "lakh"."""
    number_words: dict[str, tuple[int, NumberKind]]
    connectors: frozenset[str]
    """Words allowed between number words: "y" (treinta y cinco), "e", "and"."""
    count_units: frozenset[str]
    """A figure followed by one of these is a duration, an offset or a count ("10 días",
    "2 facturas", "3 bills"), never an amount."""
    articles: frozenset[str]
    """A small spelled number after one of these is a count ("los dos"), not an amount."""
    name_words: frozenset[str]
    """A plain figure right after one of these may be part of a name ("depto 302", "apto 12",
    "unit 4"): it is the amount only when no other figure is around."""
    zone_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Markers whose currency depends on the time zone (fr "F": CHF in Zurich, XOF in Dakar):
    marker → {tz: ISO code, "*": every other zone}; "" means the zone's own currency."""
    prefix_words: tuple[str, ...] = ()
    """Letter markers written before a figure besides the ISO codes ("Fr. 412", "DH 50")."""
    group_thousands: bool = False
    """A space (also U+00A0, U+202F) or an apostrophe before exactly three digits groups
    thousands ("1 234,56", "1'250.50")."""
    dash_cents: bool = False
    """".–" or ".-" after a figure means .00 ("Fr. 412.–")."""
    marker_decimal: bool = False
    """A marker between two figures, the second of two digits, is the decimal mark ("45€90")."""
    slang_scales: frozenset[str] = frozenset()
    """Slang scale words that count only after a number ("una luca", "dos palos"), never
    alone ("un palo de escoba" is still one, but "Lucas" is a name)."""


@dataclass(frozen=True)
class BillLexicon:
    lang: str
    drop: frozenset[str]
    """Dropped anywhere in a vendor: verbs of paying, bill/invoice words, due words."""
    edge: frozenset[str]
    """Dropped at either end of a vendor only: articles, prepositions, particles."""
    service_prefix: frozenset[str]
    """A kind of service before a name: "luz CFE" → "CFE", "cartão nubank" → "Nubank"."""
    strong_prefix: frozenset[str]
    """Service words that always yield to the following word ("internet telmex")."""
    service_suffix: frozenset[str]
    """A product line after a name: "movistar fibra", "Airtel postpaid", "Claro celular"."""
    recurring: frozenset[str]
    """Recurrence phrases, dropped from vendors ("cada mes", "todo mês")."""
    shared: frozenset[str]
    """Words after which one due date applies to every bill ("ambos", "both", "as duas")."""
    shared_unless_recurring: frozenset[str]
    """Words that spread a due date too, unless a `recurring_after` word follows: "todo vence
    el 2" is shared, "todos los meses" and "todo dia 10" are recurring."""
    recurring_after: frozenset[str]
    installment: frozenset[str]
    """Installment words that, with a number, are dropped ("1ª parcela", "cuota 3")."""
    due_words: frozenset[str]
    """Words that make a following bare day number a due date: "vence 20", "due 15"."""
    purpose: frozenset[str]
    """After the figure, these start what the money is for, not who is paid ("$50 to Mike
    for tickets")."""
    recipient: frozenset[str]
    """Words before the person paid: "a Juan", "pro Lucas", "to Mike"."""
    complement: frozenset[str]
    """After a named recipient, these start what the money is for: "pro Lucas do Uber",
    "a Juan de la cena" (but "a la señora de la limpieza" keeps its complement)."""
    # §13.5 figures that are not bills. Phrases are folded; "*" stands for up to two words
    # ("ya * pague" is "ya le pagué", "ya lo pagué"). The figure nearest to the phrase in its
    # unit (line or sentence) is no entry.
    paid: frozenset[str] = frozenset()
    """Already paid, in a past form: "ya pagué", "already paid", "já paguei"."""
    contrast: frozenset[str] = frozenset()
    """Words that turn from a paid or past figure to another bill ("pero falta", "but",
    "só falta"): a figure after them is not the paid one."""
    paid_not_before: frozenset[str] = frozenset()
    """After a paid phrase these make it habitual, still a bill: "paid by direct debit"."""
    totals: frozenset[str] = frozenset()
    """A total of the other figures ("en total", "in total", "no total"): no entry when
    other figures are listed."""
    previous: frozenset[str] = frozenset()
    """A previous period's figure: "el mes pasado", "last month", "o mês passado"."""
    balance: frozenset[str] = frozenset()
    """A balance or a credit limit: "saldo", "credit limit", "limite do cartão"."""
    balance_next: frozenset[str] = frozenset()
    """Balance phrases only when the figure follows them at once: "me quedan $ 12.400" is a
    balance, "me quedan 3 cuotas de $2,000" is owed."""
    balance_not_after: frozenset[str] = frozenset()
    """Words that make a balance word a due phrase: "fecha límite", "data limite"."""
    greetings: frozenset[str] = frozenset()
    """Dropped at the start of a vendor ("Hola", "hey", "oi", "btw", "ojo que")."""
    vocatives: frozenset[str] = frozenset()
    """The chat partner addressed ("amor", "mija", "babe", "mãe"): with greetings, a unit of
    only these names nobody paid."""
    ordinals: frozenset[str] = frozenset()
    payee_pronouns: frozenset[str] = frozenset()
    """Object pronouns that stand for the person paid ("I owe him 40"): the vendor is the
    person named before them."""
    everyday: frozenset[str] = frozenset()
    """Everyday words that come before a service word and are no brand even when typed with a
    capital: "Home internet", "Casa luz"."""
    partner_payee: frozenset[str] = frozenset()
    """A debt to the chat partner ("te debo", "owe you", "je te dois"): the person paid is the
    one addressed, never a vendor (§13.1), and "del taxi", "for lunch" after the figure is
    the reason."""
    not_due: frozenset[str] = frozenset()
    """Words before a date that is no due date: a card's closing day ("fecha dia 2", "fecha
    de corte", "statement closes")."""
    """Ordinal words that make an installment marker with an installment word: "segunda
    prestação" is the second instalment, not Monday."""


SYMBOLS: dict[str, str | None] = {
    "usd$": "USD",
    "mxn$": "MXN",
    "us$": "USD",
    "u$s": "USD",
    "r$": "BRL",
    "mx$": "MXN",
    "$": None,  # the language's dollar
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
}
ISO_CODES: frozenset[str] = frozenset(
    {"usd", "eur", "gbp", "inr", "mxn", "brl", "cad", "ars", "cop", "clp", "pen", "chf", "jpy"}
)

COMMON_CURRENCY_WORDS: dict[str, str] = {
    "pesos": "MXN",
    "peso": "MXN",
    "euros": "EUR",
    "euro": "EUR",
    "reais": "BRL",
    "rupees": "INR",
    "rupee": "INR",
    "rupias": "INR",
    "rupia": "INR",
}

COMMON_SERVICE_SUFFIXES: frozenset[str] = frozenset(
    {"postpaid", "prepaid", "postpago", "pospago", "prepago", "pre-pago", "pos-pago", "mobile"}
)

# A time zone's currency when the text names none (GUIDELINES §8).
TZ_CURRENCY: dict[str, str] = {
    **dict.fromkeys(
        (
            "America/Mexico_City",
            "America/Cancun",
            "America/Merida",
            "America/Monterrey",
            "America/Matamoros",
            "America/Chihuahua",
            "America/Ciudad_Juarez",
            "America/Ojinaga",
            "America/Mazatlan",
            "America/Bahia_Banderas",
            "America/Hermosillo",
            "America/Tijuana",
            "Mexico/General",
        ),
        "MXN",
    ),
    **dict.fromkeys(
        (
            "America/Sao_Paulo",
            "America/Rio_Branco",
            "America/Manaus",
            "America/Belem",
            "America/Fortaleza",
            "America/Recife",
            "America/Bahia",
            "America/Maceio",
            "America/Araguaina",
            "America/Cuiaba",
            "America/Campo_Grande",
            "America/Porto_Velho",
            "America/Boa_Vista",
            "America/Santarem",
            "America/Noronha",
            "Brazil/East",
        ),
        "BRL",
    ),
    **dict.fromkeys(
        (
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Phoenix",
            "America/Anchorage",
            "America/Detroit",
            "America/Boise",
            "America/Indiana/Indianapolis",
            "America/Kentucky/Louisville",
            "America/Puerto_Rico",
            "Pacific/Honolulu",
            "US/Eastern",
            "US/Central",
            "US/Mountain",
            "US/Pacific",
        ),
        "USD",
    ),
    **dict.fromkeys(
        (
            "Europe/Madrid",
            "Atlantic/Canary",
            "Africa/Ceuta",
            "Europe/Lisbon",
            "Atlantic/Madeira",
            "Atlantic/Azores",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Rome",
            "Europe/Amsterdam",
            "Europe/Brussels",
            "Europe/Vienna",
            "Europe/Dublin",
            "Europe/Athens",
            "Europe/Helsinki",
            "Europe/Luxembourg",
        ),
        "EUR",
    ),
    **dict.fromkeys(("Europe/London", "Europe/Belfast", "GB"), "GBP"),
    **dict.fromkeys(("Asia/Kolkata", "Asia/Calcutta"), "INR"),
    "America/Bogota": "COP",
    "America/Montevideo": "UYU",
    "America/Argentina/Buenos_Aires": "ARS",
    "America/Buenos_Aires": "ARS",
    "America/Santiago": "CLP",
    "America/Lima": "PEN",
    "America/Toronto": "CAD",
    "America/Vancouver": "CAD",
}

# An all-capital acronym that names a kind of product or tax, not a company (§13.1): after a
# service word it is part of the thing paid ("gas LP", "impuesto ISR"), alone it is the vendor.
PRODUCT_ACRONYMS: frozenset[str] = frozenset(
    {"lp", "glp", "iva", "ipva", "iptu", "imi", "isr", "ibi", "itbi", "iss", "icms", "irpf",
     "ir", "dpvat", "gnc", "gnv", "vat", "hoa", "mot", "iui", "imu", "tasa", "isv"}
)  # fmt: skip

# Countries that write their own currency with a bare "$" (§13.5): there "$" is that currency,
# elsewhere it follows the language (`MoneyLexicon.dollar`).
DOLLAR_SIGN_CURRENCIES: frozenset[str] = frozenset(
    {"MXN", "COP", "ARS", "CLP", "UYU", "USD", "CAD"}
)

# Companies people pay, written in lower case as often as not ("internet telmex", "gas naturgy").
# Folded (lower-case, no accents). The bill parser uses them only to tell a brand from an
# ordinary word after a service word: "gas naturgy" → "naturgy", but "gas natural" stays.
BRANDS: frozenset[str] = frozenset(
    {
        # Mexico
        "cfe", "telmex", "telcel", "izzi", "totalplay", "megacable", "at&t", "bbva", "banamex",
        "banorte", "santander", "hsbc", "scotiabank", "liverpool", "coppel", "elektra", "sky",
        "dish", "sacmex", "axa", "gnp", "qualitas", "mapfre", "nu", "mercado pago", "stori",
        "klar", "rappi", "didi", "oxxo", "palacio de hierro", "sears", "walmart", "costco",
        # Spain
        "iberdrola", "endesa", "naturgy", "repsol", "holaluz", "movistar", "vodafone", "orange",
        "yoigo", "masmovil", "digi", "jazztel", "pepephone", "o2", "canal de isabel ii", "agbar",
        "aigues de barcelona", "ing", "caixabank", "bankinter", "sabadell", "unicaja",
        "mutua madrilena", "sanitas", "adeslas", "dkv", "linea directa", "securitas direct",
        "dazn", "filmin", "gas natural",
        # Brazil
        "enel", "light", "cemig", "copel", "celesc", "coelba", "cpfl", "neoenergia", "equatorial",
        "sabesp", "cedae", "copasa", "comgas", "vivo", "claro", "tim", "oi", "net", "nubank",
        "itau", "bradesco", "caixa", "banco do brasil", "inter", "c6", "c6 bank", "picpay",
        "unimed", "amil", "sulamerica", "hapvida", "porto seguro", "smart fit", "bluefit",
        "globoplay", "ifood",
        # Colombia, Argentina, Chile, Peru
        "etb", "epm", "vanti", "codensa", "davivienda", "bancolombia", "edenor", "edesur",
        "metrogas", "aysa", "fibertel", "telecentro", "personal", "entel", "vtr", "enel chile",
        "sedapal", "luz del sur",
        # Portugal
        "edp", "galp", "meo", "nos", "epal", "endesa portugal", "goldenergy", "millennium",
        # United States
        "con ed", "coned", "con edison", "pg&e", "duke energy", "dominion", "dominion energy",
        "national grid", "youtube tv",
        "xcel", "comed", "verizon", "t-mobile", "sprint", "comcast", "xfinity", "spectrum", "cox",
        "optimum", "frontier", "geico", "progressive", "state farm", "allstate", "chase", "amex",
        "american express", "citi", "discover", "capital one", "wells fargo", "bank of america",
        "hulu", "peacock", "paramount+", "aws", "azure", "github", "dropbox", "adobe", "chatgpt",
        "openai", "notion",
        # United Kingdom
        "british gas", "edf", "eon", "e.on", "octopus energy", "ovo", "scottish power", "sse",
        "thames water", "severn trent", "united utilities", "anglian water", "bt", "ee", "three",
        "virgin media", "talktalk", "plusnet", "barclaycard", "barclays", "lloyds", "natwest",
        "monzo", "revolut",
        # India
        "airtel", "jio", "vi", "vodafone idea", "bsnl", "tata power", "adani electricity",
        "bescom", "msedcl", "tata play", "dish tv", "hdfc", "icici", "sbi", "axis", "kotak",
        "lic", "paytm", "phonepe", "swiggy", "zomato", "act fibernet", "hathway",
        # Everywhere
        "netflix", "spotify", "disney+", "hbo", "hbo max", "max", "prime video", "amazon prime",
        "amazon", "youtube premium", "apple", "apple music", "apple tv+", "icloud", "google one",
        "google", "microsoft", "xbox", "playstation", "uber", "uber eats",
    }
)  # fmt: skip

# Brands that are also everyday words ("oi", "claro", "vivo", "light", "orange", "chase"):
# only a capital letter, as typed, makes them a brand outside a service phrase.
AMBIGUOUS_BRANDS: frozenset[str] = frozenset(
    {
        "light", "inter", "net", "oi", "vivo", "claro", "tim", "sky", "orange", "three", "max",
        "apple", "amazon", "discover", "progressive", "frontier", "optimum", "dish", "ing", "vi",
        "nu", "axis", "ee", "bt", "cox", "caixa", "digi", "chase", "citi", "spectrum", "dominion",
        "google", "liverpool", "santander", "ovo", "eon", "notion", "adobe", "azure", "didi",
        "equatorial", "amil", "uber", "personal", "nos", "meo",
    }
)  # fmt: skip


def channel_phrases(channels: tuple[str, ...], preps: tuple[str, ...]) -> frozenset[str]:
    """Payment channels with the prepositions that bring them ("via Orange Money", "por
    Nequi", "pelo pix"): dropped from vendors whole, like the channel alone (§8, §14.6), so
    that "à maman via Orange Money" leaves "Maman", not "Maman via"."""
    return frozenset({*channels, *(f"{p} {c}" for p in preps for c in channels)})
