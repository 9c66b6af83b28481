"""The words of `reactiond calendars` and of the calendar checks (doctor, `calendars test`)
in en, es, pt and fr, by key; `reactiond/cli/text.py` adds them to its catalog. Kept here
so the calendar push's words live with it."""

from __future__ import annotations

from typing import Final

# key → (en, es, pt, fr)
CALENDAR_TEXTS: Final[dict[str, tuple[str, str, str, str]]] = {
    "app.calendars": (
        "CalDAV calendars records are pushed to: add, edit, list, show, test, remove.",
        "Calendarios CalDAV a los que se envían los registros: añadir, editar, listar, ver, "
        "probar, quitar.",
        "Calendários CalDAV para os quais os registros são enviados: adicionar, editar, "
        "listar, ver, testar, remover.",
        "Calendriers CalDAV où les enregistrements sont envoyés : ajouter, modifier, lister, "
        "voir, tester, retirer.",
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
    "cmd.calendars.edit": (
        "Change a calendar: its URL, user, password file or variable, kinds, and whose "
        "records go there; checked with the server as when added.",
        "Cambia un calendario: su URL, usuario, archivo o variable de la contraseña, tipos y "
        "de quién van allí los registros; comprobado con el servidor como al añadirlo.",
        "Altera um calendário: URL, usuário, arquivo ou variável da senha, tipos e de quem "
        "vão para lá os registros; verificado com o servidor como ao adicioná-lo.",
        "Modifie un calendrier : son URL, utilisateur, fichier ou variable du mot de passe, "
        "types, et de qui y vont les enregistrements ; vérifié avec le serveur comme à l'ajout.",
    ),
    "opt.calendars.edit_person": (
        'Only the records of this person (phone number or JID); "": everyone\'s.',
        'Solo los registros de esta persona (teléfono o JID); "": los de todos.',
        'Só os registros desta pessoa (telefone ou JID); "": os de todos.',
        'Seulement les enregistrements de cette personne (téléphone ou JID) ; "" : ceux de tous.',
    ),
    "opt.calendars.edit_rule": (
        'Only the records of this rule (name or id); "": every rule\'s.',
        'Solo los registros de esta regla (nombre o id); "": los de todas.',
        'Só os registros desta regra (nome ou id); "": os de todas.',
        'Seulement les enregistrements de cette règle (nom ou id) ; "" : ceux de toutes.',
    ),
    "ok.calendars.edited": (
        "calendar {name} changed: {collection} ({kinds})",
        "calendario {name} cambiado: {collection} ({kinds})",
        "calendário {name} alterado: {collection} ({kinds})",
        "calendrier {name} modifié : {collection} ({kinds})",
    ),
    "ok.calendars.moved.one": (
        "another calendar: {count} record goes there now; what was in the old one stays",
        "otro calendario: {count} registro va allí ahora; lo que había en el anterior se queda",
        "outro calendário: {count} registro vai para lá agora; o que havia no anterior fica",
        "autre calendrier : {count} enregistrement y va maintenant ; ce qui était dans "
        "l'ancien reste",
    ),
    "ok.calendars.moved.many": (
        "another calendar: {count} records go there now; what was in the old one stays",
        "otro calendario: {count} registros van allí ahora; lo que había en el anterior se queda",
        "outro calendário: {count} registros vão para lá agora; o que havia no anterior fica",
        "autre calendrier : {count} enregistrements y vont maintenant ; ce qui était dans "
        "l'ancien reste",
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
    "ok.calendars.pushed.one": (
        "{count} record queued for {name}",
        "{count} registro en cola para {name}",
        "{count} registro na fila para {name}",
        "{count} enregistrement en file pour {name}",
    ),
    "ok.calendars.pushed.many": (
        "{count} records queued for {name}",
        "{count} registros en cola para {name}",
        "{count} registros na fila para {name}",
        "{count} enregistrements en file pour {name}",
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
    "ok.calendars.resumed.one": (
        "{count} waiting push runs again now",
        "{count} envío en espera se reintenta ahora",
        "{count} envio em espera refeito agora",
        "{count} envoi en attente relancé maintenant",
    ),
    "ok.calendars.resumed.many": (
        "{count} waiting pushes run again now",
        "{count} envíos en espera se reintentan ahora",
        "{count} envios em espera refeitos agora",
        "{count} envois en attente relancés maintenant",
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
        "cannot read the password from {source}: write it there, then "
        "`reactiond calendars test {name}`",
        "no se puede leer la contraseña de {source}: escríbela allí y luego "
        "`reactiond calendars test {name}`",
        "não é possível ler a senha de {source}: escreva-a lá e depois "
        "`reactiond calendars test {name}`",
        "impossible de lire le mot de passe depuis {source} : écrivez-le là, puis "
        "`reactiond calendars test {name}`",
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
    "check.calendar.conflicts.one": (
        "works; {count} record changed on the server: `reactiond calendars show {name}`",
        "funciona; {count} registro cambiado en el servidor: `reactiond calendars show {name}`",
        "funciona; {count} registro alterado no servidor: `reactiond calendars show {name}`",
        "fonctionne ; {count} enregistrement modifié sur le serveur : "
        "`reactiond calendars show {name}`",
    ),
    "check.calendar.conflicts.many": (
        "works; {count} records changed on the server: `reactiond calendars show {name}`",
        "funciona; {count} registros cambiados en el servidor: `reactiond calendars show {name}`",
        "funciona; {count} registros alterados no servidor: `reactiond calendars show {name}`",
        "fonctionne ; {count} enregistrements modifiés sur le serveur : "
        "`reactiond calendars show {name}`",
    ),
}

# What is wrong with a target, and what to do: `err.calendars.CODE` and its
# `hint.calendars.CODE` (reactiond/caldav/targets.py, TargetError).
Said = tuple[str, str]  # (error, hint)
CALENDAR_ERRORS: Final[dict[str, tuple[Said, Said, Said, Said]]] = {
    "bad_name": (
        (
            "invalid calendar name {name!r}",
            "use up to 40 letters, digits, '.', '_' or '-', e.g. family",
        ),
        (
            "nombre de calendario inválido {name!r}",
            "usa hasta 40 letras, dígitos, '.', '_' o '-', p. ej. familia",
        ),
        (
            "nome de calendário inválido {name!r}",
            "use até 40 letras, dígitos, '.', '_' ou '-', ex. familia",
        ),
        (
            "nom de calendrier invalide {name!r}",
            "jusqu'à 40 lettres, chiffres, '.', '_' ou '-', p. ex. famille",
        ),
    ),
    "bad_url": (
        ("invalid URL {url!r}", "give the server's http(s) URL"),
        ("URL inválida {url!r}", "da la URL http(s) del servidor"),
        ("URL inválida {url!r}", "dê a URL http(s) do servidor"),
        ("URL invalide {url!r}", "donnez l'URL http(s) du serveur"),
    ),
    "url_credentials": (
        ("the URL holds a user or password", "give the URL without them, and --user"),
        ("la URL lleva usuario o contraseña", "da la URL sin ellos, y --user"),
        ("a URL contém usuário ou senha", "dê a URL sem eles, e --user"),
        ("l'URL contient un utilisateur ou un mot de passe", "donnez l'URL sans eux, et --user"),
    ),
    "bad_kinds": (
        ("unknown kinds {kinds}", "use some of event, task, bill, e.g. event,task"),
        ("tipos desconocidos {kinds}", "usa algunos de event, task, bill, p. ej. event,task"),
        ("tipos desconhecidos {kinds}", "use alguns de event, task, bill, ex. event,task"),
        ("types inconnus {kinds}", "utilisez event, task, bill, p. ex. event,task"),
    ),
    "bad_bills_as": (
        ("--bills-as {value!r}?", "use todo or event"),
        ("¿--bills-as {value!r}?", "usa todo o event"),
        ("--bills-as {value!r}?", "use todo ou event"),
        ("--bills-as {value!r} ?", "utilisez todo ou event"),
    ),
    "bad_on_cancel": (
        ("--on-cancel {value!r}?", "use delete or mark"),
        ("¿--on-cancel {value!r}?", "usa delete o mark"),
        ("--on-cancel {value!r}?", "use delete ou mark"),
        ("--on-cancel {value!r} ?", "utilisez delete ou mark"),
    ),
    "bad_keep": (
        ("--keep {value!r}?", "use server or reactiond"),
        ("¿--keep {value!r}?", "usa server o reactiond"),
        ("--keep {value!r}?", "use server ou reactiond"),
        ("--keep {value!r} ?", "utilisez server ou reactiond"),
    ),
    "password_source": (
        (
            "give exactly one of a password file or a password variable",
            "--password-file PATH (mode 0600) or --password-env NAME",
        ),
        (
            "da exactamente un archivo o una variable con la contraseña",
            "--password-file RUTA (modo 0600) o --password-env NOMBRE",
        ),
        (
            "dê exatamente um arquivo ou uma variável com a senha",
            "--password-file CAMINHO (modo 0600) ou --password-env NOME",
        ),
        (
            "donnez exactement un fichier ou une variable pour le mot de passe",
            "--password-file CHEMIN (mode 0600) ou --password-env NOM",
        ),
    ),
    "no_password": (
        ("cannot read the password from {source}", "write it there first"),
        ("no se puede leer la contraseña de {source}", "escríbela allí primero"),
        ("não é possível ler a senha de {source}", "escreva-a lá primeiro"),
        ("impossible de lire le mot de passe depuis {source}", "écrivez-le d'abord là"),
    ),
    "not_in_account": (
        ("no calendar {calendar!r} in this account", "the account has: {names}"),
        ("no hay calendario {calendar!r} en esta cuenta", "la cuenta tiene: {names}"),
        ("não há calendário {calendar!r} nesta conta", "a conta tem: {names}"),
        ("pas de calendrier {calendar!r} dans ce compte", "le compte a : {names}"),
    ),
    "no_components": (
        (
            "no calendar of this account takes {components}",
            "create one on the server, or add one target per kind (--kinds event / --kinds task)",
        ),
        (
            "ningún calendario de esta cuenta acepta {components}",
            "crea uno en el servidor, o añade un destino por tipo (--kinds event / --kinds task)",
        ),
        (
            "nenhum calendário desta conta aceita {components}",
            "crie um no servidor, ou adicione um destino por tipo (--kinds event / --kinds task)",
        ),
        (
            "aucun calendrier de ce compte n'accepte {components}",
            "créez-en un sur le serveur, ou ajoutez une cible par type"
            " (--kinds event / --kinds task)",
        ),
    ),
    "no_calendar": (
        ("this account has no calendar", "create one on the server, or give its URL with --url"),
        ("esta cuenta no tiene calendarios", "crea uno en el servidor, o da su URL con --url"),
        ("esta conta não tem calendários", "crie um no servidor, ou dê a URL dele com --url"),
        (
            "ce compte n'a aucun calendrier",
            "créez-en un sur le serveur, ou donnez son URL avec --url",
        ),
    ),
    "not_found_at": (
        ("no calendar found at {url}", "the server said: {reason}"),
        ("no se encontró calendario en {url}", "el servidor dijo: {reason}"),
        ("nenhum calendário encontrado em {url}", "o servidor disse: {reason}"),
        ("aucun calendrier trouvé à {url}", "le serveur a dit : {reason}"),
    ),
    "unreachable": (
        ("cannot use {url}", "{reason}"),
        ("no se puede usar {url}", "{reason}"),
        ("não é possível usar {url}", "{reason}"),
        ("impossible d'utiliser {url}", "{reason}"),
    ),
    "unknown_person": (
        ("unknown person {person!r}", "`reactiond people list` shows who reactiond knows"),
        (
            "persona desconocida {person!r}",
            "`reactiond people list` muestra a quién conoce reactiond",
        ),
        (
            "pessoa desconhecida {person!r}",
            "`reactiond people list` mostra quem o reactiond conhece",
        ),
        ("personne inconnue {person!r}", "`reactiond people list` montre qui reactiond connaît"),
    ),
    "unknown_rule": (
        ("unknown rule {rule!r}", "`reactiond rules list` shows them"),
        ("regla desconocida {rule!r}", "`reactiond rules list` las muestra"),
        ("regra desconhecida {rule!r}", "`reactiond rules list` as mostra"),
        ("règle inconnue {rule!r}", "`reactiond rules list` les montre"),
    ),
    "exists": (
        (
            "a calendar named {name!r} exists",
            "choose another name, or `reactiond calendars remove` it first",
        ),
        (
            "ya existe un calendario llamado {name!r}",
            "elige otro nombre, o quítalo antes con `reactiond calendars remove`",
        ),
        (
            "já existe um calendário chamado {name!r}",
            "escolha outro nome, ou remova-o antes com `reactiond calendars remove`",
        ),
        (
            "un calendrier nommé {name!r} existe",
            "choisissez un autre nom, ou retirez-le d'abord avec `reactiond calendars remove`",
        ),
    ),
    "unknown": (
        ("no calendar named {name!r}", "`reactiond calendars list` shows them"),
        ("no hay calendario llamado {name!r}", "`reactiond calendars list` los muestra"),
        ("não há calendário chamado {name!r}", "`reactiond calendars list` os mostra"),
        ("aucun calendrier nommé {name!r}", "`reactiond calendars list` les montre"),
    ),
    "bad_record": (
        ("{record!r} is no record", "give KIND:ID, e.g. task:12"),
        ("{record!r} no es un registro", "da TIPO:ID, p. ej. task:12"),
        ("{record!r} não é um registro", "dê TIPO:ID, ex. task:12"),
        ("{record!r} n'est pas un enregistrement", "donnez TYPE:ID, p. ex. task:12"),
    ),
    "no_conflict": (
        ("{record} has no conflict on {name}", "`reactiond calendars show {name}` lists them"),
        ("{record} no tiene conflicto en {name}", "`reactiond calendars show {name}` los lista"),
        ("{record} não tem conflito em {name}", "`reactiond calendars show {name}` os lista"),
        ("{record} n'a pas de conflit sur {name}", "`reactiond calendars show {name}` les liste"),
    ),
    "nothing_to_change": (
        ("nothing to change on {name}", "give what changes, e.g. --password-file or --kinds"),
        ("nada que cambiar en {name}", "indica qué cambia, p. ej. --password-file o --kinds"),
        ("nada a mudar em {name}", "indique o que muda, ex. --password-file ou --kinds"),
        ("rien à changer sur {name}", "dites ce qui change, p. ex. --password-file ou --kinds"),
    ),
    "cannot_read": (
        ("cannot read {href}", "{reason}"),
        ("no se puede leer {href}", "{reason}"),
        ("não é possível ler {href}", "{reason}"),
        ("impossible de lire {href}", "{reason}"),
    ),
}

for _code, (_en, _es, _pt, _fr) in CALENDAR_ERRORS.items():
    CALENDAR_TEXTS[f"err.calendars.{_code}"] = (_en[0], _es[0], _pt[0], _fr[0])
    CALENDAR_TEXTS[f"hint.calendars.{_code}"] = (_en[1], _es[1], _pt[1], _fr[1])
