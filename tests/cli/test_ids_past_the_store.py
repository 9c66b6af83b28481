"""An id past what the store holds (a signed 64-bit integer) names no row: every command
taking one says what it says of a missing id, with the same exit code, as the JSON API
answers 404; it was a traceback ending in `OverflowError: int too big to convert`."""

from __future__ import annotations

import pytest

from tests.cli.conftest import with_database
from tests.cli_in_process import run_cli

TOO_BIG = "9" * 23
JUST_PAST = str(2**63)

# (the command, what it says of an id no row has)
COMMANDS = [
    (["queue", "show"], "no job {id}; `reactiond queue list` shows the ids"),
    (["queue", "retry"], "job {id} is not dead (or does not exist)"),
    (["tasks", "done"], "no task {id}; `reactiond tasks list` shows them"),
    (["tasks", "reopen"], "no task {id}; `reactiond tasks list` shows them"),
    (["bills", "paid"], "no bill {id}; `reactiond bills list` shows them"),
    (["outbox", "show"], "no reply {id}; `reactiond outbox list` shows them"),
    (["outbox", "retry"], "no reply {id}; `reactiond outbox list` shows them"),
    (["feeds", "rotate"], "no feed {id}; `reactiond feeds list` shows the ids"),
    (["feeds", "revoke"], "no feed {id}; `reactiond feeds list` shows the ids"),
    (["trace", "--reaction"], "no reaction {id}: give the WhatsApp message id"),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    data = with_database(tmp_path_factory.mktemp("ids") / "data")
    return {"REACTIOND_DATA_DIR": str(data)}


@pytest.mark.parametrize(("command", "said"), COMMANDS, ids=lambda c: " ".join(c)[:20])
def test_an_id_past_the_store_is_a_missing_id(
    env: dict[str, str | None], command: list[str], said: str
) -> None:
    missing = run_cli(env, *command, "12345")
    assert missing.exit_code == 1, missing.output
    assert said.format(id="12345") in missing.output
    for big in (TOO_BIG, JUST_PAST, "9" * 5000):
        result = run_cli(env, *command, big)
        assert isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == missing.exit_code, result.output
        assert "Traceback" not in result.output and "OverflowError" not in result.output
        assert said.format(id=big) in result.output, result.output
        assert len(result.output.splitlines()) == 1, result.output


def test_the_largest_id_the_store_holds_is_still_looked_up(env: dict[str, str | None]) -> None:
    result = run_cli(env, "queue", "show", str(2**63 - 1))
    assert result.exit_code == 1
    assert f"no job {2**63 - 1};" in result.output


def test_a_negative_id_past_the_store_is_missing_too(env: dict[str, str | None]) -> None:
    result = run_cli(env, "queue", "show", "--", f"-{TOO_BIG}")
    assert result.exit_code == 1, result.output
    assert f"no job -{TOO_BIG};" in result.output


def test_text_that_is_not_a_number_is_still_a_usage_error(env: dict[str, str | None]) -> None:
    result = run_cli(env, "queue", "show", "abc")
    assert result.exit_code == 2
    assert "Input should be a valid integer" in result.output
