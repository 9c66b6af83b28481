"""The pages' words in es, en, pt and fr, and choosing the reader's language.

The language comes from the `rd_lang` cookie (the switch on every page), else the
browser's `Accept-Language` (its q-values honoured), else REACTIOND_DEFAULT_LANGUAGE.
Error messages and hints from the layers below stay as the API gives them (English), as
the CLI's `--json` and the API do: the page words the heading around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

PageLanguage = Literal["es", "en", "pt", "fr"]
PAGE_LANGUAGES: Final[tuple[PageLanguage, ...]] = ("es", "en", "pt", "fr")
LANGUAGE_NAMES: Final[Mapping[str, str]] = {
    "es": "Español",
    "en": "English",
    "pt": "Português",
    "fr": "Français",
}

# key: (es, en, pt, fr)
_WORDS: Final[dict[str, tuple[str, str, str, str]]] = {
    # navigation and frame
    "nav.today": ("Hoy", "Today", "Hoje", "Aujourd'hui"),
    "nav.records": ("Registros", "Records", "Registros", "Éléments"),
    "nav.rules": ("Reglas", "Rules", "Regras", "Règles"),
    "nav.queue": ("Cola", "Queue", "Fila", "File d'attente"),
    "nav.outbox": ("Respuestas", "Replies", "Respostas", "Réponses"),
    "nav.analytics": ("Estadísticas", "Analytics", "Estatísticas", "Statistiques"),
    "nav.people": ("Personas", "People", "Pessoas", "Personnes"),
    "nav.trace": ("Rastrear", "Trace", "Rastrear", "Tracer"),
    "nav.settings": ("Ajustes", "Settings", "Ajustes", "Réglages"),
    "nav.logout": ("Salir", "Log out", "Sair", "Se déconnecter"),
    "nav.main": ("Navegación", "Navigation", "Navegação", "Navigation"),
    "nav.language": ("Idioma", "Language", "Idioma", "Langue"),
    "kind.tasks": ("Tareas", "Tasks", "Tarefas", "Tâches"),
    "kind.calendar-events": ("Eventos", "Events", "Eventos", "Événements"),
    "kind.bills": ("Cuentas", "Bills", "Contas", "Factures"),
    "kind.notes": ("Notas", "Notes", "Notas", "Notes"),
    # login
    "login.title": ("Entrar", "Log in", "Entrar", "Connexion"),
    "login.token": ("Token de la API", "API token", "Token da API", "Jeton de l'API"),
    "login.help": (
        "El valor de REACTIOND_API_TOKEN de este servidor.",
        "The value of REACTIOND_API_TOKEN on this server.",
        "O valor de REACTIOND_API_TOKEN deste servidor.",
        "La valeur de REACTIOND_API_TOKEN sur ce serveur.",
    ),
    "login.submit": ("Entrar", "Log in", "Entrar", "Se connecter"),
    "login.wrong": (
        "Token incorrecto.",
        "Wrong token.",
        "Token incorreto.",
        "Jeton incorrect.",
    ),
    "login.throttled": (
        "Demasiados intentos; espera unos minutos.",
        "Too many tries; wait a few minutes.",
        "Tentativas demais; espere alguns minutos.",
        "Trop d'essais ; attendez quelques minutes.",
    ),
    "login.expired": (
        "El formulario caducó; inténtalo de nuevo.",
        "The form expired; try again.",
        "O formulário expirou; tente de novo.",
        "Le formulaire a expiré ; réessayez.",
    ),
    "csrf.refused": (
        "Solicitud rechazada: el formulario no es de esta página o caducó."
        " Recarga e inténtalo de nuevo.",
        "Request refused: the form is not from this page or it expired. Reload and try again.",
        "Pedido recusado: o formulário não é desta página ou expirou. Recarregue e tente de novo.",
        "Requête refusée : le formulaire ne vient pas de cette page ou a expiré."
        " Rechargez et réessayez.",
    ),
    "host.refused": (
        "Solicitud rechazada: sin REACTIOND_API_TOKEN, estas páginas solo se abren en esta"
        " máquina, como localhost o 127.0.0.1. Para abrirlas con otro nombre, configura"
        " un token.",
        "Request refused: without REACTIOND_API_TOKEN these pages open only on this machine,"
        " as localhost or 127.0.0.1. To open them under another name, set a token.",
        "Pedido recusado: sem REACTIOND_API_TOKEN, estas páginas só abrem nesta máquina,"
        " como localhost ou 127.0.0.1. Para abri-las com outro nome, configure um token.",
        "Requête refusée : sans REACTIOND_API_TOKEN, ces pages ne s'ouvrent que sur cette"
        " machine, comme localhost ou 127.0.0.1. Pour les ouvrir sous un autre nom,"
        " définissez un jeton.",
    ),
    # today
    "today.title": ("Hoy", "Today", "Hoje", "Aujourd'hui"),
    "today.due_today": ("Para hoy", "Due today", "Para hoje", "Pour aujourd'hui"),
    "today.this_week": ("Esta semana", "This week", "Esta semana", "Cette semaine"),
    "today.nothing": ("Nada.", "Nothing.", "Nada.", "Rien."),
    "today.failures": ("Fallos", "Failures", "Falhas", "Échecs"),
    "today.dead_jobs": ("Trabajos muertos", "Dead jobs", "Trabalhos mortos", "Travaux en échec"),
    "today.dead_replies": (
        "Respuestas no entregadas",
        "Undelivered replies",
        "Respostas não entregues",
        "Réponses non remises",
    ),
    "today.refused_parses": (
        "Mensajes no entendidos",
        "Messages not understood",
        "Mensagens não entendidas",
        "Messages non compris",
    ),
    "today.last_reactions": (
        "Últimas reacciones",
        "Last reactions",
        "Últimas reações",
        "Dernières réactions",
    ),
    "today.health": ("Estado", "Health", "Estado", "État"),
    "today.live": (
        "Se actualiza en vivo.",
        "Updates live.",
        "Atualiza ao vivo.",
        "Mis à jour en direct.",
    ),
    "health.ok": ("Todo bien", "All good", "Tudo bem", "Tout va bien"),
    "health.failing": ("Con fallos", "Failing", "Com falhas", "En échec"),
    "health.warnings": ("Avisos", "Warnings", "Avisos", "Avertissements"),
    "outbox.held": (
        "En espera: sale solo si la confirmación que sigue llegó a enviarse.",
        "Held: sent only if the confirmation it follows turns out to have gone out.",
        "Em espera: sai só se a confirmação que ela segue tiver sido enviada.",
        "En attente : envoyée seulement si la confirmation qu'elle suit est partie.",
    ),
    # health's checks by name (web/health.py)
    "check.database": ("Base de datos", "Database", "Banco de dados", "Base de données"),
    "check.store_read": ("Base de datos", "Database", "Banco de dados", "Base de données"),
    "check.evolution": (
        "Evolution (WhatsApp)",
        "Evolution (WhatsApp)",
        "Evolution (WhatsApp)",
        "Evolution (WhatsApp)",
    ),
    "check.ocr": (
        "Lectura de imágenes",
        "Reading pictures",
        "Leitura de imagens",
        "Lecture d'images",
    ),
    "check.queue": ("Cola de trabajos", "Job queue", "Fila de trabalhos", "File des travaux"),
    "check.outbox": ("Respuestas", "Replies", "Respostas", "Réponses"),
    "check.dead_jobs": ("Trabajos muertos", "Dead jobs", "Trabalhos mortos", "Travaux en échec"),
    "check.webhook": ("Webhook", "Webhook", "Webhook", "Webhook"),
    "check.calendars": ("Calendarios", "Calendars", "Agendas", "Calendriers"),
    # records
    "records.filter": ("Filtrar", "Filter", "Filtrar", "Filtrer"),
    "records.status": ("Estado", "Status", "Estado", "Statut"),
    "records.any": ("Cualquiera", "Any", "Qualquer", "Tous"),
    "records.search": ("Buscar", "Search", "Buscar", "Rechercher"),
    "records.from": ("Desde", "From", "De", "Du"),
    "records.to": ("Hasta", "To", "Até", "Au"),
    "records.sort": ("Orden", "Sort", "Ordem", "Tri"),
    # the sort's choices: a field, then which end first ("-due": the latest due first)
    "sort.id": ("número", "number", "número", "numéro"),
    "sort.created": ("creado", "created", "criado", "créé"),
    "sort.updated": ("cambiado", "changed", "alterado", "modifié"),
    "sort.due": ("vence", "due", "vencimento", "échéance"),
    "sort.start": ("empieza", "starts", "início", "début"),
    "sort.earliest": (
        "lo más pronto primero",
        "earliest first",
        "o mais cedo primeiro",
        "le plus tôt d'abord",
    ),
    "sort.latest": (
        "lo más tarde primero",
        "latest first",
        "o mais tarde primeiro",
        "le plus tard d'abord",
    ),
    "records.per_page": ("Por página", "Per page", "Por página", "Par page"),
    "records.more_filters": ("Más filtros", "More filters", "Mais filtros", "Plus de filtres"),
    "records.reactor": ("Quién reaccionó", "Who reacted", "Quem reagiu", "Qui a réagi"),
    "records.chat": ("Chat", "Chat", "Chat", "Discussion"),
    "records.instance": ("Instancia", "Instance", "Instância", "Instance"),
    "records.next": ("Siguiente página", "Next page", "Próxima página", "Page suivante"),
    "records.first": ("Primera página", "First page", "Primeira página", "Première page"),
    "records.none": (
        "Ningún registro con estos filtros.",
        "No record with these filters.",
        "Nenhum registro com estes filtros.",
        "Aucun élément avec ces filtres.",
    ),
    "records.title": ("Título", "Title", "Título", "Titre"),
    "records.vendor": ("Proveedor", "Vendor", "Fornecedor", "Fournisseur"),
    "records.amount": ("Importe", "Amount", "Valor", "Montant"),
    "records.due": ("Vence", "Due", "Vence", "Échéance"),
    "records.start": ("Empieza", "Starts", "Começa", "Début"),
    "records.when": ("Cuándo", "When", "Quando", "Quand"),
    "records.from_whom": ("De", "From", "De", "De"),
    "records.actions": ("Acciones", "Actions", "Ações", "Actions"),
    "records.trace": ("Rastrear", "Trace", "Rastrear", "Tracer"),
    "records.change_due": (
        "Cambiar vencimiento",
        "Change due date",
        "Mudar vencimento",
        "Changer l'échéance",
    ),
    "records.change_start": ("Cambiar inicio", "Change start", "Mudar início", "Changer le début"),
    # The box shows and takes the record's own local time (its zone: where it was
    # written), which may differ from the reader's, in which the table shows it.
    "records.when_hint": (
        "2026-01-15 o 2026-01-15T09:30 (hora local en {tz})",
        "2026-01-15 or 2026-01-15T09:30 (local time in {tz})",
        "2026-01-15 ou 2026-01-15T09:30 (hora local em {tz})",
        "2026-01-15 ou 2026-01-15T09:30 (heure locale à {tz})",
    ),
    "records.save": ("Guardar", "Save", "Salvar", "Enregistrer"),
    "records.changed": ("Cambiado.", "Changed.", "Alterado.", "Modifié."),
    "do.done": ("Hecha", "Done", "Feita", "Faite"),
    "do.paid": ("Pagada", "Paid", "Paga", "Payée"),
    "do.cancel": ("Cancelar", "Cancel", "Cancelar", "Annuler"),
    "do.reopen": ("Reabrir", "Reopen", "Reabrir", "Rouvrir"),
    "status.open": ("abierta", "open", "aberta", "ouverte"),
    "status.done": ("hecha", "done", "feita", "faite"),
    "status.cancelled": ("cancelada", "cancelled", "cancelada", "annulée"),
    "status.cancelled.m": ("cancelado", "cancelled", "cancelado", "annulé"),
    "status.done.m": ("hecho", "done", "feito", "fait"),
    "status.dead.f": ("muerta", "dead", "morta", "morte"),
    "status.scheduled": ("programado", "scheduled", "agendado", "prévu"),
    "status.pending": ("pendiente", "pending", "pendente", "en attente"),
    "status.paid": ("pagada", "paid", "paga", "payée"),
    "status.active": ("activa", "active", "ativa", "active"),
    "status.queued": ("en cola", "queued", "na fila", "en file"),
    "status.running": ("en curso", "running", "em execução", "en cours"),
    "status.dead": ("muerto", "dead", "morto", "mort"),
    "status.sending": ("enviando", "sending", "enviando", "en envoi"),
    "status.sent": ("enviada", "sent", "enviada", "envoyée"),
    # errors
    # French sets ":" apart by a no-break space (it never ends a line alone); es/en/pt
    # write it against the word. Templates write this, never a bare ":" after a word.
    "punct.colon": (":", ":", ":", "\u00a0:"),
    "error.title": ("No se pudo", "That did not work", "Não foi possível", "Cela n'a pas marché"),
    "error.hint": ("Qué hacer", "What to do", "O que fazer", "Que faire"),
    "error.not_found": ("No encontrado", "Not found", "Não encontrado", "Introuvable"),
    # trace
    "trace.title": ("Rastreo", "Trace", "Rastreamento", "Trace"),
    "trace.lookup": (
        "Id de WhatsApp del mensaje o de la reacción",
        "WhatsApp id of the message or the reaction",
        "Id do WhatsApp da mensagem ou da reação",
        "Identifiant WhatsApp du message ou de la réaction",
    ),
    "trace.go": ("Ver", "Show", "Ver", "Afficher"),
    "trace.message": ("Mensaje", "Message", "Mensagem", "Message"),
    "trace.unseen": (
        "El mensaje nunca llegó a reactiond.",
        "The message never reached reactiond.",
        "A mensagem nunca chegou ao reactiond.",
        "Le message n'est jamais arrivé à reactiond.",
    ),
    "trace.sent_by": ("Enviado por", "Sent by", "Enviada por", "Envoyé par"),
    "trace.reactions": ("Reacciones", "Reactions", "Reações", "Réactions"),
    "trace.reacted": ("reaccionó con", "reacted with", "reagiu com", "a réagi avec"),
    "trace.removed": (
        "quitó su reacción",
        "removed their reaction",
        "removeu a reação",
        "a retiré sa réaction",
    ),
    "trace.rule": ("Regla", "Rule", "Regra", "Règle"),
    "trace.outcome": ("Resultado", "Outcome", "Resultado", "Résultat"),
    "trace.parse": ("Análisis", "Parse", "Análise", "Analyse"),
    "trace.language": ("idioma", "language", "idioma", "langue"),
    "trace.confidence": ("confianza", "confidence", "confiança", "confiance"),
    "trace.records": ("Registros creados", "Records made", "Registros criados", "Éléments créés"),
    "trace.replies": ("Respuestas", "Replies", "Respostas", "Réponses"),
    "trace.no_rule": (
        "Ninguna regla actuó",
        "No rule fired",
        "Nenhuma regra agiu",
        "Aucune règle n'a agi",
    ),
    # French: a job is a "travail", never a "tâche" (the records that reactions make)
    "trace.job": ("Trabajo", "Job", "Trabalho", "Travail"),
    "trace.gave_up_unseen": (
        "Se dio por vencida: el mensaje no se había visto",
        "Gave up: the message had not been seen",
        "Desistiu: a mensagem não tinha sido vista",
        "Abandon : le message n'avait pas été vu",
    ),
    "trace.run_again": (
        "Ejecutada de nuevo cuando llegó el mensaje",
        "Run again when the message arrived",
        "Executada de novo quando a mensagem chegou",
        "Relancée à l'arrivée du message",
    ),
    "trace.last_error": ("Último error", "Last error", "Último erro", "Dernière erreur"),
    "trace.attempts": ("intentos", "attempts", "tentativas", "tentatives"),
    # counts: KEY.one and KEY.many, chosen by the count's plural form (`count` in templates)
    "count.attempts.one": ("{n} intento", "{n} attempt", "{n} tentativa", "{n} tentative"),
    "count.attempts.many": ("{n} intentos", "{n} attempts", "{n} tentativas", "{n} tentatives"),
    "trace.focus": ("Esta reacción", "This reaction", "Esta reação", "Cette réaction"),
    "trace.changes": (
        "Cambios desde el chat",
        "Changes from the chat",
        "Alterações pelo chat",
        "Modifications depuis le chat",
    ),
    "trace.changes_asked": (
        "Cambios que pidió este mensaje",
        "Changes this message asked for",
        "Alterações que esta mensagem pediu",
        "Modifications demandées par ce message",
    ),
    "trace.by_author": ("su autor", "its author", "seu autor", "son auteur"),
    "trace.via.edit": ("Mensaje editado", "Message edited", "Mensagem editada", "Message modifié"),
    "trace.via.delete": (
        "Mensaje borrado",
        "Message deleted",
        "Mensagem apagada",
        "Message supprimé",
    ),
    "trace.via.correction": (
        "Corrección por respuesta",
        "Correction by reply",
        "Correção por resposta",
        "Correction par réponse",
    ),
    "trace.via.reaction": (
        "Reacción a un mensaje de reactiond",
        "Reaction on reactiond's message",
        "Reação a uma mensagem do reactiond",
        "Réaction à un message de reactiond",
    ),
    "why.removed": (
        "La reacción se quitó (anula lo que hizo la anterior).",
        "The reaction was removed (it cancels what the earlier one made).",
        "A reação foi removida (anula o que a anterior fez).",
        "La réaction a été retirée (elle annule ce que la précédente a fait).",
    ),
    "why.waiting": (
        "La reacción espera su turno en la cola.",
        "The reaction is waiting its turn in the queue.",
        "A reação espera a vez na fila.",
        "La réaction attend son tour dans la file.",
    ),
    "why.failed": (
        "El trabajo de la reacción falló.",
        "The reaction's job failed.",
        "O trabalho da reação falhou.",
        "La tâche de la réaction a échoué.",
    ),
    "why.superseded": (
        "La misma persona reaccionó después: decide su última reacción.",
        "The same person reacted again later: their last reaction decides.",
        "A mesma pessoa reagiu depois: vale a última reação.",
        "La même personne a réagi plus tard : sa dernière réaction compte.",
    ),
    "why.unseen": (
        "El mensaje nunca se vio, así que no se analizó nada.",
        "The message was never seen, so nothing was parsed.",
        "A mensagem nunca foi vista, então nada foi analisado.",
        "Le message n'a jamais été vu : rien n'a été analysé.",
    ),
    "why.no_rule": (
        "Ninguna regla activa responde a este emoji (con las reglas de hoy).",
        "No enabled rule is triggered by this emoji (with today's rules).",
        "Nenhuma regra ativa responde a este emoji (com as regras de hoje).",
        "Aucune règle active ne réagit à cet emoji (avec les règles d'aujourd'hui).",
    ),
    "why.conditions": (
        "Hay reglas con este emoji, pero sus condiciones (quién, qué chat) dejan fuera"
        " esta reacción.",
        "Rules have this emoji, but their conditions (who, which chat) leave this reaction out.",
        "Há regras com este emoji, mas as condições (quem, qual chat) deixam esta reação de fora.",
        "Des règles ont cet emoji, mais leurs conditions (qui, quel chat) excluent cette réaction.",
    ),
    "why.unknown": (
        "No se registró ninguna acción para esta reacción.",
        "No action was recorded for this reaction.",
        "Nenhuma ação foi registrada para esta reação.",
        "Aucune action n'a été enregistrée pour cette réaction.",
    ),
    "outcome.created": ("creado", "created", "criado", "créé"),
    "outcome.parse_failed": ("no entendido", "not understood", "não entendido", "non compris"),
    "outcome.skipped": ("omitido", "skipped", "ignorado", "ignoré"),
    "outcome.cancelled": ("cancelado", "cancelled", "cancelado", "annulé"),
    # rules
    "rules.title": ("Reglas", "Rules", "Regras", "Règles"),
    "rules.new": ("Nueva regla", "New rule", "Nova regra", "Nouvelle règle"),
    "rules.edit": ("Editar", "Edit", "Editar", "Modifier"),
    "rules.delete": ("Borrar", "Delete", "Apagar", "Supprimer"),
    "rules.confirm_delete": (
        "¿Borrar esta regla?",
        "Delete this rule?",
        "Apagar esta regra?",
        "Supprimer cette règle ?",
    ),
    "rules.enable": ("Activar", "Enable", "Ativar", "Activer"),
    "rules.disable": ("Desactivar", "Disable", "Desativar", "Désactiver"),
    "rules.enabled": ("Activa", "Enabled", "Ativa", "Active"),
    "rules.name": ("Nombre", "Name", "Nome", "Nom"),
    "rules.triggers": ("Emojis", "Emoji", "Emojis", "Emojis"),
    "rules.triggers_hint": (
        "Separados por espacios, p. ej. 💳 💰",
        "Separated by spaces, e.g. 💳 💰",
        "Separados por espaços, ex. 💳 💰",
        "Séparés par des espaces, p. ex. 💳 💰",
    ),
    "rules.action": ("Acción", "Action", "Ação", "Action"),
    "rules.parser": ("Analizador", "Parser", "Analisador", "Analyseur"),
    "rules.parser_default": (
        "El de la acción",
        "The action's own",
        "O da ação",
        "Celui de l'action",
    ),
    "rules.priority": ("Prioridad", "Priority", "Prioridade", "Priorité"),
    "rules.config": (
        "Configuración (JSON)",
        "Configuration (JSON)",
        "Configuração (JSON)",
        "Configuration (JSON)",
    ),
    "rules.conditions": (
        "Condiciones (JSON)",
        "Conditions (JSON)",
        "Condições (JSON)",
        "Conditions (JSON)",
    ),
    "rules.save": ("Guardar regla", "Save rule", "Salvar regra", "Enregistrer la règle"),
    "rules.invalid": (
        "regla no válida: no se guardó",
        "invalid rule: it was not saved",
        "regra inválida: não foi salva",
        "règle invalide : elle n'a pas été enregistrée",
    ),
    "rules.invalid_hint": (
        "corrige los campos marcados abajo y guarda la regla de nuevo",
        "fix the fields marked below and save the rule again",
        "corrija os campos marcados abaixo e salve a regra de novo",
        "corrigez les champs signalés ci-dessous et enregistrez de nouveau la règle",
    ),
    "rules.saved": ("Regla guardada.", "Rule saved.", "Regra salva.", "Règle enregistrée."),
    "rules.deleted": ("Regla borrada.", "Rule deleted.", "Regra apagada.", "Règle supprimée."),
    "rules.try": (
        "Probar sin guardar",
        "Try it (nothing saved)",
        "Testar sem salvar",
        "Essayer (rien n'est enregistré)",
    ),
    "rules.try_text": ("Mensaje", "Message", "Mensagem", "Message"),
    "rules.try_emoji": ("Emoji", "Emoji", "Emoji", "Emoji"),
    "rules.try_lang": (
        "Idioma del mensaje",
        "Message language",
        "Idioma da mensagem",
        "Langue du message",
    ),
    "rules.try_auto": ("Detectar", "Detect", "Detectar", "Détecter"),
    "rules.try_go": ("Probar", "Try", "Testar", "Essayer"),
    "rules.would_create": ("Crearía", "Would create", "Criaria", "Créerait"),
    # a rule's action and parser in the reader's words (the values sent stay the API's)
    "action.create_task": (
        "crear una tarea",
        "create a task",
        "criar uma tarefa",
        "créer une tâche",
    ),
    "action.create_calendar_event": (
        "crear un evento",
        "create an event",
        "criar um evento",
        "créer un événement",
    ),
    "action.create_bill": (
        "crear una cuenta",
        "create a bill",
        "criar uma conta",
        "créer une facture",
    ),
    "action.create_note": ("crear una nota", "create a note", "criar uma nota", "créer une note"),
    "parser.task": ("leer como tarea", "read as a task", "ler como tarefa", "lire comme une tâche"),
    "parser.calendar": (
        "leer como evento",
        "read as an event",
        "ler como evento",
        "lire comme un événement",
    ),
    "parser.bill": (
        "leer como cuenta",
        "read as a bill",
        "ler como conta",
        "lire comme une facture",
    ),
    "parser.note": ("leer como nota", "read as a note", "ler como nota", "lire comme une note"),
    "rules.all_day": ("todo el día", "all day", "dia inteiro", "toute la journée"),
    "rules.reply": ("Respuesta", "Reply", "Resposta", "Réponse"),
    "rules.no_match": (
        "Ninguna regla activa responde a este emoji.",
        "No enabled rule is triggered by this emoji.",
        "Nenhuma regra ativa responde a este emoji.",
        "Aucune règle active ne réagit à cet emoji.",
    ),
    "rules.nothing_saved": (
        "Nada se guardó.",
        "Nothing was saved.",
        "Nada foi salvo.",
        "Rien n'a été enregistré.",
    ),
    "rules.none": (
        "Aún no hay reglas.",
        "No rules yet.",
        "Ainda não há regras.",
        "Pas encore de règles.",
    ),
    # talk rules (on the Rules page)
    "talk.title": (
        "Conversaciones en WhatsApp",
        "Conversations in WhatsApp",
        "Conversas no WhatsApp",
        "Conversations dans WhatsApp",
    ),
    "talk.intro": (
        "Qué hace reactiond con lo que le escriben; un cambio vale desde el próximo mensaje.",
        "What reactiond does with what people write to it; a change applies from the next message.",
        "O que o reactiond faz com o que escrevem para ele; uma mudança vale a partir da "
        "próxima mensagem.",
        "Ce que reactiond fait de ce qu'on lui écrit ; un changement vaut dès le prochain message.",
    ),
    "talk.from_settings": (
        "Nada guardado aún: valen REACTIOND_QUESTIONS y REACTIOND_QUESTIONS_FROM_CONTACTS.",
        "Nothing stored yet: REACTIOND_QUESTIONS and REACTIOND_QUESTIONS_FROM_CONTACTS apply.",
        "Nada guardado ainda: valem REACTIOND_QUESTIONS e REACTIOND_QUESTIONS_FROM_CONTACTS.",
        "Rien d'enregistré pour l'instant : REACTIOND_QUESTIONS et "
        "REACTIOND_QUESTIONS_FROM_CONTACTS s'appliquent.",
    ),
    "talk.switch": ("Qué", "What", "O quê", "Quoi"),
    "talk.what.questions": (
        "Responder preguntas en tu propio chat («¿qué tengo hoy?»)",
        "Answer questions in your own chat (“what do I have today?”)",
        "Responder perguntas na sua própria conversa («o que tenho hoje?»)",
        "Répondre aux questions dans votre propre discussion (« qu'ai-je aujourd'hui ? »)",
    ),
    "talk.what.contacts": (
        "Cualquier contacto puede preguntar en su chat directo (sus registros)",
        "Any contact may ask in their direct chat (their own records)",
        "Qualquer contato pode perguntar na conversa direta (os registros dele)",
        "Tout contact peut demander dans sa discussion directe (ses propres éléments)",
    ),
    "talk.what.digest": (
        "«resumen diario 8:00» en el chat activa el resumen diario",
        "“daily digest 8:00” in the chat turns the daily digest on",
        "«resumo diário 8h» na conversa ativa o resumo diário",
        "« résumé quotidien 8h » dans la discussion active le résumé quotidien",
    ),
    "talk.what.corrections": (
        "Una respuesta que cita una confirmación corrige el registro",
        "A reply quoting a confirmation corrects the record",
        "Uma resposta citando uma confirmação corrige o registro",
        "Une réponse qui cite une confirmation corrige l'élément",
    ),
    "talk.what.ticks": (
        "✅/❌ en una confirmación o recordatorio lo cierra o cancela",
        "✅/❌ on a confirmation or reminder closes or cancels it",
        "✅/❌ numa confirmação ou lembrete fecha ou cancela",
        "✅/❌ sur une confirmation ou un rappel la clôt ou l'annule",
    ),
    "talk.what.edits": (
        "Un mensaje editado o borrado cambia o cancela sus registros",
        "An edited or deleted message changes or cancels its records",
        "Uma mensagem editada ou apagada altera ou cancela seus registros",
        "Un message modifié ou supprimé change ou annule ses éléments",
    ),
    "talk.askers": (
        "Quién más puede preguntar en su chat directo",
        "Who else may ask in their direct chat",
        "Quem mais pode perguntar na conversa direta",
        "Qui d'autre peut demander dans sa discussion directe",
    ),
    "talk.askers_hint": (
        "Números de teléfono (con el código de país) o JIDs, separados por comas; vacío: nadie.",
        "Phone numbers (country code first) or JIDs, separated by commas; empty: nobody.",
        "Números de telefone (com o código do país) ou JIDs, separados por vírgulas; vazio: "
        "ninguém.",
        "Numéros de téléphone (indicatif du pays d'abord) ou JID, séparés par des virgules ; "
        "vide : personne.",
    ),
    # queue and outbox
    "queue.title": ("Cola de trabajos", "Job queue", "Fila de trabalhos", "File des travaux"),
    "queue.kind": ("Tipo", "Kind", "Tipo", "Type"),
    "queue.retry": ("Reintentar", "Retry", "Tentar de novo", "Réessayer"),
    "queue.retried": (
        "Trabajo en cola otra vez.",
        "Job queued again.",
        "Trabalho na fila de novo.",
        "Travail remis en file.",
    ),
    "queue.attempt_log": ("Intentos", "Attempts", "Tentativas", "Tentatives"),
    "queue.none": ("Ningún trabajo.", "No job.", "Nenhum trabalho.", "Aucun travail."),
    "queue.error": ("Error", "Error", "Erro", "Erreur"),
    "outbox.title": ("Respuestas", "Replies", "Respostas", "Réponses"),
    "outbox.to": ("Para", "To", "Para", "À"),
    "outbox.text": ("Texto", "Text", "Texto", "Texte"),
    "outbox.none": ("Ninguna respuesta.", "No reply.", "Nenhuma resposta.", "Aucune réponse."),
    "outbox.retried": (
        "Respuesta en camino otra vez.",
        "Reply on its way again.",
        "Resposta a caminho de novo.",
        "Réponse renvoyée.",
    ),
    # analytics
    "analytics.title": ("Estadísticas", "Analytics", "Estatísticas", "Statistiques"),
    "analytics.nlp": (
        "Análisis por analizador e idioma",
        "Parsing by parser and language",
        "Análise por analisador e idioma",
        "Analyse par analyseur et langue",
    ),
    "analytics.success": ("éxito", "success", "sucesso", "succès"),
    "analytics.by_rule": (
        "Reacciones por emoji y regla",
        "Reactions by emoji and rule",
        "Reações por emoji e regra",
        "Réactions par emoji et règle",
    ),
    "analytics.by_hour": (
        "Reacciones por hora del día",
        "Reactions by hour of day",
        "Reações por hora do dia",
        "Réactions par heure",
    ),
    "analytics.none": (
        "Sin datos aún.",
        "No data yet.",
        "Sem dados ainda.",
        "Pas encore de données.",
    ),
    # people
    "people.title": ("Personas", "People", "Pessoas", "Personnes"),
    "people.phone": ("Teléfono", "Phone", "Telefone", "Téléphone"),
    "people.ids": ("Identidades (LID)", "Identities (LID)", "Identidades (LID)", "Identités (LID)"),
    "people.tz": ("Zona horaria", "Time zone", "Fuso horário", "Fuseau horaire"),
    "people.reply_language": (
        "Idioma de respuesta",
        "Reply language",
        "Idioma de resposta",
        "Langue de réponse",
    ),
    "people.language_detected": (
        "(detectado)",
        "(detected)",
        "(detectado)",
        "(détectée)",
    ),
    "people.language_auto": (
        "Automático: en el que escribe",
        "Automatic: the one they write in",
        "Automático: o que a pessoa escreve",
        "Automatique : celle dans laquelle il écrit",
    ),
    "people.tz_default": (
        "(por su número)",
        "(from their number)",
        "(pelo número)",
        "(selon leur numéro)",
    ),
    "people.tz_instance": (
        "(predeterminada: sin número)",
        "(default: no number)",
        "(padrão: sem número)",
        "(par défaut : sans numéro)",
    ),
    # settings
    "settings.title": (
        "Ajustes de esta página",
        "Page settings",
        "Ajustes desta página",
        "Réglages de la page",
    ),
    "settings.tz": (
        "Tu zona horaria",
        "Your time zone",
        "Seu fuso horário",
        "Votre fuseau horaire",
    ),
    "settings.saved": ("Guardado.", "Saved.", "Salvo.", "Enregistré."),
    "settings.bad_tz": (
        "Zona horaria desconocida; usa un nombre IANA como America/Mexico_City.",
        "Unknown time zone; use an IANA name such as America/Mexico_City.",
        "Fuso horário desconhecido; use um nome IANA como America/Sao_Paulo.",
        "Fuseau inconnu ; utilisez un nom IANA comme Europe/Paris.",
    ),
}

_INDEX: Final[dict[str, int]] = {"es": 0, "en": 1, "pt": 2, "fr": 3}


def words(lang: str) -> dict[str, str]:
    """Every key's text in `lang` (English for a language we do not have)."""
    i = _INDEX.get(lang, 1)
    return {key: texts[i] for key, texts in _WORDS.items()}


def keys() -> frozenset[str]:
    return frozenset(_WORDS)


def choose_language(cookie: str | None, accept_language: str | None, default: str) -> PageLanguage:
    """The cookie's language, else the best of Accept-Language, else `default`."""
    for candidate in (cookie, *_accepted(accept_language or ""), default, "en"):
        if candidate:
            base = candidate.strip().lower().split("-", 1)[0].split("_", 1)[0]
            for lang in PAGE_LANGUAGES:
                if lang == base:
                    return lang
    return "en"


def _accepted(header: str) -> list[str]:
    """Accept-Language tags, best first (q=0 means "not this one")."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and q > 0:
            ranked.append((-q, i, tag))
    return [tag for _, _, tag in sorted(ranked)]
