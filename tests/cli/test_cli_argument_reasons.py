"""An argument the CLI cannot take is said the CLI's way: `people digest WHO AT` with a time
that is no time of day (the API's hint names a JSON field, "at", which a CLI user never
wrote), and a rule's `--config` that is not JSON (said once, not "not JSON: not JSON")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_in_process import run_cli


@pytest.mark.parametrize("at", ["25:99", "noon", "8"])
def test_a_time_that_is_no_time_of_day_says_how_to_write_one(tmp_path: Path, at: str) -> None:
    done = run_cli({"REACTIOND_DATA_DIR": str(tmp_path)}, "people", "digest", "5215512345678", at)
    assert done.exit_code == 1
    assert f"{at!r} is not a time of day: give it as 08:00 (24-hour)" in done.output
    assert '"at"' not in done.output


def test_a_rule_config_that_is_not_json_says_so_once(tmp_path: Path) -> None:
    done = run_cli({"REACTIOND_DATA_DIR": str(tmp_path)}, "rules", "edit", "task", "--config", "{b")
    assert done.exit_code == 1
    assert "config is not JSON (Expecting property name" in done.output
    assert "not JSON: " not in done.output
