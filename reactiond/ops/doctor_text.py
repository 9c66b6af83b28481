"""The words of `reactiond doctor`'s check lines (a name, then what was found or what to
do) and of the Evolution version notes, in en, es, pt and fr, by key.

Kept below the CLI so that doctor (reactiond/ops/doctor.py) words its lines without
importing the CLI; `reactiond/cli/text.py` adds them to its catalog, so that the CLI's own
`evolution` commands and its language tests see them as any other key.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from reactiond.caldav.texts import CALENDAR_TEXTS
from reactiond.wording import LANGUAGE, Text, counted_key

DOCTOR_TEXTS: Final[dict[str, Text]] = {
    "doctor.name.data_dir": Text(en="data dir", es="directorio de datos", pt="diretório de dados"),
    "doctor.name.database": Text(en="database", es="base de datos", pt="banco de dados"),
    "doctor.name.migrations": Text(en="migrations", es="migraciones", pt="migrações"),
    "doctor.name.daemon": Text(en="daemon", es="daemon", pt="daemon"),
    "doctor.name.ocr": Text(en="pictures", es="fotos", pt="fotos"),
    "doctor.ocr.ok": Text(
        en="bills are read from pictures and PDFs (Tesseract {version})",
        es="las cuentas se leen de fotos y PDFs (Tesseract {version})",
        pt="as contas são lidas de fotos e PDFs (Tesseract {version})",
    ),
    "doctor.ocr.missing": Text(
        en="bills from pictures and PDFs are off ({missing} missing): {command}",
        es="cuentas desde fotos y PDFs desactivadas (falta {missing}): {command}",
        pt="contas a partir de fotos e PDFs desativadas (falta {missing}): {command}",
    ),
    "doctor.ocr.command_not_found": Text(
        en="bills from pictures and PDFs are off: REACTIOND_OCR_TESSERACT_CMD={command} is "
        "not found; correct it (a name on PATH or a full path), or unset it to use tesseract",
        es="cuentas desde fotos y PDFs desactivadas: REACTIOND_OCR_TESSERACT_CMD={command} no "
        "se encuentra; corrígelo (un nombre en el PATH o una ruta completa), o quítalo para "
        "usar tesseract",
        pt="contas a partir de fotos e PDFs desativadas: REACTIOND_OCR_TESSERACT_CMD={command} "
        "não foi encontrado; corrija-o (um nome no PATH ou um caminho completo), ou remova-o "
        "para usar o tesseract",
    ),
    "doctor.ocr.command_not_executable": Text(
        en="bills from pictures and PDFs are off: REACTIOND_OCR_TESSERACT_CMD={command} is "
        "not executable; run chmod +x {command}, or point the setting at the Tesseract program",
        es="cuentas desde fotos y PDFs desactivadas: REACTIOND_OCR_TESSERACT_CMD={command} no "
        "es ejecutable; ejecuta chmod +x {command}, o apunta el ajuste al programa Tesseract",
        pt="contas a partir de fotos e PDFs desativadas: REACTIOND_OCR_TESSERACT_CMD={command} "
        "não é executável; execute chmod +x {command}, ou aponte a configuração para o "
        "programa Tesseract",
    ),
    "doctor.name.time_zone": Text(en="time zone", es="zona horaria", pt="fuso horário"),
    "doctor.name.clock": Text(en="clock", es="reloj", pt="relógio"),
    "doctor.name.file_modes": Text(en="file modes", es="permisos", pt="permissões"),
    "doctor.name.environment": Text(en="environment", es="entorno", pt="ambiente"),
    "doctor.file_modes.ok": Text(
        en="{path} and its files are private (0700/0600)",
        es="{path} y sus archivos son privados (0700/0600)",
        pt="{path} e seus arquivos são privados (0700/0600)",
    ),
    "doctor.file_modes.open": Text(
        en="other local users can read {found}: run chmod 700 {path} && chmod 600 {path}/*",
        es="otros usuarios locales pueden leer {found}: ejecuta chmod 700 {path} && "
        "chmod 600 {path}/*",
        pt="outros usuários locais podem ler {found}: execute chmod 700 {path} && "
        "chmod 600 {path}/*",
    ),
    "doctor.environment.ok": Text(
        en="no unknown REACTIOND_* variables",
        es="ninguna variable REACTIOND_* desconocida",
        pt="nenhuma variável REACTIOND_* desconhecida",
    ),
    "doctor.environment.unknown": Text(
        en="not settings, ignored: {names}; fix or remove them",
        es="no son ajustes y se ignoran: {names}; corrígelas o quítalas",
        pt="não são configurações e são ignoradas: {names}; corrija-as ou remova-as",
    ),
    "doctor.environment.did_you_mean": Text(
        en="did you mean {name}?",
        es="¿quisiste decir {name}?",
        pt="você quis dizer {name}?",
    ),
    "doctor.data_dir.missing": Text(
        en="{path} does not exist: create it (or start reactiond once), or set REACTIOND_DATA_DIR",
        es="{path} no existe: créalo (o inicia reactiond una vez), o define REACTIOND_DATA_DIR",
        pt="{path} não existe: crie-o (ou inicie o reactiond uma vez), ou defina "
        "REACTIOND_DATA_DIR",
    ),
    "doctor.data_dir.not_writable": Text(
        en="{path} is not writable ({reason}): give the reactiond user write access, or check "
        "the mount",
        es="no se puede escribir en {path} ({reason}): da permiso de escritura al usuario "
        "reactiond o revisa el montaje",
        pt="não é possível gravar em {path} ({reason}): dê permissão de escrita ao usuário "
        "reactiond ou verifique a montagem",
    ),
    "doctor.data_dir.no_space": Text(
        en="the disk of {path} is full ({reason}): free disk space, or move REACTIOND_DATA_DIR "
        "to a larger disk",
        es="el disco de {path} está lleno ({reason}): libera espacio en disco, o mueve "
        "REACTIOND_DATA_DIR a un disco más grande",
        pt="o disco de {path} está cheio ({reason}): libere espaço em disco, ou mova "
        "REACTIOND_DATA_DIR para um disco maior",
    ),
    "doctor.data_dir.full": Text(
        en="only {mb} MB free in {path}: free some space",
        es="solo quedan {mb} MB libres en {path}: libera espacio",
        pt="só restam {mb} MB livres em {path}: libere espaço",
    ),
    "doctor.data_dir.low": Text(
        en="{mb} MB free in {path}: free space soon",
        es="{mb} MB libres en {path}: libera espacio pronto",
        pt="{mb} MB livres em {path}: libere espaço em breve",
    ),
    "doctor.data_dir.ok": Text(
        en="{path} writable, {gb} GB free",
        es="se puede escribir en {path}, {gb} GB libres",
        pt="{path} com permissão de escrita, {gb} GB livres",
    ),
    "doctor.database.none": Text(
        en="no database at {path} yet: start reactiond once",
        es="aún no hay base de datos en {path}: inicia reactiond una vez",
        pt="ainda não há banco de dados em {path}: inicie o reactiond uma vez",
    ),
    "doctor.database.postgres_unreachable": Text(
        en="cannot reach {where}: {reason}; check that PostgreSQL runs and accepts this"
        " user's connections (REACTIOND_DATABASE_URL)",
        es="no se puede conectar con {where}: {reason}; revisa que PostgreSQL esté corriendo"
        " y acepte las conexiones de este usuario (REACTIOND_DATABASE_URL)",
        pt="não é possível conectar a {where}: {reason}; verifique se o PostgreSQL está"
        " rodando e aceita as conexões deste usuário (REACTIOND_DATABASE_URL)",
    ),
    "doctor.database.cannot_open": Text(
        en="cannot open {path}: {reason}",
        es="no se puede abrir {path}: {reason}",
        pt="não é possível abrir {path}: {reason}",
    ),
    "doctor.database.unreadable": Text(
        en="{path} cannot be read ({reason}): restore the last backup (reactiond restore)",
        es="no se puede leer {path} ({reason}): restaura la última copia de seguridad "
        "(reactiond restore)",
        pt="não é possível ler {path} ({reason}): restaure o último backup (reactiond restore)",
    ),
    "doctor.database.damaged": Text(
        en="quick_check found damage ({found}): stop reactiond, keep a copy, and restore the "
        "last backup (reactiond restore --force)",
        es="quick_check encontró daños ({found}): detén reactiond, guarda una copia del archivo "
        "y restaura la última copia de seguridad (reactiond restore --force)",
        pt="o quick_check encontrou danos ({found}): pare o reactiond, guarde uma cópia do "
        "arquivo e restaure o último backup (reactiond restore --force)",
    ),
    "doctor.database.ok": Text(
        en="{path} passes quick_check",
        es="{path} pasa quick_check",
        pt="{path} passa no quick_check",
    ),
    "doctor.database.postgres_ok": Text(
        en="PostgreSQL {server} at {where} answers",
        es="PostgreSQL {server} en {where} responde",
        pt="PostgreSQL {server} em {where} responde",
    ),
    "doctor.migrations.ok": Text(
        en="schema v{version} is current",
        es="esquema v{version} al día",
        pt="esquema v{version} em dia",
    ),
    "doctor.migrations.behind": Text(
        en="schema v{version}, this reactiond has v{latest}: they apply at the next start "
        "(systemd: sudo systemctl restart reactiond; from a venv: stop and start "
        "`reactiond run`)",
        es="esquema v{version}, este reactiond trae v{latest}: las migraciones se aplican al "
        "próximo inicio (systemd: sudo systemctl restart reactiond; desde un venv: detén y "
        "vuelve a iniciar `reactiond run`)",
        pt="esquema v{version}, este reactiond traz v{latest}: as migrações são aplicadas na "
        "próxima inicialização (systemd: sudo systemctl restart reactiond; de um venv: pare "
        "e inicie de novo `reactiond run`)",
    ),
    "doctor.migrations.newer": Text(
        en="schema v{version} is newer than this reactiond (v{latest}): upgrade reactiond, or "
        "restore a backup made by this version",
        es="el esquema v{version} es más nuevo que este reactiond (v{latest}): actualiza "
        "reactiond o restaura una copia de seguridad hecha con esta versión",
        pt="o esquema v{version} é mais novo que este reactiond (v{latest}): atualize o "
        "reactiond ou restaure um backup feito por esta versão",
    ),
    "doctor.daemon.stopped": Text(
        en="not running on this data dir: start it (systemd: sudo systemctl start "
        "reactiond; from a venv: reactiond run)",
        es="no está corriendo con este directorio de datos: inícialo (systemd: sudo "
        "systemctl start reactiond; desde un venv: reactiond run)",
        pt="não está rodando com este diretório de dados: inicie-o (systemd: sudo "
        "systemctl start reactiond; de um venv: reactiond run)",
    ),
    "doctor.daemon.running": Text(en="running", es="corriendo", pt="rodando"),
    "doctor.daemon.processes": Text(
        en="running on this database: {processes}",
        es="corriendo sobre esta base de datos: {processes}",
        pt="rodando neste banco de dados: {processes}",
    ),
    "doctor.daemon.no_worker": Text(
        en="no worker runs on this database ({processes}): webhooks are stored but no record"
        " or reply is made; start one (reactiond run --role worker)",
        es="ningún worker corre sobre esta base de datos ({processes}): los webhooks se"
        " guardan pero no se crean registros ni respuestas; inicia uno (reactiond run --role"
        " worker)",
        pt="nenhum worker roda neste banco de dados ({processes}): os webhooks são guardados"
        " mas nenhum registro ou resposta é feito; inicie um (reactiond run --role worker)",
    ),
    "doctor.daemon.none_on_postgres": Text(
        en="no reactiond process runs on this database: start one (systemd: sudo systemctl"
        " start reactiond; from a venv: reactiond run)",
        es="ningún proceso de reactiond corre sobre esta base de datos: inicia uno (systemd:"
        " sudo systemctl start reactiond; desde un venv: reactiond run)",
        pt="nenhum processo do reactiond roda neste banco de dados: inicie um (systemd: sudo"
        " systemctl start reactiond; de um venv: reactiond run)",
    ),
    "doctor.daemon.running_pid": Text(
        en="running (pid {pid})", es="corriendo (pid {pid})", pt="rodando (pid {pid})"
    ),
    "doctor.time_zone.unknown": Text(
        en="{zone!r} is not a time zone: use an IANA name",
        es="{zone!r} no es una zona horaria: usa un nombre IANA",
        pt="{zone!r} não é um fuso horário: use um nome IANA",
    ),
    "doctor.time_zone.utc": Text(
        en='REACTIOND_DEFAULT_TZ is UTC{machine}: "mañana 15h" is read in it for contacts '
        "without a zone; set it to your users' zone, e.g. America/Mexico_City",
        es='REACTIOND_DEFAULT_TZ es UTC{machine}: "mañana 15h" se interpreta en UTC para los '
        "contactos sin zona; pon la zona de tus usuarios, p. ej. America/Mexico_City",
        pt='REACTIOND_DEFAULT_TZ é UTC{machine}: "amanhã 15h" é interpretado em UTC para '
        "contatos sem fuso; defina o fuso dos seus usuários, p. ex. America/Sao_Paulo",
    ),
    "doctor.time_zone.machine": Text(
        en=" (this machine says {zone})",
        es=" (esta máquina usa {zone})",
        pt=" (esta máquina usa {zone})",
    ),
    "doctor.time_zone.ok": Text(
        en="default zone {zone}", es="zona por defecto {zone}", pt="fuso padrão {zone}"
    ),
    "doctor.clock.past": Text(
        en="the clock is in the past (before 2025): enable NTP (timedatectl set-ntp true)",
        es="el reloj está en el pasado (antes de 2025): activa NTP (timedatectl set-ntp true)",
        pt="o relógio está no passado (antes de 2025): ative o NTP (timedatectl set-ntp true)",
    ),
    "doctor.clock.unchecked": Text(
        en="plausible (no reference clock to compare with)",
        es="plausible (no hay otro reloj con qué compararlo)",
        pt="plausível (sem outro relógio para comparar)",
    ),
    "doctor.clock.ahead": Text(
        en="{seconds} s ahead of Evolution's clock: enable NTP on both machines "
        "(timedatectl set-ntp true)",
        es="{seconds} s adelantado respecto al reloj de Evolution: activa NTP en ambas "
        "máquinas (timedatectl set-ntp true)",
        pt="{seconds} s adiantado em relação ao relógio do Evolution: ative o NTP nas duas "
        "máquinas (timedatectl set-ntp true)",
    ),
    "doctor.clock.behind": Text(
        en="{seconds} s behind Evolution's clock: enable NTP on both machines "
        "(timedatectl set-ntp true)",
        es="{seconds} s atrasado respecto al reloj de Evolution: activa NTP en ambas "
        "máquinas (timedatectl set-ntp true)",
        pt="{seconds} s atrasado em relação ao relógio do Evolution: ative o NTP nas duas "
        "máquinas (timedatectl set-ntp true)",
    ),
    "doctor.clock.ok": Text(
        en="within {seconds} s of Evolution's clock",
        es="a {seconds} s del reloj de Evolution",
        pt="a {seconds} s do relógio do Evolution",
    ),
    "doctor.evolution.unset": Text(
        en="REACTIOND_EVOLUTION_URL and REACTIOND_EVOLUTION_API_KEY are not both set: set "
        "them (systemd: in /etc/reactiond/env, then sudo systemctl restart reactiond; "
        "from a venv: in the environment or the --config file)",
        es="REACTIOND_EVOLUTION_URL y REACTIOND_EVOLUTION_API_KEY no están ambas definidas: "
        "defínelas (systemd: en /etc/reactiond/env y luego sudo systemctl restart "
        "reactiond; desde un venv: en el entorno o en el archivo --config)",
        pt="REACTIOND_EVOLUTION_URL e REACTIOND_EVOLUTION_API_KEY não estão ambas definidas: "
        "defina-as (systemd: em /etc/reactiond/env e depois sudo systemctl restart "
        "reactiond; de um venv: no ambiente ou no arquivo --config)",
    ),
    "doctor.evolution.which": Text(
        en="which instance? no webhook has reached this data dir yet: pass --instance "
        "NAME or set REACTIOND_ALLOWED_INSTANCES",
        es="¿qué instancia? ningún webhook ha llegado aún a este directorio de datos: pasa "
        "--instance NOMBRE o define REACTIOND_ALLOWED_INSTANCES",
        pt="qual instância? nenhum webhook chegou ainda a este diretório de dados: passe "
        "--instance NOME ou defina REACTIOND_ALLOWED_INSTANCES",
    ),
    "doctor.evolution.bad_key": Text(
        en="Evolution refused the API key: set REACTIOND_EVOLUTION_API_KEY to the global "
        "AUTHENTICATION_API_KEY or the instance token",
        es="Evolution rechazó la API key: pon en REACTIOND_EVOLUTION_API_KEY la "
        "AUTHENTICATION_API_KEY global o el token de la instancia",
        pt="o Evolution recusou a API key: defina REACTIOND_EVOLUTION_API_KEY com a "
        "AUTHENTICATION_API_KEY global ou o token da instância",
    ),
    "doctor.evolution.no_instance": Text(
        en="Evolution has no instance {instance!r}: fix the name "
        "(REACTIOND_ALLOWED_INSTANCES / --instance) or create it",
        es="Evolution no tiene la instancia {instance!r}: corrige el nombre "
        "(REACTIOND_ALLOWED_INSTANCES / --instance) o créala",
        pt="o Evolution não tem a instância {instance!r}: corrija o nome "
        "(REACTIOND_ALLOWED_INSTANCES / --instance) ou crie-a",
    ),
    "doctor.evolution.unavailable": Text(
        en="{reason}; check REACTIOND_EVOLUTION_URL ({url}) and that Evolution is up",
        es="{reason}; revisa REACTIOND_EVOLUTION_URL ({url}) y que Evolution esté en línea",
        pt="{reason}; verifique REACTIOND_EVOLUTION_URL ({url}) e se o Evolution está no ar",
    ),
    "doctor.evolution.error": Text(
        en="Evolution answered: {reason}",
        es="Evolution respondió: {reason}",
        pt="o Evolution respondeu: {reason}",
    ),
    "doctor.evolution.ok": Text(
        en="reachable with the key; WhatsApp connected",
        es="responde con la API key; WhatsApp conectado",
        pt="responde com a API key; WhatsApp conectado",
    ),
    "doctor.evolution.disconnected": Text(
        en="reachable, but WhatsApp is {state!r}: reconnect it (scan the QR code in "
        "Evolution's manager)",
        es="responde, pero WhatsApp está {state!r}: reconéctalo (escanea el código QR en el "
        "manager de Evolution)",
        pt="responde, mas o WhatsApp está {state!r}: reconecte-o (escaneie o QR code no "
        "manager do Evolution)",
    ),
    # -- the Evolution version (evolution/versions.py; docs/evolution-versions.md) ------
    "evolution.version.ok": Text(
        en="Evolution {version}", es="Evolution {version}", pt="Evolution {version}"
    ),
    "evolution.version.unknown": Text(
        en="Evolution did not say its version (GET / gave none): reactiond reads 2.2 to 2.4, "
        "see docs/evolution-versions.md",
        es="Evolution no dijo su versión (GET / no la dio): reactiond lee de la 2.2 a la 2.4, "
        "mira docs/evolution-versions.md",
        pt="O Evolution não disse a sua versão (GET / não a deu): o reactiond lê da 2.2 à 2.4, "
        "veja docs/evolution-versions.md",
    ),
    "evolution.version.too_old": Text(
        en="Evolution {version} is older than 2.2, which reactiond was never checked "
        "against: upgrade Evolution",
        es="Evolution {version} es anterior a la 2.2, con la que reactiond nunca se probó: "
        "actualiza Evolution",
        pt="O Evolution {version} é anterior à 2.2, com a qual o reactiond nunca foi testado: "
        "atualize o Evolution",
    ),
    "evolution.version.no_lid_send": Text(
        en="Evolution {version} cannot send to LID contacts (before 2.3.6): a reply to "
        "someone known only by LID waits until a message of theirs gives their phone "
        "number; upgrade to 2.3.6 or later",
        es="Evolution {version} no puede enviar a contactos LID (antes de la 2.3.6): una "
        "respuesta a alguien conocido solo por su LID espera a que un mensaje suyo dé su "
        "número; actualiza a la 2.3.6 o posterior",
        pt="O Evolution {version} não consegue enviar a contatos LID (antes da 2.3.6): uma "
        "resposta a alguém conhecido só pelo LID espera até uma mensagem dele dar o número; "
        "atualize para a 2.3.6 ou posterior",
    ),
    "evolution.version.lid_no_alt": Text(
        en="Evolution {version} may give a group member only as @lid, without a phone "
        "number: rules and filters by phone number match them once a message of theirs "
        "carries both",
        es="Evolution {version} puede dar a un miembro de un grupo solo como @lid, sin "
        "número: las reglas y filtros por número lo reconocen cuando un mensaje suyo trae "
        "ambos",
        pt="O Evolution {version} pode dar um membro de grupo só como @lid, sem número: "
        "regras e filtros por número o reconhecem quando uma mensagem dele traz os dois",
    ),
    "evolution.version.newer": Text(
        en="Evolution {version} is newer than reactiond knows (checked up to 2.4): see "
        "docs/evolution-versions.md",
        es="Evolution {version} es más nueva de lo que reactiond conoce (probado hasta la "
        "2.4): mira docs/evolution-versions.md",
        pt="O Evolution {version} é mais novo do que o reactiond conhece (testado até a 2.4): "
        "veja docs/evolution-versions.md",
    ),
    "evolution.unknown_route": Text(
        en="Evolution at {url} has no such route ({reason}): REACTIOND_EVOLUTION_URL is "
        "wrong, maybe a reverse proxy's path prefix is missing or extra (not the instance "
        "name)",
        es="Evolution en {url} no tiene esa ruta ({reason}): REACTIOND_EVOLUTION_URL está "
        "mal, quizá falta o sobra el prefijo de ruta de un proxy (no es el nombre de la "
        "instancia)",
        pt="O Evolution em {url} não tem essa rota ({reason}): REACTIOND_EVOLUTION_URL está "
        "errada, talvez falte ou sobre o prefixo de caminho de um proxy (não é o nome da "
        "instância)",
    ),
    "evolution.license_required": Text(
        en="Evolution answers 503 LICENSE_REQUIRED: activate its licence in Evolution's "
        "manager (2.4 needs one); replies that died meanwhile go again with "
        "`reactiond outbox retry ID`",
        es="Evolution responde 503 LICENSE_REQUIRED: activa su licencia en el manager de "
        "Evolution (la 2.4 la exige); las respuestas muertas mientras tanto salen de nuevo "
        "con `reactiond outbox retry ID`",
        pt="O Evolution responde 503 LICENSE_REQUIRED: ative a licença no manager do "
        "Evolution (a 2.4 exige uma); respostas mortas nesse meio-tempo saem de novo com "
        "`reactiond outbox retry ID`",
    ),
    "doctor.webhook.connect": Text(
        en="run `reactiond evolution connect` or fix it in Evolution's manager",
        es="ejecuta `reactiond evolution connect` o corrígelo en el manager de Evolution",
        pt="execute `reactiond evolution connect` ou corrija no manager do Evolution",
    ),
    "doctor.webhook.none": Text(
        en="the instance has no webhook: {connect}",
        es="la instancia no tiene webhook: {connect}",
        pt="a instância não tem webhook: {connect}",
    ),
    "doctor.webhook.disabled": Text(
        en="the webhook is disabled: enable it ({connect})",
        es="el webhook está desactivado: actívalo ({connect})",
        pt="o webhook está desativado: ative-o ({connect})",
    ),
    "doctor.webhook.elsewhere": Text(
        en="it points at {url}, not …/webhook/{instance} on this daemon: {connect}",
        es="apunta a {url}, no a …/webhook/{instance} en este daemon: {connect}",
        pt="aponta para {url}, não para …/webhook/{instance} neste daemon: {connect}",
    ),
    "doctor.webhook.other_port": Text(
        en="port {port} is not REACTIOND_PORT {expected} (fine behind a proxy)",
        es="el puerto {port} no es REACTIOND_PORT {expected} (está bien detrás de un proxy)",
        pt="a porta {port} não é a REACTIOND_PORT {expected} (tudo bem atrás de um proxy)",
    ),
    "doctor.webhook.no_secret": Text(
        en="Evolution does not send this daemon's secret (header {header}): every webhook "
        "will get 401; {connect}",
        es="Evolution no envía el secreto de este daemon (encabezado {header}): cada webhook "
        "recibirá 401; {connect}",
        pt="o Evolution não envia o segredo deste daemon (cabeçalho {header}): todo webhook "
        "vai receber 401; {connect}",
    ),
    "doctor.webhook.no_upsert": Text(
        en="MESSAGES_UPSERT is not among its events: {connect}",
        es="MESSAGES_UPSERT no está entre sus eventos: {connect}",
        pt="MESSAGES_UPSERT não está entre os seus eventos: {connect}",
    ),
    "doctor.webhook.base64": Text(
        en="webhookBase64 is on: media bodies get large; turn it off",
        es="webhookBase64 está activado: los cuerpos con multimedia crecen mucho; desactívalo",
        pt="webhookBase64 está ativado: corpos com mídia ficam grandes; desative-o",
    ),
    "doctor.webhook.ok": Text(
        en="{url} with the secret", es="{url} con el secreto", pt="{url} com o segredo"
    ),
    "doctor.webhook.unreadable": Text(
        en="cannot read it: {reason}",
        es="no se puede leer: {reason}",
        pt="não foi possível lê-lo: {reason}",
    ),
}

# French by key, as in reactiond/cli/text_fr.py.
_FRENCH: Final[dict[str, str]] = {
    "doctor.name.data_dir": "dossier de données",
    "doctor.name.database": "base de données",
    "doctor.name.migrations": "migrations",
    "doctor.name.daemon": "démon",
    "doctor.name.ocr": "photos",
    "doctor.ocr.ok": "les factures sont lues depuis les photos et les PDF (Tesseract {version})",
    "doctor.ocr.missing": "factures depuis photos et PDF désactivées ({missing} manquant) : "
    "{command}",
    "doctor.ocr.command_not_found": "factures depuis photos et PDF désactivées : "
    "REACTIOND_OCR_TESSERACT_CMD={command} est introuvable ; corrigez-le (un nom dans le PATH "
    "ou un chemin complet), ou retirez-le pour utiliser tesseract",
    "doctor.ocr.command_not_executable": "factures depuis photos et PDF désactivées : "
    "REACTIOND_OCR_TESSERACT_CMD={command} n'est pas exécutable ; lancez chmod +x {command}, "
    "ou faites pointer le réglage vers le programme Tesseract",
    "doctor.name.time_zone": "fuseau horaire",
    "doctor.name.clock": "horloge",
    "doctor.name.file_modes": "droits des fichiers",
    "doctor.name.environment": "environnement",
    "doctor.file_modes.ok": "{path} et ses fichiers sont privés (0700/0600)",
    "doctor.file_modes.open": "d'autres utilisateurs locaux peuvent lire {found} : lancez chmod "
    "700 {path} && chmod 600 {path}/*",
    "doctor.environment.ok": "aucune variable REACTIOND_* inconnue",
    "doctor.environment.unknown": "pas des réglages, ignorées : {names} ; corrigez-les ou "
    "retirez-les",
    "doctor.environment.did_you_mean": "vouliez-vous dire {name} ?",
    "doctor.data_dir.missing": "{path} n'existe pas : créez-le (ou lancez reactiond une fois), "
    "ou définissez REACTIOND_DATA_DIR",
    "doctor.data_dir.not_writable": "{path} n'est pas accessible en écriture ({reason}) : donnez "
    "à l'utilisateur reactiond le droit d'écrire, ou vérifiez le montage",
    "doctor.data_dir.no_space": "le disque de {path} est plein ({reason}) : libérez de "
    "l'espace disque, ou déplacez REACTIOND_DATA_DIR vers un disque plus grand",
    "doctor.data_dir.full": "seulement {mb} Mo libres dans {path} : libérez de la place",
    "doctor.data_dir.low": "{mb} Mo libres dans {path} : libérez de la place bientôt",
    "doctor.data_dir.ok": "{path} accessible en écriture, {gb} Go libres",
    "doctor.database.none": "pas encore de base de données dans {path} : lancez reactiond une fois",
    "doctor.database.cannot_open": "impossible d'ouvrir {path} : {reason}",
    "doctor.database.postgres_unreachable": "impossible de joindre {where} : {reason} ; "
    "vérifiez que PostgreSQL tourne et accepte les connexions de cet utilisateur "
    "(REACTIOND_DATABASE_URL)",
    "doctor.database.unreadable": "{path} est illisible ({reason}) : restaurez la dernière "
    "sauvegarde (reactiond restore)",
    "doctor.database.damaged": "quick_check a trouvé des dégâts ({found}) : arrêtez reactiond, "
    "gardez une copie et restaurez la dernière sauvegarde (reactiond restore --force)",
    "doctor.database.ok": "{path} passe quick_check",
    "doctor.database.postgres_ok": "PostgreSQL {server} sur {where} répond",
    "doctor.migrations.ok": "le schéma v{version} est à jour",
    "doctor.migrations.behind": "schéma v{version}, ce reactiond a la v{latest} : elles "
    "s'appliquent au prochain démarrage (systemd : sudo systemctl restart reactiond ; depuis "
    "un venv : arrêtez puis relancez `reactiond run`)",
    "doctor.migrations.newer": "le schéma v{version} est plus récent que ce reactiond "
    "(v{latest}) : mettez reactiond à jour, ou restaurez une sauvegarde faite par cette "
    "version",
    "doctor.daemon.stopped": "ne tourne pas sur ce dossier de données : démarrez-le (systemd : "
    "sudo systemctl start reactiond ; depuis un venv : reactiond run)",
    "doctor.daemon.running": "en marche",
    "doctor.daemon.running_pid": "en marche (pid {pid})",
    "doctor.daemon.processes": "en marche sur cette base : {processes}",
    "doctor.daemon.no_worker": "aucun worker ne tourne sur cette base ({processes}) : les "
    "webhooks sont gardés mais aucun enregistrement ni réponse n'est fait ; démarrez-en un "
    "(reactiond run --role worker)",
    "doctor.daemon.none_on_postgres": "aucun processus reactiond ne tourne sur cette base : "
    "démarrez-en un (systemd : sudo systemctl start reactiond ; depuis un venv : reactiond run)",
    "doctor.time_zone.unknown": "{zone!r} n'est pas un fuseau horaire : utilisez un nom IANA",
    "doctor.time_zone.utc": "REACTIOND_DEFAULT_TZ vaut UTC{machine} : « demain 15h » y est lu "
    "pour les contacts sans fuseau ; mettez celui de vos utilisateurs, p. ex. Europe/Paris",
    "doctor.time_zone.machine": " (cette machine dit {zone})",
    "doctor.time_zone.ok": "fuseau par défaut {zone}",
    "doctor.clock.past": "l'horloge est dans le passé (avant 2025) : activez NTP (timedatectl "
    "set-ntp true)",
    "doctor.clock.unchecked": "plausible (aucune horloge de référence pour comparer)",
    "doctor.clock.ahead": "{seconds} s d'avance sur l'horloge d'Evolution : activez NTP sur les "
    "deux machines (timedatectl set-ntp true)",
    "doctor.clock.behind": "{seconds} s de retard sur l'horloge d'Evolution : activez NTP sur "
    "les deux machines (timedatectl set-ntp true)",
    "doctor.clock.ok": "à moins de {seconds} s de l'horloge d'Evolution",
    "doctor.evolution.unset": "REACTIOND_EVOLUTION_URL et REACTIOND_EVOLUTION_API_KEY ne sont "
    "pas tous deux définis : définissez-les (systemd : dans /etc/reactiond/env, puis sudo "
    "systemctl restart reactiond ; depuis un venv : dans l'environnement ou le fichier "
    "--config)",
    "doctor.evolution.which": "quelle instance ? aucun webhook n'a encore atteint ce dossier de "
    "données : passez --instance NOM ou définissez REACTIOND_ALLOWED_INSTANCES",
    "doctor.evolution.bad_key": "Evolution a refusé la clé d'API : mettez dans "
    "REACTIOND_EVOLUTION_API_KEY la AUTHENTICATION_API_KEY globale ou le jeton de l'instance",
    "doctor.evolution.no_instance": "Evolution n'a pas d'instance {instance!r} : corrigez le nom "
    "(REACTIOND_ALLOWED_INSTANCES / --instance) ou créez-la",
    "doctor.evolution.unavailable": "{reason} ; vérifiez REACTIOND_EVOLUTION_URL ({url}) et "
    "qu'Evolution tourne",
    "doctor.evolution.error": "Evolution a répondu : {reason}",
    "doctor.evolution.ok": "joignable avec la clé ; WhatsApp connecté",
    "doctor.evolution.disconnected": "joignable, mais WhatsApp est {state!r} : reconnectez-le "
    "(scannez le QR code dans le gestionnaire d'Evolution)",
    "evolution.version.ok": "Evolution {version}",
    "evolution.version.unknown": "Evolution n'a pas donné sa version (GET / n'en dit rien) : "
    "reactiond lit les versions 2.2 à 2.4, voir docs/evolution-versions.md",
    "evolution.version.too_old": "Evolution {version} est antérieur à la 2.2, avec laquelle "
    "reactiond n'a jamais été vérifié : mettez Evolution à jour",
    "evolution.version.no_lid_send": "Evolution {version} ne sait pas écrire aux contacts LID "
    "(avant la 2.3.6) : une réponse à quelqu'un connu seulement par son LID attend qu'un de "
    "ses messages donne son numéro ; passez à la 2.3.6 ou plus récent",
    "evolution.version.lid_no_alt": "Evolution {version} peut ne donner un membre de groupe que "
    "comme @lid, sans numéro : les règles et filtres par numéro le trouvent dès qu'un de ses "
    "messages porte les deux",
    "evolution.version.newer": "Evolution {version} est plus récent que ce que reactiond connaît "
    "(vérifié jusqu'à la 2.4) : voir docs/evolution-versions.md",
    "evolution.unknown_route": "Evolution à {url} n'a pas cette route ({reason}) : "
    "REACTIOND_EVOLUTION_URL est faux, il manque ou il y a en trop le préfixe de chemin d'un "
    "proxy inverse (ce n'est pas le nom de l'instance)",
    "evolution.license_required": "Evolution répond 503 LICENSE_REQUIRED : activez sa licence "
    "dans le gestionnaire d'Evolution (la 2.4 en demande une) ; les réponses mortes "
    "entre-temps repartent avec `reactiond outbox retry ID`",
    "doctor.webhook.connect": "lancez `reactiond evolution connect` ou corrigez-le dans le "
    "gestionnaire d'Evolution",
    "doctor.webhook.none": "l'instance n'a pas de webhook : {connect}",
    "doctor.webhook.disabled": "le webhook est désactivé : activez-le ({connect})",
    "doctor.webhook.elsewhere": "il pointe vers {url}, pas vers …/webhook/{instance} sur ce "
    "démon : {connect}",
    "doctor.webhook.other_port": "le port {port} n'est pas REACTIOND_PORT {expected} (normal "
    "derrière un proxy)",
    "doctor.webhook.no_secret": "Evolution n'envoie pas le secret de ce démon (en-tête {header}) "
    ": chaque webhook recevra 401 ; {connect}",
    "doctor.webhook.no_upsert": "MESSAGES_UPSERT n'est pas parmi ses événements : {connect}",
    "doctor.webhook.base64": "webhookBase64 est activé : les médias deviennent lourds ; "
    "désactivez-le",
    "doctor.webhook.ok": "{url} avec le secret",
    "doctor.webhook.unreadable": "impossible de le lire : {reason}",
}

for _key, _fr in _FRENCH.items():
    DOCTOR_TEXTS[_key] = replace(DOCTOR_TEXTS[_key], fr=_fr)


# doctor's lines for the calendars are the calendar checks' own words (caldav/texts.py).
_WORDS: Final[dict[str, Text]] = {
    **DOCTOR_TEXTS,
    **{k: Text(*v) for k, v in CALENDAR_TEXTS.items() if k.startswith("check.calendar.")},
}


def t(key: str, **values: object) -> str:
    """The doctor message `key` in this process's language, its {placeholders} filled in
    (a count's form chosen as the CLI's `t` chooses it)."""
    return _WORDS[counted_key(key, values, LANGUAGE, _WORDS)].get(LANGUAGE).format(**values)
