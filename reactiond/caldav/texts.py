"""The words of `reactiond calendars` and of the calendar checks (doctor, `calendars test`)
in en, es, pt and fr, by key; `reactiond/cli_text.py` adds them to its catalog. Kept here
so the calendar push's words live with it."""

from __future__ import annotations

from typing import Final

# key → (en, es, pt, fr)
CALENDAR_TEXTS: Final[dict[str, tuple[str, str, str, str]]] = {
    "app.calendars": (
        "CalDAV calendars records are pushed to: add, list, show, test, remove.",
        "Calendarios CalDAV a los que se envían los registros: añadir, listar, ver, probar, "
        "quitar.",
        "Calendários CalDAV para os quais os registros são enviados: adicionar, listar, ver, "
        "testar, remover.",
        "Calendriers CalDAV où les enregistrements sont envoyés : ajouter, lister, voir, "
        "tester, retirer.",
    ),
    "cmd.calendars.add": (
        "Add a calendar: events, tasks with a due date and bills go there as they are made, "
        "changed and cancelled.",
        "Añade un calendario: eventos, tareas con fecha y cuentas van allí al crearse, "
        "cambiarse y cancelarse.",
        "Adiciona um calendário: eventos, tarefas com data e contas vão para lá ao serem "
        "criados, alterados e cancelados.",
        "Ajoute un calendrier : événements, tâches avec échéance et factures y vont dès leur "
        "création, modification et annulation.",
    ),
    "cmd.calendars.list": (
        "The calendars records are pushed to (never their passwords).",
        "Los calendarios a los que se envían registros (nunca sus contraseñas).",
        "Os calendários para os quais os registros são enviados (nunca as senhas).",
        "Les calendriers où les enregistrements sont envoyés (jamais leurs mots de passe).",
    ),
    "cmd.calendars.show": (
        "One calendar: where it is, what goes there, and the records changed on the server.",
        "Un calendario: dónde está, qué va allí y los registros cambiados en el servidor.",
        "Um calendário: onde está, o que vai para lá e os registros alterados no servidor.",
        "Un calendrier : où il est, ce qui y va, et les enregistrements modifiés sur le serveur.",
    ),
    "cmd.calendars.remove": (
        "Stop pushing to a calendar (what is there already stays).",
        "Deja de enviar a un calendario (lo que ya está allí se queda).",
        "Para de enviar a um calendário (o que já está lá fica).",
        "Cesse d'envoyer à un calendrier (ce qui y est déjà reste).",
    ),
    "cmd.calendars.test": (
        "Check a calendar now (reachable, signed in, collection, component types); when it "
        "works, the pushes waiting for it run again.",
        "Comprueba un calendario ahora (accesible, sesión, colección, tipos); si funciona, "
        "los envíos que lo esperaban se reintentan.",
        "Verifica um calendário agora (acessível, login, coleção, tipos); se funcionar, os "
        "envios que esperavam por ele são refeitos.",
        "Vérifie un calendrier maintenant (joignable, connecté, collection, types) ; s'il "
        "fonctionne, les envois en attente repartent.",
    ),
    "cmd.calendars.resolve": (
        "Settle a record changed both here and on the server: keep the server's version, "
        "or overwrite it with reactiond's.",
        "Resuelve un registro cambiado aquí y en el servidor: conserva la versión del "
        "servidor o sobrescríbela con la de reactiond.",
        "Resolve um registro alterado aqui e no servidor: mantém a versão do servidor ou "
        "sobrescreve com a do reactiond.",
        "Règle un enregistrement modifié ici et sur le serveur : garder la version du "
        "serveur, ou l'écraser avec celle de reactiond.",
    ),
    "cmd.calendars.push": (
        "Push every record this calendar takes (not cancelled) now: for a calendar added "
        "after the records were made.",
        "Envía ahora todos los registros que toma este calendario (no cancelados): para un "
        "calendario añadido después de crear los registros.",
        "Envia agora todos os registros que este calendário recebe (não cancelados): para "
        "um calendário adicionado depois dos registros.",
        "Envoie maintenant tous les enregistrements que ce calendrier reçoit (non annulés) : "
        "pour un calendrier ajouté après les enregistrements.",
    ),
    "ok.calendars.pushed": (
        "{count} record(s) queued for {name}",
        "{count} registro(s) en cola para {name}",
        "{count} registro(s) na fila para {name}",
        "{count} enregistrement(s) en file pour {name}",
    ),
    "arg.calendars.name": (
        "The calendar's name in reactiond, e.g. family.",
        "El nombre del calendario en reactiond, p. ej. familia.",
        "O nome do calendário no reactiond, ex. familia.",
        "Le nom du calendrier dans reactiond, p. ex. famille.",
    ),
    "arg.calendars.record": (
        "The record, as KIND:ID (event:3, task:12, bill:5).",
        "El registro, como TIPO:ID (event:3, task:12, bill:5).",
        "O registro, como TIPO:ID (event:3, task:12, bill:5).",
        "L'enregistrement, sous la forme TYPE:ID (event:3, task:12, bill:5).",
    ),
    "opt.calendars.url": (
        "The server's URL (its calendar is found from your account) or a calendar's URL.",
        "La URL del servidor (el calendario se busca en tu cuenta) o la de un calendario.",
        "A URL do servidor (o calendário é procurado na sua conta) ou a de um calendário.",
        "L'URL du serveur (le calendrier est trouvé depuis votre compte) ou celle d'un calendrier.",
    ),
    "opt.calendars.user": (
        "The user name on the server.",
        "El usuario en el servidor.",
        "O usuário no servidor.",
        "Le nom d'utilisateur sur le serveur.",
    ),
    "opt.calendars.password_file": (
        "A file holding the password (mode 0600); read each time, stored nowhere else.",
        "Un archivo con la contraseña (modo 0600); se lee cada vez, no se guarda en otro sitio.",
        "Um arquivo com a senha (modo 0600); lido a cada vez, não guardado em outro lugar.",
        "Un fichier contenant le mot de passe (mode 0600) ; lu à chaque fois, stocké nulle "
        "part ailleurs.",
    ),
    "opt.calendars.password_env": (
        "The environment variable holding the password (instead of a file).",
        "La variable de entorno con la contraseña (en vez de un archivo).",
        "A variável de ambiente com a senha (em vez de um arquivo).",
        "La variable d'environnement contenant le mot de passe (au lieu d'un fichier).",
    ),
    "opt.calendars.kinds": (
        "Which records go there: event, task, bill, comma-separated.",
        "Qué registros van allí: event, task, bill, separados por comas.",
        "Quais registros vão para lá: event, task, bill, separados por vírgulas.",
        "Quels enregistrements y vont : event, task, bill, séparés par des virgules.",
    ),
    "opt.calendars.bills_as": (
        "Bills as to-dos (todo, ticked when paid) or as all-day events (event).",
        "Cuentas como pendientes (todo, marcadas al pagar) o eventos de día completo (event).",
        "Contas como tarefas (todo, marcadas ao pagar) ou eventos de dia inteiro (event).",
        "Factures en tâches (todo, cochées une fois payées) ou en événements d'une journée "
        "(event).",
    ),
    "opt.calendars.on_cancel": (
        "A cancelled record is removed (delete) or kept marked CANCELLED (mark).",
        "Un registro cancelado se borra (delete) o queda marcado CANCELLED (mark).",
        "Um registro cancelado é apagado (delete) ou fica marcado CANCELLED (mark).",
        "Un enregistrement annulé est supprimé (delete) ou gardé marqué CANCELLED (mark).",
    ),
    "opt.calendars.person": (
        "Only the records of this person (phone number or JID).",
        "Solo los registros de esta persona (teléfono o JID).",
        "Só os registros desta pessoa (telefone ou JID).",
        "Seulement les enregistrements de cette personne (téléphone ou JID).",
    ),
    "opt.calendars.rule": (
        "Only the records of this rule (name or id).",
        "Solo los registros de esta regla (nombre o id).",
        "Só os registros desta regra (nome ou id).",
        "Seulement les enregistrements de cette règle (nom ou id).",
    ),
    "opt.calendars.calendar": (
        "Which of the account's calendars (its name), when the URL is the server's.",
        "Cuál de los calendarios de la cuenta (su nombre), si la URL es la del servidor.",
        "Qual dos calendários da conta (o nome), se a URL é a do servidor.",
        "Lequel des calendriers du compte (son nom), si l'URL est celle du serveur.",
    ),
    "opt.calendars.no_check": (
        "Store it without asking the server first (the URL must be the calendar's).",
        "Guardarlo sin preguntar antes al servidor (la URL debe ser la del calendario).",
        "Guardar sem perguntar antes ao servidor (a URL deve ser a do calendário).",
        "L'enregistrer sans interroger le serveur (l'URL doit être celle du calendrier).",
    ),
    "opt.calendars.keep": (
        "Which version wins: server (the phone's edit) or reactiond (overwrite it).",
        "Qué versión gana: server (la edición del teléfono) o reactiond (sobrescribirla).",
        "Qual versão vence: server (a edição do telefone) ou reactiond (sobrescrevê-la).",
        "Quelle version l'emporte : server (la modification du téléphone) ou reactiond "
        "(l'écraser).",
    ),
    "ok.calendars.added": (
        "calendar {name} added: {collection} ({kinds})",
        "calendario {name} añadido: {collection} ({kinds})",
        "calendário {name} adicionado: {collection} ({kinds})",
        "calendrier {name} ajouté : {collection} ({kinds})",
    ),
    "ok.calendars.removed": (
        "calendar {name} removed (what was pushed there stays)",
        "calendario {name} quitado (lo enviado allí se queda)",
        "calendário {name} removido (o que foi enviado fica lá)",
        "calendrier {name} retiré (ce qui y a été envoyé reste)",
    ),
    "ok.calendars.none": (
        "no calendars; `reactiond calendars add NAME --url … --user … --password-file …`",
        "no hay calendarios; `reactiond calendars add NOMBRE --url … --user … --password-file …`",
        "nenhum calendário; `reactiond calendars add NOME --url … --user … --password-file …`",
        "aucun calendrier ; `reactiond calendars add NOM --url … --user … --password-file …`",
    ),
    "ok.calendars.resumed": (
        "{count} waiting push(es) run again now",
        "{count} envío(s) en espera se reintentan ahora",
        "{count} envio(s) em espera refeitos agora",
        "{count} envoi(s) en attente relancé(s) maintenant",
    ),
    "ok.calendars.resolved": (
        "{record} on {name}: {keep}'s version kept",
        "{record} en {name}: se conserva la versión de {keep}",
        "{record} em {name}: mantida a versão de {keep}",
        "{record} sur {name} : version de {keep} conservée",
    ),
    "ok.calendars.conflicts": (
        "changed on the server (kept there; `reactiond calendars resolve`):",
        "cambiados en el servidor (se conservan allí; `reactiond calendars resolve`):",
        "alterados no servidor (mantidos lá; `reactiond calendars resolve`):",
        "modifiés sur le serveur (gardés là-bas ; `reactiond calendars resolve`) :",
    ),
    "err.calendars.record": (
        "{record!r} is no record: give KIND:ID, e.g. task:12",
        "{record!r} no es un registro: da TIPO:ID, p. ej. task:12",
        "{record!r} não é um registro: dê TIPO:ID, ex. task:12",
        "{record!r} n'est pas un enregistrement : donnez TYPE:ID, p. ex. task:12",
    ),
    "col.calendars.collection": ("CALENDAR", "CALENDARIO", "CALENDÁRIO", "CALENDRIER"),
    "col.calendars.kinds": ("KINDS", "TIPOS", "TIPOS", "TYPES"),
    "col.calendars.conflicts": ("CONFLICTS", "CONFLICTOS", "CONFLITOS", "CONFLITS"),
    # -- checks (doctor, `calendars test`) ---------------------------------------------
    "check.calendar.ok": (
        "reachable, signed in as {user}; {url} takes {components}",
        "accesible, sesión de {user}; {url} acepta {components}",
        "acessível, login de {user}; {url} aceita {components}",
        "joignable, connecté en tant que {user} ; {url} accepte {components}",
    ),
    "check.calendar.credentials": (
        "{reason}: write the password there, then `reactiond calendars test {name}`",
        "{reason}: escribe allí la contraseña y luego `reactiond calendars test {name}`",
        "{reason}: escreva a senha lá e depois `reactiond calendars test {name}`",
        "{reason} : écrivez-y le mot de passe, puis `reactiond calendars test {name}`",
    ),
    "check.calendar.unreachable": (
        "cannot reach {url} ({reason}): is the server up and the URL right?",
        "no se llega a {url} ({reason}): ¿está el servidor en marcha y la URL bien?",
        "não foi possível acessar {url} ({reason}): o servidor está no ar e a URL certa?",
        "{url} injoignable ({reason}) : le serveur tourne-t-il, l'URL est-elle juste ?",
    ),
    "check.calendar.unauthorized": (
        "{url} refused user {user}: fix the password (in {source}), then "
        "`reactiond calendars test {name}`",
        "{url} rechazó al usuario {user}: corrige la contraseña (en {source}) y luego "
        "`reactiond calendars test {name}`",
        "{url} recusou o usuário {user}: corrija a senha (em {source}) e depois "
        "`reactiond calendars test {name}`",
        "{url} a refusé l'utilisateur {user} : corrigez le mot de passe (dans {source}), "
        "puis `reactiond calendars test {name}`",
    ),
    "check.calendar.missing": (
        "{url} is not there ({reason}): create it on the server, or remove and add {name} again",
        "{url} no existe ({reason}): créalo en el servidor, o quita y vuelve a añadir {name}",
        "{url} não existe ({reason}): crie-o no servidor, ou remova e adicione {name} de novo",
        "{url} n'existe pas ({reason}) : créez-le sur le serveur, ou retirez puis ajoutez "
        "{name} à nouveau",
    ),
    "check.calendar.not_calendar": (
        "{url} is not a calendar collection: remove {name} and add it with the server's URL",
        "{url} no es una colección de calendario: quita {name} y añádelo con la URL del servidor",
        "{url} não é uma coleção de calendário: remova {name} e adicione com a URL do servidor",
        "{url} n'est pas une collection de calendrier : retirez {name} et ajoutez-le avec "
        "l'URL du serveur",
    ),
    "check.calendar.components": (
        "{url} does not take {missing} (only {components}): add one target per kind",
        "{url} no acepta {missing} (solo {components}): añade un destino por tipo",
        "{url} não aceita {missing} (só {components}): adicione um destino por tipo",
        "{url} n'accepte pas {missing} (seulement {components}) : ajoutez une cible par type",
    ),
    "check.calendar.conflicts": (
        "works; {count} record(s) changed on the server: `reactiond calendars show {name}`",
        "funciona; {count} registro(s) cambiados en el servidor: `reactiond calendars show {name}`",
        "funciona; {count} registro(s) alterados no servidor: `reactiond calendars show {name}`",
        "fonctionne ; {count} enregistrement(s) modifié(s) sur le serveur : "
        "`reactiond calendars show {name}`",
    ),
}
