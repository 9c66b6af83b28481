"""The CLI's words in French, by the keys of `cli/text.py`'s CATALOG (issue 21).

Kept beside the catalog rather than inside each entry so that wording changes in the other
languages and French arrive independently; `tests/cli/test_cli_languages.py` checks that
every key has its French text with the same placeholders. A key without one falls back to
English rather than breaking the CLI.
"""

from __future__ import annotations

from typing import Final

FRENCH: Final[dict[str, str]] = {
    "app": "Transforme les messages WhatsApp en tâches, événements, factures et notes avec un "
    "emoji.",
    "opt.config": "Fichier de réglages TOML (l'environnement REACTIOND_* l'emporte).",
    "opt.run.role": "Ce que ce processus exécute : all (un processus fait tout), web (webhook "
    "et API) ou worker (tâches, réponses, travaux périodiques). web et worker exigent PostgreSQL.",
    "err.run.role_needs_postgres": "--role {role} répartit reactiond sur plusieurs processus, "
    "et SQLite n'en accepte qu'un : définissez REACTIOND_DATABASE_URL=postgresql://… "
    "(docs/postgresql.md), ou lancez --role all",
    "app.store": "La base de données : passer une installation SQLite à PostgreSQL.",
    "cmd.store.copy": "Copier toutes les tables d'une base SQLite dans une base PostgreSQL "
    "vide, vérifiées par nombre de lignes et sommes de contrôle. Arrêtez reactiond avant.",
    "opt.store.from": "La base SQLite (reactiond.db du répertoire de données).",
    "opt.store.to": "L'URL PostgreSQL, postgresql://utilisateur:mot-de-passe@hôte/base.",
    "opt.store.replace": "Vider d'abord une cible qui a déjà des lignes.",
    "err.store.not_postgres": "--to {target} n'est pas une URL postgresql://",
    "err.store.source_running": "reactiond (processus {pid}) tourne sur {source} : "
    "arrêtez-le d'abord (sudo systemctl stop reactiond), puis copiez ; ce qu'il accepterait "
    "après la copie n'arriverait pas dans PostgreSQL",
    "store.copied": "{table} : {rows} lignes, vérifiées (sha256 {sha}…)",
    "store.copy_done": "{rows} lignes copiées dans {tables} tables ; pointez "
    "REACTIOND_DATABASE_URL vers la cible",
    "opt.json": "Sortie lisible par une machine.",
    "opt.limit": "Combien au plus.",
    "out.list.more": "{shown} affichés, et il y en a d'autres : --limit {most} en montre "
    "jusqu'à {most}, ou resserrez la liste (`{command} --help` montre comment)",
    "out.list.more_than_most": "{shown} affichés, et il y en a d'autres : resserrez la liste "
    "(`{command} --help` montre comment)",
    "opt.force": "Remplacer un fichier existant.",
    "opt.restore.force": "Remplacer les lignes de la base : un fichier existant sous SQLite, "
    "les lignes de chaque table sous PostgreSQL.",
    "err.unknown_tz": "fuseau horaire inconnu {zone!r} : utilisez un nom IANA comme Europe/Paris",
    "err.settings.invalid": "réglages invalides ({problems}) ; définissez REACTIOND_<NOM> ou "
    "corrigez le fichier de configuration",
    "err.settings.secret_too_short": "fait moins de {minimum} caractères : créez-en un avec "
    "{command}",
    "err.people.digest_at": "{value!r} n'est pas une heure de la journée : écrivez-la comme"
    " 08:00 (sur 24 heures)",
    "err.settings.unknown": "n'est pas un réglage (les réglages sont listés dans le README)",
    "err.settings.unknown_like": "n'est pas un réglage : vouliez-vous dire {like} ?",
    "err.no_database": "pas de base de données dans {path} ; le dossier de données du démon "
    "est-il REACTIOND_DATA_DIR={data_dir} ? Mettez-y REACTIOND_DATA_DIR (sous systemd : sudo "
    "reactiond-admin …), ou lancez `reactiond run` une fois pour la créer",
    "click.hint": "`{command} --help` montre comment s'en servir",
    "click.usage": "Utilisation",
    "click.arguments": "Arguments",
    "click.options": "Options",
    "click.commands": "Commandes",
    "click.error": "Erreur",
    "click.required": "[obligatoire]",
    "click.default": "[par défaut : {{}}]",
    "click.help": "Afficher ce message et quitter.",
    "out.rules.test.rule": "règle '{name}' ({action}) : analyse {parser} [{language}] {status}",
    "out.rules.test.refused": "pas compris ({reason})",
    "out.rules.test.parsed": "compris",
    "out.rules.test.would_create": "créerait",
    "out.rules.test.nothing": "rien",
    "out.rules.test.reply": "réponse",
    "out.queue.jobs": "jobs",
    "out.queue.oldest": "le plus ancien en file",
    "out.queue.status.queued.one": "{count} en file",
    "out.queue.status.queued.many": "{count} en file",
    "out.queue.status.running.one": "{count} en cours",
    "out.queue.status.running.many": "{count} en cours",
    "out.queue.status.done.one": "{count} fait",
    "out.queue.status.done.many": "{count} faits",
    "out.queue.status.dead.one": "{count} mort",
    "out.queue.status.dead.many": "{count} morts",
    "out.queue.status.cancelled.one": "{count} annulé",
    "out.queue.status.cancelled.many": "{count} annulés",
    "out.queue.deferred": "différés",
    "out.queue.ignored": "événements ignorés",
    "out.queue.attempt": "tentative {n}",
    "out.feeds.live": "actif",
    "out.feeds.revoked": "révoqué",
    "out.feeds.everything": "tout",
    "cmd.run": "Lancer le démon : serveur webhook, worker et boîte d'envoi, jusqu'à SIGTERM ou "
    "Ctrl-C.",
    "run.started": "reactiond écoute sur {url} (Evolution poste sur {url}/webhook/<instance>) ; "
    "données dans {data_dir} ; {secret}. Ensuite : `reactiond demo` pour une visite ; Ctrl-C "
    "arrête.",
    "run.secret.file": "secret du webhook dans {path}",
    "run.secret.env": "secret du webhook depuis REACTIOND_WEBHOOK_SECRET",
    "run.secret.signed": "webhooks vérifiés avec REACTIOND_WEBHOOK_JWT_KEY / "
    "REACTIOND_WEBHOOK_HMAC_SECRET",
    "run.secret.none": "les webhooks ne sont PAS authentifiés "
    "(REACTIOND_WEBHOOK_ALLOW_UNAUTHENTICATED)",
    "err.run.cannot_listen": "impossible d'écouter sur {host}:{port} : {reason} ; mettez "
    "REACTIOND_PORT sur un port libre ou arrêtez ce qui l'occupe",
    "app.queue": "Inspecter et piloter la file de tâches durable.",
    "cmd.queue.list": "Lister les jobs, les plus récents d'abord.",
    "opt.queue.status": "queued, running, done, dead ou cancelled.",
    "opt.queue.kind": "Type de job, p. ex. reaction.",
    "arg.job_id": "L'identifiant du job (voir `reactiond queue list`).",
    "cmd.queue.show": "Afficher un job avec ses tentatives et sa dernière erreur.",
    "err.queue.no_job": "aucun job {job_id} ; `reactiond queue list` montre les identifiants",
    "cmd.queue.retry": "Redonner une série de tentatives à un job mort, exécutable tout de suite.",
    "err.queue.not_dead": "le job {job_id} n'est pas mort (ou n'existe pas) : seuls les jobs "
    "morts sont relancés",
    "cmd.queue.stats": "Jobs par statut et par type, le plus ancien en attente, les jobs "
    "différés, les événements ignorés.",
    "cmd.parse": "Analyser un message avec un parseur et montrer ce qu'il a compris.",
    "arg.parse.parser": "task, calendar, bill ou note.",
    "arg.message_text": "Le texte du message.",
    "opt.parse.now": "Quand le message a été envoyé (ISO 8601 ; par défaut : maintenant).",
    "opt.parse.tz": "Fuseau horaire (par défaut : $REACTIOND_DEFAULT_TZ ou UTC).",
    "opt.parse.lang": "Imposer la langue : es, en, pt ou fr (par défaut : détectée).",
    "opt.parse.json": "Afficher le résultat en JSON.",
    "opt.parse.batch": "Lire des cas JSONL {{id, parser, text, now, tz}} sur l'entrée standard ; "
    "écrire une prédiction par ligne sur la sortie standard.",
    "err.parse.missing": "donnez PARSER et TEXT, p. ex. reactiond parse task 'acheter du lait "
    "demain', ou --batch",
    "err.parse.batch_failed.one": "{count} ligne n'a pas pu être analysée (voir plus haut) ; "
    "toutes les autres ont reçu une réponse",
    "err.parse.batch_failed.many": "{count} lignes n'ont pas pu être analysées (voir plus haut) "
    "; toutes les autres ont reçu une réponse",
    "err.unknown_lang": "langue inconnue {lang!r} : utilisez es, en, pt ou fr, ou omettez --lang "
    "pour la détecter",
    "parse.unsure": "  supposé : {fields} (la confirmation le demande ; une réponse le corrige)",
    "parse.unsure.guessed_vendor": "{field} choisi dans un texte de conversation",
    "parse.unsure.day_month_order": "{field} : jour et mois pourraient être inversés",
    "parse.unsure.bare_hour_pm": "{field} : une heure sans am/pm lue comme de l'après-midi",
    "err.parse.bad_now": "--now {now!r} n'est pas une date-heure ISO 8601, p. ex. 2026-01-08T09:15",
    "cmd.demo": "Jouer une courte conversation es/en/pt/fr avec un démon jetable et montrer les "
    "fiches et les réponses qu'elle produit. Sans Evolution, et sans rien laisser derrière.",
    "cmd.backup": "Copier la base de données, de façon cohérente, pendant que le démon tourne "
    "(API de sauvegarde SQLite).",
    "arg.backup.path": "Fichier (ou dossier) où écrire la copie.",
    "cmd.restore": "Mettre une sauvegarde en place comme base de données. Arrêtez d'abord le "
    "démon.",
    "arg.restore.path": "Un fichier écrit par `reactiond backup`.",
    "cmd.doctor": "Vérifier l'installation : chaque ligne dit ok, ou quoi faire. Code de sortie "
    "1 en cas d'échec.",
    "opt.doctor.instance": "Instance Evolution à vérifier (par défaut : celles autorisées, sinon "
    "celles dont ce dossier de données a reçu des webhooks).",
    "opt.doctor.offline": "Sauter les vérifications qui appellent Evolution.",
    "err.doctor.failed.one": "{count} vérification en échec",
    "err.doctor.failed.many": "{count} vérifications en échec",
    "app.rules": "Quel emoji crée quoi : lister, ajouter, modifier et essayer les règles.",
    "arg.rule_ref": "Identifiant ou nom de la règle.",
    "err.rules.invalid": "règle invalide : {reason}",
    "err.rules.not_json": "{what} n'est pas du JSON ({reason}) ; p. ex. --{what} '{{\"reply\": "
    '"chat"}}\'',
    "err.rules.not_object": "{what} doit être un objet JSON",
    "cmd.rules.list": "Toutes les règles, dans l'ordre où elles ont été ajoutées.",
    "cmd.rules.show": "Une règle avec tous ses champs.",
    "cmd.rules.add": "Ajouter une règle (refusée si elle est invalide ou chevauche une règle "
    "active).",
    "opt.rules.name": "Un nom que l'on reconnaîtra.",
    "opt.rules.emoji": "Emoji déclencheur (répétable).",
    "opt.rules.action": "create_task, create_calendar_event, create_bill ou create_note.",
    "opt.rules.config": "JSON : les valeurs par défaut de l'action.",
    "opt.rules.conditions": "JSON : qui et où.",
    "opt.rules.job_priority": "La plus haute passe d'abord.",
    "opt.rules.disabled": "L'ajouter désactivée.",
    "opt.rules.rule": "La règle entière en JSON à la place.",
    "cmd.rules.edit": "Modifier certains champs d'une règle ; la prochaine réaction en tient "
    "compte.",
    "opt.rules.new_name": "Nouveau nom.",
    "opt.rules.new_emoji": "Nouveaux déclencheurs (répétable).",
    "opt.rules.new_action": "Nouvelle action : create_task, create_calendar_event, create_bill "
    "ou create_note.",
    "opt.rules.merge_config": "JSON, fusionné dans la configuration.",
    "opt.rules.merge_conditions": "JSON, fusionné.",
    "opt.rules.new_priority": "Nouvelle priorité de job (la plus haute passe d'abord).",
    "err.rules.nothing_to_change": "rien à modifier : donnez --name, --emoji, --action, "
    "--config, …",
    "cmd.rules.enable": "Activer une règle (refusé si elle chevauchait une autre règle active).",
    "cmd.rules.disable": "Désactiver une règle ; ses fiches restent.",
    "cmd.rules.delete": "Supprimer une règle ; les fiches qu'elle a créées restent.",
    "err.rules.unknown_format": "format inconnu {fmt!r} : utilisez json ou toml",
    "cmd.rules.import": "Ajouter ou mettre à jour (par nom) chaque règle d'un fichier, tout ou "
    "rien.",
    "arg.rules.file": "Fichier JSON ou TOML (voir `rules export`).",
    "opt.rules.format": "json ou toml.",
    "err.cannot_read": "impossible de lire {path} : {reason}",
    "cmd.rules.export": "Écrire toutes les règles en JSON ou TOML (pour les garder dans git).",
    "opt.output": "Écrire ici au lieu de la sortie standard.",
    "cmd.rules.test": "Montrer l'analyse et exactement ce qu'une réaction créerait. N'enregistre "
    "rien.",
    "arg.rules.emoji": "La réaction, p. ex. 💳.",
    "opt.rules.tz": "Fuseau de l'auteur (par défaut : les réglages).",
    "opt.rules.now": "Quand il a été envoyé (ISO 8601).",
    "opt.rules.lang": "Imposer es, en, pt ou fr.",
    "err.rules.bad_tz_or_now": "--tz ou --now incorrect ({reason}) : p. ex. --tz Europe/Paris "
    "--now 2025-01-14T10:10",
    "app.people": "Contacts : les lister, régler le fuseau et la langue de réponse de l'un d'eux.",
    "cmd.people.language": "Régler la langue dans laquelle on répond à un contact, ou auto : "
    "la langue dans laquelle il écrit.",
    "arg.people.reply_language": "es, en, pt ou fr ; auto pour suivre la langue de ses messages.",
    "ok.people.language_set": "{who} : réponses en {language}",
    "ok.people.language_auto": "{who} : réponses dans la langue dans laquelle il écrit (dès "
    "son prochain message)",
    "err.people.language": "{language!r} n'est pas une langue de réponse ; utilisez es, en, "
    "pt, fr ou auto",
    "err.people.nobody": "personne avec {who!r} n'a encore écrit ni réagi ; `reactiond people "
    "list` montre qui reactiond connaît",
    "cmd.people.list": "Tous ceux qui ont écrit ou réagi, avec le fuseau dans lequel leurs "
    "messages sont lus.",
    "cmd.people.tz": "Régler (ou effacer) le fuseau dans lequel les messages d'un contact sont "
    "lus.",
    "arg.people.who": "Numéro de téléphone ou JID.",
    "arg.people.zone": "Fuseau IANA, p. ex. America/Montreal ; omettre pour effacer.",
    "app.tasks": "Tâches créées par des réactions : les lister, les marquer faites.",
    "app.events": "Événements d'agenda créés par des réactions.",
    "app.bills": "Factures créées par des réactions : les lister, les marquer payées.",
    "app.notes": "Notes créées par des réactions.",
    "cmd.tasks.list": "Lister les tâches avec des filtres (les plus proches d'abord quand elles "
    "ont une date).",
    "cmd.events.list": "Lister les événements avec des filtres (les plus proches d'abord).",
    "cmd.bills.list": "Lister les factures avec des filtres (échéance la plus proche d'abord).",
    "cmd.notes.list": "Lister les notes avec des filtres.",
    "opt.records.status": "{statuses} (séparés par des virgules).",
    "opt.records.from": "À partir du AAAA-MM-JJ[THH:MM] (heure locale).",
    "opt.records.to": "Jusqu'au AAAA-MM-JJ[THH:MM] (heure locale).",
    "opt.records.reactor": "Qui a réagi : numéro de téléphone ou JID.",
    "opt.records.chat": "JID de la conversation (ou numéro de téléphone).",
    "opt.records.text": "Mots à chercher.",
    "opt.records.sort": "{choices} ; un - devant trie par ordre décroissant, p. ex. -created.",
    "opt.records.tz": "Afficher les heures dans ce fuseau (par défaut : celui de chaque fiche).",
    "err.records.no_date": "les {kind} n'ont pas de date : retirez --from/--to",
    "cmd.tasks.done": "Marquer une tâche ouverte comme faite.",
    "arg.task_id": "L'identifiant de la tâche (voir `reactiond tasks list`).",
    "cmd.tasks.reopen": (
        "Rouvrir une tâche faite ou annulée (ses rappels sont planifiés de nouveau)."
    ),
    "cmd.bills.paid": "Marquer une facture en attente comme payée.",
    "arg.bill_id": "L'identifiant de la facture (voir `reactiond bills list`).",
    "app.outbox": "Réponses en attente d'envoi, envoyées ou mortes.",
    "cmd.outbox.list": "Les réponses les plus récentes avec la première ligne de leur texte, "
    "d'un statut si on veut (les mortes disent pourquoi) ; `outbox show ID` donne tout le "
    "texte.",
    "opt.outbox.status": "pending | sending | sent | dead | cancelled",
    "cmd.outbox.show": "Afficher une réponse avec tout son texte, ses tentatives et sa dernière "
    "erreur.",
    "err.outbox.no_reply": "aucune réponse {reply_id} ; `reactiond outbox list` les montre",
    "cmd.outbox.retry": "Renvoyer une réponse morte maintenant (le démon en marche la reprend "
    "dans les 30 s).",
    "arg.reply_id": "L'identifiant de la réponse (voir `reactiond outbox list`).",
    "err.outbox.not_retryable": "la réponse {reply_id} n'est ni morte ni en attente (ou n'existe "
    "pas)",
    "app.evolution": "Configurer l'instance de l'API Evolution.",
    "cmd.evolution.connect": "Pointer le webhook d'INSTANCE vers ce démon avec les bons "
    "événements et l'en-tête secret.",
    "arg.evolution.instance": "Le nom de l'instance Evolution.",
    "opt.evolution.url": "Comment Evolution joint reactiond (par défaut http://HOST:PORT des "
    "réglages).",
    "err.evolution.refused": "Evolution a refusé : {reason}",
    "app.export": "Écrire les fiches en CSV ou en iCalendar.",
    "cmd.export.csv": "Toutes les fiches d'un type qui correspondent, en CSV (UTF-8, une ligne "
    "d'en-tête, dates ISO).",
    "arg.export.kind": "tasks, calendar-events (ou events), bills, notes",
    "opt.export.status": "Statut, ou plusieurs séparés par des virgules.",
    "opt.export.from": "Échéance (début, pour les événements) à partir du : 2026-01-15[T09:30].",
    "opt.export.to": "Échéance (début) jusqu'à ce jour ou cette heure.",
    "opt.export.reactor": "Seulement cette personne : un numéro de téléphone ou un JID.",
    "opt.export.chat": "Seulement cette conversation : un JID ou un numéro de téléphone.",
    "opt.export.search": "Texte à chercher.",
    "opt.export.sort": "id, created, updated, due ou start ; -x pour l'ordre décroissant.",
    "err.export.unknown_kind": "type inconnu {kind!r} : utilisez {choices}",
    "err.export.no_date": "les {kind} n'ont pas de date pour filtrer : retirez --from/--to",
    "cmd.export.ics": "Événements, factures (sur la journée de leur échéance) et tâches datées "
    "dans un seul fichier iCalendar.",
    "opt.export.kind": "Seulement calendar-events, bills ou tasks (par défaut : tout).",
    "app.feeds": "Flux d'agenda : des URL secrètes auxquelles les applis d'agenda s'abonnent.",
    "opt.feeds.base_url": "Comment les applis d'agenda joignent reactiond, p. ex. "
    "https://moi.example (par défaut : l'adresse d'écoute).",
    "cmd.feeds.create": "Créer un flux et afficher son URL (montrée une seule fois).",
    "arg.feeds.name": "Pour qui ou pour quoi, p. ex. 'Awa' ou 'Factures'.",
    "opt.feeds.kind": "Seulement calendar-events, bills ou tasks.",
    "opt.feeds.window_days": "Jours passés que montre le flux, avec tout ce qui vient (0 : tous"
    " les enregistrements ; par défaut REACTIOND_FEED_WINDOW_DAYS, 90).",
    "cmd.feeds.list": "Les flux avec leurs filtres (les URL ne sont pas gardées : renouvelez un "
    "flux pour en avoir une nouvelle).",
    "cmd.feeds.rotate": "Donner une nouvelle URL à un flux ; l'ancienne cesse de marcher aussitôt.",
    "arg.feed_id": "L'identifiant du flux (voir `reactiond feeds list`).",
    "cmd.feeds.revoke": "Arrêter un flux : son URL répond 404 désormais.",
    "ok.queue.none": "aucun job",
    "ok.queue.retried": "job {job_id} remis en file",
    "ok.tasks.none": "aucune tâche",
    "ok.events.none": "aucun événement",
    "ok.bills.none": "aucune facture",
    "ok.notes.none": "aucune note",
    "ok.backup.written": "sauvegarde écrite : {path} ({size} Mo, schéma v{schema}, intégrité ok "
    "; {tables})",
    "ok.restore.done": "{source} restauré dans {path} (schéma v{schema} ; {tables}) ; relancez "
    "reactiond",
    "ok.tasks.done": "tâche {id} faite : {title}",
    "ok.tasks.reopened": "tâche {id} de nouveau ouverte : {title}",
    "ok.bills.paid": "facture {id} payée : {vendor} {amount} {currency}",
    "ok.rules.added": "règle {id} '{name}' ajoutée",
    "ok.rules.changed": "règle {id} '{name}' modifiée",
    "ok.rules.enabled": "règle {id} '{name}' activée",
    "ok.rules.disabled": "règle {id} '{name}' désactivée",
    "ok.rules.deleted": "règle {id} '{name}' supprimée",
    "ok.rules.imported.one": "{count} règle importée : {names}",
    "ok.rules.imported.many": "{count} règles importées : {names}",
    "ok.rules.written": "règles écrites dans {path}",
    "ok.rules.test_none": "aucune règle active n'est déclenchée par {emoji} : rien ne serait créé",
    "ok.rules.test_saved_nothing": "(rien n'a été enregistré)",
    "ok.people.tz_cleared": "fuseau effacé (numéro de téléphone ou défaut)",
    "cmd.people.digest": "Envoyer à un contact (ou au propriétaire) le résumé quotidien à une "
    "heure locale, ou l'arrêter.",
    "arg.people.at": "Heure locale, HH:MM (24 h) ; par défaut 08:00 ou celle déjà réglée.",
    "opt.people.off": "Arrêter le résumé quotidien.",
    "opt.people.language": "Langue du résumé : es, en, pt ou fr (par défaut : la sienne).",
    "ok.people.digest_on": "{who} : résumé quotidien à {at} ({tz}, {language})",
    "ok.people.digest_off": "{who} : résumé quotidien arrêté",
    "ok.outbox.none": "aucune réponse",
    "ok.outbox.none_with_status": "aucune réponse au statut {status}",
    "ok.outbox.retried": "réponse {reply_id} remise en file",
    "ok.evolution.unconfirmed": "webhook configuré pour {instance} ; Evolution ne l'a pas "
    "confirmé (vérifiez-le)",
    "ok.evolution.connected": "webhook de {instance} → {url} ({events})",
    "ok.export.wrote": "fichier écrit : {path}",
    "ok.feeds.created": "flux {id} ({name}) créé ; abonnez-vous à :",
    "ok.feeds.rotated": "flux {id} ({name}) renouvelé ; abonnez-vous à :",
    "ok.feeds.url_once": "Cette URL n'est montrée que maintenant : gardez-la. `reactiond feeds "
    "rotate {id}` en crée une nouvelle (et arrête celle-ci).",
    "ok.feeds.loopback": "Remarque : un téléphone ne peut pas joindre {host}, seule cette "
    "machine le peut. Donnez l'adresse par laquelle l'agenda de votre téléphone joint "
    "reactiond : `reactiond feeds rotate {id} --base-url https://reactiond.example` (un "
    "proxy inverse en HTTPS ; voir docs/api.md).",
    "ok.feeds.none": "aucun flux ; `reactiond feeds create NAME` en crée un",
    "ok.feeds.revoked": "flux {id} révoqué",
    "col.id": "ID",
    "col.kind": "TYPE",
    "col.status": "STATUT",
    "col.tries": "ESSAIS",
    "col.run_or_error": "EXÉCUTION / DERNIÈRE ERREUR",
    "col.jid": "JID",
    "col.zone": "FUSEAU",
    "col.name": "NOM",
    "col.on": "ACTIVE",
    "col.emoji": "EMOJI",
    "col.action": "ACTION",
    "col.priority": "PRIO",
    "col.due": "ÉCHÉANCE",
    "col.title": "TITRE",
    "col.start": "DÉBUT",
    "col.duration_minutes": "MINUTES",
    "col.amount": "MONTANT",
    "col.currency": "DEVISE",
    "col.vendor": "FOURNISSEUR",
    "col.created_at": "CRÉÉE",
    "word.yes": "oui",
    "word.no": "non",
    "cmd.trace": "Ce qui est arrivé à un message ou une réaction : qui a réagi, la règle qui a"
    " agi (ou pourquoi aucune), l'analyse, les éléments créés et chaque réponse avec son état.",
    "arg.trace.id": "L'identifiant du message WhatsApp (source.message_id d'un élément), ou"
    " avec --reaction celui d'une réaction : son numéro dans reactiond ou son identifiant"
    " WhatsApp.",
    "opt.trace.instance": "L'instance, si l'identifiant a été vu sur plusieurs.",
    "opt.trace.reaction": "L'identifiant est celui d'une réaction, pas d'un message : le numéro"
    " que lui donne reactiond (comme sur la page Aujourd'hui, ou « Réaction n°N » dans une"
    " trace) ou son identifiant WhatsApp (le key.id de la réaction dans le payload du webhook).",
    "trace.message": "Message",
    "trace.unseen": "(le message n'est jamais arrivé à reactiond)",
    "trace.media.kept": "octets gardés",
    "trace.media.pruned": "octets effacés",
    "trace.media.not_fetched": "octets non téléchargés",
    "trace.reaction": "Réaction n°{id} {emoji} de {who} le {at}",
    "trace.removed": "(retirée)",
    "trace.rule": "règle {rule} ({action}) : {outcome}",
    "trace.parse": "analyse : {parser} · langue {lang} · confiance {confidence}",
    "trace.record": "élément",
    "trace.reply": "réponse n°{id} [{status}] à {to}",
    "trace.last_error": "dernière erreur",
    "trace.no_rule": "aucune règle n'a agi",
    "trace.gave_up_unseen": "abandon le {at} : le message n'avait pas été vu",
    "trace.run_again": "relancée à l'arrivée du message, le {at}",
    "app.talk": "Ce que reactiond fait de ce qu'on lui écrit sur WhatsApp, et qui peut demander.",
    "cmd.talk.show": "Affiche les règles de conversation (celles des réglages tant que rien n'est "
    "enregistré).",
    "cmd.talk.on": "Active questions, contacts, digest, corrections, ticks ou edits.",
    "cmd.talk.off": "Désactive questions, contacts, digest, corrections, ticks ou edits.",
    "cmd.talk.allow": "Laisse une personne poser des questions dans sa conversation directe avec "
    "vous.",
    "cmd.talk.disallow": "Ne répond plus aux questions d'une personne dans sa conversation "
    "directe.",
    "arg.talk.what": "questions, contacts, digest, corrections, ticks ou edits",
    "arg.talk.who": "Un numéro de téléphone (indicatif du pays d'abord) ou un JID.",
    "talk.on": "oui",
    "talk.off": "non",
    "talk.from_settings": "(rien d'enregistré : REACTIOND_QUESTIONS et "
    "REACTIOND_QUESTIONS_FROM_CONTACTS s'appliquent)",
    "talk.what.questions": "répondre aux questions dans votre propre conversation "
    "(« qu'ai-je aujourd'hui ? »)",
    "talk.what.contacts": "tout contact peut demander dans sa conversation directe (ses éléments)",
    "talk.what.digest": "« résumé quotidien 8h » dans la conversation active le résumé quotidien",
    "talk.what.corrections": "une réponse citant une confirmation corrige l'élément",
    "talk.what.ticks": "✅/❌ sur une confirmation ou un rappel le clôt ou l'annule",
    "talk.what.edits": "un message modifié ou supprimé change ou annule ses éléments",
    "trace.change": "modifié dans le chat ({how}) par {who} le {at} : {kind} n°{id}",
    "trace.changes_asked": "Modifications demandées par ce message",
    "trace.by_author": "son auteur",
    "trace.via.edit": "message modifié",
    "trace.via.delete": "message supprimé",
    "trace.via.correction": "correction par réponse",
    "trace.via.reaction": "réaction à un message de reactiond",
}
