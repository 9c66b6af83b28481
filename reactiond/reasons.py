"""The reasons reactiond gives in English (pydantic's, and its own lower layers': rules,
settings, records, store), said again in the reader's language: one table for every door
that shows them to a person, the CLI (`cli/click.py`, which adds Click's own words) and
the web pages (`web/pages/frame.py`).

Lower layers keep raising English (the HTTP API shares their text). A message is
recognised by its English shape and said in es, pt (here) or fr (`reasons_fr.py`, by
pattern); a part that is not recognised stays as it is. Field names and values stay as
they are: each replacement keeps the pattern's groups (\\1, \\2).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from reactiond.reasons_fr import FRENCH_REASONS

# (English pattern, {language: replacement}); applied in order with re.sub, so a shape
# may appear inside a longer line ("invalid settings (port: Input should be …)").
Rules = tuple[tuple[str, dict[str, str]], ...]
_Rules = Rules

PYDANTIC: Final[_Rules] = (
    (r"Value error, ", {"es": "", "pt": ""}),
    (
        r"Input should be a valid integer(?:, unable to parse string as an integer"
        r"|, got a number with a fractional part)?",
        {"es": "debe ser un número entero", "pt": "deve ser um número inteiro"},
    ),
    (
        r"Input should be a valid number(?:, unable to parse string as a number)?",
        {"es": "debe ser un número", "pt": "deve ser um número"},
    ),
    (
        r"Input should be a finite number",
        {"es": "debe ser un número finito", "pt": "deve ser um número finito"},
    ),
    (
        r"Input should be greater than or equal to (\S+?)(?=[;,)]|$)",
        {"es": r"debe ser mayor o igual que \1", "pt": r"deve ser maior ou igual a \1"},
    ),
    (
        r"Input should be less than or equal to (\S+?)(?=[;,)]|$)",
        {"es": r"debe ser menor o igual que \1", "pt": r"deve ser menor ou igual a \1"},
    ),
    (
        r"Input should be greater than (\S+?)(?=[;,)]|$)",
        {"es": r"debe ser mayor que \1", "pt": r"deve ser maior que \1"},
    ),
    (
        r"Input should be less than (\S+?)(?=[;,)]|$)",
        {"es": r"debe ser menor que \1", "pt": r"deve ser menor que \1"},
    ),
    (r"Input should be a valid string", {"es": "debe ser un texto", "pt": "deve ser um texto"}),
    (
        r"Input should be a valid boolean(?:, unable to interpret input)?",
        {"es": "debe ser true o false", "pt": "deve ser true ou false"},
    ),
    (r"Input should be a valid list", {"es": "debe ser una lista", "pt": "deve ser uma lista"}),
    (
        r"Input should be a valid dictionary(?: or instance of \w+)?",
        {"es": "debe ser un objeto JSON", "pt": "deve ser um objeto JSON"},
    ),
    (r"Input should be ", {"es": "debe ser ", "pt": "deve ser "}),  # then the literal choices
    (r"(?<=') or (?=')", {"es": " o ", "pt": " ou "}),
    (r"Field required", {"es": "es obligatorio", "pt": "é obrigatório"}),
    (
        r"Extra inputs are not permitted",
        {"es": "no es un campo conocido", "pt": "não é um campo conhecido"},
    ),
    # A count agrees with its noun (pydantic says "1 item", "2 items"): the singular
    # first, then every other count. Never "1 caracteres" nor "elemento(s)".
    (
        r"(?:Tuple|List) should have at least 1 item after validation, not (\d+)",
        {
            "es": r"necesita al menos 1 elemento, no \1",
            "pt": r"precisa de pelo menos 1 item, não \1",
        },
    ),
    (
        r"(?:Tuple|List) should have at least (\d+) items? after validation, not (\d+)",
        {
            "es": r"necesita al menos \1 elementos, no \2",
            "pt": r"precisa de pelo menos \1 itens, não \2",
        },
    ),
    (
        r"(?:Tuple|List) should have at most 1 item after validation, not (\d+)",
        {"es": r"admite como máximo 1 elemento, no \1", "pt": r"admite no máximo 1 item, não \1"},
    ),
    (
        r"(?:Tuple|List) should have at most (\d+) items? after validation, not (\d+)",
        {
            "es": r"admite como máximo \1 elementos, no \2",
            "pt": r"admite no máximo \1 itens, não \2",
        },
    ),
    (
        r"String should have at least 1 character\b",
        {"es": "necesita al menos 1 carácter", "pt": "precisa de pelo menos 1 caractere"},
    ),
    (
        r"String should have at least (\d+) characters?",
        {"es": r"necesita al menos \1 caracteres", "pt": r"precisa de pelo menos \1 caracteres"},
    ),
    (
        r"String should have at most 1 character\b",
        {"es": "admite como máximo 1 carácter", "pt": "admite no máximo 1 caractere"},
    ),
    (
        r"String should have at most (\d+) characters?",
        {"es": r"admite como máximo \1 caracteres", "pt": r"admite no máximo \1 caracteres"},
    ),
)

# Our own lower layers (rules, settings, store): the reasons a CLI user meets first.
OURS: Final[_Rules] = (
    (
        r"('[^']*') is not an emoji; give one emoji per trigger",
        {
            "es": r"\1 no es un emoji; da un emoji por disparador",
            "pt": r"\1 não é um emoji; dê um emoji por gatilho",
        },
    ),
    (r"must not be blank", {"es": "no puede estar vacío", "pt": "não pode ficar vazio"}),
    (
        r"unknown time zone ('[^']*'): use an IANA name such as ([\w/]+)",
        {
            "es": r"zona horaria desconocida \1: usa un nombre IANA como \2",
            "pt": r"fuso horário desconhecido \1: use um nome IANA como \2",
        },
    ),
    (
        r"config file (.+) does not exist",
        {
            "es": r"el archivo de configuración \1 no existe",
            "pt": r"o arquivo de configuração \1 não existe",
        },
    ),
    (
        r"config file (.+) is not valid TOML: ",
        {
            "es": r"el archivo de configuración \1 no es TOML válido: ",
            "pt": r"o arquivo de configuração \1 não é TOML válido: ",
        },
    ),
    (
        r"is still the example's placeholder: set a long random value, e\.g\. ",
        {
            "es": "sigue siendo el valor del ejemplo: pon un valor largo y aleatorio, p. ej. ",
            "pt": "ainda é o valor do exemplo: defina um valor longo e aleatório, p. ex. ",
        },
    ),
    (
        r"must be a three-letter ISO 4217 code such as ",
        {
            "es": "debe ser un código ISO 4217 de tres letras como ",
            "pt": "deve ser um código ISO 4217 de três letras como ",
        },
    ),
    (
        r"rule ('[^']*') conflicts with rule ('[^']*')( \(id \d+\))?: both fire on (\S+) for the"
        r" same reactors and chats; disable one, give them different emoji, or narrow"
        r" their conditions",
        {
            "es": r"la regla \1 choca con la regla \2\3: ambas se activan con \4 para las mismas"
            r" personas y chats; desactiva una, dales emojis distintos o restringe sus"
            r" condiciones",
            "pt": r"a regra \1 conflita com a regra \2\3: as duas disparam com \4 para as mesmas"
            r" pessoas e conversas; desative uma, dê emojis diferentes ou restrinja as"
            r" condições",
        },
    ),
    (
        r"no rule ('[^']*'); `reactiond rules list` shows names and ids",
        {
            "es": r"no hay regla \1; `reactiond rules list` muestra nombres e ids",
            "pt": r"não há regra \1; `reactiond rules list` mostra nomes e ids",
        },
    ),
    (
        r"\bno rule ('[^']*')",
        {"es": r"no hay regla \1", "pt": r"não há regra \1"},
    ),
    (
        r"pick one from the list below",
        {"es": "elige una de la lista de abajo", "pt": "escolha uma da lista abaixo"},
    ),
    (
        r"change or disable rule ('[^']*') first",
        {
            "es": r"cambia o desactiva primero la regla \1",
            "pt": r"altere ou desative primeiro a regra \1",
        },
    ),
    (
        r"a rule named ('[^']*') already exists",
        {"es": r"ya existe una regla llamada \1", "pt": r"já existe uma regra chamada \1"},
    ),
    (
        r"unknown lang ('[^']*')",
        {"es": r"idioma desconocido \1", "pt": r"idioma desconhecido \1"},
    ),
    (
        r"no message or reaction target ('[^']*')",
        {
            "es": r"ningún mensaje ni reacción con el id \1",
            "pt": r"nenhuma mensagem nem reação com o id \1",
        },
    ),
    (
        r"no message ('[^']*') on instance ('[^']*')",
        {
            "es": r"no hay mensaje \1 en la instancia \2",
            "pt": r"não há mensagem \1 na instância \2",
        },
    ),
    (
        r"no reaction ('[^']*'|[0-9]+)",
        {"es": r"no hay reacción \1", "pt": r"não há reação \1"},
    ),
    (
        r"message ('[^']*') was seen on several instances: ",
        {
            "es": r"el mensaje \1 se vio en varias instancias: ",
            "pt": r"a mensagem \1 foi vista em várias instâncias: ",
        },
    ),
    (
        r"reaction ('[^']*') was seen on several instances: ",
        {
            "es": r"la reacción \1 se vio en varias instancias: ",
            "pt": r"a reação \1 foi vista em várias instâncias: ",
        },
    ),
    (
        r"add (\?instance=|--instance) with one of ",
        {"es": r"añade \1 con una de estas: ", "pt": r"adicione \1 com uma destas: "},
    ),
    (
        r"give the WhatsApp message id a record's source shows \(message_id\), or a reaction"
        r" id from the Today page or `reactiond outbox list`",
        {
            "es": "da el id del mensaje de WhatsApp que muestra el origen de un registro"
            " (message_id), o un id de reacción de la página Hoy o de `reactiond outbox list`",
            "pt": "dê o id da mensagem do WhatsApp que a origem de um registro mostra"
            " (message_id), ou um id de reação da página Hoje ou de `reactiond outbox list`",
        },
    ),
    (
        r"unknown parser ('[^']*'): use one of ",
        {"es": r"parser desconocido \1: usa uno de ", "pt": r"parser desconhecido \1: use um de "},
    ),
    (
        r"a feed needs a name",
        {"es": "un feed necesita un nombre", "pt": "um feed precisa de um nome"},
    ),
    (
        r"name it after who subscribes, e\.g\. ",
        {
            "es": "nómbralo por quien se suscribe, p. ej. ",
            "pt": "dê o nome de quem assina, p. ex. ",
        },
    ),
    (
        r"each tag must be at most (\d+) characters",
        {
            "es": r"cada etiqueta admite como máximo \1 caracteres",
            "pt": r"cada etiqueta admite no máximo \1 caracteres",
        },
    ),
    (
        r"unknown field; see `reactiond rules show` for the fields a rule has",
        {
            "es": "campo desconocido; `reactiond rules show` muestra los campos de una regla",
            "pt": "campo desconhecido; `reactiond rules show` mostra os campos de uma regra",
        },
    ),
    (r"\bnot JSON: ", {"es": "no es JSON: ", "pt": "não é JSON: "}),
    (
        r"('[^']*') is not an http\(s\) URL: e\.g\. (\S+)",
        {
            "es": r"\1 no es una URL http(s): p. ej. \2",
            "pt": r"\1 não é uma URL http(s): p. ex. \2",
        },
    ),
    (
        r"is not a postgresql:// URL: e\.g\. (\S+) \(leave it unset for SQLite in the data dir\)",
        {
            "es": r"no es una URL postgresql://: p. ej. \1 (sin definir: SQLite en el directorio"
            r" de datos)",
            "pt": r"não é uma URL postgresql://: p. ex. \1 (sem definir: SQLite no diretório de"
            r" dados)",
        },
    ),
    (
        r"holds an @ / # or \? that is not percent-encoded, most likely in the password: write"
        r" it as (\S+) with %40 for @, %2F for /, %23 for # and %3F for \?",
        {
            "es": r"tiene una @ / # o ? sin codificar (con %), seguramente en la contraseña:"
            r" escríbela como \1 con %40 por @, %2F por /, %23 por # y %3F por ?",
            "pt": r"tem um @ / # ou ? sem codificar (com %), provavelmente na senha: escreva"
            r" como \1 com %40 para @, %2F para /, %23 para # e %3F para ?",
        },
    ),
    # A calendar's records changed by someone else (GET /api/health's calendars warning)
    (
        r"\b1 record changed on the server",
        {"es": "1 registro cambió en el servidor", "pt": "1 registro mudou no servidor"},
    ),
    (
        r"\b(\d+) records changed on the server",
        {"es": r"\1 registros cambiaron en el servidor", "pt": r"\1 registros mudaram no servidor"},
    ),
)

# Records, people, exports and backups: the errors of the commands people run most.
# (singular in English, es with its article, pt with its article)
_KINDS = (
    ("task", "la tarea", "a tarefa"),
    ("bill", "la cuenta", "a conta"),
    ("event", "el evento", "o evento"),
    ("note", "la nota", "a nota"),
    ("feed", "el feed", "o feed"),
    ("job", "el trabajo", "o job"),
    ("reply", "la respuesta", "a resposta"),
)
RECORDS: Final[_Rules] = (
    *(
        (rf"\bno {en} (\d+)(?=;|:|$)", {"es": rf"no existe {es} \1", "pt": rf"não existe {pt} \1"})
        for en, es, pt in _KINDS
    ),
    *(
        (
            rf"\b{en} (\d+) is (\w+), not (\w+): nothing changed",
            {
                "es": rf"{es} \1 está \2, no \3: no cambió nada",
                "pt": rf"{pt} \1 está \2, não \3: nada mudou",
            },
        )
        for en, es, pt in _KINDS
    ),
    (
        r"only an open task can be marked done",
        {
            "es": "solo una tarea abierta se puede marcar como hecha",
            "pt": "só uma tarefa aberta pode ser marcada como feita",
        },
    ),
    (
        r"\btask (\d+) is open already: nothing changed",
        {
            "es": r"la tarea \1 ya está abierta: no cambió nada",
            "pt": r"a tarefa \1 já está aberta: nada mudou",
        },
    ),
    (
        r"only a done or cancelled task can be reopened",
        {
            "es": "solo una tarea hecha o cancelada se puede reabrir",
            "pt": "só uma tarefa feita ou cancelada pode ser reaberta",
        },
    ),
    (
        r"only a pending bill can be marked paid",
        {
            "es": "solo una cuenta pendiente se puede marcar como pagada",
            "pt": "só uma conta pendente pode ser marcada como paga",
        },
    ),
    (
        r"`reactiond (\w+) list` shows (?:them|the ids)",
        {"es": r"`reactiond \1 list` muestra los ids", "pt": r"`reactiond \1 list` mostra os ids"},
    ),
    (
        r"(\S+) ('[^']*') is not a date; write (\S+) (\S+) or (\S+) (\S+)"
        r" \(local time, no offset\)",
        {
            "es": r"\1 \2 no es una fecha; escribe \3 \4 o \5 \6 (hora local, sin desfase)",
            "pt": r"\1 \2 não é uma data; escreva \3 \4 ou \5 \6 (hora local, sem fuso)",
        },
    ),
    (r"swap the two dates", {"es": "intercambia las dos fechas", "pt": "troque as duas datas"}),
    (
        r"(\S+) is after (\S+)",
        {"es": r"\1 es posterior a \2", "pt": r"\1 é depois de \2"},
    ),
    (
        r"unknown job status ('[^']*'); use one of (.+)",
        {
            "es": r"estado desconocido \1: usa uno de \2",
            "pt": r"status desconhecido \1: use um de \2",
        },
    ),
    (
        r"unknown status ('[^']*') for the outbox; use (.+?) \(several separated by commas\)",
        {
            "es": r"estado desconocido \1 para las respuestas; usa \2 (varios separados por comas)",
            "pt": r"status desconhecido \1 para as respostas; use \2"
            r" (vários separados por vírgulas)",
        },
    ),
    (
        r"unknown status ('[^']*') for (\S+); use (.+?) \(several separated by commas\)",
        {
            "es": r"estado desconocido \1 para \2; usa \3 (varios separados por comas)",
            "pt": r"status desconhecido \1 para \2; use \3 (vários separados por vírgulas)",
        },
    ),
    (
        r"cannot sort (\S+) by ('[^']*'); use one of (.+?) \(a leading - sorts descending\)",
        {
            "es": r"no se puede ordenar \1 por \2; usa uno de \3 (con - delante, descendente)",
            "pt": r"não é possível ordenar \1 por \2; use um de \3 (com - na frente, decrescente)",
        },
    ),
    (
        r"unknown time zone ('[^']*'); use an IANA name such as (\S+) or (\S+)",
        {
            "es": r"zona horaria desconocida \1; usa un nombre IANA como \2 o \3",
            "pt": r"fuso horário desconhecido \1; use um nome IANA como \2 ou \3",
        },
    ),
    (
        r"('[^']*') is not a kind a calendar holds; use (.+?) \(notes have no date\)",
        {
            "es": r"\1 no es un tipo que un calendario contenga; usa \2"
            r" (las notas no tienen fecha)",
            "pt": r"\1 não é um tipo que um calendário contenha; use \2 (notas não têm data)",
        },
    ),
    (r"(?<=\w) or (?=--)", {"es": " o ", "pt": " ou "}),
    (
        r"nobody with ('[^']*') has written or reacted yet; `reactiond people list` shows who"
        r" reactiond knows",
        {
            "es": r"nadie con \1 ha escrito ni reaccionado todavía; `reactiond people list` muestra"
            r" a quién conoce reactiond",
            "pt": r"ninguém com \1 escreveu ou reagiu ainda; `reactiond people list` mostra quem o"
            r" reactiond conhece",
        },
    ),
    (
        r"cannot write (.+?): (.+?); give a path in a writable directory",
        {
            "es": r"no se puede escribir \1: \2; indica una ruta en un directorio con"
            r" permiso de escritura",
            "pt": r"não é possível gravar \1: \2; indique um caminho num diretório gravável",
        },
    ),
    (
        r"No such file or directory",
        {"es": "no existe el archivo o directorio", "pt": "arquivo ou diretório inexistente"},
    ),
    (r"Permission denied", {"es": "permiso denegado", "pt": "permissão negada"}),
    (
        r"no database at (\S+): check REACTIOND_DATA_DIR \(has reactiond run here\?\)",
        {
            "es": r"no hay base de datos en \1: revisa REACTIOND_DATA_DIR (¿ha corrido reactiond"
            r" aquí?)",
            "pt": r"não há banco de dados em \1: verifique REACTIOND_DATA_DIR (o reactiond já"
            r" rodou aqui?)",
        },
    ),
    (
        r"reactiond is running on this database \((.+)\): stop every reactiond process that"
        r" uses it, then restore",
        {
            "es": r"reactiond está corriendo sobre esta base de datos (\1): detén todos los"
            r" procesos de reactiond que la usan y luego restaura",
            "pt": r"o reactiond está rodando neste banco de dados (\1): pare todos os processos"
            r" do reactiond que o usam e depois restaure",
        },
    ),
    (
        r"cannot reach PostgreSQL \((.+)\): check REACTIOND_DATABASE_URL and that the server"
        r" runs",
        {
            "es": r"no se puede conectar con PostgreSQL (\1): revisa REACTIOND_DATABASE_URL y"
            r" que el servidor esté corriendo",
            "pt": r"não é possível conectar ao PostgreSQL (\1): verifique REACTIOND_DATABASE_URL"
            r" e se o servidor está rodando",
        },
    ),
    (
        r"the database server is unreachable \((.+)\): check that PostgreSQL runs and accepts"
        r" connections \(REACTIOND_DATABASE_URL\)",
        {
            "es": r"no se puede conectar con el servidor de la base de datos (\1): revisa que"
            r" PostgreSQL esté corriendo y acepte conexiones (REACTIOND_DATABASE_URL)",
            "pt": r"não é possível conectar ao servidor do banco de dados (\1): verifique se o"
            r" PostgreSQL está rodando e aceita conexões (REACTIOND_DATABASE_URL)",
        },
    ),
    (
        r"no database connection is free or the server does not answer: check that PostgreSQL"
        r" runs and accepts connections \(REACTIOND_DATABASE_URL\)",
        {
            "es": r"no hay conexión libre con la base de datos o el servidor no responde: revisa"
            r" que PostgreSQL esté corriendo y acepte conexiones (REACTIOND_DATABASE_URL)",
            "pt": r"não há conexão livre com o banco de dados ou o servidor não responde:"
            r" verifique se o PostgreSQL está rodando e aceita conexões (REACTIOND_DATABASE_URL)",
        },
    ),
    (
        r"reactiond is running on this database \((.+)\): stop every reactiond process that"
        r" uses it, then copy",
        {
            "es": r"reactiond está corriendo sobre esta base de datos (\1): detén todos los"
            r" procesos de reactiond que la usan y luego copia",
            "pt": r"o reactiond está rodando neste banco de dados (\1): pare todos os processos"
            r" do reactiond que o usam e depois copie",
        },
    ),
    (
        r"the database is at schema version (\d+) but this reactiond knows only (\d+): upgrade"
        r" reactiond, or restore a backup made by this version",
        {
            "es": r"la base de datos está en la versión de esquema \1, pero este reactiond solo"
            r" conoce hasta la \2: actualiza reactiond o restaura una copia hecha por esta"
            r" versión",
            "pt": r"o banco de dados está na versão de esquema \1, mas este reactiond só conhece"
            r" até a \2: atualize o reactiond ou restaure um backup feito por esta versão",
        },
    ),
    (
        r"(.+) has schema version (\d+), newer than this reactiond \((\d+)\): upgrade"
        r" reactiond first",
        {
            "es": r"\1 tiene la versión de esquema \2, más nueva que este reactiond (\3):"
            r" actualiza reactiond primero",
            "pt": r"\1 tem a versão de esquema \2, mais nova que este reactiond (\3): atualize"
            r" o reactiond primeiro",
        },
    ),
    (
        r"the target database is at schema version (\d+), newer than this reactiond"
        r" \((\d+)\): upgrade reactiond; nothing was (copied|restored)",
        {
            "es": r"la base de datos de destino está en la versión de esquema \1, más nueva que"
            r" este reactiond (\2): actualiza reactiond; no se cambió nada",
            "pt": r"o banco de dados de destino está na versão de esquema \1, mais nova que este"
            r" reactiond (\2): atualize o reactiond; nada foi alterado",
        },
    ),
    (
        r"(.+) is at schema version (\d+), newer than this reactiond \((\d+)\): upgrade"
        r" reactiond, then copy",
        {
            "es": r"\1 está en la versión de esquema \2, más nueva que este reactiond (\3):"
            r" actualiza reactiond y luego copia",
            "pt": r"\1 está na versão de esquema \2, mais nova que este reactiond (\3):"
            r" atualize o reactiond e depois copie",
        },
    ),
    (
        r"the PostgreSQL database is at schema version (\d+), newer than this reactiond"
        r" \((\d+)\): back it up with the reactiond that uses it, or upgrade this one",
        {
            "es": r"la base de datos PostgreSQL está en la versión de esquema \1, más nueva que"
            r" este reactiond (\2): respáldala con el reactiond que la usa, o actualiza este",
            "pt": r"o banco de dados PostgreSQL está na versão de esquema \1, mais nova que este"
            r" reactiond (\2): faça o backup com o reactiond que o usa, ou atualize este",
        },
    ),
    (
        r"PostgreSQL refused the login \((.+)\): check the user name and password in the --to"
        r" URL; nothing was copied",
        {
            "es": r"PostgreSQL rechazó el inicio de sesión (\1): revisa el usuario y la contraseña"
            r" en la URL de --to; no se copió nada",
            "pt": r"o PostgreSQL recusou o login (\1): verifique o usuário e a senha na URL de"
            r" --to; nada foi copiado",
        },
    ),
    (
        r"PostgreSQL refused the login \((.+)\): check the user name and password in"
        r" REACTIOND_DATABASE_URL",
        {
            "es": r"PostgreSQL rechazó el inicio de sesión (\1): revisa el usuario y la contraseña"
            r" en REACTIOND_DATABASE_URL",
            "pt": r"o PostgreSQL recusou o login (\1): verifique o usuário e a senha em"
            r" REACTIOND_DATABASE_URL",
        },
    ),
    (
        r'PostgreSQL has no database "([^"]+)": create it \((.+?)\) or fix the database name'
        r" in (REACTIOND_DATABASE_URL)",
        {
            "es": r'PostgreSQL no tiene la base de datos "\1": créala (\2) o corrige su nombre'
            r" en \3",
            "pt": r'o PostgreSQL não tem o banco de dados "\1": crie-o (\2) ou corrija o nome'
            r" em \3",
        },
    ),
    (
        r'PostgreSQL has no database "([^"]+)": create it \((.+?)\) or fix the database name'
        r" in the --to URL; nothing was copied",
        {
            "es": r'PostgreSQL no tiene la base de datos "\1": créala (\2) o corrige su nombre'
            r" en la URL de --to; no se copió nada",
            "pt": r'o PostgreSQL não tem o banco de dados "\1": crie-o (\2) ou corrija o nome'
            r" na URL de --to; nada foi copiado",
        },
    ),
    (
        r"interrupted: nothing was copied; run the same command again",
        {
            "es": r"interrumpido: no se copió nada; ejecuta el mismo comando otra vez",
            "pt": r"interrompido: nada foi copiado; execute o mesmo comando de novo",
        },
    ),
    (
        r"interrupted after the rows were copied, before they were verified: run the same"
        r" command again with --replace, to copy and verify them whole",
        {
            "es": r"interrumpido tras copiar las filas, antes de verificarlas: ejecuta el mismo"
            r" comando otra vez con --replace, para copiarlas y verificarlas enteras",
            "pt": r"interrompido depois de copiar as linhas, antes de verificá-las: execute o"
            r" mesmo comando de novo com --replace, para copiá-las e verificá-las inteiras",
        },
    ),
    (
        r"cannot reach PostgreSQL \((.+)\): check the --to URL and that the server runs;"
        r" nothing was copied",
        {
            "es": r"no se puede conectar con PostgreSQL (\1): revisa la URL de --to y que el"
            r" servidor esté corriendo; no se copió nada",
            "pt": r"não é possível conectar ao PostgreSQL (\1): verifique a URL de --to e se o"
            r" servidor está rodando; nada foi copiado",
        },
    ),
    (
        r"no SQLite database at (.+): give the data dir's reactiond\.db",
        {
            "es": r"no hay base de datos SQLite en \1: indica el reactiond.db de la carpeta"
            r" de datos",
            "pt": r"não há banco de dados SQLite em \1: indique o reactiond.db da pasta de"
            r" dados",
        },
    ),
    (
        r"the target database already has rows \(in (.+)\): restore into an empty database,"
        r" or add --force to empty it first",
        {
            "es": r"la base de datos de destino ya tiene filas (en \1): restaura en una base"
            r" vacía, o añade --force para vaciarla antes",
            "pt": r"o banco de dados de destino já tem linhas (em \1): restaure em um banco"
            r" vazio, ou adicione --force para esvaziá-lo antes",
        },
    ),
    (
        r"the target database already has rows \(in (.+)\): copy into an empty database,"
        r" or add --replace to empty it first",
        {
            "es": r"la base de datos de destino ya tiene filas (en \1): copia en una base"
            r" vacía, o añade --replace para vaciarla antes",
            "pt": r"o banco de dados de destino já tem linhas (em \1): copie para um banco"
            r" vazio, ou adicione --replace para esvaziá-lo antes",
        },
    ),
    (
        r"no backup file at (.+)",
        {"es": r"no hay copia de seguridad en \1", "pt": r"não há backup em \1"},
    ),
    (
        r"(\S+) is not a directory: create it first",
        {
            "es": r"\1 no es un directorio: créalo primero",
            "pt": r"\1 não é um diretório: crie-o primeiro",
        },
    ),
    (
        r"(\S+) already exists: pick another name, or add --force",
        {
            "es": r"\1 ya existe: elige otro nombre o añade --force",
            "pt": r"\1 já existe: escolha outro nome ou use --force",
        },
    ),
    (
        r"(\S+) already exists: back it up, then add --force to replace it",
        {
            "es": r"\1 ya existe: haz una copia de seguridad y luego añade --force para"
            r" reemplazarla",
            "pt": r"\1 já existe: faça um backup e depois use --force para substituí-lo",
        },
    ),
    # The talk rules (reactiond talk …, rules/talk.py)
    (
        r"('[^']*') is neither a phone number \(digits, country code first\) nor a JID",
        {
            "es": r"\1 no es ni un número de teléfono (dígitos, con código de país) ni un JID",
            "pt": r"\1 não é nem um número de telefone (dígitos, com código do país) nem um JID",
        },
    ),
    (
        r"not something to turn on or off; use one of (.+)",
        {
            "es": r"no es algo que se active o desactive; usa uno de \1",
            "pt": r"não é algo que se ative ou desative; use um de \1",
        },
    ),
    (
        r"unknown field; the fields are (.+)",
        {
            "es": r"campo desconocido; los campos son \1",
            "pt": r"campo desconhecido; os campos são \1",
        },
    ),
    (
        r"must be true or false",
        {"es": "debe ser true o false", "pt": "deve ser true ou false"},
    ),
    # health's checks (web/health.py): Today's page, like /api/health's English
    (
        r"the oldest runnable job has waited (\d+) s",
        {
            "es": r"el trabajo más antiguo listo para correr lleva \1 s esperando",
            "pt": r"o trabalho mais antigo pronto para rodar espera há \1 s",
        },
    ),
    (
        r"see `reactiond queue list --status queued` and the worker's log",
        {
            "es": "mira `reactiond queue list --status queued` y el log del worker",
            "pt": "veja `reactiond queue list --status queued` e o log do worker",
        },
    ),
    (
        r"replies have waited (\d+) s to be sent",
        {
            "es": r"hay respuestas esperando \1 s para salir",
            "pt": r"há respostas esperando \1 s para sair",
        },
    ),
    (
        r"check that Evolution is up and the instance is connected",
        {
            "es": "revisa que Evolution esté en marcha y la instancia conectada",
            "pt": "verifique se o Evolution está no ar e a instância conectada",
        },
    ),
    # a record's change (records/change.py): the page's form, the CLI and the API
    (
        r"(\w+) must be a date without a time",
        {"es": r"\1 debe ser una fecha sin hora", "pt": r"\1 deve ser uma data sem hora"},
    ),
    (
        r"write (\w+) as (\S+) \(local time in the record's zone\)",
        {
            "es": r"escribe \1 como \2 (hora local en la zona del registro)",
            "pt": r"escreva \1 como \2 (hora local no fuso do registro)",
        },
    ),
    (
        r"write (\w+) as (\S+)",
        {"es": r"escribe \1 como \2", "pt": r"escreva \1 como \2"},
    ),
    # the listings' filters as the pages and the API say them: the error and its hint
    # apart (the CLI's "error; hint" forms are said above, whole)
    (
        r"unknown status ('[^']*') for the outbox",
        {
            "es": r"estado desconocido \1 para las respuestas",
            "pt": r"status desconhecido \1 para as respostas",
        },
    ),
    (
        r"unknown filter ('[^']*') for the outbox",
        {
            "es": r"filtro desconocido \1 para las respuestas",
            "pt": r"filtro desconhecido \1 para as respostas",
        },
    ),
    (
        r"unknown kind ('[^']*') for the outbox",
        {
            "es": r"tipo desconocido \1 para las respuestas",
            "pt": r"tipo desconhecido \1 para as respostas",
        },
    ),
    (
        r"unknown job status ('[^']*')",
        {"es": r"estado de trabajo desconocido \1", "pt": r"status de job desconhecido \1"},
    ),
    (
        r"cannot sort (\S+) by ('[^']*')",
        {"es": r"no se puede ordenar \1 por \2", "pt": r"não é possível ordenar \1 por \2"},
    ),
    (
        r"use one of (.+?) \(a leading - sorts descending\)",
        {
            "es": r"usa uno de \1 (con - delante, descendente)",
            "pt": r"use um de \1 (com - na frente, decrescente)",
        },
    ),
    (r"^use one of ", {"es": "usa uno de ", "pt": "use um de "}),
    # the records' filters (records/query.py): the page's form and the API's query
    (
        r"unknown status ('[^']*') for ([\w-]+)",
        {"es": r"estado desconocido \1 para \2", "pt": r"estado desconhecido \1 para \2"},
    ),
    (
        r"use (.+) \(several separated by commas\)",
        {
            "es": r"usa \1 (varios separados por comas)",
            "pt": r"use \1 (vários separados por vírgulas)",
        },
    ),
    (
        r"unknown filter ('[^']*') for ([\w-]+)",
        {"es": r"filtro desconocido \1 para \2", "pt": r"filtro desconhecido \1 para \2"},
    ),
    (
        r"(\w+) ('[^']*') is not a date",
        {"es": r"\1 \2 no es una fecha", "pt": r"\1 \2 não é uma data"},
    ),
    (
        r"write (\w+)=(\S+) or (\w+)=(\S+) \(local time, no offset\)",
        {
            "es": r"escribe \1=\2 o \3=\4 (hora local, sin desfase)",
            "pt": r"escreva \1=\2 ou \3=\4 (hora local, sem fuso)",
        },
    ),
    (
        r"limit ('[^']*') is not a number from 1 to (\d+)",
        {"es": r"limit \1 no es un número de 1 a \2", "pt": r"limit \1 não é um número de 1 a \2"},
    ),
    (
        r"use next_cursor to page through more",
        {
            "es": "pide menos por página y pasa a la siguiente (next_cursor)",
            "pt": "peça menos por página e passe para a seguinte (next_cursor)",
        },
    ),
    (
        r"(\w+)=('[^']*') is neither a JID nor a phone number",
        {
            "es": r"\1=\2 no es ni un JID ni un número de teléfono",
            "pt": r"\1=\2 não é nem um JID nem um número de telefone",
        },
    ),
    (
        r"give a phone number \((.+?)\) or a JID \((.+)\)",
        {
            "es": r"da un número de teléfono (\1) o un JID (\2)",
            "pt": r"dê um número de telefone (\1) ou um JID (\2)",
        },
    ),
    # Last: what failed inside it (a reason above) is said first, then this around it.
    (
        r"the backup failed: (.+); nothing was written to (.+)",
        {
            "es": r"la copia de seguridad falló: \1; no se escribió nada en \2",
            "pt": r"o backup falhou: \1; nada foi gravado em \2",
        },
    ),
)


# A retried reminder that would remind of nothing (`engine/reminders.py`, `retry_refusal`).
# (English noun, es "of the …", es "the …", es gender ending, pt "of the …", pt "the …",
# pt ending)
_REMINDED = (
    ("task", "de la tarea", "la tarea", "a", "da tarefa", "a tarefa", "a"),
    ("bill", "de la cuenta", "la cuenta", "a", "da conta", "a conta", "a"),
    ("event", "del evento", "el evento", "o", "do evento", "o evento", "o"),
)
# "to the …" in es and pt, for "give the task a date"
_GIVEN_TO = (("task", "a la tarea", "à tarefa"), ("bill", "a la cuenta", "à conta"),
             ("event", "al evento", "ao evento"))  # fmt: skip
# A closed record's status (English, es stem, pt stem): the stem takes the noun's ending
_CLOSED = {
    "task": (("done", "hech", "feit"), ("cancelled", "cancelad", "cancelad")),
    "bill": (("paid", "pagad", "pag"), ("cancelled", "cancelad", "cancelad")),
    "event": (("cancelled", "cancelad", "cancelad"),),
}
_REMINDER_OF = r"\bjob (\d+) is a reminder of {en} (\d+)"
REMINDERS: Final[_Rules] = (
    *(
        (
            _REMINDER_OF.format(en=en) + f", which is {status}: it would remind of nothing",
            {
                "es": rf"el trabajo \1 es un recordatorio {es_of} \2, que está {es_st}{es_g}:"
                " no recordaría nada",
                "pt": rf"o job \1 é um lembrete {pt_of} \2, que está {pt_st}{pt_g}:"
                " não lembraria nada",
            },
        )
        for en, es_of, _, es_g, pt_of, _, pt_g in _REMINDED
        for status, es_st, pt_st in _CLOSED[en]
    ),
    *(
        (
            _REMINDER_OF.format(en=en) + ", which was deleted: it would remind of nothing",
            {
                "es": rf"el trabajo \1 es un recordatorio {es_of} \2, que se borró:"
                " no recordaría nada",
                "pt": rf"o job \1 é um lembrete {pt_of} \2, que foi apagad{pt_g}:"
                " não lembraria nada",
            },
        )
        for en, es_of, _, _, pt_of, _, pt_g in _REMINDED
    ),
    *(
        (
            _REMINDER_OF.format(en=en) + ", which has no date any more: it would remind of nothing",
            {
                "es": rf"el trabajo \1 es un recordatorio {es_of} \2, que ya no tiene fecha:"
                " no recordaría nada",
                "pt": rf"o job \1 é um lembrete {pt_of} \2, que não tem mais data:"
                " não lembraria nada",
            },
        )
        for en, es_of, _, _, pt_of, _, _ in _REMINDED
    ),
    *(
        (
            _REMINDER_OF.format(en=en) + ", whose moment has passed: it would only nag",
            {
                "es": rf"el trabajo \1 es un recordatorio {es_of} \2, cuyo momento ya pasó:"
                " solo molestaría",
                "pt": rf"o job \1 é um lembrete {pt_of} \2, cujo momento já passou:"
                " só incomodaria",
            },
        )
        for en, es_of, _, _, pt_of, _, _ in _REMINDED
    ),
    *(
        (
            f"reopen the {en} and its reminders are planned again",
            {
                "es": f"reabre {es_the} y sus recordatorios se vuelven a planear",
                "pt": f"reabra {pt_the} e seus lembretes são planejados de novo",
            },
        )
        for en, _, es_the, _, _, pt_the, _ in _REMINDED
        if en != "task"  # a task's hint names its command (below)
    ),
    (
        r"(`reactiond tasks reopen \d+`) reopens the task and its reminders are planned again",
        {
            "es": r"\1 reabre la tarea y sus recordatorios se vuelven a planear",
            "pt": r"\1 reabre a tarefa e seus lembretes são planejados de novo",
        },
    ),
    *(
        (
            f"give the {en} a date and its reminders are planned again",
            {
                "es": f"ponle una fecha {es_to} y sus recordatorios se vuelven a planear",
                "pt": f"dê uma data {pt_to} e seus lembretes são planejados de novo",
            },
        )
        for en, es_to, pt_to in _GIVEN_TO
    ),
    *(
        (
            f"nothing to retry: move the {en}'s date and its reminders are planned again",
            {
                "es": f"nada que reintentar: cambia la fecha {es_of} y sus recordatorios se"
                " vuelven a planear",
                "pt": f"nada a tentar de novo: mude a data {pt_of} e seus lembretes são"
                " planejados de novo",
            },
        )
        for en, es_of, _, _, pt_of, _, _ in _REMINDED
    ),
    (
        r"nothing to retry: a new record gets reminders of its own",
        {
            "es": "nada que reintentar: un registro nuevo tiene sus propios recordatorios",
            "pt": "nada a tentar de novo: um registro novo tem os próprios lembretes",
        },
    ),
)


# What every door says the same way (the CLI adds Click's words before these).
SHARED: Final[Rules] = PYDANTIC + OURS + RECORDS + REMINDERS


def _french(pattern: str) -> dict[str, str]:
    french = FRENCH_REASONS.get(pattern)
    return {} if french is None else {"fr": french}


def compile_rules(rules: Rules) -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """`rules` compiled, each with its French from `reasons_fr.py`."""
    return tuple(
        (re.compile(pattern), {**by_lang, **_french(pattern)}) for pattern, by_lang in rules
    )


def say_with(
    compiled: tuple[tuple[re.Pattern[str], dict[str, str]], ...], message: str, language: str
) -> str:
    if language == "en":
        return message
    for pattern, by_lang in compiled:
        replacement = by_lang.get(language)
        if replacement is not None:
            message = pattern.sub(replacement, message)
    return message


@cache
def _shared() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    return compile_rules(SHARED)  # when the first reason is said, not at every start


def say(message: str, language: str) -> str:
    """`message` (English from pydantic or a lower layer) in `language`."""
    return say_with(_shared(), message, language)
