"""The CLI's French (issue 21) for the words Click, pydantic and the lower layers give:
every rule of `reactiond.cli.click.REASONS` has its French, keeping the pattern's groups, and the
CLI run with a French locale says its usage errors and help in French."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reactiond.cli.click import REASONS, error_line, say, spaced
from reactiond.reasons_fr import FRENCH_REASONS
from tests.cli.speaker import speaker
from tests.fixtures import REPO

# The French CLI process (tests/cli/speaker.py) is the one test_cli_languages.py uses.
pytestmark = pytest.mark.xdist_group("cli-speakers")


def test_every_rule_has_its_french_and_no_french_lacks_a_rule() -> None:
    patterns = [pattern for pattern, _ in REASONS]
    assert [p for p in patterns if p not in FRENCH_REASONS] == []
    assert [p for p in FRENCH_REASONS if p not in patterns] == []


def test_the_french_keeps_the_patterns_groups() -> None:
    for pattern, french in FRENCH_REASONS.items():
        groups = re.compile(pattern).groups
        used = {int(n) for n in re.findall(r"\\(\d)", french)}
        assert used <= set(range(1, groups + 1)), pattern


def test_click_and_record_errors_read_in_french() -> None:
    assert say("No such command 'foo'.", "fr") == "la commande 'foo' n'existe pas."
    assert say("no bill 7", "fr") == "la facture 7 n'existe pas"
    assert say("Field required", "fr") == "est obligatoire"


def test_an_error_and_its_hint_are_set_apart_as_french_does() -> None:
    """French puts a no-break space before ";" (never a line's first character); the
    other languages write it against the word. A lower layer's "error; hint" the French
    rules do not know whole is joined the French way once said."""
    assert error_line("No such command 'foo'.", "reactiond queue") == (
        "reactiond: no such command 'foo'; `reactiond queue --help` shows how to use it"
    )
    assert say("no task 7; list them with tasks", "fr") == (
        "la tâche 7 n'existe pas\u00a0; list them with tasks"
    )
    for language in ("es", "en", "pt"):
        assert "\u00a0" not in say("no task 7; list them with tasks", language), language
    assert spaced("a ; b", "fr") == "a ; b"  # already apart: left as written


def french(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} and not k.startswith("REACTIOND_")
    }
    env |= {"LANG": "fr_FR.UTF-8", "REACTIOND_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "reactiond", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_usage_error_is_one_french_line(tmp_path: Path) -> None:
    # A whole process: the exit code and the program's name, as a shell sees them.
    done = french(tmp_path, "queue", "frobnicate")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "reactiond: la commande 'frobnicate' n'existe pas\u00a0; "
        "`python -m reactiond queue --help` montre comment s'en servir"
    ]


def test_help_is_in_french(tmp_path: Path) -> None:
    done = speaker("fr_FR.UTF-8").run(tmp_path, "parse", "--help", COLUMNS="200")
    assert done.returncode == 0, done.stderr
    assert "Utilisation" in done.stdout and "Analyser un message" in done.stdout
    assert "Afficher ce message et quitter." in done.stdout
