"""French for the reasons of `reasons.py` and Click's words in `cli/click.py` (issue 21):
the English pattern → its French replacement.

Kept apart, by pattern, like `cli/text_fr.py`: the rules' own tables keep es and pt, and
`reasons.compile_rules` adds "fr" from here. Replacements keep the pattern's groups (\\1, \\2). A
pattern without French stays English; `tests/cli/test_cli_click_fr.py` lists none missing.
"""

from __future__ import annotations

from typing import Final

# (English kind, French with its article) for the records' "no task 3" family
_KINDS: Final = (
    ("task", "la tâche"),
    ("bill", "la facture"),
    ("event", "l'événement"),
    ("note", "la note"),
    ("feed", "le flux"),
    ("job", "le job"),
    ("reply", "la réponse"),
)

# A closed record's status in French, without the feminine e (`reasons.REMINDERS`).
_CLOSED_FR: Final = {
    "task": (("done", "fait"), ("cancelled", "annulé")),
    "bill": (("paid", "payé"), ("cancelled", "annulé")),
    "event": (("cancelled", "annulé"),),
}

FRENCH_REASONS: Final[dict[str, str]] = {
    # Click
    r"No such command '([^']*)'\.": r"la commande '\1' n'existe pas.",
    r"No such option: (\S+)": r"l'option \1 n'existe pas",
    r"\bDid you mean ([^?]+)\?": r"Vouliez-vous dire \1 ?",
    r"\(Possible options: ([^)]*)\)": r"(options possibles : \1)",
    r"Missing argument ('[^']*')\.": r"il manque l'argument \1.",
    r"Missing option ('[^']*')\.": r"il manque l'option \1.",
    r"Missing parameter: (\S+)": r"il manque le paramètre \1",
    r"Missing command\.": "il manque la commande.",
    r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)": r"arguments en trop : \1",
    r"Option '([^']*)' requires an argument\.": r"l'option '\1' demande une valeur.",
    r"Option '([^']*)' requires (\d+) arguments\.": r"l'option '\1' demande \2 valeurs.",
    r"Option '([^']*)' does not take a value\.": r"l'option '\1' ne prend pas de valeur.",
    r"Invalid value for ([^:]+): ": r"valeur invalide pour \1 : ",
    r"Invalid value: ": "valeur invalide : ",
    r"Value (.+?) is not a valid (\w+)\.": r"\1 n'est pas une valeur \2 valide.",
    r"^Aborted[.!]$": "Annulé.",
    # pydantic
    r"Value error, ": "",
    r"Input should be a valid integer(?:, unable to parse string as an integer"
    r"|, got a number with a fractional part)?": "doit être un nombre entier",
    r"Input should be a valid number(?:, unable to parse string as a number)?": (
        "doit être un nombre"
    ),
    r"Input should be greater than or equal to (\S+?)(?=[;,)]|$)": (
        r"doit être supérieur ou égal à \1"
    ),
    r"Input should be less than or equal to (\S+?)(?=[;,)]|$)": r"doit être inférieur ou égal à \1",
    r"Input should be greater than (\S+?)(?=[;,)]|$)": r"doit être supérieur à \1",
    r"Input should be less than (\S+?)(?=[;,)]|$)": r"doit être inférieur à \1",
    r"Input should be a valid string": "doit être un texte",
    r"Input should be a valid boolean(?:, unable to interpret input)?": "doit être true ou false",
    r"Input should be a valid list": "doit être une liste",
    r"Input should be a valid dictionary(?: or instance of \w+)?": "doit être un objet JSON",
    r"Input should be ": "doit être ",
    r"(?<=') or (?=')": " ou ",
    r"Input should be a finite number": "doit être un nombre fini",
    r"Field required": "est obligatoire",
    r"Extra inputs are not permitted": "n'est pas un champ connu",
    r"(?:Tuple|List) should have at least 1 item after validation, not (\d+)": (
        r"demande au moins 1 élément, pas \1"
    ),
    r"(?:Tuple|List) should have at least (\d+) items? after validation, not (\d+)": (
        r"demande au moins \1 éléments, pas \2"
    ),
    r"(?:Tuple|List) should have at most 1 item after validation, not (\d+)": (
        r"admet au plus 1 élément, pas \1"
    ),
    r"(?:Tuple|List) should have at most (\d+) items? after validation, not (\d+)": (
        r"admet au plus \1 éléments, pas \2"
    ),
    r"String should have at least 1 character\b": "demande au moins 1 caractère",
    r"String should have at least (\d+) characters?": r"demande au moins \1 caractères",
    r"String should have at most 1 character\b": "admet au plus 1 caractère",
    r"String should have at most (\d+) characters?": r"admet au plus \1 caractères",
    # ours
    r"('[^']*') is not an emoji; give one emoji per trigger": (
        r"\1 n'est pas un emoji ; donnez un emoji par déclencheur"
    ),
    r"must not be blank": "ne peut pas être vide",
    r"unknown time zone ('[^']*'): use an IANA name such as ([\w/]+)": (
        r"fuseau horaire inconnu \1 : utilisez un nom IANA comme \2"
    ),
    r"config file (.+) does not exist": r"le fichier de configuration \1 n'existe pas",
    r"config file (.+) is not valid TOML: ": (
        r"le fichier de configuration \1 n'est pas du TOML valide : "
    ),
    r"is still the example's placeholder: set a long random value, e\.g\. ": (
        "est encore la valeur de l'exemple : mettez une longue valeur aléatoire, p. ex. "
    ),
    r"must be a three-letter ISO 4217 code such as ": (
        "doit être un code ISO 4217 de trois lettres comme "
    ),
    r"rule ('[^']*') conflicts with rule ('[^']*')( \(id \d+\))?: both fire on (\S+) for the"
    r" same reactors and chats; disable one, give them different emoji, or narrow"
    r" their conditions": (
        r"la règle \1 entre en conflit avec la règle \2\3 : les deux se déclenchent sur \4"
        r" pour les mêmes personnes et conversations ; désactivez-en une, donnez-leur des"
        r" emojis différents ou restreignez leurs conditions"
    ),
    r"no rule ('[^']*'); `reactiond rules list` shows names and ids": (
        r"aucune règle \1 ; `reactiond rules list` montre les noms et les ids"
    ),
    r"\bno rule ('[^']*')": r"aucune règle \1",
    r"pick one from the list below": "choisissez-en une dans la liste ci-dessous",
    r"change or disable rule ('[^']*') first": r"modifiez ou désactivez d'abord la règle \1",
    r"a rule named ('[^']*') already exists": r"une règle nommée \1 existe déjà",
    r"unknown lang ('[^']*')": r"langue inconnue \1",
    r"no message or reaction target ('[^']*')": r"aucun message ni réaction d'identifiant \1",
    r"no message ('[^']*') on instance ('[^']*')": r"pas de message \1 sur l'instance \2",
    r"no reaction ('[^']*'|[0-9]+)": r"pas de réaction \1",
    r"message ('[^']*') was seen on several instances: ": (
        r"le message \1 a été vu sur plusieurs instances : "
    ),
    r"reaction ('[^']*') was seen on several instances: ": (
        r"la réaction \1 a été vue sur plusieurs instances : "
    ),
    r"add (\?instance=|--instance) with one of ": r"ajoutez \1 avec l'une de celles-ci : ",
    r"give the WhatsApp message id a record's source shows \(message_id\), or a reaction"
    r" id from the Today page or `reactiond outbox list`": (
        "donnez l'identifiant du message WhatsApp que montre l'origine d'un enregistrement"
        " (message_id), ou un identifiant de réaction de la page Aujourd'hui ou de"
        " `reactiond outbox list`"
    ),
    r"unknown parser ('[^']*'): use one of ": r"analyseur inconnu \1 : utilisez l'un de ",
    r"a feed needs a name": "un flux a besoin d'un nom",
    r"name it after who subscribes, e\.g\. ": "nommez-le d'après qui s'abonne, p. ex. ",
    r"each tag must be at most (\d+) characters": r"chaque étiquette admet au plus \1 caractères",
    r"unknown field; see `reactiond rules show` for the fields a rule has": (
        "champ inconnu ; `reactiond rules show` montre les champs d'une règle"
    ),
    r"\bnot JSON: ": "pas du JSON : ",
    r"('[^']*') is not an http\(s\) URL: e\.g\. (\S+)": (
        r"\1 n'est pas une URL http(s) : p. ex. \2"
    ),
    r"is not a postgresql:// URL: e\.g\. (\S+) \(leave it unset for SQLite in the data dir\)": (
        r"n'est pas une URL postgresql:// : p. ex. \1 (non définie : SQLite dans le dossier de"
        r" données)"
    ),
    r"holds an @ / # or \? that is not percent-encoded, most likely in the password: write"
    r" it as (\S+) with %40 for @, %2F for /, %23 for # and %3F for \?": (
        r"contient un @ / # ou ? non encodé (en %), sans doute dans le mot de passe : écrivez-la"
        r" comme \1 avec %40 pour @, %2F pour /, %23 pour # et %3F pour ?"
    ),
    # health's checks
    r"the oldest runnable job has waited (\d+) s": (
        r"le plus ancien travail prêt à tourner attend depuis \1 s"
    ),
    r"see `reactiond queue list --status queued` and the worker's log": (
        "voyez `reactiond queue list --status queued` et le journal du worker"
    ),
    r"replies have waited (\d+) s to be sent": (
        r"des réponses attendent depuis \1 s d'être envoyées"
    ),
    r"check that Evolution is up and the instance is connected": (
        "vérifiez qu'Evolution tourne et que l'instance est connectée"
    ),
    # a record's change
    r"(\w+) must be a date without a time": r"\1 doit être une date sans heure",
    r"write (\w+) as (\S+) \(local time in the record's zone\)": (
        r"écrivez \1 comme \2 (heure locale dans le fuseau de l'enregistrement)"
    ),
    r"write (\w+) as (\S+)": r"écrivez \1 comme \2",
    r"unknown status ('[^']*') for the outbox": r"statut inconnu \1 pour les réponses",
    r"unknown filter ('[^']*') for the outbox": r"filtre inconnu \1 pour les réponses",
    r"unknown kind ('[^']*') for the outbox": r"type inconnu \1 pour les réponses",
    r"unknown job status ('[^']*')": r"statut de job inconnu \1",
    r"cannot sort (\S+) by ('[^']*')": r"impossible de trier \1 par \2",
    r"use one of (.+?) \(a leading - sorts descending\)": (
        r"utilisez l'un de \1 (avec - devant, décroissant)"
    ),
    r"^use one of ": "utilisez l'un de ",
    # the records' filters
    r"unknown status ('[^']*') for ([\w-]+)": r"statut inconnu \1 pour \2",
    r"use (.+) \(several separated by commas\)": (
        r"utilisez \1 (plusieurs séparés par des virgules)"
    ),
    r"unknown filter ('[^']*') for ([\w-]+)": r"filtre inconnu \1 pour \2",
    r"(\w+) ('[^']*') is not a date": r"\1 \2 n'est pas une date",
    r"write (\w+)=(\S+) or (\w+)=(\S+) \(local time, no offset\)": (
        r"écrivez \1=\2 ou \3=\4 (heure locale, sans décalage)"
    ),
    r"limit ('[^']*') is not a number from 1 to (\d+)": r"limit \1 n'est pas un nombre de 1 à \2",
    r"use next_cursor to page through more": (
        "demandez moins par page et passez à la suivante (next_cursor)"
    ),
    r"(\w+)=('[^']*') is neither a JID nor a phone number": (
        r"\1=\2 n'est ni un JID ni un numéro de téléphone"
    ),
    r"give a phone number \((.+?)\) or a JID \((.+)\)": (
        r"donnez un numéro de téléphone (\1) ou un JID (\2)"
    ),
    # records, people, exports, backups
    **{rf"\bno {en} (\d+)(?=;|:|$)": rf"{fr} \1 n'existe pas" for en, fr in _KINDS},
    **{
        rf"\b{en} (\d+) is (\w+), not (\w+): nothing changed": (
            rf"{fr} \1 est \2, pas \3 : rien n'a changé"
        )
        for en, fr in _KINDS
    },
    r"only an open task can be marked done": (
        "seule une tâche ouverte peut être marquée comme faite"
    ),
    r"\btask (\d+) is open already: nothing changed": (
        r"la tâche \1 est déjà ouverte : rien n'a changé"
    ),
    r"only a done or cancelled task can be reopened": (
        "seule une tâche faite ou annulée peut être rouverte"
    ),
    r"only a pending bill can be marked paid": (
        "seule une facture en attente peut être marquée comme payée"
    ),
    r"`reactiond (\w+) list` shows (?:them|the ids)": r"`reactiond \1 list` montre les ids",
    r"(\S+) ('[^']*') is not a date; write (\S+) (\S+) or (\S+) (\S+)"
    r" \(local time, no offset\)": (
        r"\1 \2 n'est pas une date ; écrivez \3 \4 ou \5 \6 (heure locale, sans décalage)"
    ),
    r"swap the two dates": "inversez les deux dates",
    r"(\S+) is after (\S+)": r"\1 est après \2",
    r"unknown job status ('[^']*'); use one of (.+)": r"statut inconnu \1 : utilisez l'un de \2",
    r"unknown status ('[^']*') for the outbox; use (.+?) \(several separated by commas\)": (
        r"statut inconnu \1 pour les réponses ; utilisez \2 (plusieurs séparés par des virgules)"
    ),
    r"unknown status ('[^']*') for (\S+); use (.+?) \(several separated by commas\)": (
        r"statut inconnu \1 pour \2 ; utilisez \3 (plusieurs séparés par des virgules)"
    ),
    r"cannot sort (\S+) by ('[^']*'); use one of (.+?) \(a leading - sorts descending\)": (
        r"impossible de trier \1 par \2 ; utilisez l'un de \3 (un - devant : ordre décroissant)"
    ),
    r"unknown time zone ('[^']*'); use an IANA name such as (\S+) or (\S+)": (
        r"fuseau horaire inconnu \1 ; utilisez un nom IANA comme \2 ou \3"
    ),
    r"('[^']*') is not a kind a calendar holds; use (.+?) \(notes have no date\)": (
        r"\1 n'est pas un type qu'un agenda contient ; utilisez \2 (les notes n'ont pas de date)"
    ),
    r"(?<=\w) or (?=--)": " ou ",
    r"nobody with ('[^']*') has written or reacted yet; `reactiond people list` shows who"
    r" reactiond knows": (
        r"personne avec \1 n'a encore écrit ni réagi ; `reactiond people list` montre qui"
        r" reactiond connaît"
    ),
    r"cannot write (.+?): (.+?); give a path in a writable directory": (
        r"impossible d'écrire \1 : \2 ; donnez un chemin dans un dossier accessible en écriture"
    ),
    r"No such file or directory": "fichier ou dossier introuvable",
    r"Permission denied": "permission refusée",
    r"no database at (\S+): check REACTIOND_DATA_DIR \(has reactiond run here\?\)": (
        r"pas de base de données dans \1 : vérifiez REACTIOND_DATA_DIR (reactiond a-t-il déjà"
        r" tourné ici ?)"
    ),
    r"reactiond is running on this database \((.+)\): stop every reactiond process that"
    r" uses it, then restore": (
        r"reactiond tourne sur cette base de données (\1) : arrêtez tous les processus"
        r" reactiond qui l'utilisent, puis restaurez"
    ),
    r"cannot reach PostgreSQL \((.+)\): check REACTIOND_DATABASE_URL and that the server"
    r" runs": (
        r"impossible de joindre PostgreSQL (\1) : vérifiez REACTIOND_DATABASE_URL et que le"
        r" serveur tourne"
    ),
    r"the database server is unreachable \((.+)\): check that PostgreSQL runs and accepts"
    r" connections \(REACTIOND_DATABASE_URL\)": (
        r"impossible de joindre le serveur de la base de données (\1) : vérifiez que"
        r" PostgreSQL tourne et accepte les connexions (REACTIOND_DATABASE_URL)"
    ),
    r"no database connection is free or the server does not answer: check that PostgreSQL"
    r" runs and accepts connections \(REACTIOND_DATABASE_URL\)": (
        r"aucune connexion libre à la base de données ou le serveur ne répond pas : vérifiez"
        r" que PostgreSQL tourne et accepte les connexions (REACTIOND_DATABASE_URL)"
    ),
    r"reactiond is running on this database \((.+)\): stop every reactiond process that"
    r" uses it, then copy": (
        r"reactiond tourne sur cette base de données (\1) : arrêtez tous les processus"
        r" reactiond qui l'utilisent, puis copiez"
    ),
    r"the database is at schema version (\d+) but this reactiond knows only (\d+): upgrade"
    r" reactiond, or restore a backup made by this version": (
        r"la base de données est à la version de schéma \1, mais ce reactiond ne connaît que"
        r" la \2 : mettez reactiond à jour, ou restaurez une sauvegarde faite par cette version"
    ),
    r"(.+) has schema version (\d+), newer than this reactiond \((\d+)\): upgrade"
    r" reactiond first": (
        r"\1 est à la version de schéma \2, plus récente que ce reactiond (\3) : mettez"
        r" reactiond à jour d'abord"
    ),
    r"the target database is at schema version (\d+), newer than this reactiond"
    r" \((\d+)\): upgrade reactiond; nothing was (copied|restored)": (
        r"la base de données cible est à la version de schéma \1, plus récente que ce reactiond"
        r" (\2) : mettez reactiond à jour ; rien n'a été modifié"
    ),
    r"(.+) is at schema version (\d+), newer than this reactiond \((\d+)\): upgrade"
    r" reactiond, then copy": (
        r"\1 est à la version de schéma \2, plus récente que ce reactiond (\3) : mettez"
        r" reactiond à jour, puis copiez"
    ),
    r"the PostgreSQL database is at schema version (\d+), newer than this reactiond"
    r" \((\d+)\): back it up with the reactiond that uses it, or upgrade this one": (
        r"la base de données PostgreSQL est à la version de schéma \1, plus récente que ce"
        r" reactiond (\2) : sauvegardez-la avec le reactiond qui l'utilise, ou mettez celui-ci"
        r" à jour"
    ),
    r"PostgreSQL refused the login \((.+)\): check the user name and password in the --to"
    r" URL; nothing was copied": (
        r"PostgreSQL a refusé la connexion (\1) : vérifiez le nom d'utilisateur et le mot de"
        r" passe dans l'URL de --to ; rien n'a été copié"
    ),
    r"PostgreSQL refused the login \((.+)\): check the user name and password in"
    r" REACTIOND_DATABASE_URL": (
        r"PostgreSQL a refusé la connexion (\1) : vérifiez le nom d'utilisateur et le mot de"
        r" passe dans REACTIOND_DATABASE_URL"
    ),
    r'PostgreSQL has no database "([^"]+)": create it \((.+?)\) or fix the database name'
    r" in (REACTIOND_DATABASE_URL)": (
        r"PostgreSQL n'a pas de base de données « \1 » : créez-la (\2) ou corrigez son nom"
        r" dans \3"
    ),
    r'PostgreSQL has no database "([^"]+)": create it \((.+?)\) or fix the database name'
    r" in the --to URL; nothing was copied": (
        r"PostgreSQL n'a pas de base de données « \1 » : créez-la (\2) ou corrigez son nom"
        r" dans l'URL de --to ; rien n'a été copié"
    ),
    r"interrupted: nothing was copied; run the same command again": (
        r"interrompu : rien n'a été copié ; relancez la même commande"
    ),
    r"interrupted after the rows were copied, before they were verified: run the same"
    r" command again with --replace, to copy and verify them whole": (
        r"interrompu après la copie des lignes, avant leur vérification : relancez la même"
        r" commande avec --replace, pour les copier et les vérifier entières"
    ),
    r"cannot reach PostgreSQL \((.+)\): check the --to URL and that the server runs;"
    r" nothing was copied": (
        r"impossible de joindre PostgreSQL (\1) : vérifiez l'URL de --to et que le serveur"
        r" tourne ; rien n'a été copié"
    ),
    r"no SQLite database at (.+): give the data dir's reactiond\.db": (
        r"pas de base SQLite dans \1 : indiquez le reactiond.db du dossier de données"
    ),
    r"the target database already has rows \(in (.+)\): restore into an empty database,"
    r" or add --force to empty it first": (
        r"la base de destination a déjà des lignes (dans \1) : restaurez dans une base vide,"
        r" ou ajoutez --force pour la vider d'abord"
    ),
    r"the target database already has rows \(in (.+)\): copy into an empty database,"
    r" or add --replace to empty it first": (
        r"la base de destination a déjà des lignes (dans \1) : copiez dans une base vide,"
        r" ou ajoutez --replace pour la vider d'abord"
    ),
    r"no backup file at (.+)": r"pas de fichier de sauvegarde dans \1",
    r"the backup failed: (.+); nothing was written to (.+)": (
        r"la sauvegarde a échoué : \1 ; rien n'a été écrit dans \2"
    ),
    r"(\S+) is not a directory: create it first": r"\1 n'est pas un dossier : créez-le d'abord",
    r"(\S+) already exists: pick another name, or add --force": (
        r"\1 existe déjà : choisissez un autre nom, ou ajoutez --force"
    ),
    r"(\S+) already exists: back it up, then add --force to replace it": (
        r"\1 existe déjà : sauvegardez-le, puis ajoutez --force pour le remplacer"
    ),
    r"('[^']*') is neither a phone number \(digits, country code first\) nor a JID": (
        r"\1 n'est ni un numéro de téléphone (chiffres, indicatif du pays d'abord) ni un JID"
    ),
    r"not something to turn on or off; use one of (.+)": (
        r"ne s'active ni ne se désactive ; utilisez l'un de \1"
    ),
    r"unknown field; the fields are (.+)": r"champ inconnu ; les champs sont \1",
    r"must be true or false": "doit être true ou false",
    **{
        # A retried reminder that would remind of nothing (`reasons.REMINDERS`).
        pattern: french
        for en, of, the, to, e in (
            ("task", "de la tâche", "la tâche", "à la tâche", "e"),
            ("bill", "de la facture", "la facture", "à la facture", "e"),
            ("event", "de l'événement", "l'événement", "à l'événement", ""),
        )
        for pattern, french in (
            *(
                (
                    rf"\bjob (\d+) is a reminder of {en} (\d+), which is {status}:"
                    " it would remind of nothing",
                    rf"le job \1 est un rappel {of} \2, qui est {fr}{e} : il ne rappellerait rien",
                )
                for status, fr in _CLOSED_FR[en]
            ),
            (
                rf"\bjob (\d+) is a reminder of {en} (\d+), which was deleted:"
                " it would remind of nothing",
                rf"le job \1 est un rappel {of} \2, qui a été supprimé{e} :"
                " il ne rappellerait rien",
            ),
            (
                rf"\bjob (\d+) is a reminder of {en} (\d+), which has no date any more:"
                " it would remind of nothing",
                rf"le job \1 est un rappel {of} \2, qui n'a plus de date : il ne rappellerait rien",
            ),
            (
                rf"\bjob (\d+) is a reminder of {en} (\d+), whose moment has passed:"
                " it would only nag",
                rf"le job \1 est un rappel {of} \2, dont le moment est passé :"
                " il ne ferait que déranger",
            ),
            (
                f"reopen the {en} and its reminders are planned again",
                f"rouvrez {the} et ses rappels sont planifiés de nouveau",
            )
            if en != "task"  # a task's hint names its command
            else (
                r"(`reactiond tasks reopen \d+`) reopens the task and its reminders are planned"
                " again",
                r"\1 rouvre la tâche et ses rappels sont planifiés de nouveau",
            ),
            (
                f"give the {en} a date and its reminders are planned again",
                f"donnez une date {to} et ses rappels sont planifiés de nouveau",
            ),
            (
                f"nothing to retry: move the {en}'s date and its reminders are planned again",
                f"rien à relancer : changez la date {of} et ses rappels sont planifiés de nouveau",
            ),
        )
    },
    r"nothing to retry: a new record gets reminders of its own": (
        "rien à relancer : un nouvel élément a ses propres rappels"
    ),
    r"\b1 record changed on the server": "1 élément a changé sur le serveur",
    r"\b(\d+) records changed on the server": r"\1 éléments ont changé sur le serveur",
}
