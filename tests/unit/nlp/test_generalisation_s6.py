"""The general rules behind the misses of the held-out set s6 (`generalisation_s6.jsonl`):
a range whose ends carry "y media" / "e meia" / "et quart", WhatsApp's "q" for "que" inside
phrases, and French notes with no function word."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.nlp import parse
from reactiond.nlp.language import detect
from reactiond.nlp.lexicon import LEXICONS
from reactiond.nlp.result import BillData, CalendarData, NoteData, TaskData
from reactiond.nlp.text import alternation, fold

# A Friday morning.
FRI = datetime(2027, 1, 29, 10, 0)
NY_TZ = "America/New_York"


def event(text: str, tz: str) -> CalendarData:
    r = parse(text, "calendar", now=FRI, tz=tz)
    assert isinstance(r.data, CalendarData), r
    return r.data


@pytest.mark.parametrize(
    ("text", "tz", "start", "minutes"),
    [
        ("Videollamada el lunes de 4 a 5 y media", "America/Lima", "2027-02-01T16:00", 90),
        ("Clase el lunes de 4 y media a 6", "America/Lima", "2027-02-01T16:30", 90),
        ("Reunião segunda das 9 e meia às 11", "America/Sao_Paulo", "2027-02-01T09:30", 90),
        ("Réunion lundi de 9h à 10h et quart", "Europe/Paris", "2027-02-01T09:00", 75),
        ("Réunion lundi de 9h à 10h moins le quart", "Europe/Paris", "2027-02-01T09:00", 45),
    ],
)
def test_a_range_end_or_start_may_carry_half_or_quarter(
    text: str, tz: str, start: str, minutes: int
) -> None:
    e = event(text, tz)
    assert (e.start.isoformat(timespec="minutes"), e.duration_minutes) == (start, minutes)
    assert "media" not in e.title and "meia" not in e.title and "quart" not in e.title


@pytest.mark.parametrize(
    ("text", "lang", "tz", "due"),
    [
        ("revisar el contrato la semana q viene", "es", "America/Santiago", "2027-02-01"),
        ("pagar la renta el mes q viene", "es", "America/Mexico_City", "2027-02-01"),
        ("levar o carro na revisão sábado q vem", "pt", "America/Sao_Paulo", "2027-01-30"),
        ("ligar pro contador na semana q vem", "pt", "America/Sao_Paulo", "2027-02-01"),
    ],
)
def test_q_for_que_inside_a_date_phrase(text: str, lang: str, tz: str, due: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData) and r.language == lang
    assert str(r.data.due) == due
    assert " q " not in f" {r.data.title.lower()} "


def test_shorthand_adds_spellings_only_to_phrases_of_several_words() -> None:
    es = LEXICONS["es"]
    assert "la semana q viene" in es.next_week and "la semana que viene" in es.next_week
    assert "q" not in es.function_words  # a cue list never grows
    assert all(len(w.split()) > 1 for w in es.weekday_post if w.startswith("q "))
    assert LEXICONS["en"].next_week == tuple(dict.fromkeys(LEXICONS["en"].next_week))


@pytest.mark.parametrize(
    ("text", "tz", "lang"),
    [
        ("Note : code portail 4521B, interphone Dupont #maison", "Europe/Paris", "fr"),
        ("code portail 4521B", "Europe/Brussels", "fr"),
        ("gate code 4417", "America/New_York", "en"),
        ("the gate code is 4417", "Europe/Paris", "en"),
    ],
)
def test_code_is_a_word_english_and_french_share(text: str, tz: str, lang: str) -> None:
    assert detect(text, tz) == lang


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_a_no_break_space_before_a_mark_is_french_typing(space: str) -> None:
    # no French word at all, sent from an English-speaking zone
    assert detect(f"Portail{space}: 4521B", "America/New_York") == "fr"
    assert detect("Portail : 4521B", "America/New_York") == "en"  # a plain space proves nothing


# --- batch 2 (s6b-): 39/44 as written


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("RDV samedi à 16 heures 30", "2027-01-30T16:30"),
        ("RDV samedi à 16 heures et quart", "2027-01-30T16:15"),
        ("RDV samedi à deux heures et demie", "2027-01-30T02:30"),
        ("RDV samedi à 9 heures", "2027-01-30T09:00"),
    ],
)
def test_a_french_hour_word_takes_minutes_and_fractions(text: str, start: str) -> None:
    e = event(text, "Europe/Paris")
    assert (e.title, e.start.isoformat(timespec="minutes"), e.duration_minutes) == (
        "RDV",
        start,
        None,
    )


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("Permanence samedi de 9 heures et demie à 11 heures", "2027-01-30T09:30", 90),
        ("Atelier samedi de 2 heures à 4 heures", "2027-01-30T02:00", 120),  # h-forms as written
        ("Atelier samedi de 14 heures à 16 heures 30", "2027-01-30T14:00", 150),
    ],
)
def test_a_french_range_may_name_its_hours(text: str, start: str, minutes: int) -> None:
    # "9 heures et demie" read "9 heures" as a length of 540 minutes and "et" as Eastern Time
    e = event(text, "Europe/Paris")
    assert (e.start.isoformat(timespec="minutes"), e.duration_minutes) == (start, minutes)
    assert e.title == "Atelier" or e.title == "Permanence"


@pytest.mark.parametrize(
    ("text", "lang", "tz", "due"),
    [
        ("Pagar la colegiatura la prox semana", "es", "America/Mexico_City", "2027-02-01"),
        ("Pagar la colegiatura el prox mes", "es", "America/Mexico_City", "2027-02-01"),
        ("Llamar al contador el prox martes", "es", "America/Bogota", "2027-02-02"),
        ("entregar o relatório na próx semana", "pt", "America/Sao_Paulo", "2027-02-01"),
    ],
)
def test_prox_for_proximo(text: str, lang: str, tz: str, due: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData) and r.language == lang
    assert str(r.data.due) == due
    assert "prox" not in fold(r.data.title)


def test_x_for_por_before_a_platform() -> None:
    e = event("meeting con el team el martes 10am x zoom", "America/Mexico_City")
    assert (e.platform, e.title) == ("zoom", "Meeting con el team")


@pytest.mark.parametrize(
    ("text", "tz", "title"),
    [
        (
            "Obs.: reunião de pais ficou pra março",
            "America/Sao_Paulo",
            "Reunião de pais ficou pra março",
        ),
        ("Nota : llevar el cargador", "Europe/Madrid", "Llevar el cargador"),
        ("memo.: spare key under the pot", "Europe/London", "Spare key under the pot"),
    ],
)
def test_a_note_trigger_may_end_in_a_period_or_a_space_before_its_colon(
    text: str, tz: str, title: str
) -> None:
    r = parse(text, "note", now=FRI, tz=tz)
    assert isinstance(r.data, NoteData) and r.data.title == title


@pytest.mark.parametrize("please", ["Pf", "porfis", "xfa", "plis"])
def test_a_typed_please_is_no_payee(please: str) -> None:
    r = parse(f"{please} paga el cable 450", "bill", now=FRI, tz="America/Mexico_City")
    assert isinstance(r.data, BillData)
    assert [b.vendor for b in r.data.bills] == ["Cable"]


# --- batch 3 (s6c-): 21/32 as written, every miss a word written short


@pytest.mark.parametrize(
    ("text", "tz", "due"),
    [
        ("llamar al seguro hoy x la tarde", "America/Mexico_City", "2027-01-29T15:00"),
        ("Pagar tenencia p/ el viernes", "America/Mexico_City", "2027-02-05"),
        ("Reunión con el contador el próx. martes", "America/Mexico_City", "2027-02-02"),
        ("ligar pro contador na próx. segunda", "America/Sao_Paulo", "2027-02-01"),
        ("ligar pro banco dps de amanhã", "America/Sao_Paulo", "2027-01-31"),
        ("call the plumber nxt Tue", "America/New_York", "2027-02-02"),
        ("renew car insurance nxt wk", "Europe/London", "2027-02-01"),
        ("gym day after tmrw", "America/New_York", "2027-01-31"),
        ("Envoyer les photos ds 2 jours", "Europe/Paris", "2027-01-31"),
        ("acheter des couches pr demain", "Europe/Brussels", "2027-01-30"),
        ("payer la cantine avt le 10", "Europe/Paris", "2027-02-10"),
    ],
)
def test_words_written_short_inside_date_phrases(text: str, tz: str, due: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData)
    assert str(r.data.due)[:16].replace(" ", "T") == due
    short = {"x", "p/", "próx", "próx.", "dps", "nxt", "wk", "tmrw", "ds", "pr", "avt"}
    assert not short & set(r.data.title.lower().split()), r.data.title


def test_ts_les_is_tous_les() -> None:
    e = event("Foot ts les mercredis 18h au city stade", "Europe/Paris")
    assert (e.title, e.recurrence) == ("Foot", "FREQ=WEEKLY;BYDAY=WE")


def test_one_letter_short_forms_only_inside_phrases() -> None:
    es = LEXICONS["es"]
    assert "x la tarde" in es.pod_alone and "x" not in es.date_preps
    assert "p/" in es.date_preps  # two letters: also alone
    assert {"nxt wk", "next wk", "nxt week"} <= set(LEXICONS["en"].next_week)


@pytest.mark.parametrize(
    ("text", "start", "recurrence"),
    [
        ("pilates toda ter e qui às 7h", "2027-02-02T07:00", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("academia seg, ter e qua às 8h", "2027-02-01T08:00", None),
        ("aula de ter a sex 19h", "2027-02-02T19:00", "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR"),
    ],
)
def test_ter_is_tuesday_in_a_list_of_weekdays(
    text: str, start: str, recurrence: str | None
) -> None:
    e = event(text, "America/Sao_Paulo")
    assert (e.start.isoformat(timespec="minutes"), e.recurrence) == (start, recurrence)


@pytest.mark.parametrize(
    "text", ["vou ter reunião com o chefe", "preciso ter o relatório pronto", "tem que ter"]
)
def test_ter_alone_is_to_have(text: str) -> None:
    r = parse(text, "task", now=FRI, tz="America/Sao_Paulo")
    assert isinstance(r.data, TaskData) and r.data.due is None


# --- batch 4 (s6d-): 28/32 as written


@pytest.mark.parametrize(
    ("text", "tz", "lang"),
    [
        ("Standup Mon-Fri 9:30am ET", "Europe/London", "en"),
        ("Standup 9:30am ET", "America/Chicago", "en"),
        ("Réunion et dîner à 19h", "America/New_York", "fr"),
        ("RÉUNION ET DÎNER", "America/New_York", "fr"),  # all capitals: "ET" is still "et"
    ],
)
def test_et_written_as_a_zone_is_no_french_word(text: str, tz: str, lang: str) -> None:
    assert detect(text, tz) == lang


def test_a_zone_abbreviation_does_not_make_english_french() -> None:
    e = event("Standup Mon-Fri 9:30am ET", "Europe/London")
    assert (e.title, e.start.isoformat(timespec="minutes"), e.recurrence) == (
        "Standup",
        "2027-02-01T14:30",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Consulta com o oftalmo 3ª feira às 14h30", "2027-02-02T14:30"),
        ("Reunião 2ª-feira às 10h", "2027-02-01T10:00"),
        ("Aula 6a feira às 8h", "2027-02-05T08:00"),
    ],
)
def test_ordinal_names_of_portuguese_weekdays(text: str, start: str) -> None:
    e = event(text, "Europe/Lisbon")
    assert e.start.isoformat(timespec="minutes") == start
    assert "feira" not in e.title


def test_an_ordinal_without_feira_is_no_weekday() -> None:
    r = parse("pagar a 2ª parcela dia 10", "task", now=FRI, tz="America/Sao_Paulo")
    assert isinstance(r.data, TaskData)
    assert (r.data.title, str(r.data.due)) == ("Pagar a 2ª parcela", "2027-02-10")


@pytest.mark.parametrize(
    ("text", "tz", "title"),
    [
        ("Acuérdate de recoger el pastel 😘 gracias", "America/Bogota", "Recoger el pastel"),
        ("comprar pão 🙏 valeu", "America/Sao_Paulo", "Comprar pão"),
        ("pick up the cake 🎂 thanks!", "America/New_York", "Pick up the cake"),
        ("acheter du pain 🥖 merci", "Europe/Paris", "Acheter du pain"),
    ],
)
def test_an_emoji_before_a_closing_thanks_ends_the_clause(text: str, tz: str, title: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData) and r.data.title == title


@pytest.mark.parametrize(
    ("text", "tz", "title"),
    [
        ("Oi mãe, vc pode comprar pão?", "America/Sao_Paulo", "Vc pode comprar pão"),
        ("Hola mamá, compra tortillas", "America/Mexico_City", "Compra tortillas"),
        ("Hi mom, grab milk", "America/New_York", "Grab milk"),
        ("Coucou maman, achète du pain", "Europe/Paris", "Achète du pain"),
    ],
)
def test_a_greeting_may_address_family(text: str, tz: str, title: str) -> None:
    r = parse(text, "task", now=FRI, tz=tz)
    assert isinstance(r.data, TaskData) and r.data.title == title


# --- batch 7 (s6g-): 29/32 as written


@pytest.mark.parametrize(
    ("text", "lang", "tz", "start"),
    [
        (
            "Mom's bday dinner the last Sat of the month 6pm",
            "en",
            "America/New_York",
            "2027-01-30T18:00",
        ),
        (
            "Dinner the first Friday of the month 7:30pm",
            "en",
            "America/New_York",
            "2027-02-05T19:30",
        ),
        ("Anniversaire le dernier samedi du mois à 15h", "fr", "Europe/Paris", "2027-01-30T15:00"),
    ],
)
def test_an_ordinal_weekday_of_the_month_is_one_date(
    text: str, lang: str, tz: str, start: str
) -> None:
    r = parse(text, "calendar", now=FRI, tz=tz)
    assert isinstance(r.data, CalendarData) and r.language == lang
    assert (r.data.start.isoformat(timespec="minutes"), r.data.recurrence) == (start, None)


def test_with_tous_the_ordinal_weekday_of_the_month_recurs() -> None:
    e = event("Réunion tous les premiers lundis du mois à 9h", "Europe/Paris")
    assert e.recurrence == "FREQ=MONTHLY;BYDAY=1MO"


@pytest.mark.parametrize(
    ("text", "tz", "vendor"),
    [
        ("Envoyer 30 000 FCFA à maman via Orange Money", "Africa/Abidjan", "Maman"),
        ("mandale 500 a Juan via Nequi", "America/Bogota", "Juan"),
        ("send 50 to mom", "America/New_York", "Mom"),
    ],
)
def test_a_payment_channel_leaves_with_its_preposition_and_kin_paid_is_the_payee(
    text: str, tz: str, vendor: str
) -> None:
    r = parse(text, "bill", now=FRI, tz=tz)
    assert isinstance(r.data, BillData)
    assert [b.vendor for b in r.data.bills] == [vendor]


def test_a_greeting_to_family_is_still_nobody_paid() -> None:
    r = parse("Hey mom! 40 for the plumber", "bill", now=FRI, tz="America/New_York")
    assert isinstance(r.data, BillData)
    assert [b.vendor for b in r.data.bills] == ["Plumber"]


# --- the lexicons grew (shorthand, listed weekdays): alternations are grouped by first letter


def _flat(words: list[str]) -> str:
    """The alternation as it was built before grouping: one branch per phrase."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq) + ")"


_PHRASE = st.text(alphabet="abc .'", min_size=1, max_size=6).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_PHRASE, min_size=1, max_size=12), text=st.text(alphabet="abc .'", max_size=30)
)
def test_a_grouped_alternation_matches_what_the_flat_one_did(words: list[str], text: str) -> None:
    grouped = re.compile(alternation(words))
    flat = re.compile(_flat(words))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
    tail = re.compile(rf"(?:{alternation(words)})\s*c")  # backtracking into a shorter phrase
    old = re.compile(rf"(?:{_flat(words)})\s*c")
    assert [m.span() for m in tail.finditer(text)] == [m.span() for m in old.finditer(text)]


# --- batch 8 (s6h-): 23/24 as written


@pytest.mark.parametrize(
    ("text", "tz", "start"),
    [
        ("Quarterly review the first Thursday of March 2pm", NY_TZ, "2027-03-04T14:00"),
        ("Reunião a primeira segunda de março 14h", "America/Sao_Paulo", "2027-03-01T14:00"),
    ],
)
def test_a_time_may_follow_the_month_of_an_ordinal_weekday(text: str, tz: str, start: str) -> None:
    e = event(text, tz)
    assert e.start.isoformat(timespec="minutes") == start
    assert e.title is not None and not {"first", "primeira", "de", "of"} & set(e.title.split())


# --- batch 10 (s6j-): 12/16 as written


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("owe you $15 for lunch", NY_TZ),
        ("Te debo 200 del taxi", "America/Mexico_City"),
        ("Je te dois 25 balles pour le ciné", "Europe/Paris"),
        ("te devo 50 da pizza", "America/Sao_Paulo"),
    ],
)
def test_a_debt_to_the_chat_partner_has_no_vendor(text: str, tz: str) -> None:
    r = parse(text, "bill", now=FRI, tz=tz)
    assert isinstance(r.data, BillData)
    assert [b.vendor for b in r.data.bills] == [None]


def test_a_debt_to_someone_named_keeps_the_name() -> None:
    r = parse("I owe Dave 40 quid", "bill", now=FRI, tz="Europe/London")
    assert isinstance(r.data, BillData)
    assert [b.vendor for b in r.data.bills] == ["Dave"]


@pytest.mark.parametrize(
    ("text", "tz", "due"),
    [
        ("Cartão Itaú 3.456,78 fecha dia 2 e vence dia 10", "America/Sao_Paulo", "2027-02-10"),
        ("Nubank 1.200 fecha dia 28, vence dia 5", "America/Sao_Paulo", "2027-02-05"),
        ("Tarjeta BBVA 5,200 fecha de corte el 3, pago el 23", "America/Mexico_City", "2027-02-23"),
        ("Chase card $640 statement closes on the 3rd, due the 28th", NY_TZ, "2027-02-28"),
    ],
)
def test_a_card_closing_day_is_no_due_date(text: str, tz: str, due: str) -> None:
    r = parse(text, "bill", now=FRI, tz=tz)
    assert isinstance(r.data, BillData)
    assert [str(b.due) for b in r.data.bills] == [due]
