"""The words people use to talk to reactiond, one table per language (folded: lower case,
no accents). Phrases are matched as whole words."""

from __future__ import annotations

from dataclasses import dataclass

from reactiond.nlp.result import Language


@dataclass(frozen=True)
class TalkWords:
    cancel: tuple[str, ...]
    done: tuple[str, ...]
    switch: tuple[str, ...]  # "cambia a 📅": the verb before the emoji
    # questions
    ask: tuple[str, ...]  # words that make a message a question about records
    tasks: tuple[str, ...]
    bills: tuple[str, ...]
    events: tuple[str, ...]
    pending: tuple[str, ...]
    today: tuple[str, ...]
    tomorrow: tuple[str, ...]
    week: tuple[str, ...]
    month: tuple[str, ...]
    overdue: tuple[str, ...]
    months: tuple[str, ...]  # January … December
    # the daily digest
    digest: tuple[str, ...]
    off: tuple[str, ...]
    # what a question may open with, with no "?" ("pendientes", "agenda mañana"): nouns,
    # never a verb ("Pagar luz mañana" is a note to self)
    subjects: tuple[str, ...] = ()
    # a thank-you or an "ok" in reply to a confirmation: no correction, and no help either
    thanks: tuple[str, ...] = ()


ES = TalkWords(
    cancel=("cancela", "cancelar", "cancelalo", "cancelala", "anula", "anular", "borralo",
            "borrala", "elimina", "eliminar", "olvidalo", "ya no"),
    done=("hecho", "hecha", "listo", "lista", "ya lo hice", "pagado", "pagada", "ya pague",
          "terminado", "terminada"),
    switch=("cambia a", "cambialo a", "cambiala a", "cambiar a", "mejor", "era un", "era una",
            "es un", "es una"),
    ask=("que", "cuales", "cuanto", "cuantos", "cuantas", "pendientes", "pendiente", "agenda",
         "tengo", "debo", "pago", "vence", "vencen", "hay", "toca"),
    tasks=("tareas", "tarea", "hacer"),
    bills=("cuentas", "cuenta", "pago", "pagos", "pagar", "debo", "facturas", "recibos"),
    events=("agenda", "eventos", "evento", "citas", "cita", "reuniones", "reunion"),
    pending=("pendientes", "pendiente"),
    today=("hoy",),
    tomorrow=("manana",),
    week=("esta semana", "la semana", "semana"),
    month=("este mes", "del mes", "el mes", "mes"),
    overdue=("vencidas", "vencidos", "atrasadas", "atrasados"),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    digest=("resumen diario", "resumen del dia"),
    off=("no", "apaga", "desactiva", "quita", "cancela", "off"),
    subjects=("pendientes", "tareas", "cuentas", "pagos", "agenda", "eventos", "citas",
              "reuniones", "facturas", "recibos", "vencimientos"),
    thanks=("ok", "okay", "vale", "gracias", "muchas gracias", "perfecto", "genial", "bien",
            "sale", "va", "de acuerdo", "entendido", "si"),
)  # fmt: skip

EN = TalkWords(
    cancel=("cancel", "cancel it", "delete", "delete it", "remove", "remove it",
            "never mind", "nevermind", "forget it", "scrap"),
    done=("done", "did it", "finished", "paid", "paid it", "complete", "completed"),
    switch=("change to", "change it to", "make it a", "make it an", "switch to", "it was a",
            "it was an", "should be a", "should be an"),
    ask=("what", "whats", "which", "how much", "how many", "pending", "agenda", "due", "owe",
         "do i have", "have i got", "list", "show"),
    tasks=("tasks", "task", "todo", "todos", "to do", "to-do"),
    bills=("bills", "bill", "owe", "pay", "payments"),
    events=("agenda", "events", "event", "meetings", "meeting", "appointments", "calendar",
            "schedule"),
    pending=("pending", "open"),
    today=("today", "tonight"),
    tomorrow=("tomorrow",),
    week=("this week", "the week", "week"),
    month=("this month", "the month", "month"),
    overdue=("overdue", "late"),
    months=("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"),
    digest=("daily digest", "daily summary"),
    off=("off", "stop", "no", "disable", "cancel"),
    subjects=("pending", "tasks", "todos", "bills", "payments", "agenda", "events",
              "meetings", "appointments", "calendar", "schedule", "due"),
    thanks=("ok", "okay", "k", "thanks", "thank you", "thx", "great", "perfect", "cool",
            "got it", "nice", "yes", "sure"),
)  # fmt: skip

PT = TalkWords(
    cancel=("cancela", "cancelar", "cancele", "apaga", "apagar", "exclui", "excluir",
            "esquece", "deixa pra la"),
    done=("feito", "feita", "pronto", "pronta", "pago", "paga", "ja paguei", "ja fiz",
          "concluido", "concluida"),
    switch=("muda para", "muda pra", "mude para", "troca para", "troca pra", "era um",
            "era uma", "e um", "e uma"),
    ask=("o que", "quais", "quanto", "quantos", "quantas", "pendentes", "pendente", "agenda",
         "tenho", "devo", "pago", "vence", "vencem", "minhas", "meus"),
    tasks=("tarefas", "tarefa", "fazer"),
    bills=("contas", "conta", "boletos", "boleto", "pagar", "devo", "pago"),
    events=("agenda", "eventos", "evento", "compromissos", "reunioes", "reuniao"),
    pending=("pendentes", "pendente", "pendencias"),
    today=("hoje",),
    tomorrow=("amanha",),
    week=("esta semana", "essa semana", "da semana", "semana"),
    month=("este mes", "esse mes", "do mes", "mes"),
    overdue=("vencidas", "vencidos", "atrasadas", "atrasados"),
    months=("janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro"),
    digest=("resumo diario", "resumo do dia"),
    off=("nao", "desliga", "desativa", "para", "cancela", "off"),
    subjects=("pendentes", "pendencias", "tarefas", "contas", "boletos", "agenda",
              "eventos", "compromissos", "reunioes", "vencimentos"),
    thanks=("ok", "obrigado", "obrigada", "valeu", "perfeito", "beleza", "certo", "sim",
            "show", "combinado"),
)  # fmt: skip

FR = TalkWords(
    cancel=("annule", "annuler", "supprime", "supprimer", "efface", "laisse tomber"),
    done=("fait", "faite", "c'est fait", "paye", "payee", "termine", "terminee"),
    switch=("change en", "change pour", "c'etait un", "c'etait une", "plutot un",
            "plutot une"),
    ask=("qu'est-ce", "quoi", "quelles", "quels", "combien", "agenda", "ai-je", "dois-je",
         "j'ai", "je dois", "a faire", "a payer"),
    tasks=("taches", "tache", "a faire"),
    bills=("factures", "facture", "a payer", "dois", "paiements"),
    events=("agenda", "evenements", "rendez-vous", "reunions", "reunion"),
    pending=("en attente", "en cours"),
    today=("aujourd'hui", "ce soir"),
    tomorrow=("demain",),
    week=("cette semaine", "la semaine", "semaine"),
    month=("ce mois", "du mois", "mois"),
    overdue=("en retard",),
    months=("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
            "septembre", "octobre", "novembre", "decembre"),
    digest=("resume quotidien", "resume du jour"),
    off=("non", "arrete", "desactive", "stop", "annule", "off"),
    subjects=("taches", "factures", "agenda", "evenements", "rendez-vous", "reunions",
              "echeances"),
    thanks=("ok", "merci", "merci beaucoup", "parfait", "super", "d'accord", "oui", "top"),
)  # fmt: skip

WORDS: dict[Language, TalkWords] = {"es": ES, "en": EN, "pt": PT, "fr": FR}
