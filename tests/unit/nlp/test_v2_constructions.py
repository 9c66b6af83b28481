"""Guidelines version 2 (§13.1-13.4) for calendar and task, one construction per test, in each
language: chatty messages, more dates, more times, written time zones, more recurrence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reactiond.nlp import parse
from reactiond.nlp.result import CalendarData, TaskData
from reactiond.nlp.units import units

# 2026-03-04 is a Wednesday.
WED = datetime(2026, 3, 4, 10, 0)
TZ = {"es": "America/Mexico_City", "en": "America/New_York", "pt": "America/Sao_Paulo"}


def event(text: str, lang: str, now: datetime = WED, tz: str | None = None) -> CalendarData:
    r = parse(text, "calendar", now=now, tz=tz or TZ[lang], lang=lang)
    assert r.success, r
    assert isinstance(r.data, CalendarData)
    return r.data


def task(text: str, lang: str, now: datetime = WED, tz: str | None = None) -> TaskData:
    r = parse(text, "task", now=now, tz=tz or TZ[lang], lang=lang)
    assert r.success, r
    assert isinstance(r.data, TaskData)
    return r.data


# --- §13.1 units ---------------------------------------------------------------------------


def test_a_message_splits_into_lines_and_sentences_but_not_after_abbreviations() -> None:
    text = "Hola! Cita con el Dr. Pérez mañana. Gracias 🙏\nNos vemos"
    kinds = [(text[u.start : u.end].strip(), u.kind) for u in units(text)]
    assert kinds == [
        ("Hola!", "greeting"),
        ("Cita con el Dr. Pérez mañana.", "other"),
        ("Gracias 🙏", "signoff"),
        ("Nos vemos", "signoff"),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "Hola familia!! 👋\nComida el domingo a las 2 en casa\nConfirmen porfa", "Comida"),
        ("en", "Hi all! 👋\nBoard games Friday at 7\nwho's in?", "Board games"),
        ("pt", "Oi gente!\nPizza na sexta às 20h\nVocês vêm?", "Pizza"),
    ],
)
def test_calendar_title_comes_from_the_event_unit(lang: str, text: str, title: str) -> None:
    assert event(text, lang).title == title


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "Cena de Ana 🎂\nel sábado a las 9\nNo le digan!", "Cena de Ana"),
        ("en", "Team offsite 📋\nThursday 2.30pm\nlmk", "Team offsite"),
        ("pt", "Reunião de pais\nquinta às 19h\nPresença obrigatória", "Reunião de pais"),
    ],
)
def test_a_unit_of_only_date_words_takes_the_title_from_the_unit_before(
    lang: str, text: str, title: str
) -> None:
    assert event(text, lang).title == title


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Buenas tardes 🙂\nLlamar al banco"),
        ("pt", "Bom dia, pessoal!\nLigar para o banco"),
        ("en", "Good morning!\nCall the bank"),
    ],
)
def test_a_greeting_is_no_part_of_day(lang: str, text: str) -> None:
    assert task(text, lang).due is None


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "Oye, pagarle a Don Chuy mañana", "Pagarle a Don Chuy"),
        ("es", "Buenas!\nMandar el reporte hoy\nGracias!!", "Mandar el reporte"),
        ("en", "Hi Jen! 👋\nsend the lease back EOD\nthanks!!", "Send the lease back"),
        ("en", "@marcus can you finish the deck by EOW\nok?", "Can you finish the deck"),
        ("pt", "Oi, tudo bem? 😊\nMande o relatório hoje\nObrigado!", "Mande o relatório"),
        ("pt", "Oi amor! Passa no mercado mais tarde?\nvaleu 😘", "Passa no mercado mais tarde"),
    ],
)
def test_task_drops_greetings_signoffs_and_a_trailing_confirmation(
    lang: str, text: str, title: str
) -> None:
    assert task(text, lang).title == title


@pytest.mark.parametrize(
    ("lang", "text"),
    [("es", "Yo llevo el pastel mañana"), ("pt", "Fala com o João amanhã")],
)
def test_a_greeting_that_is_also_a_word_stays(lang: str, text: str) -> None:
    assert task(text, lang).title == text.removesuffix(" mañana").removesuffix(" amanhã")


# --- §13.2 dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Lavar el coche el finde"),
        ("en", "Wash the car over the weekend"),
        ("pt", "Lavar o carro no fds"),
    ],
)
def test_weekend_is_the_first_saturday_after_today(lang: str, text: str) -> None:
    assert task(text, lang).due == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("lang", "text", "due"),
    [
        ("es", "Revisar el contrato en quince días", date(2026, 3, 18)),
        ("es", "Revisar el contrato en 15 días", date(2026, 3, 19)),
        ("en", "Renew the permit in a fortnight", date(2026, 3, 18)),
        ("en", "Renew the permit a week from Friday", date(2026, 3, 13)),
        ("pt", "Levar o cachorro daqui a quinze dias", date(2026, 3, 18)),
    ],
)
def test_fortnights_in_words_and_digits_literal(lang: str, text: str, due: date) -> None:
    assert task(text, lang).due == due


@pytest.mark.parametrize(
    ("lang", "text", "due"),
    [
        ("es", "Entregar las horas el último viernes del mes", date(2026, 3, 27)),
        ("es", "Junta el primer lunes de abril", date(2026, 4, 6)),
        ("en", "Renew it the first Monday of next month", date(2026, 4, 6)),
        ("pt", "Fechar o caixa na última sexta do mês", date(2026, 3, 27)),
    ],
)
def test_ordinal_weekday_of_a_month_is_one_date(lang: str, text: str, due: date) -> None:
    assert task(text, lang).due == due


@pytest.mark.parametrize(
    ("lang", "text", "due"),
    [
        ("es", "Inscribir a Santi el mes que viene", date(2026, 4, 1)),
        ("es", "Inscribirme al gym este mes", date(2026, 3, 31)),
        ("en", "Cancel the trial next month", date(2026, 4, 1)),
        ("en", "File the report by EOW", date(2026, 3, 6)),
        ("en", "Send the lease EOD", date(2026, 3, 4)),
        ("pt", "Renovar o seguro no mês que vem", date(2026, 4, 1)),
        ("pt", "Entregar o trabalho essa semana", date(2026, 3, 6)),
        ("pt", "Mandar o relatório até o fim do dia", date(2026, 3, 4)),
        ("es", "Mandar el certificado hoy mismo", date(2026, 3, 4)),
    ],
)
def test_month_week_and_day_words(lang: str, text: str, due: date) -> None:
    assert task(text, lang).due == due


def test_quincena_is_the_next_15th_or_month_end() -> None:
    assert task("Pagarle a Don Chuy para la quincena", "es").due == date(2026, 3, 15)
    late = datetime(2026, 3, 16, 9, 0)
    assert task("Pagarle a Don Chuy para la quincena", "es", late).due == date(2026, 3, 31)


def test_a_day_number_the_month_lacks_goes_to_the_next_month_with_it() -> None:
    assert task("Renovar la licencia el 31", "es", datetime(2026, 4, 5, 9)).due == date(2026, 5, 31)


@pytest.mark.parametrize(
    ("lang", "text", "start"),
    [
        ("es", "Congreso del 4 al 6 de noviembre en Expo", date(2026, 11, 4)),
        ("en", "Ski trip in Stowe from the 27th to the 29th", date(2026, 3, 27)),
        ("pt", "Carnaval em Paraty de 13 a 15 de abril", date(2026, 4, 13)),
    ],
)
def test_a_range_of_days_starts_on_its_first_day_and_lasts_the_span(
    lang: str, text: str, start: date
) -> None:
    e = event(text, lang)
    assert (e.start, e.duration_minutes) == (start, 3 * 1440)


def test_a_task_over_a_range_of_days_is_due_on_its_last_day() -> None:
    assert task("Hacer el inventario del 3 al 7 de agosto", "es").due == date(2026, 8, 7)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Renovar el pasaporte antes del 15", date(2026, 3, 15)),
        ("Pagar antes del 2", date(2026, 4, 2)),
    ],
)
def test_antes_del_gives_the_day_itself(text: str, due: date) -> None:
    t = task(text, "es")
    assert (t.title, t.due) == (text.split(" antes")[0], due)


# --- §13.3 times -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "due"),
    [
        ("en", "collect Alfie at half 6", datetime(2026, 3, 4, 18, 30)),
        ("en", "grab the cake at quarter to 8", datetime(2026, 3, 5, 7, 45)),
        ("en", "grab the cake at quarter to 4", datetime(2026, 3, 4, 15, 45)),
        ("en", "call at 2.30pm", datetime(2026, 3, 4, 14, 30)),
        ("es", "Recoger a Lucía a las 5 menos cuarto", datetime(2026, 3, 4, 16, 45)),
        ("es", "Sacar la basura a las 8 menos cuarto", datetime(2026, 3, 5, 7, 45)),
        ("es", "Pasar por los niños a un cuarto para las 3", datetime(2026, 3, 4, 14, 45)),
        ("pt", "Buscar a Alice às quinze para as 5", datetime(2026, 3, 4, 16, 45)),
    ],
)
def test_half_and_quarter_forms_count_from_the_hour_as_written(
    lang: str, text: str, due: datetime
) -> None:
    assert task(text, lang).due == due


@pytest.mark.parametrize(
    ("lang", "text", "due"),
    [
        ("es", "Enviar la solicitud el viernes a medianoche", datetime(2026, 3, 7, 0, 0)),
        ("en", "text Grandma at midnight", datetime(2026, 3, 5, 0, 0)),
        ("pt", "Comprar o ingresso na sexta à meia-noite", datetime(2026, 3, 7, 0, 0)),
    ],
)
def test_midnight_is_the_end_of_its_day(lang: str, text: str, due: datetime) -> None:
    assert task(text, lang).due == due


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Comprar entradas mañana a las 4 de la madrugada"),
        ("pt", "Acordar amanhã às 4 da madrugada"),
        ("en", "Fly tomorrow at 4 in the early morning"),
    ],
)
def test_madrugada_is_am(lang: str, text: str) -> None:
    assert task(text, lang).due == datetime(2026, 3, 5, 4, 0)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "chase the claim this morning"),
        ("es", "Llamar esta mañana"),
        ("pt", "Ligar hoje de manhã"),
    ],
)
def test_this_morning_is_today_even_after_nine(lang: str, text: str) -> None:
    assert task(text, lang).due == datetime(2026, 3, 4, 9, 0)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "text the plumber in the morning"),
        ("es", "Llamar por la mañana"),
        ("pt", "Ligar de manhã"),
    ],
)
def test_a_part_of_day_without_this_follows_the_time_rule(lang: str, text: str) -> None:
    assert task(text, lang).due == datetime(2026, 3, 5, 9, 0)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Llamar al seguro más tarde"),
        ("en", "Call the vet later"),
        ("pt", "Ligar pro encanador mais tarde"),
    ],
)
def test_later_is_no_time_and_stays(lang: str, text: str) -> None:
    t = task(text, lang)
    assert (t.title, t.due) == (text, None)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "¿Un café más tarde? ☕ me avisas"),
        ("en", "drinks later? let me know"),
        ("pt", "Bora tomar um chopp mais tarde?"),
    ],
)
def test_later_alone_is_no_event(lang: str, text: str) -> None:
    assert not parse(text, "calendar", now=WED, tz=TZ[lang], lang=lang).success


@pytest.mark.parametrize(
    ("lang", "text", "tz", "start"),
    [
        ("en", "Sync tomorrow at 11am PT on zoom", "America/New_York", datetime(2026, 3, 5, 14)),
        ("en", "Call Thursday 10am ET", "Europe/London", datetime(2026, 3, 5, 15)),
        (
            "es",
            "Entrevista el jueves a las 9 am hora de Colombia",
            "Europe/Madrid",
            datetime(2026, 3, 5, 15),
        ),
        (
            "es",
            "Webinar el jueves a las 11 am hora del centro",
            "Europe/Madrid",
            datetime(2026, 3, 5, 18),
        ),
        ("pt", "Webinar quinta às 14h UTC", "America/Sao_Paulo", datetime(2026, 3, 5, 11)),
        ("pt", "Reunião amanhã às 14h hora de Brasília", "Europe/Lisbon", datetime(2026, 3, 5, 17)),
    ],
)
def test_a_written_zone_is_converted_and_leaves_the_title(
    lang: str, text: str, tz: str, start: datetime
) -> None:
    e = event(text, lang, tz=tz)
    assert e.start == start
    assert e.title is not None and not any(
        w in e.title for w in ("PT", "ET", "Colombia", "centro", "UTC", "Brasília")
    )


@pytest.mark.parametrize(
    ("lang", "text", "now", "tz", "due"),
    [
        (
            "en",
            "give Max his meds in 2 hours",
            datetime(2026, 11, 1, 0, 50),
            "America/New_York",
            datetime(2026, 11, 1, 1, 50),
        ),
        (
            "pt",
            "Dar o remédio daqui a 3 horas",
            datetime(2027, 10, 31, 0, 30),
            "Europe/Lisbon",
            datetime(2027, 10, 31, 2, 30),
        ),
        (
            "es",
            "Tomar la pastilla en 2 horas",
            datetime(2026, 3, 29, 1, 30),
            "Europe/Madrid",
            datetime(2026, 3, 29, 4, 30),
        ),
    ],
)
def test_offsets_across_dst_are_elapsed_time(
    lang: str, text: str, now: datetime, tz: str, due: datetime
) -> None:
    assert task(text, lang, now, tz).due == due


def test_a_house_number_is_no_time() -> None:
    e = event("Dinner party Saturday at 14 Elm Road", "en")
    assert (e.start, e.location) == (date(2026, 3, 7), "14 Elm Road")


def test_check_in_is_no_location_word_nor_an_english_cue() -> None:
    e = event("Check-in at the Hilton Friday 3pm", "en")
    assert (e.title, e.location) == ("Check-in", "Hilton")
    r = parse("Check-in en el hotel el viernes a las 3", "calendar", now=WED, tz="Europe/Madrid")
    assert r.language == "es"


def test_a_number_that_starts_a_time_range_is_no_day() -> None:
    e = event("Partido de fut el domingo 5 a 7pm", "es")
    assert (e.title, e.start, e.duration_minutes) == (
        "Partido de fut",
        datetime(2026, 3, 8, 17),
        120,
    )


def test_se_vence_keeps_its_verb() -> None:
    t = task("La licencia se vence el 15 y hay que renovarla", "es")
    assert (t.title, t.due) == ("La licencia se vence y hay que renovarla", date(2026, 3, 15))


def test_ate_ao_leaves_with_the_date() -> None:
    t = task("comprar presente para a Bia até ao fim do mês", "pt", tz="Europe/Lisbon")
    assert (t.title, t.due) == ("Comprar presente para a Bia", date(2026, 3, 31))


# --- §13.4 recurrence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "rrule"),
    [
        ("es", "Yoga los martes y jueves a las 7", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("en", "Book club on Thursdays at 7pm", "FREQ=WEEKLY;BYDAY=TH"),
        ("pt", "Pilates às segundas e quartas às 7h", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("es", "Taller de martes a jueves a las 6", "FREQ=WEEKLY;BYDAY=TU,WE,TH"),
        ("en", "Camp drop-off Mon–Fri 8:15am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("pt", "Estágio de segunda a sexta às 9h", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("es", "Riego cada 3 días a las 8", "FREQ=DAILY;INTERVAL=3"),
        ("es", "Clase cada quince días a las 8", "FREQ=WEEKLY;INTERVAL=2"),
        ("en", "Pub quiz fortnightly on Tuesdays at 8pm", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("pt", "Terapia quinzenal às terças 18h30", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("pt", "Reunião todo dia 11 às 9h", "FREQ=MONTHLY;BYMONTHDAY=11"),
        ("es", "After office el último viernes de cada mes a las 6 pm", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("en", "Review every first Monday at 10am", "FREQ=MONTHLY;BYDAY=1MO"),
    ],
)
def test_recurrence_words_of_version_2(lang: str, text: str, rrule: str) -> None:
    assert event(text, lang).recurrence == rrule


@pytest.mark.parametrize(
    ("lang", "text", "rrule"),
    [
        (
            "es",
            "Clases todos los miércoles a las 5 hasta el 24 de junio",
            "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260624",
        ),
        (
            "es",
            "Fisio los lunes y jueves a las 8 durante 6 semanas",
            "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12",
        ),
        ("en", "Swim every Thursday 5pm until 1 July", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20260701"),
        ("en", "Cooking class every Tuesday 6:30pm for 6 weeks", "FREQ=WEEKLY;BYDAY=TU;COUNT=6"),
        ("pt", "Fisioterapia todas as quintas às 10h, 10 vezes", "FREQ=WEEKLY;BYDAY=TH;COUNT=10"),
        ("pt", "Natação todas as quartas às 17h até junho", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260630"),
    ],
)
def test_until_and_count_end_a_recurrence_and_leave_the_title(
    lang: str, text: str, rrule: str
) -> None:
    e = event(text, lang)
    assert e.recurrence == rrule
    assert e.title is not None and not any(ch.isdigit() for ch in e.title)


def test_until_without_a_recurrence_is_a_due_date() -> None:
    assert task("Entregar el informe hasta el 24 de junio", "es").due == date(2026, 6, 24)


def test_a_singular_weekday_stays_one_date() -> None:
    e = event("Tutoría el martes a las 5", "es")
    assert (e.recurrence, e.start) == (None, datetime(2026, 3, 10, 17))


def test_a_weekday_list_leaves_no_connector() -> None:
    e = event("Clase de spinning lunes, miércoles y viernes a las 7", "es")
    assert (e.title, e.start) == ("Clase de spinning", datetime(2026, 3, 6, 19))


# --- language ----------------------------------------------------------------------------------


def test_a_sender_hint_decides_a_short_unsure_text() -> None:
    r = parse("ok nos vemos", "task", now=WED, tz="America/Sao_Paulo", hint="es")
    assert r.language == "es"


def test_a_hint_does_not_override_clear_cues() -> None:
    r = parse("Pagar o aluguel amanhã", "task", now=WED, tz="America/Sao_Paulo", hint="en")
    assert r.language == "pt"


# --- §13.1 in the event unit itself -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        (
            "es",
            "Hola Ana, la cita con el dentista quedó para el martes 19 a las 4:30 pm",
            "La cita con el dentista",
        ),
        ("es", "Buenas tardes a todos, les recuerdo que la junta es el jueves a las 7", "La junta"),
        (
            "es",
            "Recordatorio: fumigación del edificio el sábado de 9 a 1",
            "Fumigación del edificio",
        ),
        ("es", "Cena el viernes a las 9, ¿te apuntas?", "Cena"),
        ("en", "Quick reminder: soccer practice moved to Thursday 5:30pm", "Soccer practice"),
        ("pt", "galera, futebol sábado 10h na quadra, quem topa?", "Futebol"),
        ("pt", "A reunião do condomínio vai ser na quinta às 19h30", "A reunião do condomínio"),
        ("pt", "Natação da Lara e terças às 17h", "Natação da Lara"),
    ],
)
def test_lead_ins_greetings_copulas_and_closing_questions_leave_the_title(
    lang: str, text: str, title: str
) -> None:
    assert event(text, lang).title == title


def test_a_place_ends_at_an_emoji_or_a_question() -> None:
    e = event("Happy hour Friday 6pm @ The Tap Room 🍻 who's coming?", "en")
    assert (e.title, e.location) == ("Happy hour", "Tap Room")


def test_a_place_is_no_house_number() -> None:
    e = event("brunch sunday at 11 at jane's place", "en")
    assert (e.start, e.location) == (datetime(2026, 3, 8, 11), "jane's place")


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "Chicos!! Comprar el pastel mañana", "Comprar el pastel"),
        ("pt", "Amor, compra pão amanhã", "Compra pão"),
    ],
)
def test_a_group_word_or_pet_name_opening_a_task_leaves(lang: str, text: str, title: str) -> None:
    assert task(text, lang).title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Hola buenas tardes, me podrías mandar la factura antes del viernes? gracias",
            "Me podrías mandar la factura",
        ),
        (
            "Oye wey no se te olvide pasar por las tortillas",
            "No se te olvide pasar por las tortillas",
        ),
        ("Hola, hola! comprar pan mañana", "Comprar pan"),
    ],
)
def test_greetings_in_a_row_and_a_pet_name_after_one_leave(text: str, title: str) -> None:
    assert task(text, "es").title == title


@pytest.mark.parametrize(
    ("lang", "text", "tz", "start"),
    [
        (
            "pt",
            "Reunião amanhã às 15h (horário de Lisboa)",
            "America/Sao_Paulo",
            datetime(2026, 3, 5, 12),
        ),
        (
            "es",
            "Llamada mañana a las 10 hora del centro de México",
            "Europe/Madrid",
            datetime(2026, 3, 5, 17),
        ),
        ("en", "Interview Thursday 2pm Eastern", "America/Los_Angeles", datetime(2026, 3, 5, 11)),
    ],
)
def test_a_zone_in_brackets_or_by_its_region_name(
    lang: str, text: str, tz: str, start: datetime
) -> None:
    e = event(text, lang, tz=tz)
    assert e.start == start
    assert e.title is not None and "(" not in e.title


@pytest.mark.parametrize(
    ("lang", "text", "rrule"),
    [
        (
            "es",
            "Yoga cada martes a las 7 hasta finales de junio",
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630",
        ),
        (
            "en",
            "Standup every Monday at 9 until the end of June",
            "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260630",
        ),
        (
            "pt",
            "Academia de segunda a sexta às 6h até o fim de junho",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260630",
        ),
        ("es", "Yoga los martes a las 7 hasta fin de mes", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331"),
    ],
)
def test_until_the_end_of_a_month(lang: str, text: str, rrule: str) -> None:
    assert event(text, lang).recurrence == rrule


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "send the report tomorrow\nThanks Jen!"),
        ("es", "Mandar el reporte mañana\nGracias chicos"),
        ("pt", "Mandar o relatório amanhã\nObrigado, Ana!"),
    ],
)
def test_thanks_to_someone_is_a_signoff(lang: str, text: str) -> None:
    assert task(text, lang).title in ("Send the report", "Mandar el reporte", "Mandar o relatório")
