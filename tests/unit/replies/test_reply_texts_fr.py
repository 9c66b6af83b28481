"""French replies (issue 21): the words are French and the figures follow the reader's
region, picked by the zone (Babel's fr_FR, fr_CA, fr_SN...)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from reactiond import replies
from reactiond.nlp.result import BillData, BillItem, CalendarData, TaskData
from reactiond.replies.formatting import locale_for

NOW = datetime(2026, 11, 25, 9, 0)


def test_task_confirmation_is_french() -> None:
    data = TaskData(title="Appeler", due=datetime(2026, 11, 26, 15, 0), priority="low")
    assert replies.confirmation(data, lang="fr", tz="Europe/Paris", now=NOW).splitlines() == [
        "✅ Tâche ajoutée : Appeler",
        "🗓️ Échéance : jeu. 26 nov., 15:00",
        "⚡ Priorité : basse",
    ]


@pytest.mark.parametrize(
    ("tz", "currency", "shown"),
    [
        ("Europe/Paris", "EUR", "1 234,56 €"),
        ("America/Montreal", "CAD", "1 234,56 $"),
        ("Africa/Dakar", "XOF", "1 235 F CFA"),
        ("Africa/Douala", "XAF", "1 235 FCFA"),
        ("Africa/Casablanca", "MAD", "1 234,56 MAD"),
    ],
)
def test_bill_amounts_follow_the_readers_region(tz: str, currency: str, shown: str) -> None:
    item = BillItem(vendor="Loyer", amount=Decimal("1234.56"), currency=currency)
    text = replies.confirmation(BillData((item,)), lang="fr", tz=tz, now=NOW)
    assert text == f"💳 Facture enregistrée : Loyer — {shown}"


@pytest.mark.parametrize(
    ("tz", "locale"),
    [
        ("Europe/Paris", "fr_FR"),
        ("Europe/Brussels", "fr_BE"),
        ("Europe/Zurich", "fr_CH"),
        ("America/Montreal", "fr_CA"),
        ("Africa/Dakar", "fr_SN"),
        ("Africa/Abidjan", "fr_CI"),
        ("Africa/Douala", "fr_CM"),
        ("Africa/Casablanca", "fr_MA"),
        ("Asia/Tokyo", "fr_FR"),
    ],
)
def test_the_zone_picks_the_french_locale(tz: str, locale: str) -> None:
    assert locale_for("fr", tz) == locale


def test_a_zone_changes_nothing_for_the_other_languages() -> None:
    assert locale_for("es", "Europe/Paris") == "es_MX"


def test_event_confirmation_names_the_phone_in_french() -> None:
    data = CalendarData(title="Point", start=datetime(2026, 11, 27, 10, 0), platform="phone")
    lines = replies.confirmation(data, lang="fr", tz="America/Montreal", now=NOW).splitlines()
    assert lines[0] == "📅 Événement planifié : Point"
    assert lines[1] == "🕒 ven. 27 nov., 10 h 00"
    assert "💻 téléphone" in lines


def test_help_offers_a_french_example() -> None:
    assert replies.parse_help("bill", "fr", reason="no_amount") == (
        "🤔 Je n'ai pas compris la facture. Il manque le montant.\n"
        "Essayez comme ceci : « Payer EDF 84,30 € avant le 15 janvier »"
    )


def test_bill_reminder_is_french() -> None:
    item = BillItem(vendor="EDF", amount=Decimal("84.30"), currency="EUR", due=date(2026, 11, 28))
    text = replies.bill_reminder(item, days_left=3, lang="fr", now=NOW, tz="Europe/Paris")
    assert text == "⏰ EDF — 84,30 € arrive à échéance dans 3 jours (sam. 28 nov.)."
