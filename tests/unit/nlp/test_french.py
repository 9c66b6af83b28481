"""French constructions (GUIDELINES §14), each read through the lexicon data that drives
it (lexicon/fr.py, lexicon/money_fr.py), not through branches in the parsers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from reactiond.nlp import parse
from reactiond.nlp.language import detect

PARIS = "Europe/Paris"
THU = datetime(2026, 1, 8, 9, 15)  # a Thursday morning


def data(text: str, parser: str, tz: str = PARIS, now: datetime = THU) -> dict[str, Any]:
    r = parse(text, parser, now=now, tz=tz)
    assert r.success and r.data is not None, r
    assert r.language == "fr", r
    out: dict[str, Any] = r.data.as_json()
    return out


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("appeler Paul à 15h30", "2026-01-08T15:30"),
        ("appeler Paul à 15 h 30", "2026-01-08T15:30"),
        ("appeler Paul à 7h", "2026-01-09T07:00"),  # h-forms are 24-hour as written
        ("appeler Paul à 5", "2026-01-08T17:00"),  # a bare hour: 1–7 is the afternoon
        ("appeler Paul demain à 9h et demie", "2026-01-09T09:30"),
        ("appeler Paul demain à 9h et quart", "2026-01-09T09:15"),
        ("appeler Paul à 5 moins le quart", "2026-01-08T16:45"),
        ("appeler Paul à 17h moins le quart", "2026-01-08T16:45"),
        ("appeler Paul demain midi et demi", "2026-01-09T12:30"),
        ("appeler Paul demain midi et quart", "2026-01-09T12:15"),
        ("appeler Paul demain à 9h moins cinq", "2026-01-09T08:55"),
        ("appeler Paul demain à 10h moins 10", "2026-01-09T09:50"),
        ("appeler Paul demain à deux heures", "2026-01-09T02:00"),  # "N heures" is "Nh"
        ("appeler Paul dans 1h30", "2026-01-08T10:45"),
        ("appeler Paul demain à 3h de l'après-midi", "2026-01-09T15:00"),
        ("appeler Paul demain à 11h du soir", "2026-01-09T23:00"),
        ("appeler Paul ce soir", "2026-01-08T20:00"),
        ("appeler Paul samedi matin", "2026-01-10T09:00"),
    ],
)
def test_times(text: str, due: str) -> None:
    assert data(text, "task")["due"] == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("payer le loyer aujourd'hui", "2026-01-08"),
        ("payer le loyer ajd", "2026-01-08"),
        ("payer le loyer après-demain", "2026-01-10"),
        ("payer le loyer le 1er", "2026-02-01"),
        ("payer le loyer le 15/01", "2026-01-15"),
        ("payer le loyer vendredi prochain", "2026-01-09"),
        ("payer le loyer mardi en huit", "2026-01-20"),
        ("payer le loyer dans huit jours", "2026-01-15"),
        ("payer le loyer dans 8 jours", "2026-01-16"),
        ("payer le loyer dans quinze jours", "2026-01-22"),
        ("payer le loyer fin mars", "2026-03-31"),
        ("payer le loyer début avril", "2026-04-01"),
        ("payer le loyer mi-juin", "2026-06-15"),
        ("payer le loyer le 3 févr.", "2026-02-03"),
        ("payer le loyer la semaine prochaine", "2026-01-12"),
        ("payer le loyer dans la journée", "2026-01-08"),
        ("payer le loyer le 2 avril au plus tard", "2026-04-02"),
        ("payer le loyer le premier avril", "2026-04-01"),
        ("payer le loyer le 15.04.2026", "2026-04-15"),
        ("payer le loyer le 15-04-2026", "2026-04-15"),
    ],
)
def test_dates(text: str, due: str) -> None:
    out = data(text, "task")
    assert out["due"] == due
    assert out["title"] == "Payer le loyer"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("tâche : envoyer le devis", "Envoyer le devis"),
        ("tâche\u202f: envoyer le devis", "Envoyer le devis"),
        ("rappelle-moi d'envoyer le devis", "Envoyer le devis"),
        ("n'oublie pas de envoyer le devis", "Envoyer le devis"),
        ("pense à envoyer le devis", "Envoyer le devis"),
        ("pense au devis", "Devis"),  # au, aux go with the trigger
    ],
)
def test_task_triggers_with_or_without_the_space_before_the_colon(text: str, title: str) -> None:
    assert data(text, "task")["title"] == title


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("envoyer le devis urgent", "high"),
        ("envoyer le devis dès que possible", "high"),
        ("envoyer le devis pas urgent", "low"),  # the longest phrase wins
        ("envoyer le devis quand tu peux", "low"),
        ("envoyer le devis priorité moyenne", "medium"),
    ],
)
def test_priorities(text: str, priority: str) -> None:
    out = data(text, "task")
    assert out["priority"] == priority
    assert out["title"] == "Envoyer le devis"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("RDV chez le dentiste mardi à 16h30", "location", "chez le dentiste"),
        ("chorale jeudi à 19h à l'église Saint-Jean", "location", "église Saint-Jean"),
        ("point jeudi à 10h dans la salle commune", "location", "salle commune"),
        (
            "club de lecture un jeudi sur deux à 19h",
            "recurrence",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        ),
        ("yoga tous les mardis et jeudis à 7h", "recurrence", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("méditation tous les jours à 7h", "recurrence", "FREQ=DAILY"),
        ("bilan le premier lundi de chaque mois à 9h", "recurrence", "FREQ=MONTHLY;BYDAY=1MO"),
        ("bilan tous les premiers lundis du mois à 9h", "recurrence", "FREQ=MONTHLY;BYDAY=1MO"),
        ("loyer tous les 5 du mois à 9h", "title", "Loyer"),
        ("padel demain à 11h, une heure et demie", "duration_minutes", 90),
        ("appel client sur Zoom demain 17h30", "platform", "zoom"),
        ("appel avec la banque demain 10h par téléphone", "platform", "phone"),
    ],
)
def test_calendar(text: str, field: str, value: object) -> None:
    assert data(text, "calendar")[field] == value


@pytest.mark.parametrize(
    ("text", "title", "recurrence"),
    [
        ("Point hebdo le lundi à 9h", "Point", "FREQ=WEEKLY;BYDAY=MO"),
        ("Réunion hebdo tous les lundis à 9h", "Réunion hebdo", "FREQ=WEEKLY;BYDAY=MO"),
    ],
)
def test_hebdo_leaves_the_title_only_when_it_alone_carries_the_recurrence(
    text: str, title: str, recurrence: str
) -> None:
    out = data(text, "calendar")
    assert (out["title"], out["recurrence"]) == (title, recurrence)


def test_a_platform_noun_that_is_the_event_stays_in_the_title() -> None:
    out = data("appel téléphonique avec la banque demain à 10h", "calendar")
    assert (out["title"], out["platform"]) == ("Appel téléphonique avec la banque", "phone")


@pytest.mark.parametrize(
    ("text", "tz", "amount", "currency"),
    [
        ("loyer 1 250 € le 5", PARIS, "1250.00", "EUR"),
        ("taxe foncière 1\u202f234,56 €", PARIS, "1234.56", "EUR"),
        ("taxe foncière 1\u00a0234,56 €", PARIS, "1234.56", "EUR"),
        ("cantine 45€90", PARIS, "45.90", "EUR"),
        ("cantine 45 euros 90", PARIS, "45.90", "EUR"),
        ("travaux 12k€", PARIS, "12000.00", "EUR"),
        ("SIG 1'250.50", "Europe/Zurich", "1250.50", "CHF"),
        ("assurance Fr. 412.–", "Europe/Zurich", "412.00", "CHF"),
        ("femme de ménage 120 balles", "Europe/Zurich", "120.00", "CHF"),
        ("femme de ménage 120 balles", PARIS, "120.00", "EUR"),
        ("Senelec 18 500 F", "Africa/Dakar", "18500.00", "XOF"),
        ("ENEO 27 350 FCFA", "Africa/Douala", "27350.00", "XAF"),
        ("ENEO 27 350 FCFA", PARIS, "27350.00", "XOF"),
        ("impôts 1 200 € échéance 15 mai", PARIS, "1200.00", "EUR"),
        ("caution 1,2 M FCFA", "Africa/Douala", "1200000.00", "XAF"),
        ("scolarité 150 mille", "Africa/Abidjan", "150000.00", "XOF"),
        ("Lydec 356,80 DH", "Africa/Casablanca", "356.80", "MAD"),
        ("Hydro-Québec 142,37 $", "America/Montreal", "142.37", "CAD"),
        ("Vidéotron 85 dollars", "America/Montreal", "85.00", "CAD"),
        ("Spotify 10,99 $ US", "America/Montreal", "10.99", "USD"),
        ("Free 29,99", PARIS, "29.99", "EUR"),
        ("Swisscom 69.90", "Europe/Zurich", "69.90", "CHF"),
    ],
)
def test_money(text: str, tz: str, amount: str, currency: str) -> None:
    bill = data(text, "bill", tz=tz)["bills"][0]
    assert (bill["amount"], bill["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("idée : une appli de factures", "Une appli de factures"),
        ("Idée\u202f: une appli de factures", "Une appli de factures"),
        ("NB : le compteur est au garage", "Le compteur est au garage"),
        ("liste de courses : lait, œufs", "Liste de courses : lait, œufs"),  # French spacing
    ],
)
def test_notes(text: str, title: str) -> None:
    assert data(text, "note")["title"] == title


@pytest.mark.parametrize(
    ("text", "tz", "lang"),
    [
        ("mdr ok 👍", PARIS, "fr"),
        ("ok merci lol", PARIS, "fr"),
        ("call avec le client demain", PARIS, "fr"),  # an English loanword
        ("afterwork vendredi à 18h", "Africa/Abidjan", "fr"),
        ("réunion d'équipe demain", "America/New_York", "fr"),  # elided article
        ("Vidéotron 85 dollars le 5", "America/Montreal", "fr"),
        ("ranger le garage ce week-end", PARIS, "fr"),  # "week", "end" are no English cues
        ("call con proveedores mañana", PARIS, "es"),
        ("llamar a mamá el viernes", "America/Mexico_City", "es"),
        ("pagar a conta de luz amanhã", "America/Sao_Paulo", "pt"),
        ("call mom tomorrow", "America/New_York", "en"),
    ],
)
def test_language_among_four(text: str, tz: str, lang: str) -> None:
    assert detect(text, tz) == lang
