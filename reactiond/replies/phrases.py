"""Every word reactiond says to a WhatsApp user, one phrasebook per language.

Adding a language is adding one `Phrasebook`; the functions in `texts` never branch on the
language. Placeholders are `str.format` fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.nlp.result import Language, ParserName, Priority


@dataclass(frozen=True)
class Phrasebook:
    task_created: str
    event_created: str
    bill_created: str
    bills_created: str  # {count}
    note_created: str
    due: str
    starts: str
    duration: str  # {duration}
    hours: str  # {n}
    minutes: str  # {n}
    location: str
    online: str
    attendees: str
    assignee: str
    priority: str
    priorities: dict[Priority, str]
    tags: str
    repeats: str
    frequencies: dict[str, str]  # RRULE FREQ → words
    bill_due: str  # {date}
    cancelled: str  # {summary}
    cannot_see: str
    help_intro: dict[ParserName, str]
    help_reasons: dict[str, str]  # stable parser reason codes → what was missing
    help_example: str  # {example}
    examples: dict[ParserName, str]
    reminder_bill_days: str  # {what} {days} {date}
    reminder_bill_tomorrow: str  # {what} {date}
    reminder_bill_today: str  # {what}
    reminder_task: str  # {title} {when}
    reminder_task_day: str  # {title}
    reminder_event: str  # {title} {when}
    reminder_event_day: str  # {title}
    reminder_event_location: str  # {location}
    untitled_event: str  # the title shown for an event the message gave no name
    # A guessed value asked back (issue 15, "unsure is said out loud"): {what} is the value as
    # the reply shows it. A default keeps a phrasebook that predates it whole.
    unsure: str = "❓ {what}? Reply to correct it"
    # A bill's amount read from a picture or PDF where no label said it is the amount due
    # (the largest figure with a currency, say): {what} is the amount as the reply shows it.
    unsure_amount: str = (
        "❓ {what}? I guessed the amount: the file does not say it is the amount due. "
        "Reply with the right one"
    )


ES = Phrasebook(
    task_created="✅ Tarea creada: {title}",
    event_created="📅 Evento agendado: {title}",
    bill_created="💳 Cuenta registrada: {what}",
    bills_created="💳 {count} cuentas registradas:",
    note_created="📝 Nota guardada: {title}",
    due="🗓️ Vence: {when}",
    starts="🕒 {when}",
    duration="⏱️ {duration}",
    hours="{n} h",
    minutes="{n} min",
    location="📍 {location}",
    online="💻 {platform}",
    attendees="👥 Con: {names}",
    assignee="👤 Para: {name}",
    priority="⚡ Prioridad: {priority}",
    priorities={"high": "alta", "medium": "media", "low": "baja"},
    tags="🏷️ {tags}",
    repeats="🔁 {frequency}",
    frequencies={
        "DAILY": "Todos los días",
        "WEEKLY": "Cada semana",
        "MONTHLY": "Cada mes",
        "YEARLY": "Cada año",
    },
    bill_due="vence {date}",
    cancelled="↩️ Cancelado: {summary}",
    cannot_see=(
        "👀 No puedo ver ese mensaje: llegó antes de que me conectaran o no tiene texto. "
        "Reenvíalo y vuelve a reaccionar."
    ),
    help_intro={
        "task": "🤔 No entendí la tarea.",
        "calendar": "🤔 No entendí el evento.",
        "bill": "🤔 No entendí la cuenta.",
        "note": "🤔 No pude guardar la nota.",
    },
    help_reasons={
        "no_amount": "Falta el monto.",
        "no_date": "Falta la fecha.",
        "no_title": "Falta de qué se trata.",
        "empty": "El mensaje no tiene texto.",
        "date_out_of_range": "La fecha debe estar entre 1900 y 2999.",
        "amount_out_of_range": "El monto debe ser menor que un billón.",
        "amount_zero": "El monto es cero: escribe lo que hay que pagar.",
    },
    help_example="Prueba así: «{example}»",
    examples={
        "task": "Llamar al contador mañana a las 10",
        "calendar": "Reunión con Ana el viernes 15h en la oficina",
        "bill": "Pagar luz CFE $890 vence 15 enero",
        "note": "Idea: menú de temporada con mango #restaurante",
    },
    reminder_bill_days="⏰ {what} vence en {days} días ({date}).",
    reminder_bill_tomorrow="⏰ {what} vence mañana ({date}).",
    reminder_bill_today="⏰ {what} vence hoy.",
    reminder_task="⏰ Recordatorio: {title} — {when}",
    reminder_task_day="⏰ Recordatorio: {title} — es para hoy.",
    reminder_event="⏰ Próximo: {title} — {when}",
    reminder_event_day="⏰ Hoy: {title}.",
    reminder_event_location="📍 {location}",
    untitled_event="(sin título)",
    unsure="❓ ¿{what}? Responde para corregir",
    unsure_amount="❓ ¿{what}? Supuse el importe: el archivo no dice que sea el total a "
    "pagar. Responde con el correcto",
)

EN = Phrasebook(
    task_created="✅ Task added: {title}",
    event_created="📅 Event scheduled: {title}",
    bill_created="💳 Bill saved: {what}",
    bills_created="💳 {count} bills saved:",
    note_created="📝 Note saved: {title}",
    due="🗓️ Due: {when}",
    starts="🕒 {when}",
    duration="⏱️ {duration}",
    hours="{n} h",
    minutes="{n} min",
    location="📍 {location}",
    online="💻 {platform}",
    attendees="👥 With: {names}",
    assignee="👤 For: {name}",
    priority="⚡ Priority: {priority}",
    priorities={"high": "high", "medium": "medium", "low": "low"},
    tags="🏷️ {tags}",
    repeats="🔁 {frequency}",
    frequencies={
        "DAILY": "Every day",
        "WEEKLY": "Every week",
        "MONTHLY": "Every month",
        "YEARLY": "Every year",
    },
    bill_due="due {date}",
    cancelled="↩️ Cancelled: {summary}",
    cannot_see=(
        "👀 I can't see that message: it arrived before I was connected, or it has no text. "
        "Forward it and react again."
    ),
    help_intro={
        "task": "🤔 I couldn't make a task of that.",
        "calendar": "🤔 I couldn't make an event of that.",
        "bill": "🤔 I couldn't make a bill of that.",
        "note": "🤔 I couldn't save that note.",
    },
    help_reasons={
        "no_amount": "The amount is missing.",
        "no_date": "The date is missing.",
        "no_title": "It doesn't say what it's about.",
        "empty": "The message has no text.",
        "date_out_of_range": "The date must be between 1900 and 2999.",
        "amount_out_of_range": "The amount must be below a trillion.",
        "amount_zero": "The amount is zero: write what is to be paid.",
    },
    help_example='Try it like this: "{example}"',
    examples={
        "task": "Call the accountant tomorrow at 10am",
        "calendar": "Meeting with Ana on Friday at 3pm at the office",
        "bill": "Pay electricity $120 due January 15",
        "note": "Idea: seasonal menu with mango #restaurant",
    },
    reminder_bill_days="⏰ {what} is due in {days} days ({date}).",
    reminder_bill_tomorrow="⏰ {what} is due tomorrow ({date}).",
    reminder_bill_today="⏰ {what} is due today.",
    reminder_task="⏰ Reminder: {title} — {when}",
    reminder_task_day="⏰ Reminder: {title} — due today.",
    reminder_event="⏰ Coming up: {title} — {when}",
    reminder_event_day="⏰ Today: {title}.",
    reminder_event_location="📍 {location}",
    untitled_event="(untitled)",
    unsure="❓ {what}? Reply to correct it",
    unsure_amount="❓ {what}? I guessed the amount: the file does not say it is the amount "
    "due. Reply with the right one",
)

PT = Phrasebook(
    task_created="✅ Tarefa criada: {title}",
    event_created="📅 Evento agendado: {title}",
    bill_created="💳 Conta registrada: {what}",
    bills_created="💳 {count} contas registradas:",
    note_created="📝 Nota salva: {title}",
    due="🗓️ Prazo: {when}",
    starts="🕒 {when}",
    duration="⏱️ {duration}",
    hours="{n} h",
    minutes="{n} min",
    location="📍 {location}",
    online="💻 {platform}",
    attendees="👥 Com: {names}",
    assignee="👤 Para: {name}",
    priority="⚡ Prioridade: {priority}",
    priorities={"high": "alta", "medium": "média", "low": "baixa"},
    tags="🏷️ {tags}",
    repeats="🔁 {frequency}",
    frequencies={
        "DAILY": "Todos os dias",
        "WEEKLY": "Toda semana",
        "MONTHLY": "Todo mês",
        "YEARLY": "Todo ano",
    },
    bill_due="vence {date}",
    cancelled="↩️ Cancelado: {summary}",
    cannot_see=(
        "👀 Não consigo ver essa mensagem: ela chegou antes de eu estar conectado ou não tem "
        "texto. Encaminhe e reaja de novo."
    ),
    help_intro={
        "task": "🤔 Não entendi a tarefa.",
        "calendar": "🤔 Não entendi o evento.",
        "bill": "🤔 Não entendi a conta.",
        "note": "🤔 Não consegui salvar a nota.",
    },
    help_reasons={
        "no_amount": "Falta o valor.",
        "no_date": "Falta a data.",
        "no_title": "Falta dizer do que se trata.",
        "empty": "A mensagem não tem texto.",
        "date_out_of_range": "A data deve estar entre 1900 e 2999.",
        "amount_out_of_range": "O valor deve ser menor que um trilhão.",
        "amount_zero": "O valor é zero: escreva o que há para pagar.",
    },
    help_example="Tente assim: “{example}”",
    examples={
        "task": "Ligar para o contador amanhã às 10h",
        "calendar": "Reunião com a Ana sexta às 15h no escritório",
        "bill": "Pagar conta de luz R$ 230 vence dia 15",
        "note": "Ideia: cardápio de verão com manga #restaurante",
    },
    reminder_bill_days="⏰ {what} vence em {days} dias ({date}).",
    reminder_bill_tomorrow="⏰ {what} vence amanhã ({date}).",
    reminder_bill_today="⏰ {what} vence hoje.",
    reminder_task="⏰ Lembrete: {title} — {when}",
    reminder_task_day="⏰ Lembrete: {title} — é para hoje.",
    reminder_event="⏰ Em breve: {title} — {when}",
    reminder_event_day="⏰ Hoje: {title}.",
    reminder_event_location="📍 {location}",
    untitled_event="(sem título)",
    unsure="❓ {what}? Responda para corrigir",
    unsure_amount="❓ {what}? Supus o valor: o arquivo não diz que é o total a pagar. "
    "Responda com o certo",
)

FR = Phrasebook(
    task_created="✅ Tâche ajoutée : {title}",
    event_created="📅 Événement planifié : {title}",
    bill_created="💳 Facture enregistrée : {what}",
    bills_created="💳 {count} factures enregistrées :",
    note_created="📝 Note enregistrée : {title}",
    due="🗓️ Échéance : {when}",
    starts="🕒 {when}",
    duration="⏱️ {duration}",
    hours="{n} h",
    minutes="{n} min",
    location="📍 {location}",
    online="💻 {platform}",
    attendees="👥 Avec : {names}",
    assignee="👤 Pour : {name}",
    priority="⚡ Priorité : {priority}",
    priorities={"high": "haute", "medium": "moyenne", "low": "basse"},
    tags="🏷️ {tags}",
    repeats="🔁 {frequency}",
    frequencies={
        "DAILY": "Tous les jours",
        "WEEKLY": "Chaque semaine",
        "MONTHLY": "Chaque mois",
        "YEARLY": "Chaque année",
    },
    bill_due="échéance {date}",
    cancelled="↩️ Annulé : {summary}",
    cannot_see=(
        "👀 Je ne vois pas ce message : il est arrivé avant ma connexion, ou il n'a pas de "
        "texte. Transférez-le et réagissez de nouveau."
    ),
    help_intro={
        "task": "🤔 Je n'ai pas compris la tâche.",
        "calendar": "🤔 Je n'ai pas compris l'événement.",
        "bill": "🤔 Je n'ai pas compris la facture.",
        "note": "🤔 Je n'ai pas pu enregistrer la note.",
    },
    help_reasons={
        "no_amount": "Il manque le montant.",
        "no_date": "Il manque la date.",
        "no_title": "Il manque de quoi il s'agit.",
        "empty": "Le message n'a pas de texte.",
        "date_out_of_range": "La date doit être entre 1900 et 2999.",
        "amount_out_of_range": "Le montant doit être inférieur à mille milliards.",
        "amount_zero": "Le montant est nul : écrivez ce qu'il y a à payer.",
    },
    help_example="Essayez comme ceci : « {example} »",
    examples={
        "task": "Appeler le comptable demain à 10h",
        "calendar": "Réunion avec Awa vendredi à 15h au bureau",
        "bill": "Payer EDF 84,30 € avant le 15 janvier",
        "note": "Idée : menu de saison à la mangue #restaurant",
    },
    reminder_bill_days="⏰ {what} arrive à échéance dans {days} jours ({date}).",
    reminder_bill_tomorrow="⏰ {what} arrive à échéance demain ({date}).",
    reminder_bill_today="⏰ {what} arrive à échéance aujourd'hui.",
    reminder_task="⏰ Rappel : {title} — {when}",
    reminder_task_day="⏰ Rappel : {title} — c'est pour aujourd'hui.",
    reminder_event="⏰ Bientôt : {title} — {when}",
    reminder_event_day="⏰ Aujourd'hui : {title}.",
    reminder_event_location="📍 {location}",
    untitled_event="(sans titre)",
    unsure="❓ {what} ? Répondez pour corriger",
    unsure_amount="❓ {what} ? J'ai supposé le montant : le fichier ne dit pas que c'est le "
    "montant à payer. Répondez avec le bon",
)

PHRASEBOOKS: dict[Language, Phrasebook] = {"es": ES, "en": EN, "pt": PT, "fr": FR}


def phrases(lang: Language) -> Phrasebook:
    return PHRASEBOOKS[lang]
