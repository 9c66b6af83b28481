"""Words after a due or deadline word that gave no date (issue 16 item 3, "each dropped
phrase is named in the reply"): found as written, never when the date was read, and said
in each language with an example that works."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactiond import replies
from reactiond.nlp import parse
from reactiond.nlp.batch import predict_line
from reactiond.nlp.lexicon import lexicon
from reactiond.nlp.result import LANGUAGES, BillData, Language, ParseResult, TaskData
from reactiond.nlp.unread import unread_due_phrases, unread_phrases
from tests.unit.nlp import test_linear_time as linear

NOW = datetime(2026, 1, 9, 10, 0)
MX = "America/Mexico_City"


def _unread(text: str, parser: str, lang: Language) -> tuple[str, ...]:
    return unread_due_phrases(text, parse(text, parser, now=NOW, tz=MX, lang=lang), MX)


@pytest.mark.parametrize(
    ("text", "parser", "lang", "phrase"),
    [
        ("renta $8,500 vence el día de la madre", "bill", "es", "el día de la madre"),
        ("pay rent $1200 due whenever the boss says", "bill", "en", "whenever the boss says"),
        ("aluguel R$ 2.000 vence no dia do pagamento", "bill", "pt", "no dia do pagamento"),
        ("comprar regalo para el día de la madre", "task", "es", "el día de la madre"),
        ("finish the report by the day after the launch", "task", "en", "the day after the launch"),
        ("comprar presente pro dia dos pais", "task", "pt", "dia dos pais"),
        ("entregar o relatório até o dia do pagamento", "task", "pt", "o dia do pagamento"),
        ("cena familiar el día de la madre", "calendar", "es", "día de la madre"),
        ("meeting the day after the party", "calendar", "en", "day after the party"),
        ("Loyer 650 € échéance quand le proprio le dit", "bill", "fr", "quand le proprio le dit"),
    ],
)
def test_words_after_a_due_word_that_gave_no_date_are_found_as_written(
    text: str, parser: str, lang: Language, phrase: str
) -> None:
    assert _unread(text, parser, lang) == (phrase,)


def test_the_words_named_stop_at_the_end_of_the_clause() -> None:
    text = "renta $8,500 vence cuando me paguen, gracias"
    assert _unread(text, "bill", "es") == ("cuando me paguen",)


def test_a_colon_after_the_due_word_is_no_end_of_the_words() -> None:
    text = "renta 8500, vencimiento: el día de la madre"
    assert _unread(text, "bill", "es") == ("el día de la madre",)


def test_only_a_few_words_are_named() -> None:
    text = "renta $8,500 vence cuando mi jefe por fin se acuerde de pagarnos"
    [phrase] = _unread(text, "bill", "es")
    assert phrase == "cuando mi jefe por fin"


def test_of_several_bills_only_the_one_without_its_date_is_named() -> None:
    text = "luz 500 vence el 5, agua 300 vence el día de la madre"
    assert _unread(text, "bill", "es") == ("el día de la madre",)


@pytest.mark.parametrize(
    ("text", "parser", "lang"),
    [
        ("renta $8,500 vence el 15 de marzo", "bill", "es"),
        ("renta $8,500 vence el 31 de febrero", "bill", "es"),  # named as impossible instead
        ("comprar pan para el desayuno", "task", "es"),
        ("pagar el agua 300", "bill", "es"),
        ("pay mike 20 by card", "bill", "en"),
        ("call the day care", "task", "en"),
        ("llamar a mamá antes del cumpleaños", "task", "es"),
        ("bom dia, comprar pão", "task", "pt"),
        ("nota: vence el día de la madre", "note", "es"),
        ("recordar llamar al banco para la semana", "task", "es"),
        ("revisar el informe hasta el final", "task", "es"),
        ("read the book until the end", "task", "en"),
        ("estudar até o final do livro", "task", "pt"),
        ("fazer a lição da semana passada", "task", "pt"),
        ("renta 8500 pagar el mes", "bill", "es"),
        ("vence el día de la madre", "bill", "es"),  # refused for want of an amount
    ],
)
def test_words_that_are_no_attempt_at_a_date_or_a_date_that_was_read_are_left_alone(
    text: str, parser: str, lang: Language
) -> None:
    assert _unread(text, parser, lang) == ()


def _all_dated(result: ParseResult) -> bool:
    data = result.data
    if isinstance(data, TaskData):
        return data.due is not None
    if isinstance(data, BillData):
        return all(item.due is not None for item in data.bills)
    return data is not None


def _vocabulary(lang: Language) -> list[str]:
    lex = lexicon(lang)
    words = [*lex.due_words, *lex.date_preps, *lex.until_words, *lex.articles, *lex.of_words]
    words += list(lex.months)[:6] + list(lex.weekdays)[:4] + list(lex.units)[:6]
    return [*words, "15", "3", "$500", "luz", "renta", "jefe", "madre", ",", "\n"]


@given(data=st.data(), lang=st.sampled_from(LANGUAGES), parser=st.sampled_from(["task", "bill"]))
def test_a_message_whose_due_date_was_parsed_never_reports_an_unread_phrase(
    data: st.DataObject, lang: Language, parser: str
) -> None:
    words = data.draw(st.lists(st.sampled_from(_vocabulary(lang)), max_size=14))
    text = " ".join(words)
    result = parse(text, parser, now=NOW, tz=MX, lang=lang)
    found = unread_due_phrases(text, result, MX)
    if _all_dated(result):
        assert found == ()
    for phrase in found:
        assert phrase in text
        assert 1 <= len(phrase.split()) <= 5


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("dateless", [True, False])
def test_the_dropped_phrase_line_names_it_with_an_example_that_parses(
    lang: Language, dateless: bool
) -> None:
    line = replies.dropped_phrases(("el día de la madre",), "bill", lang, dateless=dateless)
    assert "el día de la madre" in line
    example = replies.example("bill", lang)
    assert example in line
    parsed = parse(example, "bill", now=NOW, tz=MX, lang=lang)
    assert parsed.success and isinstance(parsed.data, BillData)
    assert all(item.due is not None for item in parsed.data.bills)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "No entendí «día de la madre» como fecha."),
        ("en", 'I didn\'t understand "día de la madre" as a date.'),
        ("pt", "Não entendi “día de la madre” como data."),
    ],
)
def test_a_refusal_for_want_of_a_date_names_the_words(lang: Language, said: str) -> None:
    reply = replies.parse_help(
        "calendar", lang, reason="no_date", has_text=True, vague=("día de la madre",)
    )
    intro, example = reply.splitlines()
    assert said in intro
    assert replies.example("calendar", lang) in example


def test_the_reply_to_a_bill_due_on_no_date_says_so_under_the_confirmation() -> None:
    text = "renta $8,500 vence el día de la madre"
    result = parse(text, "bill", now=NOW, tz=MX, lang="es")
    reply = replies.answer(result, text, parser="bill", made_records=True, lang="es", tz=MX)
    assert reply.splitlines()[-1].startswith("⚠️ No entendí «el día de la madre» como fecha")
    assert "quedó sin fecha" in reply


def test_the_reply_to_several_bills_with_one_date_unread_says_to_check_the_others() -> None:
    text = "luz 500 vence el 5, agua 300 vence el día de la madre"
    result = parse(text, "bill", now=NOW, tz=MX, lang="es")
    reply = replies.answer(result, text, parser="bill", made_records=True, lang="es", tz=MX)
    assert "«el día de la madre» como fecha: revisa las de arriba" in reply


def test_parse_batch_lists_the_unread_phrases_in_an_extra_key() -> None:
    case = {"id": "c1", "parser": "bill", "now": "2026-01-09T10:00", "tz": MX, "lang": "es"}
    unread, _ = predict_line(json.dumps({**case, "text": "renta $8,500 vence el día de la madre"}))
    read, _ = predict_line(json.dumps({**case, "text": "renta $8,500 vence el 3 de febrero"}))
    assert unread is not None and unread["unread"] == ["el día de la madre"]
    assert read is not None and "unread" not in read


@given(
    lang=st.sampled_from(LANGUAGES),
    data=st.data(),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
)
def test_a_due_date_that_was_read_is_never_named_even_beside_one_that_was_not(
    lang: Language, data: st.DataObject, month: int, day: int
) -> None:
    lex = lexicon(lang)
    due = data.draw(st.sampled_from(lex.due_words))
    name = max((w for w, n in lex.months.items() if n == month), key=len)
    unread_bill = {"es": "agua 300 vence el día de la madre", "en": "water 300 due whenever"}
    other = unread_bill.get(lang, "água 300 vence no dia do pagamento")
    text = f"luz 500 {due} {day} {lex.of_words[0]} {name}, {other}"
    found = _unread(text, "bill", lang)
    assert all(name not in phrase and str(day) not in phrase for phrase in found)


def _lacking_a_date(text: str, lang: Language, now: datetime, tz: str) -> ParseResult:
    # A task without a due date, whatever the text: every lead-in is looked at.
    result = ParseResult("task", True, lang, TaskData(title="x"), 1.0)
    unread_phrases(text, result, tz)
    return result


UNREAD_SHAPES = [
    linear.repeated("vence "),  # a lead-in, and nothing after it but the next one
    linear.repeated("para el día de la madre "),  # each one named... once
    linear.repeated("vence el 5 para el día "),  # many read dates to check each span against
    linear.repeated("hasta el final del "),
]


@pytest.mark.slow
@pytest.mark.parametrize("build", UNREAD_SHAPES, ids=[b.__name__ for b in UNREAD_SHAPES])
def test_naming_unread_phrases_is_linear_in_the_text(build: linear.Build) -> None:
    # The same check as the parsers' (tests/unit/nlp/test_linear_time.py), on nlp/unread.py.
    linear.assert_linear(build, _lacking_a_date, "es")
