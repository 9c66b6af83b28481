"""Reply texts, until `reactiond.replies` (issue 6) lands: short, in es, en and pt.

Kept private to the engine so that swapping in the real module touches one import.
"""

from __future__ import annotations

from collections.abc import Sequence

from reactiond.actions.base import EntityRow

_CREATED = {
    "es": {
        "task": "✅ Tarea creada",
        "event": "📅 Evento creado",
        "bill": "💳 Pago registrado",
        "note": "📝 Nota guardada",
    },
    "en": {
        "task": "✅ Task created",
        "event": "📅 Event created",
        "bill": "💳 Bill saved",
        "note": "📝 Note saved",
    },
    "pt": {
        "task": "✅ Tarefa criada",
        "event": "📅 Evento criado",
        "bill": "💳 Conta registrada",
        "note": "📝 Nota salva",
    },
}
_HELP = {
    "es": "No entendí el mensaje para {parser}. Prueba algo como: {example}",
    "en": "I couldn't read that message as a {parser}. Try something like: {example}",
    "pt": "Não entendi a mensagem como {parser}. Tente algo como: {example}",
}
_EXAMPLES = {
    "es": {
        "task": "Enviar el reporte mañana",
        "calendar": "Reunión el viernes a las 15h",
        "bill": "Pagar luz CFE $890 vence 15 enero",
        "note": "Idea: nuevo menú",
    },
    "en": {
        "task": "Send the report tomorrow",
        "calendar": "Meeting Friday at 3pm",
        "bill": "Pay electricity $89 due Jan 15",
        "note": "Idea: new menu",
    },
    "pt": {
        "task": "Enviar o relatório amanhã",
        "calendar": "Reunião sexta às 15h",
        "bill": "Pagar luz R$ 120 vence dia 15",
        "note": "Ideia: novo cardápio",
    },
}
_CANCELLED = {"es": "↩️ Cancelado: {what}", "en": "↩️ Cancelled: {what}", "pt": "↩️ Cancelado: {what}"}
_CANNOT_SEE = {
    "es": "No puedo ver ese mensaje (llegó antes de conectar reactiond)."
    " Reenvíalo y reacciona de nuevo.",
    "en": "I can't see that message (it arrived before reactiond was connected)."
    " Forward it and react again.",
    "pt": "Não consigo ver essa mensagem (chegou antes de conectar o reactiond)."
    " Encaminhe e reaja de novo.",
}


def _lang(lang: str) -> str:
    return lang if lang in _CREATED else "en"


def describe(row: EntityRow) -> str:
    v = row.values
    if row.table == "bills":
        parts = [str(v.get("vendor") or ""), f"{v['amount']} {v['currency']}"]
        if v.get("due_local"):
            parts.append(f"({v['due_local']})")
        return " ".join(p for p in parts if p)
    when = v.get("due_local") or v.get("start_local")
    return f"{v['title']} ({when})" if when else str(v["title"])


def confirmation(rows: Sequence[EntityRow], lang: str) -> str:
    lang = _lang(lang)
    head = _CREATED[lang][rows[0].kind]
    return head + ": " + "; ".join(describe(r) for r in rows)


def parse_help(parser: str, lang: str) -> str:
    lang = _lang(lang)
    return _HELP[lang].format(parser=parser, example=_EXAMPLES[lang].get(parser, ""))


def cancelled(what: str, lang: str) -> str:
    return _CANCELLED[_lang(lang)].format(what=what)


def cannot_see_message(lang: str) -> str:
    return _CANNOT_SEE[_lang(lang)]
