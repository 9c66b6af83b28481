"""The task parser ✅ (guidelines §6): one behaviour per test."""

from __future__ import annotations

import pytest

from reactiond.nlp.result import TaskData
from reactiond.nlp.task import parse_task
from tests.unit.nlp.helpers import THU, TZ, d, dt


def task(text: str, lang: str) -> TaskData:
    r = parse_task(text, lang, THU, TZ[lang])  # type: ignore[arg-type,index]
    assert r.success, r
    assert isinstance(r.data, TaskData)
    return r.data


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "tarea: mandar la cotización", "Mandar la cotización"),
        ("es", "recordar pagar la tarjeta", "Pagar la tarjeta"),
        ("es", "recuérdame llamar a mamá", "Llamar a mamá"),
        ("es", "acuerdate de sacar la basura", "Sacar la basura"),
        ("es", "Pendiente: actualizar el CV", "Actualizar el CV"),
        ("en", "remind me to call the plumber", "Call the plumber"),
        ("en", "todo: submit expense report", "Submit expense report"),
        ("en", "To do: schedule team offsite", "Schedule team offsite"),
        ("en", "dont forget to water the plants", "Water the plants"),
        ("pt", "lembrar de ligar pro contador", "Ligar pro contador"),
        ("pt", "não esquecer de buscar as crianças", "Buscar as crianças"),
        ("pt", "tarefa: atualizar planilha", "Atualizar planilha"),
    ],
)
def test_leading_trigger_is_removed(lang: str, text: str, title: str) -> None:
    assert task(text, lang).title == title


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("es", "Revisar presentación para el viernes", "Revisar presentación"),
        ("es", "hacer backup antes del lunes", "Hacer backup"),
        ("en", "Review presentation by Friday", "Review presentation"),
        ("en", "pay rent on the 1st", "Pay rent"),
        ("en", "cancel gym membership b4 the 20th", "Cancel gym membership"),
        ("pt", "Revisar apresentação até sexta", "Revisar apresentação"),
        ("pt", "ligar pra vó no domingo de manhã", "Ligar pra vó"),
    ],
)
def test_date_phrase_and_its_preposition_leave_the_title(lang: str, text: str, title: str) -> None:
    assert task(text, lang).title == title


def test_holiday_stays_in_title() -> None:
    data = task("comprar uvas para año nuevo hoy", "es")
    assert (data.title, data.due) == ("Comprar uvas para año nuevo", d(2026, 1, 8))


def test_typos_and_missing_accents_are_kept_in_title() -> None:
    assert (
        task("comprar croquetas pa la perrita 🐶", "es").title == "Comprar croquetas pa la perrita"
    )


def test_first_letter_is_upper_case() -> None:
    assert task("buy milk", "en").title == "Buy milk"


@pytest.mark.parametrize(
    ("lang", "text", "priority"),
    [
        ("es", "mandar informe urgente", "high"),
        ("es", "IMPORTANTE renovar el seguro", "high"),
        ("en", "submit report ASAP", "high"),
        ("en", "Urgent: fix the login bug", "high"),
        ("es", "preparar la renta, prioridad alta", "high"),
        ("en", "schedule offsite, medium priority", "medium"),
        ("pt", "revisar contrato, prioridade média", "medium"),
        ("es", "Renovar pasaporte, sin prisa", "low"),
        ("en", "book dentist, low priority", "low"),
        ("pt", "limpar a geladeira, sem pressa", "low"),
        ("es", "pedir cita baja prioridad", "low"),
    ],
)
def test_priority_words(lang: str, text: str, priority: str) -> None:
    data = task(text, lang)
    assert data.priority == priority
    assert "," not in data.title[-1:]


def test_exclamation_marks_do_not_set_priority() -> None:
    assert task("terminar reporte!!", "es").priority is None


def test_hashtags_are_tags_and_leave_title() -> None:
    data = task("reservar vuelos a Cancún #viaje #Familia", "es")
    assert (data.title, set(data.tags)) == ("Reservar vuelos a Cancún", {"viaje", "familia"})


def test_first_mention_is_assignee() -> None:
    data = task("@marta revisar el contrato @luis", "es")
    assert (data.title, data.assignee) == ("Revisar el contrato", "marta")


def test_plain_names_are_never_assignees() -> None:
    data = task("ask Jen about the budget", "en")
    assert (data.title, data.assignee) == ("Ask Jen about the budget", None)


def test_due_with_time() -> None:
    assert task("llamar al contador hoy a las 5", "es").due == dt(2026, 1, 8, 17)


def test_no_date_means_no_due() -> None:
    assert task("regar las plantas", "es").due is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "jajaja ok 👍"),
        ("es", "jsjsjs"),
        ("en", "thanks!! 🙏"),
        ("en", "lol"),
        ("en", "haha ok"),
        ("pt", "kkkkk blz"),
        ("pt", "valeu 👍"),
        ("pt", "rsrs tá bom"),
        ("es", "👍👍"),
    ],
)
def test_chatter_is_refused(lang: str, text: str) -> None:
    r = parse_task(text, lang, THU, TZ[lang])  # type: ignore[arg-type,index]
    assert (r.success, r.data, r.reason) == (False, None, "empty")


@pytest.mark.parametrize(
    ("text", "priority"),
    [("revisar contrato, prioridad: alta", "high"), ("llamar al banco (urgente)", "high")],
)
def test_priority_with_punctuation_leaves_no_trace(text: str, priority: str) -> None:
    data = task(text, "es")
    assert (data.priority, "(" in data.title, ":" in data.title) == (priority, False, False)


def test_priority_words_of_another_language_still_count() -> None:
    assert task("call mom, low priority", "es").priority == "low"


def test_curly_apostrophe_trigger() -> None:
    assert task("don’t forget to call Mom", "en").title == "Call Mom"


def test_demonstrative_before_a_date_preposition_stays() -> None:
    assert task("finish this by Friday", "en").title == "Finish this"


def test_mention_leaves_with_its_connector() -> None:
    data = task("hablar con @ana del presupuesto", "es")
    assert (data.title, data.assignee) == ("Hablar del presupuesto", "ana")
