"""Saying what was not understood: the refusal's real reason when a message has text but
nothing to act on, and a date that cannot exist, named as written, with an example that
works. Kept apart from the phrasebooks' fixed fields so that a language without these
words yet falls back to English instead of failing."""

from __future__ import annotations

from collections.abc import Sequence

from reactiond.nlp.result import Language, ParserName
from reactiond.replies.phrases import phrases

# reason "empty" from a parser, on a message that does have text ("jajaja ok").
NOTHING_TO_DO: dict[str, str] = {
    "es": "El mensaje tiene texto, pero no dice qué anotar.",
    "en": "The message has text, but it doesn't say what to note down.",
    "pt": "A mensagem tem texto, mas não diz o que anotar.",
    "fr": "Le message a du texte, mais il ne dit pas quoi noter.",
}
# A refusal (an event needs its date) because the date written cannot exist.
DATE_UNREAD: dict[str, str] = {
    "es": "No entendí la fecha «{phrase}»: ese día no existe.",
    "en": "I didn't understand the date \"{phrase}\": that day doesn't exist.",
    "pt": "Não entendi a data “{phrase}”: esse dia não existe.",
    "fr": "Je n'ai pas compris la date « {phrase} » : ce jour n'existe pas.",
}
# A record made all the same, without the date the message tried to give.
DATE_DROPPED: dict[str, str] = {
    "es": "⚠️ No entendí la fecha «{phrase}» (ese día no existe), así que quedó sin fecha. "
    "Prueba así: «{example}»",
    "en": "⚠️ I didn't understand the date \"{phrase}\" (that day doesn't exist), so it has "
    'no date. Try it like this: "{example}"',
    "pt": "⚠️ Não entendi a data “{phrase}” (esse dia não existe), então ficou sem data. "
    "Tente assim: “{example}”",
    "fr": "⚠️ Je n'ai pas compris la date « {phrase} » (ce jour n'existe pas), elle est "
    "donc restée sans date. Essayez comme ceci : « {example} »",
}
# A record made with a date from elsewhere in the message, or a default one.
DATE_IGNORED: dict[str, str] = {
    "es": "⚠️ No entendí la fecha «{phrase}» (ese día no existe): revisa la de arriba. "
    "Prueba así: «{example}»",
    "en": "⚠️ I didn't understand the date \"{phrase}\" (that day doesn't exist): check the "
    'one above. Try it like this: "{example}"',
    "pt": "⚠️ Não entendi a data “{phrase}” (esse dia não existe): confira a de cima. "
    "Tente assim: “{example}”",
    "fr": "⚠️ Je n'ai pas compris la date « {phrase} » (ce jour n'existe pas) : vérifiez "
    "celle du dessus. Essayez comme ceci : « {example} »",
}
# Words after a due or deadline word in which no date was read ("vence el día de la madre").
PHRASE_UNREAD: dict[str, str] = {
    "es": "No entendí «{phrase}» como fecha.",
    "en": 'I didn\'t understand "{phrase}" as a date.',
    "pt": "Não entendi “{phrase}” como data.",
}
# ... on a record made all the same, without that date.
PHRASE_DROPPED: dict[str, str] = {
    "es": "⚠️ No entendí «{phrase}» como fecha, así que quedó sin fecha. Prueba así: «{example}»",
    "en": '⚠️ I didn\'t understand "{phrase}" as a date, so it has no date. Try it like '
    'this: "{example}"',
    "pt": "⚠️ Não entendi “{phrase}” como data, então ficou sem data. Tente assim: “{example}”",
}
# ... on a record (bills) of which other parts did get their dates.
PHRASE_IGNORED: dict[str, str] = {
    "es": "⚠️ No entendí «{phrase}» como fecha: revisa las de arriba. Prueba así: «{example}»",
    "en": '⚠️ I didn\'t understand "{phrase}" as a date: check the ones above. Try it like '
    'this: "{example}"',
    "pt": "⚠️ Não entendi “{phrase}” como data: confira as de cima. Tente assim: “{example}”",
}
# Parser failures that are not about the message (a bug, a parser missing).
INTERNAL: dict[str, str] = {
    "es": "Algo falló al leerlo; no es culpa del mensaje.",
    "en": "Something went wrong reading it; it isn't the message's fault.",
    "pt": "Algo deu errado ao lê-la; não é culpa da mensagem.",
    "fr": "Quelque chose s'est mal passé à la lecture ; ce n'est pas la faute du message.",
}


def _words(table: dict[str, str], lang: Language) -> str:
    return table.get(lang, table["en"])


def _join(phrases_: Sequence[str]) -> str:
    return ", ".join(phrases_)


def refusal_reason(
    reason: str | None,
    lang: Language,
    *,
    has_text: bool,
    unread: Sequence[str],
    vague: Sequence[str] = (),
) -> str | None:
    """The reason a refusal gives, or None to let the phrasebook's words for `reason` stand.
    `unread` are dates that cannot exist, `vague` words after a due word that say no date."""
    if (unread or vague) and reason in ("no_date", "empty"):
        said = [_words(DATE_UNREAD, lang).format(phrase=_join(unread))] if unread else []
        if vague:
            said.append(_words(PHRASE_UNREAD, lang).format(phrase=_join(vague)))
        return " ".join(said)
    if reason == "empty" and has_text:
        return _words(NOTHING_TO_DO, lang)
    if reason is not None and (
        reason.startswith("internal_error") or reason.endswith("_unavailable")
    ):
        return _words(INTERNAL, lang)
    return None


def dropped_dates(
    unread: Sequence[str], parser: ParserName, lang: Language, *, dateless: bool = True
) -> str:
    """The line added to a confirmation when a date written in the message cannot exist:
    the record was made without a date (`dateless`), or with another one."""
    example = phrases(lang).examples[parser]
    table = DATE_DROPPED if dateless else DATE_IGNORED
    return _words(table, lang).format(phrase=_join(unread), example=example)


def dropped_phrases(
    vague: Sequence[str], parser: ParserName, lang: Language, *, dateless: bool = True
) -> str:
    """The line added to a confirmation when words after a due word ("vence el día de la
    madre") gave no date: the record was made without one (`dateless`), or, for a message
    with several bills, some of them got theirs."""
    example = phrases(lang).examples[parser]
    table = PHRASE_DROPPED if dateless else PHRASE_IGNORED
    return _words(table, lang).format(phrase=_join(vague), example=example)
