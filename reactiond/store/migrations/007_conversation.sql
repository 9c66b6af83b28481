-- Talking to reactiond in WhatsApp (issue 20): edits, corrections by reply, done by
-- reaction, questions and the daily digest.

-- "Is this message one reactiond sent?": a reply quoting it, or a reaction on it, is
-- about the record it announced.
CREATE INDEX outbox_sent_message ON outbox(sent_message_id) WHERE sent_message_id IS NOT NULL;

-- Every change a chat message made to a record (an edit followed, a correction, a ✅ on
-- a reminder): the record's trace, and what "untouched" means after it. A record whose
-- last change came from its own message's edit is still the message's to follow.
CREATE TABLE chat_changes (
    id          INTEGER PRIMARY KEY,
    via         TEXT NOT NULL,          -- edit | delete | correction | reaction
    instance    TEXT NOT NULL,
    message_id  TEXT NOT NULL,          -- the message (or reaction) that asked for it
    action_id   INTEGER REFERENCES actions(id),
    record_kind TEXT NOT NULL,          -- task | event | bill | note
    record_id   INTEGER NOT NULL,
    person_id   INTEGER REFERENCES people(id),
    changed     TEXT NOT NULL,          -- JSON: the fields set, and their values
    at          REAL NOT NULL           -- the record's updated_at after the change
);
CREATE INDEX chat_changes_record ON chat_changes(record_kind, record_id, at);
CREATE INDEX chat_changes_message ON chat_changes(instance, message_id);

-- The daily digest, per person who asked for one: at `hour:minute` in `tz`, what is due
-- today and overdue, in `language`, sent to `destination`. `last_day` ('YYYY-MM-DD',
-- local) is the day it was last sent: once a day, across restarts and workers.
CREATE TABLE digests (
    person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    instance    TEXT NOT NULL,
    destination TEXT NOT NULL,
    hour        INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    minute      INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
    tz          TEXT NOT NULL,
    language    TEXT NOT NULL,
    everyone    INTEGER NOT NULL DEFAULT 0,  -- the owner's: the whole team's records
    enabled     INTEGER NOT NULL DEFAULT 1,
    last_day    TEXT,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);
