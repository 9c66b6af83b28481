"""Bills as people chat them (GUIDELINES §13.1, §13.5): one construction per test, in each
language. Texts are new, not corpus lines."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from reactiond.nlp import parse
from reactiond.nlp.bill import parse_bill
from reactiond.nlp.result import BillData, BillItem

WED = datetime(2026, 3, 11, 10, 0)  # a Wednesday
TZ = {"es": "America/Mexico_City", "en": "America/New_York", "pt": "America/Sao_Paulo"}


def bills(text: str, lang: str, tz: str | None = None) -> list[BillItem]:
    r = parse_bill(text, lang, WED, tz or TZ[lang])
    assert r.success, r
    assert isinstance(r.data, BillData)
    return list(r.data.bills)


def one(text: str, lang: str, tz: str | None = None) -> BillItem:
    found = bills(text, lang, tz)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ multipliers (§13.5)
@pytest.mark.parametrize(
    ("text", "lang", "amount"),
    [
        ("El alquiler son 420 lucas", "es", "420000"),
        ("La moto me salió en 3 palos", "es", "3000000"),
        ("Cuota de la casa 1,5 millones", "es", "1500000"),
        ("The extension quote is 1.2 million", "en", "1200000"),
        ("Sinal do terreno 2 milhões", "pt", "2000000"),
        ("Reforma da casa 1,5 milhão", "pt", "1500000"),
    ],
)
def test_millions_lucas_and_palos_multiply(text: str, lang: str, amount: str) -> None:
    assert one(text, lang).amount == Decimal(amount)


# ------------------------------------------------------------------ bare "$" (§13.5)
@pytest.mark.parametrize(
    ("text", "lang", "tz", "currency"),
    [
        ("Internet $89.900", "es", "America/Bogota", "COP"),
        ("Expensas $ 95.000", "es", "America/Argentina/Buenos_Aires", "ARS"),
        ("Gastos comunes $120.000", "es", "America/Santiago", "CLP"),
        ("Luz $1.200", "es", "America/Montevideo", "UYU"),
        ("Hydro $76", "en", "America/Toronto", "CAD"),
        ("Renta $900", "es", "America/New_York", "USD"),
        ("Aluguel $1.400", "pt", "America/New_York", "USD"),
        ("Luz $80", "es", "Europe/Madrid", "MXN"),  # Spain writes no "$": the language's
        ("Luz $80", "pt", "Europe/Lisbon", "BRL"),
    ],
)
def test_a_bare_dollar_sign_is_the_zones_currency_where_it_writes_one(
    text: str, lang: str, tz: str, currency: str
) -> None:
    assert one(text, lang, tz).currency == currency


def test_no_marker_takes_the_zones_currency() -> None:
    assert one("Arriendo 1.800.000", "es", "America/Bogota").currency == "COP"
    assert one("Luz 120", "es", "America/Lima").currency == "PEN"
    assert one("Renda 650", "pt", "Europe/Lisbon").currency == "EUR"


# ------------------------------------------------------------------ not bills (§13.5)
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ya le pagué al plomero, fueron $650", "es"),
        ("La luz ya está pagada: $412", "es"),
        ("I already paid the plumber $180", "en"),
        ("Paid the gas yesterday, £60", "en"),
        ("Já paguei o encanador, R$ 250", "pt"),
        ("A luz já está paga, R$ 180", "pt"),
    ],
)
def test_an_already_paid_figure_is_no_bill(text: str, lang: str) -> None:
    r = parse_bill(text, lang, WED, TZ[lang])
    assert (r.success, r.reason) == (False, "no_amount")


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Seguro del coche $800 pagado por domiciliación", "es", "Seguro del coche"),
        ("Gym $40 paid by direct debit", "en", "Gym"),
    ],
)
def test_a_habitual_payment_is_still_a_bill(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Luz $300\nAgua $150\nTotal $450", "es", 2),
        ("Gas $60, water $40, $100 in total", "en", 2),
        ("Luz R$ 100, água R$ 50, no total R$ 150", "pt", 2),
    ],
)
def test_a_total_of_the_listed_figures_is_no_bill(text: str, lang: str, count: int) -> None:
    assert len(bills(text, lang)) == count


def test_a_lone_figure_called_total_is_still_a_bill() -> None:
    assert one("Total de la tintorería $250", "es").amount == Decimal("250")


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Gas $520\nel mes pasado fueron $480", "es", "Gas"),
        ("Water $45 this time, last month was $38", "en", "Water"),
        ("Internet R$ 120\nno mês passado foi R$ 99", "pt", "Internet"),
    ],
)
def test_a_previous_periods_figure_is_no_bill(text: str, lang: str, vendor: str) -> None:
    found = bills(text, lang)
    assert [b.vendor for b in found] == [vendor]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El saldo de mi cuenta es $3,200", "es"),
        ("Credit limit on the Amex is $8,000", "en"),
        ("Meu limite do cartão é R$ 2.500", "pt"),
    ],
)
def test_a_balance_or_a_limit_is_no_bill(text: str, lang: str) -> None:
    assert not parse_bill(text, lang, WED, TZ[lang]).success


def test_fecha_limite_is_a_due_phrase_not_a_limit() -> None:
    item = one("Predial $3,100, fecha límite 31 de marzo", "es")
    assert (item.amount, item.due) == (Decimal("3100"), date(2026, 3, 31))


# ------------------------------------------------------------------ vendors (§13.1)
@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Hola!! La factura del veterinario, $1,150", "es", "Veterinario"),
        ("Oye, el gimnasio cobra $600 el 20", "es", "Gimnasio"),
        ("Ojo que Izzi quiere $549 antes del viernes", "es", "Izzi"),
        ("Hi all! The window cleaner wants $40", "en", "Window cleaner"),
        ("btw the plumber charged $220", "en", "Plumber"),
        ("Oi gente! O pedreiro cobrou R$ 900", "pt", "Pedreiro"),
        ("Tô devendo R$ 45 pro Caio", "pt", "Caio"),
    ],
)
def test_greetings_verbs_and_the_speaker_are_never_the_vendor(
    text: str, lang: str, vendor: str
) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Mándale 300 a Chuy", "es", "Chuy"),
        ("Can you send $75 to Marcus?", "en", "Marcus"),
        ("Faz um pix de 90 pra Lu", "pt", "Lu"),
    ],
)
def test_the_person_after_a_payee_preposition_is_the_vendor(
    text: str, lang: str, vendor: str
) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Movistar fibra 39,90 €", "es", "Movistar"),
        ("Telcel plan $399", "es", "Telcel"),
        ("EDP electricity €58", "en", "EDP"),
        ("Vivo internet R$ 110", "pt", "Vivo"),
        ("Dominion Energy $130", "en", "Dominion Energy"),
        ("Gas Natural 45 €", "es", "Gas Natural"),
    ],
)
def test_a_descriptor_after_a_brand_is_dropped_unless_it_is_its_name(
    text: str, lang: str, vendor: str
) -> None:
    assert one(text, lang, "Europe/Madrid" if "€" in text else None).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Tanque de gas LP $650", "es", "Tanque de gas LP"),
        ("IVA del trimestre 1.240 €", "es", "IVA del trimestre"),
        ("IPVA R$ 1.320 vence dia 20", "pt", "IPVA"),
    ],
)
def test_a_product_acronym_is_part_of_the_thing_paid(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


def test_an_ordinal_installment_is_no_weekday() -> None:
    item = one("Segunda parcela do sofá R$ 300", "pt")
    assert (item.vendor, item.due) == ("Sofá", None)
    item = one("Second installment of the couch $300", "en")
    assert item.due is None


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("*Luz* $420", "es", "Luz"),
        ("_Internet_ $35", "en", "Internet"),
        ("~Condomínio~ R$ 600", "pt", "Condomínio"),
    ],
)
def test_formatting_marks_leave_the_vendor(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


# ------------------------------------------------------------------ due phrases (§13.5)
@pytest.mark.parametrize(
    ("text", "lang", "dues"),
    [
        ("Renta $8,000 el 1\nLuz $400\nAgua $200\nlo demás para el 20", "es", [1, 20, 20]),
        ("Rent $1,900 due the 1st\nGas $50\nthe rest by the 20th", "en", [1, 20]),
        ("Aluguel R$ 1.500 dia 5\nLuz R$ 200\no resto até dia 20", "pt", [5, 20]),
    ],
)
def test_a_due_phrase_after_the_last_bill_is_for_those_that_have_none(
    text: str, lang: str, dues: list[int]
) -> None:
    assert [b.due.day if b.due else None for b in bills(text, lang)] == dues


# ------------------------------------------------------------------ unsure (issue 15)
def test_a_vendor_named_in_another_line_is_marked_as_a_guess() -> None:
    r = parse("Los lentes de Sofi 👓\n$2,300 el viernes", "bill", now=WED, tz=TZ["es"])
    assert [(u.field, u.why, u.item) for u in r.unsure] == [("vendor", "guessed_vendor", 0)]


def test_a_vendor_in_the_figures_own_phrase_is_sure() -> None:
    assert parse("Luz CFE $890 el 15", "bill", now=WED, tz=TZ["es"]).unsure == ()


# ------------------------------------------------------------------ turns, pronouns, slang
@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("El gas ya está pagado 👍 pero falta la luz, $390", "es", "Luz"),
        ("Gas is already paid but the phone is still $45", "en", "Phone"),
        ("A água já está paga, mas falta a luz, R$ 160", "pt", "Luz"),
    ],
)
def test_a_turn_ends_the_paid_phrase_and_starts_the_payee(
    text: str, lang: str, vendor: str
) -> None:
    item = one(text, lang)
    assert item.vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Mi saldo es $900 pero le debo $300 a Memo", "es", "Memo"),
        ("Balance is $1,200 but I still owe Jo $80", "en", "Jo"),
    ],
)
def test_a_dropped_figure_ends_the_next_vendors_window(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Priya covered dinner, I owe her $38", "en", "Priya"),
        ("O Beto pagou o ingresso, devo pra ele R$ 70", "pt", "Beto"),
    ],
)
def test_a_pronoun_stands_for_the_person_named_before_it(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


def test_slang_scales_count_after_number_words_only() -> None:
    assert one("Le debo dos lucas a la Cami", "es", "America/Santiago").amount == Decimal(2000)
    assert one("Pagar 500 a Lucas", "es").vendor == "Lucas"


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Le debo $200 a Rulo jajaja", "es", "Rulo"),
        ("owe Kev $15 lol", "en", "Kev"),
        ("Devo R$ 30 pra Nina kkkk", "pt", "Nina"),
    ],
)
def test_laughter_never_joins_a_vendor(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("Totalplay internet $649", "es", "Totalplay"),
        ("Home internet $60", "en", "Home internet"),
        ("Rogers internet $95", "en", "Rogers"),
    ],
)
def test_a_lower_case_service_word_after_a_brand_is_its_product(
    text: str, lang: str, vendor: str
) -> None:
    assert one(text, lang).vendor == vendor


def test_a_standing_order_is_still_a_bill() -> None:
    assert one("La luz ya está domiciliada, $480 el 12", "es").vendor == "Luz"
    assert one("Condomínio R$ 700 no débito automático dia 10", "pt").vendor == "Condomínio"


@pytest.mark.parametrize(
    ("text", "lang", "vendor"),
    [
        ("the babysitter's $60", "en", "Babysitter"),
        ("Friendly reminder: the piano lesson is $45", "en", "Piano lesson"),
        ("National Fuel gas $72", "en", "National Fuel"),
        ("Sexta temos que pagar o condomínio, R$ 640", "pt", "Condomínio"),
        ("El lunes tenemos que pagar la luz, $380", "es", "Luz"),
    ],
)
def test_chatty_lead_ins_leave_the_payee(text: str, lang: str, vendor: str) -> None:
    assert one(text, lang).vendor == vendor


@pytest.mark.parametrize(
    ("text", "lang", "vendor", "amount"),
    [
        ("Me quedan 3 cuotas de $2,000 del celular", "es", "Celular", "2000"),
        ("Faltam 2 parcelas de R$ 300 do sofá", "pt", "Sofá", "300"),
    ],
)
def test_instalments_left_are_owed_not_a_balance(
    text: str, lang: str, vendor: str, amount: str
) -> None:
    item = one(text, lang)
    assert (item.vendor, item.amount) == (vendor, Decimal(amount))


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Me quedan $ 800 en la tarjeta jaja", "es"), ("Me sobrou R$ 40 kkk", "pt")],
)
def test_what_is_left_right_before_a_figure_is_a_balance(text: str, lang: str) -> None:
    assert not parse_bill(text, lang, WED, TZ[lang]).success


def test_a_clause_whose_figure_is_paid_names_no_later_bill() -> None:
    assert one("I paid $50 for the tickets, you owe me $25", "en").vendor is None
