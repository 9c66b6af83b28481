"""Issue 16: what a new user meets in the first hour of the CLI, pinned one behaviour per
test (each failed before its fix)."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import structlog
from typer.testing import CliRunner

from reactiond.cli.click import say
from reactiond.cli.main import app
from reactiond.cli.table import width
from reactiond.cli.text import CATALOG, Language
from reactiond.domain import JobKind
from reactiond.logs import configure_logging, resolved_format
from reactiond.settings import Settings
from tests.cli.conftest import with_database
from tests.cli.test_cli_languages import (
    LOCALES,
    REPO,
    cli,
    cli_env,
    help_pages,
    pattern,
    reactiond,
)
from tests.waiting import eventually_sync

# One worker runs this module and test_cli_languages.py: each language's CLI process
# (tests/cli/speaker.py) starts once. `reactiond(...)` is a whole process of its own, kept
# for what only one shows: `run` (its exit code, a terminal).
pytestmark = pytest.mark.xdist_group("cli-speakers")

READ_COMMANDS = [
    ["tasks", "list"],
    ["events", "list"],
    ["bills", "list"],
    ["notes", "list"],
    ["queue", "stats"],
    ["people", "list"],
    ["outbox", "list"],
    ["rules", "list"],
    ["feeds", "list"],
    ["export", "csv", "tasks"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_data_dir_without_a_database_fails_and_creates_nothing(
    command: list[str], tmp_path: Path
) -> None:
    # In-process (the process and its language are the next test's); stderr apart.
    done = runner(tmp_path).invoke(app, command)
    assert done.exit_code == 1, done.stdout
    assert done.stderr.startswith(f"reactiond: no database at {tmp_path / 'reactiond.db'};")
    assert f"REACTIOND_DATA_DIR={tmp_path}?" in done.stderr
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", ["en", "es", "pt"])
def test_the_missing_database_error_is_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "tasks", "list")
    expected = CATALOG["err.no_database"].get(language)
    line = expected.format(path=tmp_path / "reactiond.db", data_dir=tmp_path)
    assert done.stderr.strip() == f"reactiond: {line}"


def test_adding_a_rule_before_the_first_start_still_creates_the_database(
    tmp_path: Path,
) -> None:
    done = runner(tmp_path).invoke(
        app, ["rules", "add", "--name", "todo", "--emoji", "📌", "--action", "create_task"]
    )
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "reactiond.db").exists()


def test_run_takes_config_after_the_command_too(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    done = reactiond(tmp_path, LOCALES["en"], "run", "--config", str(missing))
    assert done.returncode == 2
    assert done.stderr.strip() == f"reactiond: config file {missing} does not exist"


def run_on_a_terminal(data_dir: Path, locale: str) -> str:
    """`reactiond run` with stderr on a pseudo-terminal, as a person starts it; returns
    what the terminal showed until the start line, then stops the daemon."""
    main, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reactiond", "run"],
        cwd=REPO,
        env=cli_env(data_dir, locale, REACTIOND_PORT="0"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=side,
    )
    os.close(side)
    seen = b""

    def started() -> bool:
        nonlocal seen
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                seen += os.read(main, 65536)
            except OSError:  # the other side is gone: the daemon exited
                return True
        return b"demo" in seen or proc.poll() is not None

    try:
        eventually_sync(started, what="the start line on the terminal")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
        os.close(main)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.parametrize("language", ["en", "es"])
def test_run_on_a_terminal_prints_one_human_line(language: Language, tmp_path: Path) -> None:
    shown = run_on_a_terminal(tmp_path, LOCALES[language])
    lines = [line for line in shown.splitlines() if "reactiond demo" in line]
    assert len(lines) == 1, shown
    line = lines[0]
    url = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    assert url is not None and url[1] != "0", line  # the port it really bound
    assert str(tmp_path) in line
    assert str(tmp_path / "webhook-secret") in line
    secret = CATALOG["run.secret.file"].get(language).format(path=tmp_path / "webhook-secret")
    assert pattern(CATALOG["run.started"].get(language).replace("{secret}", secret)).fullmatch(line)
    assert '{"' not in shown  # the log on a terminal is the console form, not JSON


def test_log_format_auto_is_json_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    stream = io.StringIO()
    assert resolved_format("auto", stream) == "json"
    assert Settings().log_format == "auto"


def test_the_console_log_shows_an_enum_by_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("info", "console")
    structlog.get_logger("t").info("listening", handlers=[JobKind.REACTION])
    err = capsys.readouterr().err
    assert "handlers=['reaction']" in err
    assert "JobKind" not in err


# -- Typer's and Click's own words, one-line usage errors (item 15) --------------------

USAGE_ERRORS = {
    "es": "falta el argumento 'task_id'; `reactiond tasks done --help` muestra cómo usarlo",
    "pt": "falta o argumento 'task_id'; `reactiond tasks done --help` mostra como usar",
    "en": "missing argument 'task_id'; `reactiond tasks done --help` shows how to use it",
}


def as_installed(stderr: str) -> str:
    """The tests run `python -m reactiond`, which Click names as such in its hints."""
    return stderr.strip().replace("python -m reactiond", "reactiond")


@pytest.mark.parametrize("language", ["en", "es", "pt"])
def test_a_usage_error_is_one_line_in_the_locale_language(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "tasks", "done")
    assert done.returncode == 2
    assert as_installed(done.stderr) == f"reactiond: {USAGE_ERRORS[language]}"


def test_a_bad_option_value_names_the_reason_in_the_locale_language(tmp_path: Path) -> None:
    done = cli(tmp_path, LOCALES["es"], "tasks", "list", "--limit", "abc")
    assert as_installed(done.stderr) == (
        "reactiond: valor no válido para '--limit': debe ser un número entero; "
        "`reactiond tasks list --help` muestra cómo usarlo"
    )


@pytest.mark.parametrize(
    ("args", "portuguese"),
    [
        (
            ["bills", "paid", "3"],
            "reactiond: não existe a conta 3; `reactiond bills list` mostra os ids",
        ),
        (
            ["tasks", "list", "--status", "x"],
            "reactiond: status desconhecido 'x' para tasks; use open, done, cancelled"
            " (vários separados por vírgulas)",
        ),
    ],
)
def test_record_errors_are_said_in_the_locale_language(
    args: list[str], portuguese: str, tmp_path: Path
) -> None:
    done = cli(with_database(tmp_path), LOCALES["pt"], *args)
    assert done.returncode == 1
    assert done.stderr.strip() == portuguese


def test_lower_layer_reasons_are_said_in_the_locale_language(tmp_path: Path) -> None:
    done = cli(tmp_path, LOCALES["es"], "rules", "add", "--name", "x", "--emoji", "abc")
    assert done.returncode == 1
    line = done.stderr.strip()
    assert "triggers: 'abc' no es un emoji" in line
    assert "action: debe ser 'create_task'" in line
    assert "Input should" not in line and "is not" not in line


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        (
            "port: Input should be less than or equal to 65535",
            "port: debe ser menor o igual que 65535",
        ),
        ("name: Field required", "name: es obligatorio"),
        ("x: Extra inputs are not permitted", "x: no es un campo conocido"),
        (
            "triggers: Tuple should have at least 1 item after validation, not 0",
            "triggers: necesita al menos 1 elemento, no 0",
        ),
        ("config file /x does not exist", "el archivo de configuración /x no existe"),
        (
            "no database at /d/reactiond.db: check REACTIOND_DATA_DIR (has reactiond run here?)",
            "no hay base de datos en /d/reactiond.db: revisa REACTIOND_DATA_DIR"
            " (¿ha corrido reactiond aquí?)",
        ),
        (
            "task 4 is done, not open: nothing changed",
            "la tarea 4 está done, no open: no cambió nada",
        ),
        (
            "job_lease_seconds: Input should be a finite number",
            "job_lease_seconds: debe ser un número finito",
        ),
        (
            "evolution_url: Value error, 'ftp://x' is not an http(s) URL: e.g. http://h:8080",
            "evolution_url: 'ftp://x' no es una URL http(s): p. ej. http://h:8080",
        ),
        (
            "database_url: Value error, holds an @ / # or ? that is not percent-encoded, most"
            " likely in the password: write it as postgresql://u:p@h/d with %40 for @, %2F for"
            " /, %23 for # and %3F for ?",
            "database_url: tiene una @ / # o ? sin codificar (con %), seguramente en la"
            " contraseña: escríbela como postgresql://u:p@h/d con %40 por @, %2F por /, %23 por"
            " # y %3F por ?",
        ),
        (
            "tags: each tag must be at most 50 characters",
            "tags: cada etiqueta admite como máximo 50 caracteres",
        ),
        (
            "bogus: unknown field; see `reactiond rules show` for the fields a rule has",
            "bogus: campo desconocido; `reactiond rules show` muestra los campos de una regla",
        ),
        (
            "unknown parser 'foo': use one of task, note",
            "parser desconocido 'foo': usa uno de task, note",
        ),
        (
            "a feed needs a name: name it after who subscribes, e.g. 'Ana'",
            "un feed necesita un nombre: nómbralo por quien se suscribe, p. ej. 'Ana'",
        ),
        ("no message or reaction target 'X'", "ningún mensaje ni reacción con el id 'X'"),
        ("something we never said", "something we never said"),
    ],
)
def test_say_words_pydantic_and_our_reasons_in_spanish(english: str, spanish: str) -> None:
    assert say(english, "es") == spanish
    assert say(english, "en") == english


@pytest.mark.parametrize("language", ["es", "pt"])
def test_help_pages_use_the_locale_words_for_usage_options_and_help(
    language: Language, tmp_path: Path
) -> None:
    done = cli(tmp_path, LOCALES[language], "tasks", "list", "--help")
    assert done.returncode == 0, done.stderr
    shown = done.stdout
    for key in ("click.usage", "click.options", "click.help"):
        assert CATALOG[key].get(language) in shown, key
    for english in ("Usage:", "Options", "Show this message", "[default:"):
        assert english not in shown, english


def test_no_help_page_shows_a_type_for_a_flag() -> None:
    pages = help_pages("en")
    assert len(pages) > 40
    assert [p["path"] for p in pages if "<bool>" in p["page"]] == []


# -- output wording (item 17) ----------------------------------------------------------


def test_one_imported_rule_is_singular(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps([{"name": "pin", "triggers": ["📌"], "action": "create_note"}]),
        encoding="utf-8",
    )
    done = runner(tmp_path).invoke(app, ["rules", "import", str(rules)])
    assert done.exit_code == 0, done.stderr
    assert done.stdout.strip() == "1 rule imported: pin"


def test_rules_test_indents_the_replys_later_lines(tmp_path: Path) -> None:
    done = cli(
        with_database(tmp_path),
        LOCALES["es"],
        "rules",
        "test",
        "💳",
        "pagar luz 890 el viernes",
        "--now",
        "2026-01-08T09:00",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    label = f"  {CATALOG['out.rules.test.reply'].es}: "
    at = next(i for i, line in enumerate(lines) if line.startswith(label))
    assert lines[at + 1].startswith(" " * len(label) + "🗓️"), lines[at : at + 2]


def test_parse_errors_read_like_every_other_command(tmp_path: Path) -> None:
    done = runner(tmp_path).invoke(app, ["parse", "task", "x", "--lang", "xx"])
    assert done.exit_code == 1
    assert done.stderr.startswith("reactiond: unknown language 'xx'")


# -- help that matches behaviour (item 16) ---------------------------------------------


def runner(data_dir: Path) -> CliRunner:
    return CliRunner(env={"REACTIOND_DATA_DIR": str(data_dir), "COLUMNS": "250"})


@pytest.mark.parametrize("kind", ["tasks", "events", "bills", "notes"])
def test_every_sort_the_list_help_suggests_is_accepted(kind: str, tmp_path: Path) -> None:
    cli = runner(with_database(tmp_path))
    page = cli.invoke(app, [kind, "list", "--help"]).output
    line = next(line for line in page.splitlines() if "--sort" in line)
    suggested = re.findall(r"\b(id|created|updated|due|start)\b", line)
    assert "id" in suggested
    for sort in suggested:
        done = cli.invoke(app, [kind, "list", "--sort", sort])
        assert done.exit_code == 0, (sort, done.output)
        done = cli.invoke(app, [kind, "list", "--sort", f"-{sort}"])
        assert done.exit_code == 0, (sort, done.output)


def test_notes_list_offers_no_date_range(tmp_path: Path) -> None:
    cli = runner(with_database(tmp_path))
    assert "--from" not in cli.invoke(app, ["notes", "list", "--help"]).output
    assert "--from" in cli.invoke(app, ["tasks", "list", "--help"]).output


@pytest.mark.parametrize("option", ["--text", "--search", "-q"])
def test_export_csv_and_lists_take_text_and_search_alike(option: str, tmp_path: Path) -> None:
    cli = runner(with_database(tmp_path))
    assert cli.invoke(app, ["export", "csv", "tasks", option, "milk"]).exit_code == 0
    assert cli.invoke(app, ["tasks", "list", option, "milk"]).exit_code == 0


def test_export_csv_help_shows_text_not_search(tmp_path: Path) -> None:
    page = runner(tmp_path).invoke(app, ["export", "csv", "--help"]).output
    assert "--text" in page
    assert "--search" not in page


def test_export_ics_kind_error_speaks_of_the_option(tmp_path: Path) -> None:
    done = runner(with_database(tmp_path)).invoke(app, ["export", "ics", "--kind", "notes"])
    assert done.exit_code == 1
    assert "--kind bills" in done.output
    assert "kind=" not in done.output


def test_the_record_table_is_column_aligned(data_dir_with_a_task: Path) -> None:
    done = cli(data_dir_with_a_task, LOCALES["es"], "tasks", "list")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert rows
    listed = json.loads(cli(data_dir_with_a_task, LOCALES["es"], "tasks", "list", "--json").stdout)
    heads = header.split("  ")
    heads = [h.strip() for h in heads if h.strip()]
    for line, task in zip(rows, listed, strict=True):
        # Each column starts at the same screen cell as its heading.
        title_at = width(line[: line.index(task["title"])])
        assert title_at == width(header[: header.index(heads[-1])]), (header, line)
        status_at = width(line[: line.index(task["status"])])
        assert status_at == width(header[: header.index(heads[1])]), (header, line)


def test_the_spanish_cli_names_bills_as_the_replies_do() -> None:
    # The replies say "💳 Cuenta registrada"; the CLI said "Facturas" (issue 16).
    replies = (REPO / "reactiond/replies/phrases.py").read_text(encoding="utf-8")
    assert "Cuenta registrada" in replies
    assert [k for k, v in CATALOG.items() if "factura" in v.es.lower()] == []
    assert "cuentas" in CATALOG["app.bills"].es.lower()
