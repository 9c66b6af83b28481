"""What reactiond says when people talk to it in WhatsApp (issue 20): an edit followed, a
correction taken, a record ticked off by a reaction, an answer to a question, the daily
digest. In es, en, pt and fr; pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date

from reactiond.nlp.result import Language
from reactiond.replies import formatting
from reactiond.replies.formatting import locale_for


@dataclass(frozen=True)
class Talk:
    updated: str  # an edit followed: "{what}" is the record as it is now
    edit_kept: str  # an edit (or a deletion) not followed: the record was changed since
    deleted_kept: str
    edit_late: str  # edited or deleted after the undo window
    edit_unread: str  # the edited text does not parse: the record is kept
    corrected: str
    correction_help: str
    done: dict[str, str]  # by record kind: what a ✅ did
    reopened: str
    cancelled: str
    nothing_due: str
    answer_title: dict[str, str]  # by period
    more: str
    overdue: str
    digest_title: str
    digest_on: str
    digest_off: str
    kinds: dict[str, str]
    pending_title: str
    total: str
    flood_wait: str  # told once when a flood of messages is deferred


ES = Talk(
    updated="✏️ Actualizado:\n{what}",
    edit_kept="✏️ Editaste el mensaje, pero «{what}» ya se había cambiado: lo dejo como está.",
    deleted_kept="🗑️ Borraste el mensaje, pero «{what}» ya se había cambiado: lo dejo como está.",
    edit_late="✏️ El mensaje cambió hace demasiado para seguirlo: «{what}» queda como está.",
    edit_unread="✏️ No entendí el mensaje editado; «{what}» queda como estaba.",
    corrected="✏️ Corregido:\n{what}",
    correction_help=(
        "🤔 No entendí la corrección. Responde a la confirmación, por ejemplo: "
        "«el viernes a las 4», «era $950» o «cancela»."
    ),
    done={
        "task": "☑️ Hecho: {what}",
        "bill": "💸 Pagada: {what}",
        "event": "☑️ Listo: {what}",
        "note": "☑️ Listo: {what}",
    },
    reopened="↩️ Deshecho: {what} vuelve a estar pendiente.",
    cancelled="↩️ Cancelado: {what}",
    nothing_due="🎉 Nada pendiente {period}.",
    answer_title={
        "today": "hoy",
        "tomorrow": "mañana",
        "week": "esta semana",
        "month": "este mes",
        "pending": "",
        "named_month": "en {month}",
    },
    more="… y {n} más",
    overdue="⚠️ vencido",
    digest_title="☀️ Tu día ({day}):",
    digest_on="☀️ Listo: te mando el resumen cada día a las {time}.",
    digest_off="☀️ Listo: ya no te mando el resumen diario.",
    kinds={"task": "Tareas", "bill": "Cuentas", "event": "Agenda"},
    pending_title="Pendientes",
    total="Total: {amount}",
    flood_wait="⏳ Son muchos mensajes seguidos: contesto los siguientes en un momento.",
)

EN = Talk(
    updated="✏️ Updated:\n{what}",
    edit_kept="✏️ You edited the message, but “{what}” had been changed since: left as it is.",
    deleted_kept=("🗑️ You deleted the message, but “{what}” had been changed since: left as it is."),
    edit_late="✏️ The message changed too long after the fact: “{what}” is left as it is.",
    edit_unread="✏️ I couldn't read the edited message; “{what}” stays as it was.",
    corrected="✏️ Corrected:\n{what}",
    correction_help=(
        "🤔 I didn't get the correction. Reply to the confirmation with, for example: "
        "“Friday at 4pm”, “it was $950” or “cancel”."
    ),
    done={
        "task": "☑️ Done: {what}",
        "bill": "💸 Paid: {what}",
        "event": "☑️ Done: {what}",
        "note": "☑️ Done: {what}",
    },
    reopened="↩️ Undone: {what} is open again.",
    cancelled="↩️ Cancelled: {what}",
    nothing_due="🎉 Nothing due {period}.",
    answer_title={
        "today": "today",
        "tomorrow": "tomorrow",
        "week": "this week",
        "month": "this month",
        "pending": "",
        "named_month": "in {month}",
    },
    more="… and {n} more",
    overdue="⚠️ overdue",
    digest_title="☀️ Your day ({day}):",
    digest_on="☀️ Done: I'll send you the summary every day at {time}.",
    digest_off="☀️ Done: no more daily summary.",
    kinds={"task": "Tasks", "bill": "Bills", "event": "Agenda"},
    pending_title="Pending",
    total="Total: {amount}",
    flood_wait="⏳ That is a lot of messages at once: I will answer the rest shortly.",
)

PT = Talk(
    updated="✏️ Atualizado:\n{what}",
    edit_kept="✏️ Você editou a mensagem, mas “{what}” já tinha sido alterado: fica como está.",
    deleted_kept=("🗑️ Você apagou a mensagem, mas “{what}” já tinha sido alterado: fica como está."),
    edit_late="✏️ A mensagem mudou tarde demais para acompanhar: “{what}” fica como está.",
    edit_unread="✏️ Não entendi a mensagem editada; “{what}” fica como estava.",
    corrected="✏️ Corrigido:\n{what}",
    correction_help=(
        "🤔 Não entendi a correção. Responda à confirmação, por exemplo: "
        "“sexta às 16h”, “era R$ 950” ou “cancela”."
    ),
    done={
        "task": "☑️ Feito: {what}",
        "bill": "💸 Paga: {what}",
        "event": "☑️ Pronto: {what}",
        "note": "☑️ Pronto: {what}",
    },
    reopened="↩️ Desfeito: {what} está pendente de novo.",
    cancelled="↩️ Cancelado: {what}",
    nothing_due="🎉 Nada pendente {period}.",
    answer_title={
        "today": "hoje",
        "tomorrow": "amanhã",
        "week": "esta semana",
        "month": "este mês",
        "pending": "",
        "named_month": "em {month}",
    },
    more="… e mais {n}",
    overdue="⚠️ vencido",
    digest_title="☀️ Seu dia ({day}):",
    digest_on="☀️ Pronto: envio o resumo todo dia às {time}.",
    digest_off="☀️ Pronto: não envio mais o resumo diário.",
    kinds={"task": "Tarefas", "bill": "Contas", "event": "Agenda"},
    pending_title="Pendentes",
    total="Total: {amount}",
    flood_wait="⏳ São muitas mensagens seguidas: respondo as próximas em instantes.",
)

FR = Talk(
    updated="✏️ Mis à jour :\n{what}",
    edit_kept="✏️ Message modifié, mais « {what} » avait déjà changé : je le laisse tel quel.",
    deleted_kept="🗑️ Message supprimé, mais « {what} » avait déjà changé : je le laisse tel quel.",
    edit_late="✏️ Le message a changé trop tard pour le suivre : « {what} » reste tel quel.",
    edit_unread="✏️ Je n'ai pas compris le message modifié ; « {what} » reste inchangé.",
    corrected="✏️ Corrigé :\n{what}",
    correction_help=(
        "🤔 Je n'ai pas compris la correction. Répondez à la confirmation, par exemple : "
        "« vendredi à 16h », « c'était 950 € » ou « annule »."
    ),
    done={
        "task": "☑️ Fait : {what}",
        "bill": "💸 Payée : {what}",
        "event": "☑️ Fait : {what}",
        "note": "☑️ Fait : {what}",
    },
    reopened="↩️ Annulé : {what} est de nouveau en attente.",
    cancelled="↩️ Annulé : {what}",
    nothing_due="🎉 Rien à faire {period}.",
    answer_title={
        "today": "aujourd'hui",
        "tomorrow": "demain",
        "week": "cette semaine",
        "month": "ce mois-ci",
        "pending": "",
        "named_month": "en {month}",
    },
    more="… et {n} de plus",
    overdue="⚠️ en retard",
    digest_title="☀️ Votre journée ({day}) :",
    digest_on="☀️ C'est noté : le résumé chaque jour à {time}.",
    digest_off="☀️ C'est noté : plus de résumé quotidien.",
    kinds={"task": "Tâches", "bill": "Factures", "event": "Agenda"},
    pending_title="En attente",
    total="Total : {amount}",
    flood_wait="⏳ Beaucoup de messages d'un coup : je réponds aux suivants dans un instant.",
)

_TALK: dict[str, Talk] = {"es": ES, "en": EN, "pt": PT, "fr": FR}


def talk(lang: Language) -> Talk:
    return _TALK.get(lang, EN)


def updated(what: str, lang: Language) -> str:
    return talk(lang).updated.format(what=what)


def edit_kept(what: str, lang: Language, *, deleted: bool = False, late: bool = False) -> str:
    book = talk(lang)
    if late:
        return book.edit_late.format(what=what)
    return (book.deleted_kept if deleted else book.edit_kept).format(what=what)


def edit_unread(what: str, lang: Language) -> str:
    return talk(lang).edit_unread.format(what=what)


def corrected(what: str, lang: Language) -> str:
    return talk(lang).corrected.format(what=what)


def correction_help(lang: Language) -> str:
    return talk(lang).correction_help


def done(kind: str, what: str, lang: Language) -> str:
    book = talk(lang)
    return book.done.get(kind, book.done["task"]).format(what=what)


def reopened(what: str, lang: Language) -> str:
    return talk(lang).reopened.format(what=what)


def cancelled(what: str, lang: Language) -> str:
    return talk(lang).cancelled.format(what=what)


@dataclass(frozen=True)
class Item:
    """One record in an answer or a digest."""

    kind: str  # task | bill | event
    what: str  # a title, or a bill's "CFE — $890.00"
    when: date | datetime | None
    amount: Decimal | None = None
    currency: str | None = None


_ICON = {"task": "✅", "bill": "💳", "event": "📅"}


def _period_words(book: Talk, period: str, month: date | None, lang: Language, tz: str) -> str:
    if period == "day" and month is not None:  # `month` carries the day asked about
        return formatting.day(month, lang, tz=tz)
    if period == "named_month" and month is not None:
        name = format_date(month, "LLLL", locale=locale_for(lang, tz))
        return book.answer_title["named_month"].format(month=name)
    return book.answer_title.get(period, "")


def answer(
    items: Sequence[Item],
    *,
    period: str,
    lang: Language,
    tz: str,
    today: date,
    cap: int,
    month: date | None = None,
    total: bool = False,
    title: str | None = None,
) -> str:
    """The answer to a question (or the digest): one line per record, the overdue ones
    marked, at most `cap` lines and "… and N more", a total of the bills if asked."""
    book = talk(lang)
    words = _period_words(book, period, month, lang, tz)
    if not items:
        return book.nothing_due.format(period=words).replace(" .", ".").replace("  ", " ")
    heading = title or "📋 " + (
        book.pending_title if period == "pending" else words[:1].upper() + words[1:]
    )
    lines = [heading.rstrip(":") + ":"]
    for item in items[:cap]:
        line = f"• {_ICON.get(item.kind, '•')} {item.what}"
        if item.when is not None:
            line += " — " + formatting.when(item.when, lang, tz, now=today)
            day = item.when.date() if isinstance(item.when, datetime) else item.when
            if day < today:
                line += f" {book.overdue}"
        lines.append(line)
    if len(items) > cap:
        lines.append(book.more.format(n=len(items) - cap))
    if total:
        sums: dict[str, Decimal] = {}
        for item in items:
            if item.amount is not None and item.currency:
                sums[item.currency] = sums.get(item.currency, Decimal(0)) + item.amount
        for currency, amount in sorted(sums.items()):
            money = formatting.money(amount, currency, lang, tz=tz)
            lines.append(book.total.format(amount=money))
    return "\n".join(lines)


def digest_title(lang: Language, today: date, tz: str) -> str:
    return talk(lang).digest_title.format(day=formatting.day(today, lang, now=today, tz=tz))


def digest_on(at: str, lang: Language) -> str:
    text = talk(lang).digest_on.format(time=at)
    # "a las 7:30 a.m." ends the sentence: no second full stop.
    return text[:-1] if at.endswith(".") and text.endswith(at + ".") else text


def digest_off(lang: Language) -> str:
    return talk(lang).digest_off


def flood_wait(lang: Language) -> str:
    return talk(lang).flood_wait
