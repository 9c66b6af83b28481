"""`reactiond trace --reaction ID` takes a reaction by reactiond's number for it (the
Today page, "Reaction #N" in a trace) or by its WhatsApp id (the reaction's key.id in the
webhook payload); it refused the latter with "reaction ids are whole numbers"."""

from __future__ import annotations

from pathlib import Path

from tests.cli_in_process import run_cli
from tests.fixtures import INSTANCE, fixture

REACTION = fixture("messages.upsert.reaction-add")["data"]
WHATSAPP_ID = REACTION["key"]["id"]
TARGET = REACTION["message"]["reactionMessage"]["key"]["id"]


def env(data_dir: Path) -> dict[str, str | None]:
    return {"REACTIOND_DATA_DIR": str(data_dir)}


def test_a_reaction_by_its_whatsapp_id_is_the_reaction_by_its_number(
    data_dir_with_a_task: Path,
) -> None:
    by_whatsapp = run_cli(env(data_dir_with_a_task), "trace", "--reaction", WHATSAPP_ID)
    assert by_whatsapp.exit_code == 0, by_whatsapp.output
    assert f"Message {TARGET} (reactiond-demo)" in by_whatsapp.output
    [focus] = [line for line in by_whatsapp.output.splitlines() if line.startswith("▶ ")]
    number = focus.split("#")[1].split()[0]
    by_number = run_cli(env(data_dir_with_a_task), "trace", "--reaction", number)
    assert by_number.exit_code == 0, by_number.output
    assert by_number.output == by_whatsapp.output
    on_its_instance = run_cli(
        env(data_dir_with_a_task), "trace", "--reaction", WHATSAPP_ID, "--instance", INSTANCE
    )
    assert on_its_instance.output == by_whatsapp.output


def test_an_unknown_reaction_id_is_one_line(data_dir_with_a_task: Path) -> None:
    for ident, said in (("NOPE", "no reaction 'NOPE'"), ("424242", "no reaction 424242")):
        result = run_cli(env(data_dir_with_a_task), "trace", "--reaction", ident)
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"reactiond: {said}: give"), result.output
    elsewhere = run_cli(
        env(data_dir_with_a_task), "trace", "--reaction", WHATSAPP_ID, "--instance", "otra"
    )
    assert elsewhere.exit_code == 1
    assert f"no reaction '{WHATSAPP_ID}'" in elsewhere.output


def test_the_help_says_which_ids_it_takes() -> None:
    shown = run_cli({}, "trace", "--help").output
    assert "WhatsApp id" in shown and "Today page" in shown
