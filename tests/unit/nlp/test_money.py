"""Money: figures in every local format, their currency, and which figures are not amounts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.nlp.money import Amount, default_currency, find_amounts, parse_number


def amounts(text: str, lang: str) -> list[tuple[str, Decimal, str | None]]:
    return [(text[a.start : a.end], a.value, a.currency) for a in find_amounts(text, lang)]


def only(text: str, lang: str) -> Amount:
    found = [a for a in find_amounts(text, lang) if a.strength == 2] or find_amounts(text, lang)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ parse_number
@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.234,56", "1234.56"),
        ("1,234.50", "1234.50"),
        ("2.800", "2800"),
        ("12,500", "12500"),
        ("45,90", "45.90"),
        ("89.99", "89.99"),
        ("2,5", "2.5"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("890", "890"),
        ("1,50,000", "150000"),
        ("12,34,567.89", "1234567.89"),
        # a leading 0 groups no thousands: "0.001" is a thousandth, not one
        ("0.001", "0.001"),
        ("0,500", "0.500"),
    ],
)
def test_number_uses_last_separator_as_decimal_mark_and_three_digit_groups_as_thousands(
    raw: str, value: str
) -> None:
    assert parse_number(raw) == Decimal(value)


def test_number_with_impossible_grouping_is_not_a_number() -> None:
    assert parse_number("15.01.2026") is None
    assert parse_number("1,23,4") is None


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
@pytest.mark.parametrize("mark", ["'", "\u2019"])
def test_an_apostrophe_groups_thousands_in_every_language(lang: str, mark: str) -> None:
    found = find_amounts(f"luz $1{mark}234.50", lang)
    assert [a.value for a in found] == [Decimal("1234.50")]
    found = find_amounts(f"CHF 12{mark}345{mark}678", lang)
    assert [a.value for a in found] == [Decimal("12345678")]


# ------------------------------------------------------------------ formats, Spanish
def test_es_dollar_sign_is_mexican_pesos() -> None:
    assert amounts("Pagar luz CFE $890", "es") == [("$890", Decimal(890), "MXN")]


def test_es_pesos_word_after_figure() -> None:
    assert amounts("telmex 599 pesos", "es") == [("599 pesos", Decimal(599), "MXN")]


def test_es_euro_sign_after_figure_with_decimal_comma() -> None:
    assert amounts("Iberdrola 78,45€", "es") == [("78,45€", Decimal("78.45"), "EUR")]


def test_es_euro_sign_after_space() -> None:
    assert only("IBI 1.234,56 € antes del 28", "es").value == Decimal("1234.56")


def test_es_mil_multiplies() -> None:
    a = only("pagar a Juan 2 mil del asado", "es")
    assert (a.value, a.multiplied) == (Decimal(2000), True)


def test_es_k_multiplies_a_decimal() -> None:
    assert only("colegiatura 4.5k", "es").value == Decimal(4500)


def test_es_spelled_mil_quinientos() -> None:
    assert amounts("mil quinientos pesos", "es") == [("mil quinientos pesos", Decimal(1500), "MXN")]


def test_es_spelled_with_y_connector() -> None:
    assert only("le debo treinta y cinco pesos", "es").value == Decimal(35)


def test_es_figure_then_spelled_hundreds() -> None:
    assert only("renta 2 mil quinientos", "es").value == Decimal(2500)


def test_es_usd_code_before_figure() -> None:
    assert amounts("mensualidad USD 320", "es") == [("USD 320", Decimal(320), "USD")]


def test_es_dolares_word_is_usd() -> None:
    assert only("100 dólares", "es").currency == "USD"


# ------------------------------------------------------------------ formats, Portuguese
def test_pt_real_sign_with_thousands_dot_and_decimal_comma() -> None:
    assert amounts("IPTU R$ 1.234,56", "pt") == [("R$ 1.234,56", Decimal("1234.56"), "BRL")]


def test_pt_dollar_sign_is_reais() -> None:
    assert only("netflix $55", "pt").currency == "BRL"


def test_pt_us_dollar_sign_is_usd() -> None:
    assert only("US$ 49 do ChatGPT", "pt").currency == "USD"


def test_pt_conto_is_reais() -> None:
    assert only("faxina 200 conto", "pt").currency == "BRL"


def test_pt_mil_with_decimal_comma() -> None:
    assert only("escola 2,5 mil", "pt").value == Decimal(2500)


def test_pt_spelled_with_e_connector() -> None:
    assert only("duzentos e cinquenta reais", "pt").value == Decimal(250)


# ------------------------------------------------------------------ formats, English
def test_en_thousands_comma_and_decimal_point() -> None:
    assert only("Virgin Media £1,204.50", "en").value == Decimal("1204.50")


def test_en_pound_sign_is_gbp() -> None:
    assert only("Council tax £156", "en").currency == "GBP"


def test_en_quid_is_gbp() -> None:
    assert only("window cleaner 25 quid", "en").currency == "GBP"


def test_en_rupee_sign_and_rs_are_inr() -> None:
    assert only("Airtel ₹799", "en").currency == "INR"
    assert only("electricity Rs 2,340", "en").currency == "INR"
    assert only("electricity Rs. 2,340", "en").currency == "INR"


def test_en_rs_with_period_glued_to_the_figure() -> None:
    a = only("Rs.1500 to the cook", "en")
    assert (a.value, a.currency) == (Decimal(1500), "INR")


def test_en_per_period_after_a_marked_figure_is_still_an_amount() -> None:
    assert only("$12.99/mo spotify", "en").value == Decimal("12.99")


def test_en_per_period_letters_after_a_marked_figure() -> None:
    assert only("rent £1,200pcm", "en").value == Decimal(1200)


def test_en_rupees_word_is_inr() -> None:
    assert only("maid 4000 rupees", "en").currency == "INR"


def test_en_k_after_pound_sign() -> None:
    a = only("nursery £1.2k", "en")
    assert (a.value, a.currency) == (Decimal(1200), "GBP")


def test_en_spelled_hundred_and() -> None:
    assert only("two hundred and fifty bucks", "en").value == Decimal(250)


def test_en_a_hundred() -> None:
    assert only("a hundred dollars", "en").value == Decimal(100)


def test_en_hyphenated_tens() -> None:
    assert only("twenty-five dollars", "en").value == Decimal(25)


# ------------------------------------------------------------------ what is not an amount
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("due 3/20", "en"),
        ("at 15:30", "en"),
        ("meet at 3pm", "en"),
        ("1ª parcela", "pt"),
        ("el 1ro", "es"),
        ("the 1st", "en"),
        ("30th", "en"),
        ("15h30", "pt"),
        ("50% off", "en"),
        ("#12", "en"),
        ("en 10 días", "es"),
        ("daqui a 2 semanas", "pt"),
        ("in 3 days", "en"),
        ("los dos vencen", "es"),
        ("as duas vencem", "pt"),
        ("10-11", "en"),
        ("2026-01-05", "en"),
        ("did u pay the 2 bills?", "en"),
        ("ya pagaste las 3 facturas?", "es"),
        ("paguei 2 boletos", "pt"),
    ],
)
def test_dates_times_ordinals_durations_and_counts_are_not_amounts(text: str, lang: str) -> None:
    assert find_amounts(text, lang) == []


def test_bare_year_is_the_weakest_candidate() -> None:
    year, real = find_amounts("IPVA 2027 R$ 1.120,00", "pt")
    assert year.strength == 0
    assert real.strength == 2


def test_excluded_spans_hide_plain_figures_only() -> None:
    text = "colegiatura 4.5k el 5"
    found = find_amounts(text, "es", exclude=[(text.index("el 5"), len(text))])
    assert [a.value for a in found] == [Decimal(4500)]


# ------------------------------------------------------------------ default currency
@pytest.mark.parametrize(
    ("tz", "code"),
    [
        ("America/Mexico_City", "MXN"),
        ("Europe/Madrid", "EUR"),
        ("America/Sao_Paulo", "BRL"),
        ("America/New_York", "USD"),
        ("Europe/London", "GBP"),
        ("Asia/Kolkata", "INR"),
    ],
)
def test_time_zone_gives_the_currency_without_a_marker(tz: str, code: str) -> None:
    assert default_currency("en", tz) == code


def test_unknown_time_zone_falls_back_to_the_language_dollar() -> None:
    assert default_currency("pt", "Antarctica/Troll") == "BRL"


# ------------------------------------------------------------------ properties
_values = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2, allow_nan=False
)


def _group(int_part: str, sep: str) -> str:
    out: list[str] = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def render(value: Decimal, style: str) -> str:
    int_part, _, frac = f"{value:.2f}".partition(".")
    if style == "es":
        return _group(int_part, ".") + "," + frac
    if style == "en":
        return _group(int_part, ",") + "." + frac
    if style == "ch":  # Switzerland's thousands mark, as phones type it
        return _group(int_part, "\u2019") + "." + frac
    return int_part + "." + frac


_STYLES = [
    ("es", "ch", "$ {n}", "MXN"),
    ("en", "ch", "${n}", "USD"),
    ("pt", "ch", "R$ {n}", "BRL"),
    ("es", "es", "$ {n}", "MXN"),
    ("es", "es", "{n} €", "EUR"),
    ("es", "es", "{n} pesos", "MXN"),
    ("es", "es", "USD {n}", "USD"),
    ("pt", "es", "R$ {n}", "BRL"),
    ("pt", "es", "R${n}", "BRL"),
    ("pt", "es", "{n} reais", "BRL"),
    ("pt", "es", "US$ {n}", "USD"),
    ("en", "en", "${n}", "USD"),
    ("en", "en", "£{n}", "GBP"),
    ("en", "en", "₹{n}", "INR"),
    ("en", "en", "Rs {n}", "INR"),
    ("en", "en", "{n} dollars", "USD"),
    ("en", "plain", "EUR {n}", "EUR"),
    ("es", "plain", "{n} euros", "EUR"),
]


@settings(max_examples=300)
@given(value=_values, style=st.sampled_from(_STYLES), vendor=st.sampled_from(["luz", "rent", ""]))
def test_an_amount_in_any_supported_format_parses_back_to_itself(
    value: Decimal, style: tuple[str, str, str, str], vendor: str
) -> None:
    lang, number_style, template, code = style
    text = f"{vendor} {template.format(n=render(value, number_style))}".strip()
    found = find_amounts(text, lang)
    assert len(found) == 1, (text, found)
    assert found[0].value == value, text
    assert found[0].currency == code, text


@settings(max_examples=200)
@given(value=st.integers(min_value=1, max_value=999_999), lang=st.sampled_from(["es", "pt"]))
def test_an_integer_amount_with_thousands_dots_parses_back(value: int, lang: str) -> None:
    text = "pagar " + _group(str(value), ".") + (" pesos" if lang == "es" else " reais")
    assert [a.value for a in find_amounts(text, lang)] == [Decimal(value)]


@settings(max_examples=300)
@given(text=st.text(max_size=80), lang=st.sampled_from(["es", "en", "pt", "fr"]))
def test_find_amounts_never_raises_on_any_unicode(text: str, lang: str) -> None:
    for a in find_amounts(text, lang):
        assert 0 <= a.start < a.end <= len(text)


# ------------------------------------------------------------------ spelled amounts
_ES_UNITS = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_ES_TENS = [
    "_",
    "_",
    "_",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
]
_ES_HUNDREDS = [
    "_",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]
_PT_UNITS = [
    "zero",
    "um",
    "dois",
    "três",
    "quatro",
    "cinco",
    "seis",
    "sete",
    "oito",
    "nove",
    "dez",
    "onze",
    "doze",
    "treze",
    "catorze",
    "quinze",
    "dezesseis",
    "dezessete",
    "dezoito",
    "dezenove",
]
_PT_TENS = [
    "_",
    "_",
    "vinte",
    "trinta",
    "quarenta",
    "cinquenta",
    "sessenta",
    "setenta",
    "oitenta",
    "noventa",
]
_PT_HUNDREDS = [
    "_",
    "cento",
    "duzentos",
    "trezentos",
    "quatrocentos",
    "quinhentos",
    "seiscentos",
    "setecentos",
    "oitocentos",
    "novecentos",
]
_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _es_words(n: int, *, before_mil: bool = False) -> str:
    if n >= 1000:
        head = "" if n // 1000 == 1 else _es_words(n // 1000, before_mil=True) + " "
        return (head + "mil " + (_es_words(n % 1000) if n % 1000 else "")).strip()
    if n == 100:
        return "cien"
    if n > 100:
        rest = n % 100
        return _ES_HUNDREDS[n // 100] + (
            " " + _es_words(rest, before_mil=before_mil) if rest else ""
        )
    if n < 30:
        word = _ES_UNITS[n]
        return word[:-1] if before_mil and word.endswith("uno") else word
    unit = n % 10
    tail = (" y " + _es_words(unit, before_mil=before_mil)) if unit else ""
    return _ES_TENS[n // 10] + tail


def _pt_words(n: int) -> str:
    if n >= 1000:
        head = "" if n // 1000 == 1 else _pt_words(n // 1000) + " "
        return (head + "mil " + (_pt_words(n % 1000) if n % 1000 else "")).strip()
    if n == 100:
        return "cem"
    if n > 100:
        rest = n % 100
        return _PT_HUNDREDS[n // 100] + (" e " + _pt_words(rest) if rest else "")
    if n < 20:
        return _PT_UNITS[n]
    unit = n % 10
    return _PT_TENS[n // 10] + (" e " + _PT_UNITS[unit] if unit else "")


def _en_words(n: int) -> str:
    if n >= 1000:
        rest = n % 1000
        return _en_words(n // 1000) + " thousand" + (" " + _en_words(rest) if rest else "")
    if n >= 100:
        rest = n % 100
        return _EN_UNITS[n // 100] + " hundred" + (" and " + _en_words(rest) if rest else "")
    if n < 20:
        return _EN_UNITS[n]
    unit = n % 10
    return _EN_TENS[n // 10] + ("-" + _EN_UNITS[unit] if unit else "")


_SPELLED: list[tuple[str, Callable[[int], str], str, str]] = [
    ("es", _es_words, "{w} pesos", "MXN"),
    ("pt", _pt_words, "{w} reais", "BRL"),
    ("en", _en_words, "{w} dollars", "USD"),
]


@settings(max_examples=300)
@given(value=st.integers(min_value=1, max_value=999_999), style=st.sampled_from(_SPELLED))
def test_a_spelled_amount_parses_back_to_itself(
    value: int, style: tuple[str, Callable[[int], str], str, str]
) -> None:
    lang, words, template, code = style
    text = "pagar " + template.format(w=words(value))
    found = find_amounts(text, lang)
    assert [(a.value, a.currency) for a in found] == [(Decimal(value), code)], text


@settings(max_examples=200)
@given(
    whole=st.integers(min_value=1, max_value=999),
    tenth=st.integers(min_value=0, max_value=9),
    style=st.sampled_from([("es", "{n} mil"), ("pt", "{n} mil"), ("en", "{n}k"), ("es", "{n}k")]),
)
def test_a_k_or_mil_amount_parses_back_to_itself(
    whole: int, tenth: int, style: tuple[str, str]
) -> None:
    lang, template = style
    dec = "." if lang == "en" else ","
    figure = f"{whole}{dec}{tenth}" if tenth else str(whole)
    found = find_amounts("renta " + template.format(n=figure), lang)
    assert [a.value for a in found] == [Decimal(whole * 1000 + tenth * 100)]
