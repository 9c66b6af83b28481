"""A key in the config file that is no setting is refused (the environment cannot refuse
a typo; doctor and `run` name those), and the message names the setting it most looks
like instead of pydantic's "Extra inputs are not permitted"."""

from __future__ import annotations

from pathlib import Path

from tests.cli_in_process import run_cli


def _with_config(tmp_path: Path, toml: str) -> tuple[int, str]:
    config = tmp_path / "reactiond.toml"
    config.write_text(toml)
    result = run_cli(
        {"REACTIOND_DATA_DIR": str(tmp_path)}, "--config", str(config), "bills", "list"
    )
    return result.exit_code, result.output


def test_a_misspelt_key_names_the_setting_it_looks_like(tmp_path: Path) -> None:
    code, said = _with_config(tmp_path, 'evolution_ur = "http://127.0.0.1:8080"\n')
    assert code == 2
    assert "evolution_ur: is not a setting: did you mean evolution_url?" in said
    assert "Extra inputs" not in said


def test_a_key_like_no_setting_is_refused_without_a_guess(tmp_path: Path) -> None:
    code, said = _with_config(tmp_path, "colour = 3\n")
    assert code == 2
    assert "colour: is not a setting (the settings are listed in the README)" in said


def test_a_misspelt_key_under_the_reactiond_table_is_named_too(tmp_path: Path) -> None:
    code, said = _with_config(tmp_path, "[reactiond]\ndefault_tzz = 'UTC'\n")
    assert code == 2
    assert "did you mean default_tz?" in said
