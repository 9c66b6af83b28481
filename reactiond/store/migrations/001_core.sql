-- Messages, reactions, people, the durable job queue and event counters.
-- Times are unix seconds (REAL where sub-second matters) so that the SQL stays portable.

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    display_jid TEXT NOT NULL,
    name        TEXT,
    tz          TEXT,            -- per-contact time zone, set by the operator
    language    TEXT,            -- last detected language
    created_at  REAL NOT NULL
);

-- A person is the set of their identities (phone JID, LID, alternate JID).
CREATE TABLE person_ids (
    jid       TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE
);
CREATE INDEX person_ids_person ON person_ids(person_id);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    instance          TEXT NOT NULL,
    message_id        TEXT NOT NULL,
    chat_jid          TEXT NOT NULL,
    chat_alt_jid      TEXT,
    is_group          INTEGER NOT NULL,
    from_me           INTEGER NOT NULL,
    author_id         INTEGER NOT NULL REFERENCES people(id),
    author_name       TEXT,
    kind              TEXT NOT NULL,
    text              TEXT,
    quoted_message_id TEXT,
    owner_jid         TEXT,
    sent_at           INTEGER NOT NULL,
    received_at       REAL NOT NULL,
    edited_at         REAL,
    deleted_at        REAL,
    status            TEXT,
    raw               TEXT,
    UNIQUE (instance, message_id)
);
CREATE INDEX messages_chat ON messages(instance, chat_jid, sent_at);
CREATE INDEX messages_received ON messages(received_at);

CREATE TABLE reactions (
    id                  INTEGER PRIMARY KEY,
    instance            TEXT NOT NULL,
    reaction_id         TEXT NOT NULL,
    target_message_id   TEXT NOT NULL,
    target_chat_jid     TEXT NOT NULL,
    target_from_me      INTEGER NOT NULL,
    target_participant  TEXT,
    chat_jid            TEXT NOT NULL,
    is_group            INTEGER NOT NULL,
    reactor_id          INTEGER NOT NULL REFERENCES people(id),
    reactor_from_me     INTEGER NOT NULL,
    reactor_name        TEXT,
    emoji               TEXT NOT NULL,          -- '' = reaction removed
    sent_at_ms          INTEGER NOT NULL,
    owner_jid           TEXT,
    received_at         REAL NOT NULL,
    raw                 TEXT,
    UNIQUE (instance, reaction_id),
    UNIQUE (instance, target_message_id, reactor_id, emoji, sent_at_ms)
);
CREATE INDEX reactions_target ON reactions(instance, target_message_id, reactor_id, sent_at_ms);

CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    dedupe_key       TEXT UNIQUE,
    payload          TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'running', 'done', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    run_at           REAL NOT NULL,
    lease_owner      TEXT,
    lease_expires_at REAL,
    last_error       TEXT,
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    finished_at      REAL
);
CREATE INDEX jobs_ready ON jobs(priority DESC, run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs(lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_status_kind ON jobs(status, kind);

CREATE TABLE job_attempts (
    job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    worker      TEXT NOT NULL,
    started_at  REAL NOT NULL,
    finished_at REAL,
    outcome     TEXT,            -- done | retry | dead | released | lease-expired
    error       TEXT,
    PRIMARY KEY (job_id, attempt)
);

CREATE TABLE event_counters (
    instance TEXT NOT NULL,
    event    TEXT NOT NULL,
    outcome  TEXT NOT NULL,      -- stored | ignored | rejected
    count    INTEGER NOT NULL DEFAULT 0,
    last_at  REAL NOT NULL,
    PRIMARY KEY (instance, event, outcome)
);
