"""GET /api/health's calendars warning counts records as the rest of reactiond does: the
noun agrees with the count ("1 record", "2 records"), never "record(s)", and the pages say
it again in the reader's language."""

from __future__ import annotations

import pytest

from reactiond.ops.checks import Status
from reactiond.reasons import say
from reactiond.store.caldav_repo import PushTrouble
from reactiond.web.health import check_calendars


def warning(conflicts: int) -> str:
    [check] = check_calendars([PushTrouble("home", 0, 0, conflicts, None)])
    assert check.status is Status.WARN
    return str(check.detail)


@pytest.mark.parametrize(
    ("conflicts", "said"),
    [
        (1, "calendar home: 1 record changed on the server"),
        (2, "calendar home: 2 records changed on the server"),
        (11, "calendar home: 11 records changed on the server"),
    ],
)
def test_the_conflicts_count_agrees_with_its_noun(conflicts: int, said: str) -> None:
    assert warning(conflicts) == said


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("es", "1 registro cambió en el servidor", "3 registros cambiaron en el servidor"),
        ("pt", "1 registro mudou no servidor", "3 registros mudaram no servidor"),
        ("fr", "1 élément a changé sur le serveur", "3 éléments ont changé sur le serveur"),
    ],
)
def test_the_pages_say_the_count_in_the_readers_language(
    language: str, one: str, many: str
) -> None:
    assert say(warning(1), language).endswith(one)
    assert say(warning(3), language).endswith(many)
