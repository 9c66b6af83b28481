"""The CLI speaks es, en and pt: every command's help, every option's help and the
one-line errors come from `reactiond.cli.text`'s catalog in the language the environment
asks for. Each language's CLI is a real process started with only LANG set (a `Speaker`,
tests/cli/speaker.py: one per language, running every command these tests send it);
`reactiond` below is a whole `python -m reactiond` process, for what only one shows."""

from __future__ import annotations

import asyncio
import json
import re
import string
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from reactiond.cli.text import CATALOG, LANGUAGES, Language
from reactiond.cli.text_fr import FRENCH
from tests.cli.conftest import with_database
from tests.cli.speaker import clean_env, speaker
from tests.cli.test_queue_cli import job_that_failed_once_then_succeeded

# One worker runs this module, test_first_hour.py and test_cli_click_fr.py (`--dist
# loadgroup`): each language's CLI process (tests/cli/speaker.py) starts once, and each
# language's walk of every help page (a few seconds in that process) is made once, not once
# on every worker.
pytestmark = pytest.mark.xdist_group("cli-speakers")

REPO = Path(__file__).resolve().parents[2]
LOCALES: dict[Language, str] = {
    "en": "en_US.UTF-8",
    "es": "es_MX.UTF-8",
    "pt": "pt_BR",
    "fr": "fr_FR.UTF-8",
}


def cli_env(data_dir: Path, locale: str, **extra: str) -> dict[str, str]:
    """The caller's environment without anything that picks a language, then LANG."""
    return clean_env(locale, REACTIOND_DATA_DIR=str(data_dir), COLUMNS="250", **extra)


def reactiond(
    data_dir: Path, locale: str, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`python -m reactiond ARGS`, a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "reactiond", *args],
        cwd=REPO,
        env=cli_env(data_dir, locale, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )


def cli(data_dir: Path, locale: str, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """`reactiond ARGS` in the CLI process of `locale` (tests/cli/speaker.py)."""
    return speaker(locale).run(data_dir, *args, **extra)


@cache
def help_pages(language: Language) -> list[dict[str, Any]]:
    """Every command's `--help` page in `language`, with the help texts Click holds."""
    return speaker(LOCALES[language]).help_pages()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("data"))


def fields(template: str) -> set[tuple[str, str | None]]:
    return {
        (name, conversion)
        for _, name, _, conversion in string.Formatter().parse(template)
        if name is not None
    }


def pattern(template: str) -> re.Pattern[str]:
    """A catalog template as a regex: its placeholders match any text."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(".+?")
    return re.compile("".join(parts))


def in_catalog(text: str, language: Language) -> bool:
    return any(pattern(entry.get(language)).fullmatch(text) for entry in CATALOG.values())


def flat(text: str) -> str:
    """Help as the reader sees it, without Rich's box edges and line wrapping."""
    return " ".join(text.replace("│", " ").split())


def test_every_message_has_all_four_languages() -> None:
    for key, entry in CATALOG.items():
        for language in LANGUAGES:
            assert entry.get(language).strip(), (key, language)
        assert entry.fr.strip(), (key, "fr: add it to reactiond/cli/text_fr.py")


def test_the_french_catalog_has_no_key_the_catalog_lacks() -> None:
    assert set(FRENCH) <= set(CATALOG)


def test_every_message_has_the_same_placeholders_in_every_language() -> None:
    for key, entry in CATALOG.items():
        assert fields(entry.es) == fields(entry.en), key
        assert fields(entry.pt) == fields(entry.en), key
        assert fields(entry.fr) == fields(entry.en), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_and_option_help_comes_from_the_catalog(language: Language) -> None:
    pages = help_pages(language)
    assert len(pages) > 40  # the whole tree was walked, not just the root
    missing = []
    for page in pages:
        where = " ".join(["reactiond", *page["path"]])
        if not page["help"] or not in_catalog(page["help"], language):
            missing.append(f"{where}: {page['help']!r}")
        for name, text in page["params"].items():
            if not text or not in_catalog(text, language):
                missing.append(f"{where} {name}: {text!r}")
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_help_page_shows_its_command_help_in_the_language(language: Language) -> None:
    for page in help_pages(language):
        assert page["exit"] == 0, page["path"]
        shown = flat(page["page"])
        assert flat(page["help"]) in shown, page["path"]
        for text in page["params"].values():
            assert flat(text) in shown, (page["path"], text)


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_spanish_and_portuguese_help_pages_show_no_english_command_help(language: Language) -> None:
    english = {tuple(p["path"]): p["help"] for p in help_pages("en")}
    for page in help_pages(language):
        assert flat(english[tuple(page["path"])]) not in flat(page["page"]), page["path"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_root_help_is_in_the_locale_language(language: Language, tmp_path: Path) -> None:
    done = cli(tmp_path, LOCALES[language], "--help")
    assert done.returncode == 0, done.stderr
    shown = flat(done.stdout)
    assert CATALOG["app"].get(language) in shown
    assert CATALOG["app.queue"].get(language) in shown
    assert CATALOG["cmd.run"].get(language) in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_job_error_is_in_the_locale_language(language: Language, tmp_path: Path) -> None:
    done = cli(with_database(tmp_path), LOCALES[language], "queue", "show", "999999")
    assert done.returncode == 1
    expected = CATALOG["err.queue.no_job"].get(language).format(job_id=999999)
    assert done.stderr.strip() == f"reactiond: {expected}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_parse_tz_error_is_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "parse", "task", "x", "--tz", "Mars/Olympus")
    assert done.returncode == 1
    expected = CATALOG["err.unknown_tz"].get(language).format(zone="Mars/Olympus")
    assert done.stderr.strip() == f"reactiond: {expected}"


def test_reactiond_language_wins_over_the_locale(tmp_path: Path) -> None:
    # A whole process: the language is chosen as it starts, from its environment; and the
    # exit code and stderr line are the console entry point's, as a shell sees them.
    data = with_database(tmp_path)
    done = reactiond(data, "es_ES.UTF-8", "queue", "show", "7", REACTIOND_LANGUAGE="pt")
    assert done.returncode == 1
    expected = CATALOG["err.queue.no_job"].pt.format(job_id=7)
    assert done.stderr.strip() == f"reactiond: {expected}"


def test_json_output_stays_english_keys_whatever_the_language(tmp_path: Path) -> None:
    done = cli(with_database(tmp_path), "es_MX.UTF-8", "queue", "stats", "--json")
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) >= {"by_status", "by_kind", "deferred"}


JOBS_BY_STATUS = {
    "en": ("jobs: 0 queued, 0 running, 1 done, 0 dead, 0 cancelled", "  reaction: 1 done"),
    "es": (
        "trabajos: 0 en cola, 0 en curso, 1 hecho, 0 muertos, 0 cancelados",
        "  reaction: 1 hecho",
    ),
    "pt": ("jobs: 0 na fila, 0 em execução, 1 feito, 0 morto, 0 cancelado", "  reaction: 1 feito"),
    "fr": ("jobs: 0 en file, 0 en cours, 1 fait, 0 mort, 0 annulé", "  reaction: 1 fait"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_queue_stats_says_job_statuses_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    """The statuses were English in every language ("trabajos: queued 0, done 1"); each
    count takes its language's plural form. `--json` keeps the English keys."""
    data = with_database(tmp_path)
    asyncio.run(job_that_failed_once_then_succeeded(data / "reactiond.db"))
    done = cli(data, LOCALES[language], "queue", "stats")
    assert done.returncode == 0, done.stderr
    assert tuple(done.stdout.splitlines()[:2]) == JOBS_BY_STATUS[language]
    raw = cli(data, LOCALES[language], "queue", "stats", "--json")
    assert json.loads(raw.stdout)["by_kind"] == {"reaction": {"done": 1}}


def used_keys(sources: list[Path] | None = None) -> list[str]:
    """The keys the code asks for, as regexes (`f"ok.{name}.none"` → `ok\\.[^.]+\\.none`).
    A counted message (`t(key, count=n)`) is a pair, `key.one` and `key.many`: the
    pattern takes either."""
    found = []
    for source in sources or (REPO / "reactiond").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for _, key in re.findall(r"""\bt\(\s*f?(["'])(.+?)\1""", text):
            found.append(
                "".join(
                    "[^.]+" if part.startswith("{") else re.escape(part)
                    for part in re.split(r"(\{[^}]*\})", key)
                )
                + r"(?:\.(?:one|many))?"
            )
    return found


def test_every_key_the_code_asks_for_is_in_the_catalog() -> None:
    # Error lines are looked up only when the error happens: a typo would crash then.
    for key in used_keys():
        assert any(re.fullmatch(key, k) for k in CATALOG), key


def test_every_key_doctor_asks_for_is_in_its_own_catalog() -> None:
    # doctor looks its words up below the CLI (reactiond/ops/doctor_text.py), not in CATALOG.
    from reactiond.ops import doctor_text

    for key in used_keys([REPO / "reactiond" / "ops" / "doctor.py"]):
        assert any(re.fullmatch(key, k) for k in doctor_text._WORDS), key


def test_every_catalog_message_is_used() -> None:
    keys = used_keys()
    assert [k for k in CATALOG if not any(re.fullmatch(p, k) for p in keys)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_confirmation_is_in_the_locale_language(language: Language, tmp_path: Path) -> None:
    done = cli(with_database(tmp_path), LOCALES[language], "feeds", "list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == CATALOG["ok.feeds.none"].get(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_headers_and_cells_are_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = cli(with_database(tmp_path), LOCALES[language], "rules", "list")
    assert done.returncode == 0, done.stderr
    header, first = done.stdout.splitlines()[:2]
    for key in ("col.id", "col.on", "col.emoji", "col.action", "col.name"):
        assert CATALOG[key].get(language) in header.split()
    assert CATALOG["word.yes"].get(language) in first.split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_record_list_headers_are_in_the_locale_language(
    language: Language, data_dir_with_a_task: Path
) -> None:
    done = cli(data_dir_with_a_task, LOCALES[language], "tasks", "list")
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0].split()
    assert header == [
        CATALOG[f"col.{c}"].get(language) for c in ("id", "status", "due", "priority", "title")
    ]


# What `doctor --offline` finds in a fresh data dir, line by line: (name, detail) keys.
FRESH_DOCTOR = [
    ("doctor.name.data_dir", "doctor.data_dir.ok"),
    ("doctor.name.file_modes", "doctor.file_modes.ok"),
    ("doctor.name.environment", "doctor.environment.ok"),
    ("doctor.name.database", "doctor.database.none"),
    ("doctor.name.daemon", "doctor.daemon.stopped"),
    ("doctor.name.time_zone", "doctor.time_zone.utc"),
    ("doctor.name.ocr", "doctor.ocr.command_not_found"),
    ("doctor.name.clock", "doctor.clock.unchecked"),
]
DOCTOR_LINE = re.compile(r"(?P<status>ok|warn|FAIL) +(?P<name>.+?)  +(?P<detail>.+)")


@cache
def fresh_doctor(language: Language, data_dir: str) -> list[tuple[str, str]]:
    """(name, detail) of each line of `doctor --offline` on a fresh data dir."""
    fresh = Path(data_dir) / f"doctor-{language}"
    fresh.mkdir(mode=0o700)  # private, as reactiond makes it (else doctor warns)
    # A machine zone other than UTC: the UTC warning then names it, with its own words.
    # A Tesseract program that is not there: the OCR warning (fix the setting), the same on
    # any machine.
    done = cli(
        fresh,
        LOCALES[language],
        "doctor",
        "--offline",
        TZ="America/Lima",
        REACTIOND_OCR_TESSERACT_CMD="/nonexistent/tesseract",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [DOCTOR_LINE.fullmatch(line) for line in done.stdout.splitlines()]
    return [(m["name"], m["detail"]) for m in lines if m is not None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_doctor_check_names_are_in_the_locale_language(language: Language, data_dir: str) -> None:
    names = [name for name, _ in fresh_doctor(language, data_dir)]
    assert names == [CATALOG[key].get(language) for key, _ in FRESH_DOCTOR]


@pytest.mark.parametrize("language", LANGUAGES)
def test_doctor_check_details_are_in_the_locale_language(language: Language, data_dir: str) -> None:
    details = [detail for _, detail in fresh_doctor(language, data_dir)]
    assert len(details) == len(FRESH_DOCTOR)
    for detail, (_, key) in zip(details, FRESH_DOCTOR, strict=True):
        assert pattern(CATALOG[key].get(language)).fullmatch(detail), (key, detail)
    machine = CATALOG["doctor.time_zone.machine"].get(language).format(zone="America/Lima")
    assert machine in details[5]


@pytest.mark.parametrize("language", LANGUAGES)
def test_doctor_failure_says_what_to_do_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    missing = tmp_path / "missing"
    done = cli(missing, LOCALES[language], "doctor", "--offline")
    assert done.returncode == 1
    name = CATALOG["doctor.name.data_dir"].get(language)
    detail = CATALOG["doctor.data_dir.missing"].get(language).format(path=missing)
    assert re.search(rf"^FAIL +{re.escape(name)} +{re.escape(detail)}$", done.stdout, re.M)
    assert done.stderr.strip() == CATALOG["err.doctor.failed.one"].get(language).format(count=1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_settings_error_is_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "run", REACTIOND_WEBHOOK_SECRET="change-me")
    assert done.returncode == 2
    line = done.stderr.strip()
    assert pattern("reactiond: " + CATALOG["err.settings.invalid"].get(language)).fullmatch(line)
    assert "webhook_secret" in line  # pydantic's own words for the setting stay as they are


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_api_token_is_refused_in_the_locale_language_with_how_to_make_one(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "run", REACTIOND_API_TOKEN="short-token")
    assert done.returncode == 2
    line = done.stderr.strip()
    too_short = CATALOG["err.settings.secret_too_short"].get(language)
    assert too_short.split("{")[0] in line
    assert "secrets.token_urlsafe(32)" in line
    assert "api_token" in line
