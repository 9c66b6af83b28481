"""A message in every language the command line speaks, and the language this process
speaks: shared by the CLI's catalog (`reactiond/cli/text.py`) and by the parts below the
CLI that word lines for it (`reactiond doctor`'s checks, `reactiond/ops/doctor_text.py`),
which may not import the CLI (pyproject's import contracts).

The language is chosen ONCE, when this module is imported: Typer reads help strings
when the commands are declared, so a later switch could not reach them. It comes from
`REACTIOND_LANGUAGE` (es|en|pt|fr) if set, else from the POSIX locale variables in their
standard precedence (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: the first one set wins,
e.g. `es_MX.UTF-8` → es, `pt_BR` → pt, `fr_CA` → fr), else English.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from typing import Final, Literal

Language = Literal["en", "es", "pt", "fr"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "es", "pt", "fr")


@dataclass(frozen=True, slots=True)
class Text:
    """One message in every language: a missing language is a TypeError at import."""

    en: str
    es: str
    pt: str
    fr: str = ""  # a catalog may fill French in later, by key; English until then

    def get(self, language: Language) -> str:
        text: str = getattr(self, language)
        return text or self.en


def _locale_language(value: str) -> Language | None:
    """`es_MX.UTF-8` → es, `pt_BR` → pt, `fr_FR` → fr, `C`/`POSIX`/`de_DE` → None
    (meaning: English)."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
    for language in LANGUAGES:
        if code == language:
            return language
    return None


def language_from_env(env: Mapping[str, str]) -> Language:
    """REACTIOND_LANGUAGE, else the first set of LC_ALL, LC_MESSAGES, LANG, else en."""
    chosen = _locale_language(env.get("REACTIOND_LANGUAGE", "").strip())
    if chosen is not None:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:  # POSIX: the first one set decides, even if we do not speak it
            return _locale_language(value) or "en"
    return "en"


LANGUAGE: Final[Language] = language_from_env(os.environ)


# -- counts ---------------------------------------------------------------------------
# A message that says a count comes in two forms, KEY.one and KEY.many ("1 attempt",
# "3 attempts"). Which one a count takes is the language's CLDR plural rule, as Babel
# knows it: French and Portuguese say 0 and 1 in the singular ("0 tentative"), Spanish
# and English only 1. CLDR's "many" (es/pt/fr "1 000 000 de …") and "other" are both the
# plural form here.
PluralForm = Literal["one", "many"]


@functools.cache
def _plural_rule(language: str) -> Callable[[int], str]:
    # Babel when the first count is said, not at every start: the CLI's start does not
    # load it otherwise (8 ms), and most commands say no count.
    import babel

    rule: Callable[[int], str] = babel.Locale.parse(language).plural_form
    return rule


def plural_form(count: int, language: str) -> PluralForm:
    """ "one" when `count` takes the singular in `language` (es, en, pt, fr), else "many"."""
    return "one" if _plural_rule(language)(abs(count)) == "one" else "many"


def counted_key(
    key: str, values: Mapping[str, object], language: str, known: Container[str]
) -> str:
    """`key` itself when the catalog (`known`) has it, else its form for `values["count"]`:
    KEY.one or KEY.many. Callers say `t("ok.rules.imported", count=n)` and the catalog
    chooses the words."""
    if key in known:
        return key
    count = values.get("count")
    if isinstance(count, int):
        return f"{key}.{plural_form(count, language)}"
    return key
