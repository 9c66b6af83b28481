"""The CLI's own words (command help, option help, one-line errors) in en, es, pt and fr
(French lives in `text_fr.py`, by key).

The language is chosen ONCE, at import, by `reactiond.wording` (REACTIOND_LANGUAGE, else
the POSIX locale, else English): Typer reads help strings when the commands are declared,
so a later switch could not reach them.

`reactiond doctor`'s check lines keep their words below the CLI
(reactiond/ops/doctor_text.py), which may not import it; they join this catalog here.

What stays English on purpose: `--json` output, log lines and HTTP API error bodies.
Lower layers (settings, rules, store, records, pydantic, Typer/Click) raise English, which
the HTTP API shares; the CLI says those reasons again in its language when it prints them
(`reactiond.cli.click.say`, by their English shape). Command and option names, JSON keys,
field names, zone names and other technical tokens are never translated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from reactiond.caldav.texts import CALENDAR_TEXTS
from reactiond.cli.text_fr import FRENCH
from reactiond.ops.doctor_text import DOCTOR_TEXTS
from reactiond.wording import LANGUAGE as LANGUAGE  # the CLI and its tests import these here
from reactiond.wording import LANGUAGES as LANGUAGES
from reactiond.wording import Language as Language
from reactiond.wording import Text as Text
from reactiond.wording import counted_key
from reactiond.wording import language_from_env as language_from_env


def t(key: str, **values: object) -> str:
    """The message `key` in the CLI's language, with its {placeholders} filled in; a
    message that says a count is KEY.one / KEY.many, chosen by `count`'s plural form in
    that language (`wording.plural_form`): `t("ok.rules.imported", count=n, …)`."""
    return CATALOG[counted_key(key, values, LANGUAGE, CATALOG)].get(LANGUAGE).format(**values)


CATALOG: Final[dict[str, Text]] = {
    # -- the root command and shared options -------------------------------------------
    "app": Text(
        en="Turn WhatsApp messages into tasks, events, bills and notes with one emoji.",
        es="Convierte mensajes de WhatsApp en tareas, eventos, cuentas y notas con un emoji.",
        pt="Transforma mensagens do WhatsApp em tarefas, eventos, contas e notas com um emoji.",
    ),
    "opt.config": Text(
        en="TOML settings file (REACTIOND_* env wins over it).",
        es="Archivo de configuración TOML (las variables REACTIOND_* tienen prioridad).",
        pt="Arquivo de configuração TOML (as variáveis REACTIOND_* têm prioridade).",
    ),
    "opt.run.role": Text(
        en="What this process runs: all (one process does everything), web (webhook and "
        "API) or worker (jobs, replies, periodic tasks). web and worker need PostgreSQL.",
        es="Qué ejecuta este proceso: all (un proceso lo hace todo), web (webhook y API) o "
        "worker (trabajos, respuestas, tareas periódicas). web y worker requieren PostgreSQL.",
        pt="O que este processo executa: all (um processo faz tudo), web (webhook e API) ou "
        "worker (tarefas, respostas, rotinas periódicas). web e worker exigem PostgreSQL.",
    ),
    "err.run.role_needs_postgres": Text(
        en="--role {role} splits reactiond over several processes, and SQLite takes one: set "
        "REACTIOND_DATABASE_URL=postgresql://… (docs/postgresql.md), or run --role all",
        es="--role {role} reparte reactiond en varios procesos, y SQLite admite uno: define "
        "REACTIOND_DATABASE_URL=postgresql://… (docs/postgresql.md), o usa --role all",
        pt="--role {role} divide o reactiond em vários processos, e o SQLite aceita um: "
        "defina REACTIOND_DATABASE_URL=postgresql://… (docs/postgresql.md), ou use --role all",
    ),
    "opt.json": Text(
        en="Machine-readable output.",
        es="Salida legible por máquina.",
        pt="Saída legível por máquina.",
    ),
    "opt.limit": Text(
        en="How many at most.",
        es="Cuántos como máximo.",
        pt="Quantos no máximo.",
    ),
    "out.list.more": Text(
        en="{shown} shown, and there are more: --limit {most} shows up to {most}, or narrow "
        "the list (`{command} --help` shows how)",
        es="se muestran {shown} y hay más: --limit {most} muestra hasta {most}, o acota la "
        "lista (`{command} --help` muestra cómo)",
        pt="mostrando {shown}, e há mais: --limit {most} mostra até {most}, ou restrinja a "
        "lista (`{command} --help` mostra como)",
    ),
    "out.list.more_than_most": Text(
        en="{shown} shown, and there are more: narrow the list (`{command} --help` shows how)",
        es="se muestran {shown} y hay más: acota la lista (`{command} --help` muestra cómo)",
        pt="mostrando {shown}, e há mais: restrinja a lista (`{command} --help` mostra como)",
    ),
    "opt.force": Text(
        en="Replace an existing file.",
        es="Reemplaza un archivo existente.",
        pt="Substitui um arquivo existente.",
    ),
    "opt.restore.force": Text(
        en="Replace the database's rows: an existing file on SQLite, every table's rows on"
        " PostgreSQL.",
        es="Reemplaza las filas de la base de datos: un archivo existente en SQLite, las filas"
        " de cada tabla en PostgreSQL.",
        pt="Substitui as linhas do banco de dados: um arquivo existente no SQLite, as linhas"
        " de cada tabela no PostgreSQL.",
    ),
    "err.unknown_tz": Text(
        en="unknown time zone {zone!r}: use an IANA name such as Europe/Madrid",
        es="zona horaria desconocida {zone!r}: usa un nombre IANA como Europe/Madrid",
        pt="fuso horário desconhecido {zone!r}: use um nome IANA como America/Sao_Paulo",
    ),
    "err.settings.invalid": Text(
        en="invalid settings ({problems}); set REACTIOND_<NAME> or fix the config file",
        es="configuración inválida ({problems}); define REACTIOND_<NOMBRE> o corrige el "
        "archivo de configuración",
        pt="configuração inválida ({problems}); defina REACTIOND_<NOME> ou corrija o "
        "arquivo de configuração",
    ),
    "err.settings.secret_too_short": Text(
        en="is shorter than {minimum} characters: make one with {command}",
        es="tiene menos de {minimum} caracteres: crea uno con {command}",
        pt="tem menos de {minimum} caracteres: crie um com {command}",
    ),
    "err.people.digest_at": Text(
        en="{value!r} is not a time of day: give it as 08:00 (24-hour)",
        es="{value!r} no es una hora del día: escríbela como 08:00 (24 horas)",
        pt="{value!r} não é uma hora do dia: escreva como 08:00 (24 horas)",
    ),
    "err.settings.unknown": Text(
        en="is not a setting (the settings are listed in the README)",
        es="no es un ajuste (los ajustes están en el README)",
        pt="não é uma configuração (as configurações estão no README)",
    ),
    "err.settings.unknown_like": Text(
        en="is not a setting: did you mean {like}?",
        es="no es un ajuste: ¿quisiste decir {like}?",
        pt="não é uma configuração: você quis dizer {like}?",
    ),
    "err.no_database": Text(
        en="no database at {path}; is the daemon's data dir REACTIOND_DATA_DIR={data_dir}? "
        "Set REACTIOND_DATA_DIR to it (under systemd: sudo reactiond-admin …), "
        "or start `reactiond run` once to create it",
        es="no hay base de datos en {path}; ¿es REACTIOND_DATA_DIR={data_dir} el directorio "
        "de datos del daemon? Pon en REACTIOND_DATA_DIR el suyo (con systemd: sudo "
        "reactiond-admin …), o arranca `reactiond run` una vez para crearla",
        pt="não há banco de dados em {path}; REACTIOND_DATA_DIR={data_dir} é o diretório de "
        "dados do daemon? Defina REACTIOND_DATA_DIR com o dele (com systemd: sudo "
        "reactiond-admin …), ou inicie `reactiond run` uma vez para criá-lo",
    ),
    # -- Typer's and Click's own words (reactiond/cli/click.py) -------------------------
    "click.hint": Text(
        en="`{command} --help` shows how to use it",
        es="`{command} --help` muestra cómo usarlo",
        pt="`{command} --help` mostra como usar",
    ),
    "click.usage": Text(en="Usage", es="Uso", pt="Uso"),
    "click.arguments": Text(en="Arguments", es="Argumentos", pt="Argumentos"),
    "click.options": Text(en="Options", es="Opciones", pt="Opções"),
    "click.commands": Text(en="Commands", es="Comandos", pt="Comandos"),
    "click.error": Text(en="Error", es="Error", pt="Erro"),
    "click.required": Text(en="[required]", es="[obligatorio]", pt="[obrigatório]"),
    "click.default": Text(en="[default: {{}}]", es="[predeterminado: {{}}]", pt="[padrão: {{}}]"),
    "click.help": Text(
        en="Show this message and exit.",
        es="Muestra esta ayuda y termina.",
        pt="Mostra esta ajuda e sai.",
    ),
    # -- plain output words -------------------------------------------------------------
    "out.rules.test.rule": Text(
        en="rule '{name}' ({action}): parse {parser} [{language}] {status}",
        es="regla '{name}' ({action}): análisis {parser} [{language}] {status}",
        pt="regra '{name}' ({action}): análise {parser} [{language}] {status}",
    ),
    "out.rules.test.refused": Text(
        en="not understood ({reason})",
        es="no entendido ({reason})",
        pt="não entendido ({reason})",
    ),
    "out.rules.test.parsed": Text(en="parsed", es="entendido", pt="entendido"),
    "out.rules.test.would_create": Text(en="would create", es="crearía", pt="criaria"),
    "out.rules.test.nothing": Text(en="nothing", es="nada", pt="nada"),
    "out.rules.test.reply": Text(en="reply", es="respuesta", pt="resposta"),
    "out.queue.jobs": Text(en="jobs", es="trabajos", pt="jobs"),
    "out.queue.oldest": Text(
        en="oldest queued", es="el más antiguo en cola", pt="o mais antigo na fila"
    ),
    # `queue stats`: a count of jobs in a status (jobs: masculine in es, pt and fr)
    "out.queue.status.queued.one": Text(
        en="{count} queued", es="{count} en cola", pt="{count} na fila"
    ),
    "out.queue.status.queued.many": Text(
        en="{count} queued", es="{count} en cola", pt="{count} na fila"
    ),
    "out.queue.status.running.one": Text(
        en="{count} running", es="{count} en curso", pt="{count} em execução"
    ),
    "out.queue.status.running.many": Text(
        en="{count} running", es="{count} en curso", pt="{count} em execução"
    ),
    "out.queue.status.done.one": Text(en="{count} done", es="{count} hecho", pt="{count} feito"),
    "out.queue.status.done.many": Text(en="{count} done", es="{count} hechos", pt="{count} feitos"),
    "out.queue.status.dead.one": Text(en="{count} dead", es="{count} muerto", pt="{count} morto"),
    "out.queue.status.dead.many": Text(
        en="{count} dead", es="{count} muertos", pt="{count} mortos"
    ),
    "out.queue.status.cancelled.one": Text(
        en="{count} cancelled", es="{count} cancelado", pt="{count} cancelado"
    ),
    "out.queue.status.cancelled.many": Text(
        en="{count} cancelled", es="{count} cancelados", pt="{count} cancelados"
    ),
    "out.queue.deferred": Text(en="deferred", es="aplazados", pt="adiados"),
    "out.queue.ignored": Text(en="events ignored", es="eventos ignorados", pt="eventos ignorados"),
    "out.queue.attempt": Text(en="attempt {n}", es="intento {n}", pt="tentativa {n}"),
    "out.feeds.live": Text(en="live", es="activo", pt="ativo"),
    "out.feeds.revoked": Text(en="revoked", es="revocado", pt="revogado"),
    "out.feeds.everything": Text(en="everything", es="todo", pt="tudo"),
    # -- run ---------------------------------------------------------------------------
    "cmd.run": Text(
        en="Run the daemon: webhook server, worker and outbox, until SIGTERM or Ctrl-C.",
        es="Ejecuta el daemon: servidor de webhooks, worker y outbox, hasta SIGTERM o Ctrl-C.",
        pt="Executa o daemon: servidor de webhooks, worker e outbox, até SIGTERM ou Ctrl-C.",
    ),
    "run.started": Text(
        en="reactiond listens on {url} (Evolution posts to {url}/webhook/<instance>); "
        "data in {data_dir}; {secret}. Next: `reactiond demo` for a tour; Ctrl-C stops.",
        es="reactiond escucha en {url} (Evolution envía a {url}/webhook/<instancia>); "
        "datos en {data_dir}; {secret}. Siguiente: `reactiond demo` para un recorrido; "
        "Ctrl-C lo detiene.",
        pt="reactiond escuta em {url} (o Evolution envia para {url}/webhook/<instância>); "
        "dados em {data_dir}; {secret}. Próximo: `reactiond demo` para um tour; "
        "Ctrl-C para.",
    ),
    "run.secret.file": Text(
        en="webhook secret in {path}",
        es="secreto del webhook en {path}",
        pt="segredo do webhook em {path}",
    ),
    "run.secret.env": Text(
        en="webhook secret from REACTIOND_WEBHOOK_SECRET",
        es="secreto del webhook tomado de REACTIOND_WEBHOOK_SECRET",
        pt="segredo do webhook vindo de REACTIOND_WEBHOOK_SECRET",
    ),
    "run.secret.signed": Text(
        en="webhooks checked with REACTIOND_WEBHOOK_JWT_KEY / REACTIOND_WEBHOOK_HMAC_SECRET",
        es="webhooks verificados con REACTIOND_WEBHOOK_JWT_KEY / REACTIOND_WEBHOOK_HMAC_SECRET",
        pt="webhooks verificados com REACTIOND_WEBHOOK_JWT_KEY / REACTIOND_WEBHOOK_HMAC_SECRET",
    ),
    "run.secret.none": Text(
        en="webhooks are NOT authenticated (REACTIOND_WEBHOOK_ALLOW_UNAUTHENTICATED)",
        es="los webhooks NO se autentican (REACTIOND_WEBHOOK_ALLOW_UNAUTHENTICATED)",
        pt="os webhooks NÃO são autenticados (REACTIOND_WEBHOOK_ALLOW_UNAUTHENTICATED)",
    ),
    "err.run.cannot_listen": Text(
        en="cannot listen on {host}:{port}: {reason}; "
        "set REACTIOND_PORT to a free port or stop what uses it",
        es="no se puede escuchar en {host}:{port}: {reason}; "
        "pon en REACTIOND_PORT un puerto libre o detén lo que lo usa",
        pt="não é possível escutar em {host}:{port}: {reason}; "
        "defina REACTIOND_PORT com uma porta livre ou pare o que a está usando",
    ),
    # -- queue -------------------------------------------------------------------------
    "app.queue": Text(
        en="Inspect and steer the durable job queue.",
        es="Inspecciona y gestiona la cola de trabajos persistente.",
        pt="Inspeciona e controla a fila persistente de jobs.",
    ),
    "cmd.queue.list": Text(
        en="List jobs, newest first.",
        es="Lista los trabajos, los más recientes primero.",
        pt="Lista os jobs, os mais recentes primeiro.",
    ),
    "opt.queue.status": Text(
        en="queued, running, done, dead or cancelled.",
        es="queued, running, done, dead o cancelled.",
        pt="queued, running, done, dead ou cancelled.",
    ),
    "opt.queue.kind": Text(
        en="Job kind, e.g. reaction.",
        es="Tipo de trabajo, p. ej. reaction.",
        pt="Tipo de job, p. ex. reaction.",
    ),
    "arg.job_id": Text(
        en="The job's id (see `reactiond queue list`).",
        es="El id del trabajo (ver `reactiond queue list`).",
        pt="O id do job (veja `reactiond queue list`).",
    ),
    "cmd.queue.show": Text(
        en="Show one job with its attempts and last error.",
        es="Muestra un trabajo con sus intentos y su último error.",
        pt="Mostra um job com suas tentativas e o último erro.",
    ),
    "err.queue.no_job": Text(
        en="no job {job_id}; `reactiond queue list` shows the ids",
        es="no existe el trabajo {job_id}; `reactiond queue list` muestra los ids",
        pt="não existe o job {job_id}; `reactiond queue list` mostra os ids",
    ),
    "cmd.queue.retry": Text(
        en="Give a dead job a fresh set of attempts, runnable now.",
        es="Da a un trabajo muerto una nueva tanda de intentos, ejecutable ya.",
        pt="Dá a um job morto uma nova série de tentativas, executável agora.",
    ),
    "err.queue.not_dead": Text(
        en="job {job_id} is not dead (or does not exist): only dead jobs are retried",
        es="el trabajo {job_id} no está muerto (o no existe): solo se reintentan "
        "los trabajos muertos",
        pt="o job {job_id} não está morto (ou não existe): só jobs mortos são tentados de novo",
    ),
    "cmd.queue.stats": Text(
        en="Jobs by status and kind, the oldest waiting job, deferred jobs, ignored events.",
        es="Trabajos por estado y tipo, el trabajo en espera más antiguo, los aplazados "
        "y los eventos ignorados.",
        pt="Jobs por status e tipo, o job em espera mais antigo, os adiados e os "
        "eventos ignorados.",
    ),
    # -- parse -------------------------------------------------------------------------
    "cmd.parse": Text(
        en="Parse one message with a parser and show what it understood.",
        es="Analiza un mensaje con un parser y muestra lo que entendió.",
        pt="Analisa uma mensagem com um parser e mostra o que ele entendeu.",
    ),
    "arg.parse.parser": Text(
        en="task, calendar, bill or note.",
        es="task, calendar, bill o note.",
        pt="task, calendar, bill ou note.",
    ),
    "arg.message_text": Text(
        en="The message text.",
        es="El texto del mensaje.",
        pt="O texto da mensagem.",
    ),
    "opt.parse.now": Text(
        en="When the message was sent (ISO 8601; default: the current time).",
        es="Cuándo se envió el mensaje (ISO 8601; por defecto: la hora actual).",
        pt="Quando a mensagem foi enviada (ISO 8601; padrão: a hora atual).",
    ),
    "opt.parse.tz": Text(
        en="Time zone (default: $REACTIOND_DEFAULT_TZ or UTC).",
        es="Zona horaria (por defecto: $REACTIOND_DEFAULT_TZ o UTC).",
        pt="Fuso horário (padrão: $REACTIOND_DEFAULT_TZ ou UTC).",
    ),
    "opt.parse.lang": Text(
        en="Force the language: es, en, pt or fr (default: detect).",
        es="Fuerza el idioma: es, en, pt o fr (por defecto: se detecta).",
        pt="Força o idioma: es, en, pt ou fr (padrão: detectar).",
    ),
    "opt.parse.json": Text(
        en="Print the result as JSON.",
        es="Imprime el resultado como JSON.",
        pt="Imprime o resultado como JSON.",
    ),
    "opt.parse.batch": Text(
        en="Read JSONL cases {{id, parser, text, now, tz}} on stdin; "
        "write one prediction per line on stdout.",
        es="Lee casos JSONL {{id, parser, text, now, tz}} de stdin; "
        "escribe una predicción por línea en stdout.",
        pt="Lê casos JSONL {{id, parser, text, now, tz}} do stdin; "
        "escreve uma predição por linha no stdout.",
    ),
    "err.parse.missing": Text(
        en="give PARSER and TEXT, e.g. reactiond parse task 'buy milk tomorrow', or --batch",
        es="indica PARSER y TEXT, p. ej. reactiond parse task 'comprar leche mañana', "
        "o usa --batch",
        pt="informe PARSER e TEXT, p. ex. reactiond parse task 'comprar leite amanhã', "
        "ou use --batch",
    ),
    "err.parse.batch_failed.one": Text(
        en="{count} line could not be parsed (see above); every other line was answered",
        es="{count} línea no se pudo analizar (ver arriba); las demás se respondieron",
        pt="{count} linha não pôde ser analisada (veja acima); as demais foram respondidas",
    ),
    "err.parse.batch_failed.many": Text(
        en="{count} lines could not be parsed (see above); every other line was answered",
        es="{count} líneas no se pudieron analizar (ver arriba); las demás se respondieron",
        pt="{count} linhas não puderam ser analisadas (veja acima); as demais foram respondidas",
    ),
    "err.unknown_lang": Text(
        en="unknown language {lang!r}: use es, en, pt or fr, or leave --lang out to detect it",
        es="idioma desconocido {lang!r}: usa es, en, pt o fr, u omite --lang para detectarlo",
        pt="idioma desconhecido {lang!r}: use es, en, pt ou fr, ou omita --lang para detectá-lo",
    ),
    "err.parse.bad_now": Text(
        en="--now {now!r} is not an ISO 8601 date-time, e.g. 2026-01-08T09:15",
        es="--now {now!r} no es una fecha y hora ISO 8601, p. ej. 2026-01-08T09:15",
        pt="--now {now!r} não é uma data e hora ISO 8601, p. ex. 2026-01-08T09:15",
    ),
    "parse.unsure": Text(
        en="  guessed: {fields} (the confirmation asks back; a reply corrects it)",
        es="  supuesto: {fields} (la confirmación lo pregunta; una respuesta lo corrige)",
        pt="  suposto: {fields} (a confirmação pergunta; uma resposta corrige)",
    ),
    "parse.unsure.guessed_vendor": Text(
        en="{field} picked from chatty text",
        es="{field} elegido de un texto conversacional",
        pt="{field} escolhido de um texto de conversa",
    ),
    "parse.unsure.day_month_order": Text(
        en="{field}: day and month could swap",
        es="{field}: día y mes podrían invertirse",
        pt="{field}: dia e mês podem estar trocados",
    ),
    "parse.unsure.bare_hour_pm": Text(
        en="{field}: a bare hour read as PM",
        es="{field}: una hora sin am/pm leída como de la tarde",
        pt="{field}: uma hora sem am/pm lida como da tarde",
    ),
    # -- demo --------------------------------------------------------------------------
    "cmd.demo": Text(
        en="Play a short es/en/pt/fr conversation through a throw-away daemon and show the "
        "records and replies it makes. Needs no Evolution and leaves nothing behind.",
        es="Reproduce una breve conversación en es/en/pt/fr con un daemon desechable y muestra "
        "los registros y respuestas que genera. No necesita Evolution y no deja nada atrás.",
        pt="Reproduz uma conversa curta em es/en/pt/fr com um daemon descartável e mostra os "
        "registros e respostas que ele gera. Não precisa do Evolution e não deixa nada para "
        "trás.",
    ),
    # -- backup, restore, doctor -------------------------------------------------------
    "cmd.backup": Text(
        en="Copy the database, consistently, while the daemon runs (SQLite backup API; "
        "on PostgreSQL a logical copy into the same kind of file).",
        es="Copia la base de datos de forma consistente mientras el daemon corre "
        "(API de backup de SQLite; en PostgreSQL, una copia lógica al mismo tipo de archivo).",
        pt="Copia o banco de dados de forma consistente enquanto o daemon roda "
        "(API de backup do SQLite; no PostgreSQL, uma cópia lógica no mesmo tipo de arquivo).",
    ),
    "arg.backup.path": Text(
        en="File (or directory) to write the copy to.",
        es="Archivo (o directorio) donde escribir la copia.",
        pt="Arquivo (ou diretório) onde gravar a cópia.",
    ),
    "cmd.restore": Text(
        en="Put a backup in place as the database. Stop the daemon first.",
        es="Restaura una copia de seguridad como base de datos. Detén el daemon antes.",
        pt="Restaura um backup como banco de dados. Pare o daemon antes.",
    ),
    "arg.restore.path": Text(
        en="A file written by `reactiond backup`.",
        es="Un archivo escrito por `reactiond backup`.",
        pt="Um arquivo gravado por `reactiond backup`.",
    ),
    "cmd.doctor": Text(
        en="Check the installation: each line says ok, or what to do. Exit 1 on a failure.",
        es="Revisa la instalación: cada línea dice ok o qué hacer. Sale con 1 si algo falla.",
        pt="Verifica a instalação: cada linha diz ok ou o que fazer. Sai com 1 se algo falhar.",
    ),
    "opt.doctor.instance": Text(
        en="Evolution instance to check (default: the allowed ones, else those whose "
        "webhooks this data dir has received).",
        es="Instancia de Evolution a revisar (por defecto: las permitidas, si no, aquellas "
        "cuyos webhooks ha recibido este directorio de datos).",
        pt="Instância do Evolution a verificar (padrão: as permitidas, senão aquelas cujos "
        "webhooks este diretório de dados recebeu).",
    ),
    "opt.doctor.offline": Text(
        en="Skip the checks that call Evolution.",
        es="Omite las comprobaciones que llaman a Evolution.",
        pt="Pula as verificações que chamam o Evolution.",
    ),
    "err.doctor.failed.one": Text(
        en="{count} check failed",
        es="{count} comprobación falló",
        pt="{count} verificação falhou",
    ),
    "err.doctor.failed.many": Text(
        en="{count} checks failed",
        es="{count} comprobaciones fallaron",
        pt="{count} verificações falharam",
    ),
    # -- rules -------------------------------------------------------------------------
    "app.rules": Text(
        en="Which emoji creates what: list, add, change and try rules.",
        es="Qué emoji crea qué: lista, añade, cambia y prueba reglas.",
        pt="Qual emoji cria o quê: lista, adiciona, altera e testa regras.",
    ),
    "arg.rule_ref": Text(
        en="Rule id or name.",
        es="Id o nombre de la regla.",
        pt="Id ou nome da regra.",
    ),
    "err.rules.invalid": Text(
        en="invalid rule: {reason}",
        es="regla no válida: {reason}",
        pt="regra inválida: {reason}",
    ),
    "err.rules.not_json": Text(
        en='{what} is not JSON ({reason}); e.g. --{what} \'{{"reply": "chat"}}\'',
        es='{what} no es JSON ({reason}); p. ej. --{what} \'{{"reply": "chat"}}\'',
        pt='{what} não é JSON ({reason}); p. ex. --{what} \'{{"reply": "chat"}}\'',
    ),
    "err.rules.not_object": Text(
        en="{what} must be a JSON object",
        es="{what} debe ser un objeto JSON",
        pt="{what} deve ser um objeto JSON",
    ),
    "cmd.rules.list": Text(
        en="All rules, in the order they were added.",
        es="Todas las reglas, en el orden en que se añadieron.",
        pt="Todas as regras, na ordem em que foram adicionadas.",
    ),
    "cmd.rules.show": Text(
        en="One rule with all its fields.",
        es="Una regla con todos sus campos.",
        pt="Uma regra com todos os seus campos.",
    ),
    "cmd.rules.add": Text(
        en="Add a rule (refused if invalid or if it overlaps an enabled rule).",
        es="Añade una regla (se rechaza si no es válida o si se solapa con una regla activa).",
        pt="Adiciona uma regra (recusada se for inválida ou se conflitar com uma regra ativa).",
    ),
    "opt.rules.name": Text(
        en="A name people will recognise.",
        es="Un nombre que la gente reconozca.",
        pt="Um nome que as pessoas reconheçam.",
    ),
    "opt.rules.emoji": Text(
        en="Trigger emoji (repeatable).",
        es="Emoji que la activa (se puede repetir).",
        pt="Emoji que a aciona (pode ser repetido).",
    ),
    "opt.rules.action": Text(
        en="create_task, create_calendar_event, create_bill or create_note.",
        es="create_task, create_calendar_event, create_bill o create_note.",
        pt="create_task, create_calendar_event, create_bill ou create_note.",
    ),
    "opt.rules.config": Text(
        en="JSON: the action's defaults.",
        es="JSON: los valores por defecto de la acción.",
        pt="JSON: os valores padrão da ação.",
    ),
    "opt.rules.conditions": Text(
        en="JSON: who and where.",
        es="JSON: quién y dónde.",
        pt="JSON: quem e onde.",
    ),
    "opt.rules.job_priority": Text(
        en="Higher runs first.",
        es="Mayor se ejecuta antes.",
        pt="Maior roda primeiro.",
    ),
    "opt.rules.disabled": Text(
        en="Add it switched off.",
        es="Se añade desactivada.",
        pt="É adicionada desativada.",
    ),
    "opt.rules.rule": Text(
        en="The whole rule as JSON instead.",
        es="La regla completa como JSON, en su lugar.",
        pt="A regra inteira como JSON, em vez disso.",
    ),
    "cmd.rules.edit": Text(
        en="Change some fields of a rule; the next reaction uses the change.",
        es="Cambia algunos campos de una regla; la próxima reacción ya usa el cambio.",
        pt="Altera alguns campos de uma regra; a próxima reação já usa a mudança.",
    ),
    "opt.rules.new_name": Text(
        en="New name.",
        es="Nuevo nombre.",
        pt="Novo nome.",
    ),
    "opt.rules.new_emoji": Text(
        en="New triggers (repeatable).",
        es="Nuevos emojis que la activan (se puede repetir).",
        pt="Novos emojis que a acionam (pode ser repetido).",
    ),
    "opt.rules.new_action": Text(
        en="New action: create_task, create_calendar_event, create_bill or create_note.",
        es="Nueva acción: create_task, create_calendar_event, create_bill o create_note.",
        pt="Nova ação: create_task, create_calendar_event, create_bill ou create_note.",
    ),
    "opt.rules.merge_config": Text(
        en="JSON, merged into the config.",
        es="JSON, que se combina con la config.",
        pt="JSON, mesclado à config.",
    ),
    "opt.rules.merge_conditions": Text(
        en="JSON, merged.",
        es="JSON, que se combina.",
        pt="JSON, mesclado.",
    ),
    "opt.rules.new_priority": Text(
        en="New job priority (higher runs first).",
        es="Nueva prioridad del trabajo (mayor se ejecuta antes).",
        pt="Nova prioridade do job (maior roda primeiro).",
    ),
    "err.rules.nothing_to_change": Text(
        en="nothing to change: give --name, --emoji, --action, --config, …",
        es="nada que cambiar: indica --name, --emoji, --action, --config, …",
        pt="nada para alterar: informe --name, --emoji, --action, --config, …",
    ),
    "cmd.rules.enable": Text(
        en="Switch a rule on (refused if it would overlap another enabled rule).",
        es="Activa una regla (se rechaza si se solaparía con otra regla activa).",
        pt="Ativa uma regra (recusado se conflitar com outra regra ativa).",
    ),
    "cmd.rules.disable": Text(
        en="Switch a rule off; its records stay.",
        es="Desactiva una regla; sus registros se conservan.",
        pt="Desativa uma regra; seus registros são mantidos.",
    ),
    "cmd.rules.delete": Text(
        en="Delete a rule; the records it created stay.",
        es="Borra una regla; los registros que creó se conservan.",
        pt="Apaga uma regra; os registros que ela criou são mantidos.",
    ),
    "err.rules.unknown_format": Text(
        en="unknown format {fmt!r}: use json or toml",
        es="formato desconocido {fmt!r}: usa json o toml",
        pt="formato desconhecido {fmt!r}: use json ou toml",
    ),
    "cmd.rules.import": Text(
        en="Add or update (by name) every rule in a file, all or nothing.",
        es="Añade o actualiza (por nombre) cada regla de un archivo, todo o nada.",
        pt="Adiciona ou atualiza (pelo nome) cada regra de um arquivo, tudo ou nada.",
    ),
    "arg.rules.file": Text(
        en="JSON or TOML file (see `rules export`).",
        es="Archivo JSON o TOML (ver `rules export`).",
        pt="Arquivo JSON ou TOML (veja `rules export`).",
    ),
    "opt.rules.format": Text(
        en="json or toml.",
        es="json o toml.",
        pt="json ou toml.",
    ),
    "err.cannot_read": Text(
        en="cannot read {path}: {reason}",
        es="no se puede leer {path}: {reason}",
        pt="não é possível ler {path}: {reason}",
    ),
    "cmd.rules.export": Text(
        en="Write every rule as JSON or TOML (to keep them in git).",
        es="Escribe todas las reglas como JSON o TOML (para guardarlas en git).",
        pt="Grava todas as regras como JSON ou TOML (para mantê-las no git).",
    ),
    "opt.output": Text(
        en="Write here instead of standard output.",
        es="Escribe aquí en lugar de la salida estándar.",
        pt="Grava aqui em vez da saída padrão.",
    ),
    "cmd.rules.test": Text(
        en="Show the parse and exactly what a reaction would create. Saves nothing.",
        es="Muestra el análisis y exactamente lo que crearía una reacción. No guarda nada.",
        pt="Mostra a análise e exatamente o que uma reação criaria. Não salva nada.",
    ),
    "arg.rules.emoji": Text(
        en="The reaction, e.g. 💳.",
        es="La reacción, p. ej. 💳.",
        pt="A reação, p. ex. 💳.",
    ),
    "opt.rules.tz": Text(
        en="Author's zone (default: settings).",
        es="Zona horaria del autor (por defecto: la configuración).",
        pt="Fuso horário do autor (padrão: a configuração).",
    ),
    "opt.rules.now": Text(
        en="When it was sent (ISO 8601).",
        es="Cuándo se envió (ISO 8601).",
        pt="Quando foi enviada (ISO 8601).",
    ),
    "opt.rules.lang": Text(
        en="Force es, en, pt or fr.",
        es="Fuerza es, en, pt o fr.",
        pt="Força es, en, pt ou fr.",
    ),
    "err.rules.bad_tz_or_now": Text(
        en="bad --tz or --now ({reason}): e.g. --tz America/Mexico_City --now 2025-01-14T10:10",
        es="--tz o --now no válidos ({reason}): p. ej. --tz America/Mexico_City "
        "--now 2025-01-14T10:10",
        pt="--tz ou --now inválidos ({reason}): p. ex. --tz America/Sao_Paulo "
        "--now 2025-01-14T10:10",
    ),
    # -- people ------------------------------------------------------------------------
    "app.store": Text(
        en="The database itself: move a SQLite install to PostgreSQL.",
        es="La base de datos: pasar una instalación SQLite a PostgreSQL.",
        pt="O banco de dados: passar uma instalação SQLite para o PostgreSQL.",
    ),
    "cmd.store.copy": Text(
        en="Copy every table of a SQLite database into an empty PostgreSQL one, verified "
        "by row counts and checksums. Stop reactiond first.",
        es="Copia todas las tablas de una base SQLite a una PostgreSQL vacía, verificadas "
        "por número de filas y sumas de control. Detén reactiond antes.",
        pt="Copia todas as tabelas de um banco SQLite para um PostgreSQL vazio, verificadas "
        "por contagem de linhas e somas de verificação. Pare o reactiond antes.",
    ),
    "opt.store.from": Text(
        en="The SQLite database (the data dir's reactiond.db).",
        es="La base SQLite (reactiond.db del directorio de datos).",
        pt="O banco SQLite (reactiond.db do diretório de dados).",
    ),
    "opt.store.to": Text(
        en="The PostgreSQL URL, postgresql://user:password@host/db.",
        es="La URL de PostgreSQL, postgresql://usuario:contraseña@host/bd.",
        pt="A URL do PostgreSQL, postgresql://usuario:senha@host/bd.",
    ),
    "opt.store.replace": Text(
        en="Empty a target that already has rows first.",
        es="Vaciar antes un destino que ya tiene filas.",
        pt="Esvaziar antes um destino que já tem linhas.",
    ),
    "err.store.not_postgres": Text(
        en="--to {target} is not a postgresql:// URL",
        es="--to {target} no es una URL postgresql://",
        pt="--to {target} não é uma URL postgresql://",
    ),
    "err.store.source_running": Text(
        en="reactiond (process {pid}) is running on {source}: stop it first (sudo systemctl"
        " stop reactiond), then copy; what it accepted after the copy would not reach"
        " PostgreSQL",
        es="reactiond (proceso {pid}) está corriendo sobre {source}: detenlo antes (sudo"
        " systemctl stop reactiond) y luego copia; lo que acepte después de la copia no"
        " llegaría a PostgreSQL",
        pt="o reactiond (processo {pid}) está rodando sobre {source}: pare-o antes (sudo"
        " systemctl stop reactiond) e depois copie; o que ele aceitar depois da cópia não"
        " chegaria ao PostgreSQL",
    ),
    "store.copied": Text(
        en="{table}: {rows} rows, verified (sha256 {sha}…)",
        es="{table}: {rows} filas, verificadas (sha256 {sha}…)",
        pt="{table}: {rows} linhas, verificadas (sha256 {sha}…)",
    ),
    "store.copy_done": Text(
        en="copied {rows} rows in {tables} tables; point REACTIOND_DATABASE_URL at the target",
        es="copiadas {rows} filas en {tables} tablas; apunta REACTIOND_DATABASE_URL al destino",
        pt="copiadas {rows} linhas em {tables} tabelas; aponte REACTIOND_DATABASE_URL ao destino",
    ),
    "app.people": Text(
        en="Contacts: list them, set one's time zone and reply language.",
        es="Contactos: lístalos y fija la zona horaria y el idioma de respuesta de cada uno.",
        pt="Contatos: liste-os e defina o fuso horário e o idioma de resposta de cada um.",
    ),
    "cmd.people.list": Text(
        en="Everyone who wrote or reacted, with the zone their messages are read in.",
        es="Todos los que escribieron o reaccionaron, con la zona horaria en que se leen "
        "sus mensajes.",
        pt="Todos que escreveram ou reagiram, com o fuso horário em que suas mensagens são lidas.",
    ),
    "cmd.people.tz": Text(
        en="Set (or clear) the time zone a contact's messages are read in.",
        es="Fija (o borra) la zona horaria en que se leen los mensajes de un contacto.",
        pt="Define (ou limpa) o fuso horário em que as mensagens de um contato são lidas.",
    ),
    "arg.people.who": Text(
        en="Phone number or JID.",
        es="Número de teléfono o JID.",
        pt="Número de telefone ou JID.",
    ),
    "arg.people.zone": Text(
        en="IANA zone, e.g. America/Cancun; omit to clear.",
        es="Zona IANA, p. ej. America/Cancun; omítela para borrarla.",
        pt="Fuso IANA, p. ex. America/Sao_Paulo; omita para limpar.",
    ),
    "cmd.people.language": Text(
        en="Set the language replies to a contact are written in, or auto: the language "
        "they write in.",
        es="Fija el idioma en que se le responde a un contacto, o auto: el idioma en que escribe.",
        pt="Define o idioma em que se responde a um contato, ou auto: o idioma em que ele escreve.",
    ),
    "arg.people.reply_language": Text(
        en="es, en, pt or fr; auto to follow the language of their messages.",
        es="es, en, pt o fr; auto para seguir el idioma de sus mensajes.",
        pt="es, en, pt ou fr; auto para seguir o idioma das mensagens da pessoa.",
    ),
    "ok.people.language_set": Text(
        en="{who}: replies in {language}",
        es="{who}: se le responde en {language}",
        pt="{who}: respostas em {language}",
    ),
    "ok.people.language_auto": Text(
        en="{who}: replies in the language they write in (from their next message)",
        es="{who}: se le responde en el idioma en que escribe (desde su próximo mensaje)",
        pt="{who}: respostas no idioma em que a pessoa escreve (a partir da próxima mensagem)",
    ),
    "err.people.language": Text(
        en="{language!r} is not a reply language; use es, en, pt, fr or auto",
        es="{language!r} no es un idioma de respuesta; usa es, en, pt, fr o auto",
        pt="{language!r} não é um idioma de resposta; use es, en, pt, fr ou auto",
    ),
    "err.people.nobody": Text(
        en="nobody with {who!r} has written or reacted yet; `reactiond people list` shows who "
        "reactiond knows",
        es="nadie con {who!r} ha escrito ni reaccionado todavía; `reactiond people list` "
        "muestra a quién conoce reactiond",
        pt="ninguém com {who!r} escreveu ou reagiu ainda; `reactiond people list` mostra quem o "
        "reactiond conhece",
    ),
    "cmd.people.digest": Text(
        en="Send a contact (or the owner) the daily digest at a local time, or stop it.",
        es="Envía a un contacto (o al dueño) el resumen diario a una hora local, o detenlo.",
        pt="Envia a um contato (ou ao dono) o resumo diário num horário local, ou o interrompe.",
    ),
    "arg.people.at": Text(
        en="Local time, HH:MM (24-hour); default 08:00 or the time already set.",
        es="Hora local, HH:MM (24 horas); por omisión 08:00 o la ya fijada.",
        pt="Horário local, HH:MM (24 horas); padrão 08:00 ou o já definido.",
    ),
    "opt.people.off": Text(
        en="Stop the daily digest.",
        es="Detén el resumen diario.",
        pt="Interrompe o resumo diário.",
    ),
    "opt.people.language": Text(
        en="Language of the digest: es, en, pt or fr (default: theirs).",
        es="Idioma del resumen: es, en, pt o fr (por omisión, el suyo).",
        pt="Idioma do resumo: es, en, pt ou fr (padrão: o da pessoa).",
    ),
    "ok.people.digest_on": Text(
        en="{who}: daily digest at {at} ({tz}, {language})",
        es="{who}: resumen diario a las {at} ({tz}, {language})",
        pt="{who}: resumo diário às {at} ({tz}, {language})",
    ),
    "ok.people.digest_off": Text(
        en="{who}: daily digest off",
        es="{who}: resumen diario detenido",
        pt="{who}: resumo diário desligado",
    ),
    # -- tasks, events, bills, notes ---------------------------------------------------
    "app.tasks": Text(
        en="Tasks created by reactions: list them, mark them done.",
        es="Tareas creadas por reacciones: lístalas y márcalas como hechas.",
        pt="Tarefas criadas por reações: liste-as e marque-as como feitas.",
    ),
    "app.events": Text(
        en="Calendar events created by reactions.",
        es="Eventos de calendario creados por reacciones.",
        pt="Eventos de calendário criados por reações.",
    ),
    "app.bills": Text(
        en="Bills created by reactions: list them, mark them paid.",
        es="Cuentas creadas por reacciones: lístalas y márcalas como pagadas.",
        pt="Contas criadas por reações: liste-as e marque-as como pagas.",
    ),
    "app.notes": Text(
        en="Notes created by reactions.",
        es="Notas creadas por reacciones.",
        pt="Notas criadas por reações.",
    ),
    "cmd.tasks.list": Text(
        en="List tasks with filters (soonest first where they have a date).",
        es="Lista las tareas con filtros (las más próximas primero si tienen fecha).",
        pt="Lista as tarefas com filtros (as mais próximas primeiro quando têm data).",
    ),
    "cmd.events.list": Text(
        en="List events with filters (soonest first).",
        es="Lista los eventos con filtros (los más próximos primero).",
        pt="Lista os eventos com filtros (os mais próximos primeiro).",
    ),
    "cmd.bills.list": Text(
        en="List bills with filters (soonest due first).",
        es="Lista las cuentas con filtros (las que vencen antes, primero).",
        pt="Lista as contas com filtros (as que vencem antes, primeiro).",
    ),
    "cmd.notes.list": Text(
        en="List notes with filters.",
        es="Lista las notas con filtros.",
        pt="Lista as notas com filtros.",
    ),
    "opt.records.status": Text(
        en="{statuses} (comma-separated).",
        es="{statuses} (separados por comas).",
        pt="{statuses} (separados por vírgulas).",
    ),
    "opt.records.from": Text(
        en="On or after YYYY-MM-DD[THH:MM] (local).",
        es="En o después de YYYY-MM-DD[THH:MM] (hora local).",
        pt="Em ou depois de YYYY-MM-DD[THH:MM] (hora local).",
    ),
    "opt.records.to": Text(
        en="On or before YYYY-MM-DD[THH:MM] (local).",
        es="En o antes de YYYY-MM-DD[THH:MM] (hora local).",
        pt="Em ou antes de YYYY-MM-DD[THH:MM] (hora local).",
    ),
    "opt.records.reactor": Text(
        en="Who reacted: phone number or JID.",
        es="Quién reaccionó: número de teléfono o JID.",
        pt="Quem reagiu: número de telefone ou JID.",
    ),
    "opt.records.chat": Text(
        en="Chat JID (or phone number).",
        es="JID del chat (o número de teléfono).",
        pt="JID do chat (ou número de telefone).",
    ),
    "opt.records.text": Text(
        en="Words to look for.",
        es="Palabras a buscar.",
        pt="Palavras a procurar.",
    ),
    "opt.records.sort": Text(
        en="{choices}; a leading - sorts descending, e.g. -created.",
        es="{choices}; con - delante, orden descendente, p. ej. -created.",
        pt="{choices}; com - na frente, ordem decrescente, p. ex. -created.",
    ),
    "opt.records.tz": Text(
        en="Show times in this zone (default: each record's).",
        es="Muestra las horas en esta zona (por defecto: la de cada registro).",
        pt="Mostra os horários neste fuso (padrão: o de cada registro).",
    ),
    "err.records.no_date": Text(
        en="{kind} have no date: drop --from/--to",
        es="los registros {kind} no tienen fecha: quita --from/--to",
        pt="os registros {kind} não têm data: remova --from/--to",
    ),
    "cmd.tasks.done": Text(
        en="Mark an open task done.",
        es="Marca una tarea abierta como hecha.",
        pt="Marca uma tarefa aberta como feita.",
    ),
    "cmd.tasks.reopen": Text(
        en="Open a done or cancelled task again (its reminders are planned again).",
        es="Reabre una tarea hecha o cancelada (sus recordatorios se vuelven a planear).",
        pt="Reabre uma tarefa feita ou cancelada (seus lembretes são planejados de novo).",
    ),
    "arg.task_id": Text(
        en="The task's id (see `reactiond tasks list`).",
        es="El id de la tarea (ver `reactiond tasks list`).",
        pt="O id da tarefa (veja `reactiond tasks list`).",
    ),
    "cmd.bills.paid": Text(
        en="Mark a pending bill paid.",
        es="Marca una cuenta pendiente como pagada.",
        pt="Marca uma conta pendente como paga.",
    ),
    "arg.bill_id": Text(
        en="The bill's id (see `reactiond bills list`).",
        es="El id de la cuenta (ver `reactiond bills list`).",
        pt="O id da conta (veja `reactiond bills list`).",
    ),
    # -- outbox, evolution -------------------------------------------------------------
    "app.outbox": Text(
        en="Replies waiting to go out, sent, or dead.",
        es="Respuestas en espera de salir, enviadas o muertas.",
        pt="Respostas aguardando envio, enviadas ou mortas.",
    ),
    "cmd.outbox.list": Text(
        en="The newest replies with their text's first line, optionally of one status (dead "
        "ones carry their reason); `outbox show ID` gives the whole text.",
        es="Las respuestas más recientes con la primera línea de su texto, opcionalmente de "
        "un estado (las muertas indican el motivo); `outbox show ID` da el texto completo.",
        pt="As respostas mais recentes com a primeira linha do texto, opcionalmente de um "
        "status (as mortas trazem o motivo); `outbox show ID` dá o texto completo.",
    ),
    "opt.outbox.status": Text(
        en="pending | sending | sent | dead | cancelled",
        es="pending | sending | sent | dead | cancelled",
        pt="pending | sending | sent | dead | cancelled",
    ),
    "cmd.outbox.show": Text(
        en="Show one reply with its whole text, attempts and last error.",
        es="Muestra una respuesta con su texto completo, intentos y último error.",
        pt="Mostra uma resposta com o texto completo, tentativas e último erro.",
    ),
    "err.outbox.no_reply": Text(
        en="no reply {reply_id}; `reactiond outbox list` shows them",
        es="no hay respuesta {reply_id}; `reactiond outbox list` las muestra",
        pt="não há resposta {reply_id}; `reactiond outbox list` as mostra",
    ),
    "cmd.outbox.retry": Text(
        en="Send a dead reply again now (the running daemon picks it up within 30 s).",
        es="Vuelve a enviar ya una respuesta muerta (el daemon en marcha la recoge en 30 s).",
        pt="Envia de novo agora uma resposta morta (o daemon em execução a pega em 30 s).",
    ),
    "arg.reply_id": Text(
        en="The reply's id (see `reactiond outbox list`).",
        es="El id de la respuesta (ver `reactiond outbox list`).",
        pt="O id da resposta (veja `reactiond outbox list`).",
    ),
    "err.outbox.not_retryable": Text(
        en="reply {reply_id} is not dead or waiting (or does not exist)",
        es="la respuesta {reply_id} no está muerta ni en espera (o no existe)",
        pt="a resposta {reply_id} não está morta nem aguardando (ou não existe)",
    ),
    "app.evolution": Text(
        en="Set up the Evolution API instance.",
        es="Configura la instancia de Evolution API.",
        pt="Configura a instância da Evolution API.",
    ),
    "cmd.evolution.connect": Text(
        en="Point INSTANCE's webhook at this daemon with the right events and the secret header.",
        es="Apunta el webhook de INSTANCE a este daemon con los eventos correctos y la "
        "cabecera secreta.",
        pt="Aponta o webhook de INSTANCE para este daemon com os eventos certos e o "
        "cabeçalho secreto.",
    ),
    "arg.evolution.instance": Text(
        en="The Evolution instance name.",
        es="El nombre de la instancia de Evolution.",
        pt="O nome da instância do Evolution.",
    ),
    "opt.evolution.url": Text(
        en="How Evolution reaches reactiond (default http://HOST:PORT from settings).",
        es="Cómo llega Evolution a reactiond (por defecto http://HOST:PORT de la configuración).",
        pt="Como o Evolution chega ao reactiond (padrão http://HOST:PORT da configuração).",
    ),
    "err.evolution.refused": Text(
        en="Evolution refused: {reason}",
        es="Evolution lo rechazó: {reason}",
        pt="O Evolution recusou: {reason}",
    ),
    # -- export, feeds -----------------------------------------------------------------
    "app.export": Text(
        en="Write records as CSV or iCalendar.",
        es="Escribe registros como CSV o iCalendar.",
        pt="Grava registros como CSV ou iCalendar.",
    ),
    "cmd.export.csv": Text(
        en="All matching records of one kind as CSV (UTF-8, one header row, ISO dates).",
        es="Todos los registros de un tipo que coinciden, como CSV (UTF-8, una fila de "
        "cabecera, fechas ISO).",
        pt="Todos os registros de um tipo que correspondem, como CSV (UTF-8, uma linha de "
        "cabeçalho, datas ISO).",
    ),
    "arg.export.kind": Text(
        en="tasks, calendar-events (or events), bills, notes",
        es="tasks, calendar-events (o events), bills, notes",
        pt="tasks, calendar-events (ou events), bills, notes",
    ),
    "opt.export.status": Text(
        en="Status, or several with commas.",
        es="Estado, o varios separados por comas.",
        pt="Status, ou vários separados por vírgulas.",
    ),
    "opt.export.from": Text(
        en="Due (start, for events) on or after: 2026-01-15[T09:30].",
        es="Vencimiento (inicio, en eventos) en o después de: 2026-01-15[T09:30].",
        pt="Vencimento (início, para eventos) em ou depois de: 2026-01-15[T09:30].",
    ),
    "opt.export.to": Text(
        en="Due (start) on or before this day or time.",
        es="Vencimiento (inicio) en o antes de este día u hora.",
        pt="Vencimento (início) em ou antes deste dia ou horário.",
    ),
    "opt.export.reactor": Text(
        en="Only this reactor: a phone number or JID.",
        es="Solo de quien reaccionó: un número de teléfono o JID.",
        pt="Só de quem reagiu: um número de telefone ou JID.",
    ),
    "opt.export.chat": Text(
        en="Only this chat: a JID or phone number.",
        es="Solo este chat: un JID o número de teléfono.",
        pt="Só este chat: um JID ou número de telefone.",
    ),
    "opt.export.search": Text(
        en="Text to look for.",
        es="Texto a buscar.",
        pt="Texto a procurar.",
    ),
    "opt.export.sort": Text(
        en="id, created, updated, due or start; -x descending.",
        es="id, created, updated, due o start; -x descendente.",
        pt="id, created, updated, due ou start; -x decrescente.",
    ),
    "err.export.unknown_kind": Text(
        en="unknown kind {kind!r}: use {choices}",
        es="tipo desconocido {kind!r}: usa {choices}",
        pt="tipo desconhecido {kind!r}: use {choices}",
    ),
    "err.export.no_date": Text(
        en="{kind} have no date to filter on: leave out --from/--to",
        es="los registros {kind} no tienen fecha por la que filtrar: quita --from/--to",
        pt="os registros {kind} não têm data para filtrar: remova --from/--to",
    ),
    "cmd.export.ics": Text(
        en="Events, bills (all-day on their due date) and dated tasks as one iCalendar file.",
        es="Eventos, cuentas (de día completo en su vencimiento) y tareas con fecha en un "
        "solo archivo iCalendar.",
        pt="Eventos, contas (o dia inteiro no vencimento) e tarefas com data em um único "
        "arquivo iCalendar.",
    ),
    "opt.export.kind": Text(
        en="Only calendar-events, bills or tasks (default: all).",
        es="Solo calendar-events, bills o tasks (por defecto: todos).",
        pt="Só calendar-events, bills ou tasks (padrão: todos).",
    ),
    "app.feeds": Text(
        en="Calendar feeds: secret URLs that calendar apps subscribe to.",
        es="Feeds de calendario: URLs secretas a las que se suscriben las apps de calendario.",
        pt="Feeds de calendário: URLs secretas que os apps de calendário assinam.",
    ),
    "opt.feeds.base_url": Text(
        en="How calendar apps reach reactiond, e.g. https://me.example (default: the bind).",
        es="Cómo llegan las apps de calendario a reactiond, p. ej. https://me.example "
        "(por defecto: la dirección de escucha).",
        pt="Como os apps de calendário chegam ao reactiond, p. ex. https://me.example "
        "(padrão: o endereço de escuta).",
    ),
    "cmd.feeds.create": Text(
        en="Create a feed and print its URL (shown once).",
        es="Crea un feed e imprime su URL (se muestra una sola vez).",
        pt="Cria um feed e imprime sua URL (mostrada uma única vez).",
    ),
    "arg.feeds.name": Text(
        en="Who or what it is for, e.g. 'Ana' or 'Bills'.",
        es="Para quién o para qué es, p. ej. 'Ana' o 'Cuentas'.",
        pt="Para quem ou para que é, p. ex. 'Ana' ou 'Contas'.",
    ),
    "opt.feeds.kind": Text(
        en="Only calendar-events, bills or tasks.",
        es="Solo calendar-events, bills o tasks.",
        pt="Só calendar-events, bills ou tasks.",
    ),
    "opt.feeds.window_days": Text(
        en="Days back the feed shows, with everything ahead (0: every record;"
        " default REACTIOND_FEED_WINDOW_DAYS, 90).",
        es="Días hacia atrás que muestra el feed, con todo lo que viene (0: todos los"
        " registros; por omisión REACTIOND_FEED_WINDOW_DAYS, 90).",
        pt="Dias para trás que o feed mostra, com tudo o que vem (0: todos os registros;"
        " por padrão REACTIOND_FEED_WINDOW_DAYS, 90).",
    ),
    "cmd.feeds.list": Text(
        en="Feeds with their filters (URLs are not kept: rotate a feed to get a new one).",
        es="Los feeds con sus filtros (las URLs no se guardan: rota un feed para obtener "
        "una nueva).",
        pt="Os feeds com seus filtros (as URLs não são guardadas: rotacione um feed para "
        "obter uma nova).",
    ),
    "cmd.feeds.rotate": Text(
        en="Give a feed a new URL; the old one stops working at once.",
        es="Da a un feed una URL nueva; la anterior deja de funcionar al instante.",
        pt="Dá a um feed uma URL nova; a antiga para de funcionar na hora.",
    ),
    "arg.feed_id": Text(
        en="The feed's id (see `reactiond feeds list`).",
        es="El id del feed (ver `reactiond feeds list`).",
        pt="O id do feed (veja `reactiond feeds list`).",
    ),
    "cmd.feeds.revoke": Text(
        en="Stop a feed: its URL answers 404 from now on.",
        es="Detiene un feed: su URL responde 404 a partir de ahora.",
        pt="Desativa um feed: sua URL responde 404 daqui em diante.",
    ),
    # -- confirmations and empty results (tables and `key: value` dumps stay as they are)
    "ok.queue.none": Text(en="no jobs", es="no hay trabajos", pt="nenhum job"),
    "ok.queue.retried": Text(
        en="job {job_id} queued again",
        es="trabajo {job_id} en cola de nuevo",
        pt="job {job_id} na fila de novo",
    ),
    "ok.tasks.none": Text(en="no tasks", es="no hay tareas", pt="nenhuma tarefa"),
    "ok.events.none": Text(en="no events", es="no hay eventos", pt="nenhum evento"),
    "ok.bills.none": Text(en="no bills", es="no hay cuentas", pt="nenhuma conta"),
    "ok.notes.none": Text(en="no notes", es="no hay notas", pt="nenhuma nota"),
    "ok.backup.written": Text(
        en="backup written: {path} ({size} MB, schema v{schema}, integrity ok; {tables})",
        es="copia escrita: {path} ({size} MB, esquema v{schema}, integridad ok; {tables})",
        pt="backup gravado: {path} ({size} MB, esquema v{schema}, integridade ok; {tables})",
    ),
    "ok.restore.done": Text(
        en="restored {source} into {path} (schema v{schema}; {tables}); start reactiond again",
        es="restaurado {source} en {path} (esquema v{schema}; {tables}); vuelve a iniciar "
        "reactiond",
        pt="restaurado {source} em {path} (esquema v{schema}; {tables}); inicie o reactiond "
        "de novo",
    ),
    "ok.tasks.done": Text(
        en="task {id} done: {title}",
        es="tarea {id} hecha: {title}",
        pt="tarefa {id} feita: {title}",
    ),
    "ok.tasks.reopened": Text(
        en="task {id} open again: {title}",
        es="tarea {id} abierta de nuevo: {title}",
        pt="tarefa {id} aberta de novo: {title}",
    ),
    "ok.bills.paid": Text(
        en="bill {id} paid: {vendor} {amount} {currency}",
        es="cuenta {id} pagada: {vendor} {amount} {currency}",
        pt="conta {id} paga: {vendor} {amount} {currency}",
    ),
    "ok.rules.added": Text(
        en="rule {id} '{name}' added",
        es="regla {id} '{name}' añadida",
        pt="regra {id} '{name}' adicionada",
    ),
    "ok.rules.changed": Text(
        en="rule {id} '{name}' changed",
        es="regla {id} '{name}' cambiada",
        pt="regra {id} '{name}' alterada",
    ),
    "ok.rules.enabled": Text(
        en="rule {id} '{name}' enabled",
        es="regla {id} '{name}' activada",
        pt="regra {id} '{name}' ativada",
    ),
    "ok.rules.disabled": Text(
        en="rule {id} '{name}' disabled",
        es="regla {id} '{name}' desactivada",
        pt="regra {id} '{name}' desativada",
    ),
    "ok.rules.deleted": Text(
        en="rule {id} '{name}' deleted",
        es="regla {id} '{name}' borrada",
        pt="regra {id} '{name}' apagada",
    ),
    "ok.rules.imported.one": Text(
        en="{count} rule imported: {names}",
        es="{count} regla importada: {names}",
        pt="{count} regra importada: {names}",
    ),
    "ok.rules.imported.many": Text(
        en="{count} rules imported: {names}",
        es="{count} reglas importadas: {names}",
        pt="{count} regras importadas: {names}",
    ),
    "ok.rules.written": Text(
        en="rules written to {path}",
        es="reglas escritas en {path}",
        pt="regras gravadas em {path}",
    ),
    "ok.rules.test_none": Text(
        en="no enabled rule is triggered by {emoji}: nothing would be created",
        es="ninguna regla activa se dispara con {emoji}: no se crearía nada",
        pt="nenhuma regra ativa é acionada por {emoji}: nada seria criado",
    ),
    "ok.rules.test_saved_nothing": Text(
        en="(nothing was saved)",
        es="(no se guardó nada)",
        pt="(nada foi salvo)",
    ),
    "ok.people.tz_cleared": Text(
        en="zone cleared (phone number or default)",
        es="zona borrada (se usa la del número de teléfono o la predeterminada)",
        pt="fuso removido (vale o do número de telefone ou o padrão)",
    ),
    "ok.outbox.none": Text(en="no replies", es="no hay respuestas", pt="nenhuma resposta"),
    "ok.outbox.none_with_status": Text(
        en="no replies with status {status}",
        es="no hay respuestas con estado {status}",
        pt="nenhuma resposta com status {status}",
    ),
    "ok.outbox.retried": Text(
        en="reply {reply_id} queued again",
        es="respuesta {reply_id} en cola de nuevo",
        pt="resposta {reply_id} na fila de novo",
    ),
    "ok.evolution.unconfirmed": Text(
        en="webhook set for {instance}; Evolution did not report it back (check it)",
        es="webhook configurado para {instance}; Evolution no lo confirmó (revísalo)",
        pt="webhook configurado para {instance}; o Evolution não o confirmou (verifique)",
    ),
    "ok.evolution.connected": Text(
        en="webhook for {instance} → {url} ({events})",
        es="webhook de {instance} → {url} ({events})",
        pt="webhook de {instance} → {url} ({events})",
    ),
    "ok.export.wrote": Text(
        en="wrote {path}",
        es="archivo escrito: {path}",
        pt="arquivo gravado: {path}",
    ),
    "ok.feeds.created": Text(
        en="feed {id} ({name}) created; subscribe to:",
        es="feed {id} ({name}) creado; suscríbete a:",
        pt="feed {id} ({name}) criado; assine:",
    ),
    "ok.feeds.rotated": Text(
        en="feed {id} ({name}) rotated; subscribe to:",
        es="feed {id} ({name}) rotado; suscríbete a:",
        pt="feed {id} ({name}) rotacionado; assine:",
    ),
    "ok.feeds.url_once": Text(
        en="This URL is shown only now: keep it. `reactiond feeds rotate {id}` makes a new "
        "one (and stops this one).",
        es="Esta URL solo se muestra ahora: guárdala. `reactiond feeds rotate {id}` crea "
        "una nueva (y desactiva esta).",
        pt="Esta URL só é mostrada agora: guarde-a. `reactiond feeds rotate {id}` cria "
        "uma nova (e desativa esta).",
    ),
    "ok.feeds.loopback": Text(
        en="Note: a phone cannot reach {host}, only this machine can. Give the address your "
        "phone's calendar uses to reach reactiond: `reactiond feeds rotate {id} --base-url "
        "https://reactiond.example` (a reverse proxy with HTTPS; see docs/api.md).",
        es="Atención: un teléfono no puede llegar a {host}, solo esta máquina. Da la "
        "dirección con la que el calendario del teléfono llega a reactiond: `reactiond feeds "
        "rotate {id} --base-url https://reactiond.example` (un proxy inverso con HTTPS; ver "
        "docs/api.md).",
        pt="Atenção: um telefone não consegue acessar {host}, só esta máquina. Dê o endereço "
        "com que o calendário do telefone chega ao reactiond: `reactiond feeds rotate {id} "
        "--base-url https://reactiond.example` (um proxy reverso com HTTPS; veja docs/api.md).",
    ),
    "ok.feeds.none": Text(
        en="no feeds; `reactiond feeds create NAME` makes one",
        es="no hay feeds; `reactiond feeds create NAME` crea uno",
        pt="nenhum feed; `reactiond feeds create NAME` cria um",
    ),
    "ok.feeds.revoked": Text(
        en="feed {id} revoked",
        es="feed {id} revocado",
        pt="feed {id} revogado",
    ),
    # -- table headers and cells -----------------------------------------------------------
    "col.id": Text(en="ID", es="ID", pt="ID"),
    "col.kind": Text(en="KIND", es="TIPO", pt="TIPO"),
    "col.status": Text(en="STATUS", es="ESTADO", pt="ESTADO"),
    "col.tries": Text(en="TRIES", es="INTENTOS", pt="TENTATIVAS"),
    "col.run_or_error": Text(
        en="RUN AT / LAST ERROR", es="EJECUCIÓN / ÚLTIMO ERROR", pt="EXECUÇÃO / ÚLTIMO ERRO"
    ),
    "col.jid": Text(en="JID", es="JID", pt="JID"),
    "col.zone": Text(en="ZONE", es="ZONA", pt="FUSO"),
    "col.name": Text(en="NAME", es="NOMBRE", pt="NOME"),
    "col.on": Text(en="ON", es="ACTIVA", pt="ATIVA"),
    "col.emoji": Text(en="EMOJI", es="EMOJI", pt="EMOJI"),
    "col.action": Text(en="ACTION", es="ACCIÓN", pt="AÇÃO"),
    "col.priority": Text(en="PRIO", es="PRIO", pt="PRIO"),
    "col.due": Text(en="DUE", es="VENCE", pt="VENCE"),
    "col.title": Text(en="TITLE", es="TÍTULO", pt="TÍTULO"),
    "col.start": Text(en="START", es="INICIO", pt="INÍCIO"),
    "col.duration_minutes": Text(en="MINUTES", es="MINUTOS", pt="MINUTOS"),
    "col.amount": Text(en="AMOUNT", es="MONTO", pt="VALOR"),
    "col.currency": Text(en="CURRENCY", es="MONEDA", pt="MOEDA"),
    "col.vendor": Text(en="VENDOR", es="PROVEEDOR", pt="FORNECEDOR"),
    "col.created_at": Text(en="CREATED", es="CREADA", pt="CRIADA"),
    "word.yes": Text(en="yes", es="sí", pt="sim"),
    "word.no": Text(en="no", es="no", pt="não"),
    # -- reactiond trace (issue 19) -------------------------------------------------------
    "cmd.trace": Text(
        en="What happened to one message or reaction: who reacted, the rule that fired (or"
        " why none did), the parse, the records made and every reply with its status.",
        es="Qué pasó con un mensaje o una reacción: quién reaccionó, la regla que actuó (o"
        " por qué ninguna), el análisis, los registros creados y cada respuesta con su estado.",
        pt="O que aconteceu com uma mensagem ou reação: quem reagiu, a regra que agiu (ou"
        " por que nenhuma), a análise, os registros criados e cada resposta com seu estado.",
    ),
    "arg.trace.id": Text(
        en="The WhatsApp message id (a record's source.message_id), or with --reaction a"
        " reaction's: reactiond's number for it or its WhatsApp id.",
        es="El id del mensaje de WhatsApp (source.message_id de un registro), o con"
        " --reaction el de una reacción: su número en reactiond o su id de WhatsApp.",
        pt="O id da mensagem do WhatsApp (source.message_id de um registro), ou com"
        " --reaction o de uma reação: seu número no reactiond ou seu id do WhatsApp.",
    ),
    "opt.trace.instance": Text(
        en="The instance, when the id was seen on several.",
        es="La instancia, si el id se vio en varias.",
        pt="A instância, se o id foi visto em várias.",
    ),
    "opt.trace.reaction": Text(
        en="The id is a reaction's, not a message's: reactiond's number for it (as on the"
        ' Today page, or "Reaction #N" in a trace) or its WhatsApp id (the reaction\'s'
        " key.id in the webhook payload).",
        es="El id es de una reacción, no de un mensaje: el número que le da reactiond (como"
        ' en la página Hoy, o "Reacción #N" en una traza) o su id de WhatsApp (key.id de'
        " la reacción en el payload del webhook).",
        pt="O id é de uma reação, não de uma mensagem: o número que o reactiond lhe dá (como"
        ' na página Hoje, ou "Reação #N" num rastro) ou seu id do WhatsApp (key.id da'
        " reação no payload do webhook).",
    ),
    "trace.message": Text(en="Message", es="Mensaje", pt="Mensagem"),
    "trace.media.kept": Text(en="bytes kept", es="bytes guardados", pt="bytes guardados"),
    "trace.media.pruned": Text(en="bytes pruned", es="bytes borrados", pt="bytes apagados"),
    "trace.media.not_fetched": Text(
        en="bytes not fetched", es="bytes sin descargar", pt="bytes não baixados"
    ),
    "trace.unseen": Text(
        en="(the message never reached reactiond)",
        es="(el mensaje nunca llegó a reactiond)",
        pt="(a mensagem nunca chegou ao reactiond)",
    ),
    "trace.reaction": Text(
        en="Reaction #{id} {emoji} by {who} at {at}",
        es="Reacción #{id} {emoji} de {who} el {at}",
        pt="Reação #{id} {emoji} de {who} em {at}",
    ),
    "trace.removed": Text(en="(removed)", es="(quitada)", pt="(removida)"),
    "trace.rule": Text(
        en="rule {rule} ({action}): {outcome}",
        es="regla {rule} ({action}): {outcome}",
        pt="regra {rule} ({action}): {outcome}",
    ),
    "trace.parse": Text(
        en="parse: {parser} · language {lang} · confidence {confidence}",
        es="análisis: {parser} · idioma {lang} · confianza {confidence}",
        pt="análise: {parser} · idioma {lang} · confiança {confidence}",
    ),
    "trace.record": Text(en="record", es="registro", pt="registro"),
    "trace.reply": Text(
        en="reply #{id} [{status}] to {to}",
        es="respuesta #{id} [{status}] a {to}",
        pt="resposta #{id} [{status}] para {to}",
    ),
    "trace.last_error": Text(en="last error", es="último error", pt="último erro"),
    "trace.no_rule": Text(en="no rule fired", es="ninguna regla actuó", pt="nenhuma regra agiu"),
    "trace.gave_up_unseen": Text(
        en="gave up at {at}: the message had not been seen",
        es="se dio por vencida el {at}: el mensaje no se había visto",
        pt="desistiu em {at}: a mensagem não tinha sido vista",
    ),
    "trace.run_again": Text(
        en="run again when the message arrived, at {at}",
        es="ejecutada de nuevo cuando llegó el mensaje, el {at}",
        pt="executada de novo quando a mensagem chegou, em {at}",
    ),
    "app.talk": Text(
        en="What reactiond does with what people write to it in WhatsApp, and who may ask.",
        es="Qué hace reactiond con lo que le escriben en WhatsApp, y quién puede preguntar.",
        pt="O que o reactiond faz com o que lhe escrevem no WhatsApp, e quem pode perguntar.",
    ),
    "cmd.talk.show": Text(
        en="Show the talk rules (the settings' defaults until some are stored).",
        es="Muestra las reglas de conversación (las de la configuración hasta guardar otras).",
        pt="Mostra as regras de conversa (as da configuração até guardar outras).",
    ),
    "cmd.talk.on": Text(
        en="Turn on questions, contacts, digest, corrections, ticks or edits.",
        es="Activa questions, contacts, digest, corrections, ticks o edits.",
        pt="Ativa questions, contacts, digest, corrections, ticks ou edits.",
    ),
    "cmd.talk.off": Text(
        en="Turn off questions, contacts, digest, corrections, ticks or edits.",
        es="Desactiva questions, contacts, digest, corrections, ticks o edits.",
        pt="Desativa questions, contacts, digest, corrections, ticks ou edits.",
    ),
    "cmd.talk.allow": Text(
        en="Let one person ask questions in their direct chat with you.",
        es="Deja que una persona haga preguntas en su chat directo contigo.",
        pt="Deixa uma pessoa fazer perguntas na conversa direta com você.",
    ),
    "cmd.talk.disallow": Text(
        en="Stop answering one person's questions in their direct chat.",
        es="Deja de responder las preguntas de una persona en su chat directo.",
        pt="Para de responder as perguntas de uma pessoa na conversa direta.",
    ),
    "arg.talk.what": Text(
        en="questions, contacts, digest, corrections, ticks or edits",
        es="questions, contacts, digest, corrections, ticks o edits",
        pt="questions, contacts, digest, corrections, ticks ou edits",
    ),
    "arg.talk.who": Text(
        en="A phone number (country code first) or a JID.",
        es="Un número de teléfono (con código de país) o un JID.",
        pt="Um número de telefone (com código do país) ou um JID.",
    ),
    "talk.on": Text(en="on", es="sí", pt="sim"),
    "talk.off": Text(en="off", es="no", pt="não"),
    "talk.from_settings": Text(
        en="(none stored yet: REACTIOND_QUESTIONS and REACTIOND_QUESTIONS_FROM_CONTACTS apply)",
        es="(nada guardado aún: valen REACTIOND_QUESTIONS y REACTIOND_QUESTIONS_FROM_CONTACTS)",
        pt="(nada guardado ainda: valem REACTIOND_QUESTIONS e REACTIOND_QUESTIONS_FROM_CONTACTS)",
    ),
    "talk.what.questions": Text(
        en='answer questions in your own chat ("¿qué tengo hoy?")',
        es="responder preguntas en tu propio chat («¿qué tengo hoy?»)",
        pt="responder perguntas na sua própria conversa («o que tenho hoje?»)",
    ),
    "talk.what.contacts": Text(
        en="any contact may ask in their direct chat (their own records)",
        es="cualquier contacto puede preguntar en su chat directo (sus registros)",
        pt="qualquer contato pode perguntar na conversa direta (os registros dele)",
    ),
    "talk.what.digest": Text(
        en='"resumen diario 8:00" in the chat turns the daily digest on',
        es="«resumen diario 8:00» en el chat activa el resumen diario",
        pt="«resumo diário 8h» na conversa ativa o resumo diário",
    ),
    "talk.what.corrections": Text(
        en="a reply quoting a confirmation corrects the record",
        es="una respuesta que cita una confirmación corrige el registro",
        pt="uma resposta citando uma confirmação corrige o registro",
    ),
    "talk.what.ticks": Text(
        en="✅/❌ on a confirmation or reminder closes or cancels it",
        es="✅/❌ en una confirmación o recordatorio lo cierra o cancela",
        pt="✅/❌ numa confirmação ou lembrete fecha ou cancela",
    ),
    "talk.what.edits": Text(
        en="an edited or deleted message changes or cancels its records",
        es="un mensaje editado o borrado cambia o cancela sus registros",
        pt="uma mensagem editada ou apagada altera ou cancela seus registros",
    ),
    "trace.change": Text(
        en="changed in the chat ({how}) by {who} at {at}: {kind} #{id}",
        es="cambiado en el chat ({how}) por {who} el {at}: {kind} #{id}",
        pt="alterado no chat ({how}) por {who} em {at}: {kind} #{id}",
    ),
    "trace.changes_asked": Text(
        en="Changes this message asked for",
        es="Cambios que pidió este mensaje",
        pt="Alterações que esta mensagem pediu",
    ),
    "trace.by_author": Text(en="its author", es="su autor", pt="seu autor"),
    "trace.via.edit": Text(en="message edited", es="mensaje editado", pt="mensagem editada"),
    "trace.via.delete": Text(en="message deleted", es="mensaje borrado", pt="mensagem apagada"),
    "trace.via.correction": Text(
        en="correction by reply", es="corrección por respuesta", pt="correção por resposta"
    ),
    "trace.via.reaction": Text(
        en="reaction on reactiond's message",
        es="reacción a un mensaje de reactiond",
        pt="reação a uma mensagem do reactiond",
    ),
}

# doctor's words live below the CLI (reactiond/ops/doctor_text.py), French included.
CATALOG.update(DOCTOR_TEXTS)

# The calendar push's words live with it (reactiond/caldav/texts.py), French included.
for _key, (_en, _es, _pt, _fr) in CALENDAR_TEXTS.items():
    CATALOG[_key] = Text(en=_en, es=_es, pt=_pt, fr=_fr)

# French is kept by key in its own module (see its docstring); fill each entry from it.
for _key, _text in CATALOG.items():
    if _key in FRENCH:
        CATALOG[_key] = replace(_text, fr=FRENCH[_key])
