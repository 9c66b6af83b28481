-- CalDAV targets (issue 22): calendars reactiond pushes records to, and what it wrote
-- there. The password is never stored: only where to read it (a file or a variable).

CREATE TABLE caldav_targets (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL,      -- as given: a server, a principal or a collection
    collection_url TEXT NOT NULL,      -- the calendar collection pushed to
    username       TEXT NOT NULL,
    password_file  TEXT,
    password_env   TEXT,
    kinds          TEXT NOT NULL,      -- JSON list of event | task | bill
    bills_as       TEXT NOT NULL DEFAULT 'todo' CHECK (bills_as IN ('todo', 'event')),
    on_cancel      TEXT NOT NULL DEFAULT 'delete' CHECK (on_cancel IN ('delete', 'mark')),
    person_id      INTEGER REFERENCES people(id),  -- only this reactor's records
    rule_id        INTEGER,                        -- only this rule's records
    created_at     REAL NOT NULL,
    CHECK (password_file IS NOT NULL OR password_env IS NOT NULL)
);

-- One row per (target, record) once pushed: where it lives on the server, the ETag the
-- server gave for what we wrote, and a conflict when the server's copy changed under us.
CREATE TABLE caldav_resources (
    target_id   INTEGER NOT NULL REFERENCES caldav_targets(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,         -- event | task | bill (the ICS export's UID prefix)
    record_id   INTEGER NOT NULL,
    href        TEXT NOT NULL,
    etag        TEXT,
    body_hash   TEXT,                  -- of what we last wrote: an unchanged record is no PUT
    state       TEXT NOT NULL CHECK (state IN ('present', 'removed', 'conflict')),
    conflict    TEXT,                  -- what happened, while state = 'conflict'
    updated_at  REAL NOT NULL,
    PRIMARY KEY (target_id, kind, record_id)
);
CREATE INDEX caldav_resources_conflicts ON caldav_resources(target_id) WHERE state = 'conflict';
