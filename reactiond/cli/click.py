"""Typer's and Click's own words in the CLI's language, their errors as one line, and the
reasons lower layers give (pydantic, rules, settings) said in that language too.

Typer ships its own copy of Click whose words ("Usage:", "Missing argument", "Options",
"Show this message and exit.") are plain English strings, not gettext calls, so there is
no catalog to plug in: `install()` sets the few module constants that hold them, wraps the
two methods that supply the rest, and replaces the rich error box (usage, hint and a
framed message: six lines) with one line, `reactiond: <what is wrong>; <what to do>`,
like every other CLI error. Messages are recognised by their English shape (`REASONS`)
and said again in the reader's language; one that is not recognised stays as it is.

Lower layers keep raising English (the HTTP API shares their text); `say()` is applied
to whatever the CLI prints as an error, so "triggers: 'abc' is not an emoji" reads
"triggers: 'abc' no es un emoji" in Spanish. Field names and values stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, Final

import typer

from reactiond.cli.imports import after_import
from reactiond.cli.text import LANGUAGE, t
from reactiond.reasons import SHARED, compile_rules, say_with

# (English pattern, {language: replacement}); applied in order with re.sub, so a shape
# may appear inside a longer line ("invalid settings (port: Input should be …)").
# Each replacement keeps the pattern's groups (\1, \2): names and values are not words.
_Rules = tuple[tuple[str, dict[str, str]], ...]

CLICK: Final[_Rules] = (
    (
        r"No such command '([^']*)'\.",
        {"es": r"no existe el comando '\1'.", "pt": r"não existe o comando '\1'."},
    ),
    (r"No such option: (\S+)", {"es": r"no existe la opción \1", "pt": r"não existe a opção \1"}),
    (r"\bDid you mean ([^?]+)\?", {"es": r"¿Quisiste decir \1?", "pt": r"Você quis dizer \1?"}),
    (
        r"\(Possible options: ([^)]*)\)",
        {"es": r"(opciones posibles: \1)", "pt": r"(opções possíveis: \1)"},
    ),
    (
        r"Missing argument ('[^']*')\.",
        {"es": r"falta el argumento \1.", "pt": r"falta o argumento \1."},
    ),
    (r"Missing option ('[^']*')\.", {"es": r"falta la opción \1.", "pt": r"falta a opção \1."}),
    (r"Missing parameter: (\S+)", {"es": r"falta el parámetro \1", "pt": r"falta o parâmetro \1"}),
    (r"Missing command\.", {"es": "falta el comando.", "pt": "falta o comando."}),
    (
        r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)",
        {"es": r"sobran argumentos: \1", "pt": r"argumentos a mais: \1"},
    ),
    (
        r"Option '([^']*)' requires an argument\.",
        {"es": r"la opción '\1' necesita un valor.", "pt": r"a opção '\1' precisa de um valor."},
    ),
    (
        r"Option '([^']*)' requires (\d+) arguments\.",
        {
            "es": r"la opción '\1' necesita \2 valores.",
            "pt": r"a opção '\1' precisa de \2 valores.",
        },
    ),
    (
        r"Option '([^']*)' does not take a value\.",
        {"es": r"la opción '\1' no lleva valor.", "pt": r"a opção '\1' não leva valor."},
    ),
    (
        r"Invalid value for ([^:]+): ",
        {"es": r"valor no válido para \1: ", "pt": r"valor inválido para \1: "},
    ),
    (r"Invalid value: ", {"es": "valor no válido: ", "pt": "valor inválido: "}),
    (
        r"Value (.+?) is not a valid (\w+)\.",
        {"es": r"\1 no es un valor \2 válido.", "pt": r"\1 não é um valor \2 válido."},
    ),
    (r"^Aborted[.!]$", {"es": "Cancelado.", "pt": "Cancelado."}),
)


REASONS: Final[_Rules] = CLICK + SHARED


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """The rules, compiled when the first error is said (not at every start). French is
    kept by pattern in its own module (reasons_fr.py) and joins each rule there."""
    return compile_rules(REASONS)


# French sets ";" apart from the word before it by a no-break space; es, en and pt write
# it against the word. A lower layer's "error; hint", once said in French, and the hint
# this module adds after an error join with it.
_BARE_SEMICOLON: Final = re.compile(r"(?<=[^\s\u00a0\u202f]); ")


def spaced(text: str, language: str = LANGUAGE) -> str:
    """`text` with the spacing its language's punctuation wants (French: "a\u00a0; b")."""
    return _BARE_SEMICOLON.sub("\u00a0; ", text) if language == "fr" else text


def say(message: str, language: str = LANGUAGE) -> str:
    """`message` (English from Click, pydantic or a lower layer) in `language`; the parts
    it does not recognise stay as they are."""
    return spaced(say_with(_compiled(), message, language), language)


def error_line(message: str, command_path: str | None) -> str:
    """One line: what is wrong, then where the help is."""
    text = say(message).rstrip(".")
    if text[:1].isupper() and text[1:2].islower():  # "Missing …" → "missing …", as ours read
        text = text[0].lower() + text[1:]
    if command_path:
        text = spaced(f"{text}; " + t("click.hint", command=command_path))
    return f"reactiond: {text}"


def _format_error(self: Any) -> None:
    # The root's `no_args_is_help` (Click raises it as an error; the help was printed).
    if self.__class__.__name__ == "NoArgsIsHelpError":
        return
    ctx = getattr(self, "ctx", None)
    path = ctx.command_path if ctx is not None else None
    typer.echo(error_line(self.format_message(), path), err=True)


def _abort() -> None:
    typer.echo(f"reactiond: {say('Aborted.')}", err=True)


_installed = False


def install() -> None:
    """Make Typer and Click speak the CLI's language, with one-line errors. Idempotent.

    Typer's rich formatting (`typer.rich_utils`, which loads rich and markdown-it) is
    imported only to print help or an error; its words are set when it is imported, so a
    command that prints neither does not pay for it (bench/startup.py)."""
    global _installed
    if _installed:
        return
    _installed = True
    from typer import core
    from typer._click import core as click_core
    from typer._click import formatting

    after_import("typer.rich_utils", _speak_in_rich)
    usage = t("click.usage")
    write_usage: Callable[..., None] = formatting.HelpFormatter.write_usage

    def translated_usage(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, f"{usage}: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = translated_usage  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    def translated_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = t("click.help")
        return option

    click_core.Command.get_help_option = translated_help_option  # type: ignore[method-assign]

    # A flag takes no value: `--json <bool>` reads as if it wanted one (issue 16).
    display_type_rich = core.TyperOption.display_type_rich

    def no_type_for_flags(self: core.TyperOption, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        shown: str | None = display_type_rich(self, ctx)
        return shown

    core.TyperOption.display_type_rich = no_type_for_flags  # type: ignore[method-assign]


def _speak_in_rich(rich_utils: Any) -> None:  # typer.rich_utils
    """Typer's rich help and error words, and the one-line errors."""
    rich_utils.rich_format_error = _format_error
    rich_utils.rich_abort_error = _abort
    rich_utils.ARGUMENTS_PANEL_TITLE = t("click.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = t("click.options")
    rich_utils.COMMANDS_PANEL_TITLE = t("click.commands")
    rich_utils.ERRORS_PANEL_TITLE = t("click.error")
    rich_utils.REQUIRED_LONG_STRING = t("click.required")
    rich_utils.DEFAULT_STRING = t("click.default")
    usage = t("click.usage")
    # Rich styles the usage line by matching its prefix: keep the style in every language.
    rich_utils.OptionHighlighter.highlights = [
        *rich_utils.OptionHighlighter.highlights[:-1],
        rf"(?P<usage>{re.escape(usage)}: )",
    ]
