-- Rules, the records a reaction creates, what each action did, what the parser said,
-- the replies to send (outbox), the durable event log (SSE) and calendar feeds.
--
-- Local wall-clock values are kept as the parser gave them (`due_local`, `start_local`:
-- 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM') together with their IANA zone (`tz`); the absolute
-- instant (`due_at`, `start_at`, unix seconds) is derived from both when there is a time.

CREATE TABLE rules (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    triggers    TEXT NOT NULL,          -- JSON array of normalised emoji
    action      TEXT NOT NULL,          -- create_task | create_calendar_event | create_bill | create_note
    parser      TEXT NOT NULL,          -- task | calendar | bill | note
    config      TEXT NOT NULL DEFAULT '{}',      -- JSON: the action's defaults
    conditions  TEXT NOT NULL DEFAULT '{}',      -- JSON: who and where may trigger it
    priority    INTEGER NOT NULL DEFAULT 0,      -- job priority for its reactions
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);

-- One row per (rule, message, reactor) generation: what the action did. The partial
-- unique index makes a redelivered reaction, a double tap or a replay after a crash a
-- no-op, while a reaction removed (cancelled) and put back creates again.
CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    rule_id         INTEGER REFERENCES rules(id) ON DELETE SET NULL,
    rule_name       TEXT NOT NULL,
    action          TEXT NOT NULL,
    instance        TEXT NOT NULL,
    chat_jid        TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    reactor_id      INTEGER NOT NULL REFERENCES people(id),
    reaction_row_id INTEGER NOT NULL REFERENCES reactions(id),
    emoji           TEXT NOT NULL,
    outcome         TEXT NOT NULL,      -- created | parse_failed | skipped | cancelled
    detail          TEXT,
    created_at      REAL NOT NULL,
    cancelled_at    REAL
);
CREATE UNIQUE INDEX actions_once ON actions(rule_id, instance, message_id, reactor_id)
    WHERE cancelled_at IS NULL;
CREATE INDEX actions_created ON actions(created_at);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions(id),
    title       TEXT NOT NULL,
    due_local   TEXT,
    due_at      REAL,
    tz          TEXT NOT NULL,
    priority    TEXT,
    tags        TEXT NOT NULL DEFAULT '[]',
    assignee    TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    language    TEXT NOT NULL,
    -- source
    instance    TEXT NOT NULL,
    chat_jid    TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    reactor_id  INTEGER NOT NULL REFERENCES people(id),
    emoji       TEXT NOT NULL,
    rule_id     INTEGER,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL,
    done_at     REAL
);
CREATE INDEX tasks_status_due ON tasks(status, due_at);

CREATE TABLE calendar_events (
    id               INTEGER PRIMARY KEY,
    action_id        INTEGER NOT NULL REFERENCES actions(id),
    title            TEXT NOT NULL,
    start_local      TEXT NOT NULL,
    start_at         REAL,              -- NULL for an all-day event
    all_day          INTEGER NOT NULL,
    tz               TEXT NOT NULL,
    duration_minutes INTEGER,
    location         TEXT,
    platform         TEXT,
    attendees        TEXT NOT NULL DEFAULT '[]',
    recurrence       TEXT,
    status           TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    language         TEXT NOT NULL,
    instance         TEXT NOT NULL,
    chat_jid         TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    reactor_id       INTEGER NOT NULL REFERENCES people(id),
    emoji            TEXT NOT NULL,
    rule_id          INTEGER,
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL
);
CREATE INDEX calendar_events_status_start ON calendar_events(status, start_local);

CREATE TABLE bills (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions(id),
    position    INTEGER NOT NULL,       -- order in the message (several bills in one message)
    vendor      TEXT,
    amount      TEXT NOT NULL,          -- decimal string, 2 places
    currency    TEXT NOT NULL,
    due_local   TEXT,
    tz          TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'cancelled')),
    language    TEXT NOT NULL,
    instance    TEXT NOT NULL,
    chat_jid    TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    reactor_id  INTEGER NOT NULL REFERENCES people(id),
    emoji       TEXT NOT NULL,
    rule_id     INTEGER,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL,
    paid_at     REAL,
    UNIQUE (action_id, position)
);
CREATE INDEX bills_status_due ON bills(status, due_local);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    tags        TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    language    TEXT NOT NULL,
    instance    TEXT NOT NULL,
    chat_jid    TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    reactor_id  INTEGER NOT NULL REFERENCES people(id),
    emoji       TEXT NOT NULL,
    rule_id     INTEGER,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);

-- What the parser said, for analytics (/api/analytics/nlp). No message text here.
CREATE TABLE nlp_log (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER REFERENCES actions(id),
    parser      TEXT NOT NULL,
    language    TEXT NOT NULL,
    success     INTEGER NOT NULL,
    confidence  REAL NOT NULL,
    reason      TEXT,
    micros      INTEGER NOT NULL,
    created_at  REAL NOT NULL
);
CREATE INDEX nlp_log_created ON nlp_log(created_at);

-- Replies to send through Evolution, written in the same transaction as the record.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    instance        TEXT NOT NULL,
    destination     TEXT NOT NULL,      -- number or JID Evolution accepts
    kind            TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'reaction')),
    body            TEXT NOT NULL,      -- JSON request body for Evolution
    language        TEXT,
    action_id       INTEGER REFERENCES actions(id),
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error      TEXT,
    sent_message_id TEXT,
    created_at      REAL NOT NULL,
    updated_at      REAL NOT NULL,
    sent_at         REAL
);
CREATE INDEX outbox_pending ON outbox(instance, destination, id) WHERE status IN ('pending', 'sending');

-- Durable, bounded event log behind the SSE stream (`Last-Event-ID` resumes from it).
CREATE TABLE event_log (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL,          -- record.created | record.updated | record.cancelled | job.failed | reply.dead
    data        TEXT NOT NULL,          -- JSON
    created_at  REAL NOT NULL
);

CREATE TABLE feeds (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,   -- sha256 of the token; the token itself is shown once
    name        TEXT NOT NULL,
    filter      TEXT NOT NULL DEFAULT '{}',
    created_at  REAL NOT NULL,
    revoked_at  REAL
);
