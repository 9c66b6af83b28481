"""The correction reader (conversation/corrections.py): the examples of issue 20, and
properties over any text: it never raises, it only names fields the text holds, and a
change it makes to a record keeps what the correction does not name."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reactiond.conversation.corrections import Correction, correction_body, read_correction

NOW = datetime(2026, 12, 3, 10, 0)  # a Thursday
MX = "America/Mexico_City"


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("no, a las 4", None, time(16, 0)),
        ("el viernes", date(2026, 12, 4), None),
        ("amanhã às 10", date(2026, 12, 4), time(10, 0)),
        ("make it Thursday 3pm", date(2026, 12, 10), time(15, 0)),
        ("dia 23 às 10", date(2026, 12, 23), time(10, 0)),
        ("vendredi à 16h", date(2026, 12, 4), time(16, 0)),
    ],
)
def test_dates_and_times_in_a_reply(text: str, day: date | None, clock: time | None) -> None:
    c = read_correction(text, now=NOW, tz=MX)
    assert (c.day, c.clock, c.amount) == (day, clock, None)


def test_an_amount_in_a_reply_keeps_the_records_dollar_or_peso() -> None:
    c = read_correction("era $950", now=NOW, tz=MX, hint="es")
    assert (c.amount, c.currency, c.day) == (Decimal("950"), None, None)


@pytest.mark.parametrize("text", ["cancela", "cancel", "annule", "cancelar por favor"])
def test_cancel_words(text: str) -> None:
    assert read_correction(text, now=NOW, tz=MX).cancel


@pytest.mark.parametrize("text", ["hecho", "paid", "pago", "listo"])
def test_done_words(text: str) -> None:
    assert read_correction(text, now=NOW, tz=MX).done


@pytest.mark.parametrize("text", ["cambia a 📅", "📅", "change to 📝", "muda para 💳"])
def test_a_switch_names_one_emoji(text: str) -> None:
    assert read_correction(text, now=NOW, tz=MX).switch_to == text.split()[-1]


@pytest.mark.parametrize("text", ["👍 gracias amigo", "", "jajaja", "mmm"])
def test_chat_that_is_no_correction(text: str) -> None:
    assert not read_correction(text, now=NOW, tz=MX).understood


@pytest.mark.parametrize("text", ["ok gracias", "gracias!! 🙏", "valeu", "thanks", "merci"])
def test_a_thank_you_is_no_correction_and_wants_no_help(text: str) -> None:
    c = read_correction(text, now=NOW, tz=MX)
    assert not c.understood and c.thanks


def test_a_time_alone_keeps_the_tasks_day() -> None:
    c = Correction("es", clock=time(16, 0))
    body = correction_body("tasks", {"due_local": "2026-12-20T10:00"}, c)
    assert body == {"due": "2026-12-20T16:00"}


def test_a_day_alone_keeps_the_events_time() -> None:
    c = Correction("es", day=date(2026, 12, 4))
    body = correction_body("calendar_events", {"start_local": "2026-12-20T10:00"}, c)
    assert body == {"start": "2026-12-04T10:00"}


def test_a_bill_takes_a_day_but_no_time_and_a_task_no_amount() -> None:
    assert correction_body("bills", {"due_local": None}, Correction("es", clock=time(4))) is None
    assert correction_body("tasks", {}, Correction("es", amount=Decimal(5))) is None
    body = correction_body("bills", {}, Correction("es", amount=Decimal("950")))
    assert body == {"amount": "950.00"}


def test_a_time_for_a_task_without_a_day_is_not_guessed() -> None:
    assert correction_body("tasks", {"due_local": None}, Correction("es", clock=time(4))) is None


def test_done_means_done_for_a_task_and_paid_for_a_bill_and_nothing_for_a_note() -> None:
    done = Correction("en", done=True)
    assert correction_body("tasks", {}, done) == {"status": "done"}
    assert correction_body("bills", {}, done) == {"status": "paid"}
    assert correction_body("notes", {}, done) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from([None, "es", "en", "pt", "fr"]))
def test_any_text_is_read_without_error(text: str, hint: str | None) -> None:
    c = read_correction(text, now=NOW, tz=MX, hint=hint)
    if c.amount is not None:
        assert c.amount > 0
    assert c.language in ("es", "en", "pt", "fr")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
    st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
    st.one_of(
        st.none(),
        st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
            lambda d: d.replace(second=0, microsecond=0)
        ),
    ),
)
def test_a_task_keeps_what_the_correction_does_not_name(
    day: date | None, clock: time | None, current: datetime | None
) -> None:
    values = {"due_local": current.strftime("%Y-%m-%dT%H:%M") if current else None}
    body = correction_body("tasks", values, Correction("es", day=day, clock=clock))
    if body is None:
        assert (day is None and clock is None) or (day is None and current is None)
        return
    new = datetime.fromisoformat(body["due"]) if "T" in body["due"] else None
    if day is not None:
        assert body["due"].startswith(day.isoformat())
    elif current is not None:
        assert body["due"].startswith(current.date().isoformat())
    if clock is not None:
        assert new is not None and new.time() == clock
    elif current is not None:
        assert new is not None and new.time() == current.time()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["tasks", "calendar_events", "bills", "notes"]),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
    st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2)),
)
def test_a_change_is_one_the_records_api_takes(
    table: str, day: date | None, clock: time | None, amount: Decimal | None
) -> None:
    """Never a body that records.change would refuse: a correction that cannot be applied
    is help for the person, not a failed job."""
    values = {"due_local": "2026-12-20T10:00", "start_local": "2026-12-20T10:00"}
    body = correction_body(table, values, Correction("es", day=day, clock=clock, amount=amount))
    if body is None:
        return
    if "amount" in body:
        assert Decimal("0") < Decimal(body["amount"]) < Decimal("1e12")
    for name in ("due", "start"):
        if name in body:
            assert 1900 <= int(body[name][:4]) <= 2999
