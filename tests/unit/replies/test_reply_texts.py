from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from reactiond import replies
from reactiond.nlp.result import (
    LANGUAGES,
    PARSERS,
    BillData,
    BillItem,
    CalendarData,
    Language,
    NoteData,
    TaskData,
)
from reactiond.replies.phrases import PHRASEBOOKS

MX = "America/Mexico_City"
NOW = datetime(2026, 11, 25, 9, 0)
CFE = BillItem(vendor="CFE", amount=Decimal("890"), currency="MXN", due=date(2027, 1, 15))


@pytest.mark.parametrize(
    ("lang", "title_line", "due_line", "priority_line"),
    [
        ("es", "✅ Tarea creada: Llamar", "🗓️ Vence: jue 26 de nov, 3:00 p.m.", "Prioridad: alta"),
        ("en", "✅ Task added: Llamar", "🗓️ Due: Thu, Nov 26, 3:00 PM", "Priority: high"),
        ("pt", "✅ Tarefa criada: Llamar", "🗓️ Prazo: qui., 26 de nov., 15:00", "Prioridade: alta"),
    ],
)
def test_task_confirmation_shows_title_due_and_priority_in_the_readers_language(
    lang: Language, title_line: str, due_line: str, priority_line: str
) -> None:
    data = TaskData(title="Llamar", due=datetime(2026, 11, 26, 15, 0), priority="high")
    lines = replies.confirmation(data, lang=lang, tz=MX, now=NOW).splitlines()
    assert lines[0] == title_line
    assert lines[1] == due_line
    assert priority_line in lines[2]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "💳 Cuenta registrada: CFE — $890.00\n🗓️ Vence: vie 15 de ene"),
        ("en", "💳 Bill saved: CFE — MX$890.00\n🗓️ Due: Fri, Jan 15"),
        ("pt", "💳 Conta registrada: CFE — MX$ 890,00\n🗓️ Prazo: sex., 15 de jan."),
    ],
)
def test_bill_confirmation_formats_money_and_due_date_per_locale(
    lang: Language, expected: str
) -> None:
    assert replies.confirmation(BillData((CFE,)), lang=lang, tz=MX, now=NOW) == expected


@pytest.mark.parametrize(
    ("lang", "amount"), [("es", "1.234,50 BRL"), ("en", "R$1,234.50"), ("pt", "R$ 1.234,50")]
)
def test_bill_in_a_foreign_currency_is_written_the_readers_way(lang: Language, amount: str) -> None:
    item = BillItem(vendor=None, amount=Decimal("1234.5"), currency="BRL")
    text = replies.confirmation(BillData((item,)), lang=lang, tz=MX)
    if lang == "es":
        # es_MX writes the ISO code before the figure: "BRL 1,234.50".
        assert "BRL 1,234.50" in text
    else:
        assert amount in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_several_bills_are_listed_one_per_line_with_a_count(lang: Language) -> None:
    other = BillItem(vendor="Telmex", amount=Decimal("499"), currency="MXN")
    lines = replies.confirmation(BillData((CFE, other)), lang=lang, tz=MX).splitlines()
    assert "2" in lines[0]
    assert lines[1].startswith("• CFE")
    assert "2027" in lines[1]
    assert lines[2].startswith("• Telmex")


def test_a_rule_default_priority_is_shown_on_a_bill() -> None:
    text = replies.confirmation(BillData((CFE,)), lang="es", tz=MX, priority="high")
    assert text.endswith("⚡ Prioridad: alta")


@pytest.mark.parametrize(
    ("lang", "start", "duration"),
    [
        ("es", "🕒 vie 27 de nov, 3:00 p.m.", "⏱️ 1 h 30 min"),
        ("en", "🕒 Fri, Nov 27, 3:00 PM", "⏱️ 1 h 30 min"),
        ("pt", "🕒 sex., 27 de nov., 15:00", "⏱️ 1 h 30 min"),
    ],
)
def test_event_confirmation_shows_start_duration_place_and_recurrence(
    lang: Language, start: str, duration: str
) -> None:
    data = CalendarData(
        title="Reunión",
        start=datetime(2026, 11, 27, 15, 0),
        duration_minutes=90,
        location="Oficina",
        recurrence="FREQ=WEEKLY;BYDAY=FR",
    )
    lines = replies.confirmation(data, lang=lang, tz=MX, now=NOW).splitlines()
    assert lines[1:4] == [start, duration, "📍 Oficina"]
    assert lines[4] == "🔁 " + PHRASEBOOKS[lang].frequencies["WEEKLY"]


def test_an_all_day_event_shows_a_day_without_a_time() -> None:
    data = CalendarData(title="Feria", start=date(2026, 12, 4))
    assert replies.confirmation(data, lang="en", tz=MX, now=NOW).splitlines()[1] == (
        "🕒 Fri, Dec 4"
    )


def test_an_aware_time_is_shown_in_the_readers_zone() -> None:
    data = TaskData(title="Call", due=datetime(2026, 11, 26, 21, 0, tzinfo=UTC))
    text = replies.confirmation(data, lang="en", tz=MX, now=NOW)
    assert "3:00 PM" in text


def test_a_date_far_from_now_keeps_its_year() -> None:
    data = TaskData(title="Renew", due=date(2028, 3, 1))
    assert "2028" in replies.confirmation(data, lang="en", tz=MX, now=NOW)


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("es", "📝 Nota guardada: Menú de mango"),
        ("en", "📝 Note saved: Menú de mango"),
        ("pt", "📝 Nota salva: Menú de mango"),
    ],
)
def test_note_confirmation_shows_title_and_tags(lang: Language, first: str) -> None:
    data = NoteData(title="Menú de mango", tags=("ideas", "#cocina"))
    assert replies.confirmation(data, lang=lang, tz=MX) == f"{first}\n🏷️ #ideas #cocina"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("parser", PARSERS)
def test_parse_help_carries_that_parsers_example(lang: Language, parser: str) -> None:
    text = replies.parse_help(parser, lang)  # type: ignore[arg-type]
    assert replies.example(parser, lang) in text  # type: ignore[arg-type]


def test_parse_help_says_what_was_missing_when_the_reason_is_known() -> None:
    assert "Falta el monto." in replies.parse_help("bill", "es", reason="no_amount")
    assert "amount is missing" in replies.parse_help("bill", "en", reason="no_amount")
    assert "amount is zero" in replies.parse_help("bill", "en", reason="amount_zero")


def test_parse_help_ignores_a_reason_it_has_no_words_for() -> None:
    assert replies.parse_help("task", "pt", reason="weird") == replies.parse_help("task", "pt")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "↩️ Cancelado: CFE"), ("en", "↩️ Cancelled: CFE"), ("pt", "↩️ Cancelado: CFE")],
)
def test_cancelled_is_one_line(lang: Language, expected: str) -> None:
    assert replies.cancelled("CFE", lang=lang) == expected


def test_summary_of_bills_names_each_with_its_amount() -> None:
    other = BillItem(vendor="Telmex", amount=Decimal("499"), currency="MXN")
    assert replies.summary(BillData((CFE, other)), lang="es") == "CFE — $890.00, Telmex — $499.00"


def test_cannot_see_message_differs_per_language() -> None:
    texts = {replies.cannot_see_message(lang) for lang in LANGUAGES}
    assert len(texts) == len(LANGUAGES)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (3, "⏰ CFE — $890.00 vence en 3 días (vie 15 de ene)."),
        (1, "⏰ CFE — $890.00 vence mañana (vie 15 de ene)."),
        (0, "⏰ CFE — $890.00 vence hoy."),
    ],
)
def test_bill_reminder_counts_the_days_left(days: int, expected: str) -> None:
    assert replies.bill_reminder(CFE, days_left=days, lang="es", now=NOW) == expected


def test_task_reminder_names_the_due_time() -> None:
    data = TaskData(title="Call Ana", due=datetime(2026, 11, 25, 15, 0))
    assert replies.task_reminder(data, lang="en", tz=MX, now=NOW) == (
        "⏰ Reminder: Call Ana — Wed, Nov 25, 3:00 PM"
    )


def test_event_reminder_adds_the_place() -> None:
    data = CalendarData(title="Reunião", start=datetime(2026, 11, 25, 15, 0), location="Sala 2")
    assert replies.event_reminder(data, lang="pt", tz=MX, now=NOW) == (
        "⏰ Em breve: Reunião — qua., 25 de nov., 15:00\n📍 Sala 2"
    )


def test_every_phrasebook_covers_the_same_keys() -> None:
    for book in PHRASEBOOKS.values():
        for field in dataclasses.fields(book):
            value = getattr(book, field.name)
            reference = getattr(PHRASEBOOKS["en"], field.name)
            if isinstance(value, dict):
                assert set(value) == set(reference), field.name
            else:
                assert value, field.name


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_an_untitled_event_is_confirmed_and_reminded_as_untitled(lang: Language) -> None:
    data = CalendarData(title=None, start=datetime(2026, 11, 26, 10, 0))
    untitled = PHRASEBOOKS[lang].untitled_event
    assert untitled in replies.confirmation(data, lang=lang, tz=MX, now=NOW).splitlines()[0]
    assert untitled in replies.event_reminder(data, lang=lang, tz=MX, now=NOW)
    assert replies.summary(data, lang=lang) == untitled


# ------------------------------------------------------------------ unsure (issue 15)
@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("es", "❓ ¿5:00 p.m.? Responde para corregir"),
        ("en", "❓ 5:00 PM? Reply to correct it"),
        ("pt", "❓ 17:00? Responda para corrigir"),
    ],
)
def test_a_bare_hour_read_as_pm_is_asked_back(lang: Language, line: str) -> None:
    from reactiond.nlp.result import Unsure

    data = CalendarData(title="Pádel", start=datetime(2026, 11, 28, 17, 0))
    text = replies.confirmation(
        data, lang=lang, tz=MX, now=NOW, unsure=(Unsure("start", "bare_hour_pm"),)
    )
    assert text.splitlines()[-1] == line


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("es", "❓ ¿Frenos de Emi? Responde para corregir"),
        ("en", "❓ Frenos de Emi? Reply to correct it"),
        ("pt", "❓ Frenos de Emi? Responda para corrigir"),
    ],
)
def test_a_guessed_vendor_is_asked_back(lang: Language, line: str) -> None:
    from reactiond.nlp.result import Unsure

    item = dataclasses.replace(CFE, vendor="Frenos de Emi")
    text = replies.confirmation(
        BillData((CFE, item)),
        lang=lang,
        tz=MX,
        now=NOW,
        unsure=(Unsure("vendor", "guessed_vendor", 1),),
    )
    assert text.splitlines()[-1] == line
    assert text.count("❓") == 1


def test_a_confirmation_with_nothing_unsure_asks_nothing() -> None:
    assert "❓" not in replies.confirmation(BillData((CFE,)), lang="es", tz=MX, now=NOW)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "es",
            "❓ ¿$890.00? Supuse el importe: el archivo no dice que sea el total a pagar. "
            "Responde con el correcto",
        ),
        (
            "en",
            "❓ MX$890.00? I guessed the amount: the file does not say it is the amount due. "
            "Reply with the right one",
        ),
        (
            "pt",
            "❓ MX$ 890,00? Supus o valor: o arquivo não diz que é o total a pagar. "
            "Responda com o certo",
        ),
        (
            "fr",
            "❓ 890,00 $MX ? J'ai supposé le montant : le fichier ne dit pas que c'est le "
            "montant à payer. Répondez avec le bon",
        ),
    ],
)
def test_an_amount_no_label_named_is_asked_back_as_a_guess(lang: Language, line: str) -> None:
    # A bill read from a picture or PDF whose amount was the best unlabelled figure.
    from reactiond.nlp.result import Unsure

    text = replies.confirmation(
        BillData((CFE,)), lang=lang, tz=MX, now=NOW, unsure=(Unsure("amount", "unlabelled", 0),)
    )
    assert text.splitlines()[-1] == line
    assert text.count("❓") == 1


def test_french_asks_a_guessed_vendor_back_in_french() -> None:
    from reactiond.nlp.result import Unsure

    item = dataclasses.replace(CFE, vendor="Frenos de Emi")
    text = replies.confirmation(
        BillData((item,)),
        lang="fr",
        tz=MX,
        now=NOW,
        unsure=(Unsure("vendor", "guessed_vendor", 0),),
    )
    assert text.splitlines()[-1] == "❓ Frenos de Emi ? Répondez pour corriger"
