-- Costs that stay flat as the data grows (issue 17). Health, metrics and list pages read
-- kept counters and indexes instead of counting or sorting whole tables on each call;
-- `q=` searches through FTS5. tests/store/test_flat_cost_plans.py pins the plans.

-- Rows per status of the queue and the outbox, kept by triggers in the transaction that
-- changes a row, so any code path (the store, the CLI, a restore) keeps them right.
-- Every status a CHECK constraint allows has its row, so the triggers only UPDATE.
CREATE TABLE status_counts (
    tbl     TEXT NOT NULL,          -- jobs | outbox
    status  TEXT NOT NULL,
    n       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, status)
) WITHOUT ROWID;

INSERT INTO status_counts (tbl, status, n)
SELECT 'jobs', s.value, (SELECT COUNT(*) FROM jobs j WHERE j.status = s.value)
FROM json_each('["queued","running","done","dead","cancelled"]') s;
INSERT INTO status_counts (tbl, status, n)
SELECT 'outbox', s.value, (SELECT COUNT(*) FROM outbox o WHERE o.status = s.value)
FROM json_each('["pending","sending","sent","dead","cancelled"]') s;

CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
    UPDATE status_counts SET n = n + 1 WHERE tbl = 'jobs' AND status = NEW.status;
END;
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
    UPDATE status_counts SET n = n - 1 WHERE tbl = 'jobs' AND status = OLD.status;
END;
CREATE TRIGGER jobs_count_status AFTER UPDATE OF status ON jobs
WHEN OLD.status IS NOT NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE tbl = 'jobs' AND status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE tbl = 'jobs' AND status = NEW.status;
END;

CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox BEGIN
    UPDATE status_counts SET n = n + 1 WHERE tbl = 'outbox' AND status = NEW.status;
END;
CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox BEGIN
    UPDATE status_counts SET n = n - 1 WHERE tbl = 'outbox' AND status = OLD.status;
END;
CREATE TRIGGER outbox_count_status AFTER UPDATE OF status ON outbox
WHEN OLD.status IS NOT NEW.status BEGIN
    UPDATE status_counts SET n = n - 1 WHERE tbl = 'outbox' AND status = OLD.status;
    UPDATE status_counts SET n = n + 1 WHERE tbl = 'outbox' AND status = NEW.status;
END;

-- Parser results by parser, language and outcome (the metrics' reactiond_nlp_results).
CREATE TABLE nlp_counts (
    parser   TEXT NOT NULL,
    language TEXT NOT NULL,
    success  INTEGER NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (parser, language, success)
) WITHOUT ROWID;

INSERT INTO nlp_counts (parser, language, success, n)
SELECT parser, language, success, COUNT(*) FROM nlp_log GROUP BY parser, language, success;

CREATE TRIGGER nlp_log_count_insert AFTER INSERT ON nlp_log BEGIN
    INSERT OR IGNORE INTO nlp_counts (parser, language, success, n)
    VALUES (NEW.parser, NEW.language, NEW.success, 0);
    UPDATE nlp_counts SET n = n + 1
    WHERE parser = NEW.parser AND language = NEW.language AND success = NEW.success;
END;
CREATE TRIGGER nlp_log_count_delete AFTER DELETE ON nlp_log BEGIN
    UPDATE nlp_counts SET n = n - 1
    WHERE parser = OLD.parser AND language = OLD.language AND success = OLD.success;
END;

-- What the snapshot still reads from the tables, each an index range or one seek:
-- runnable jobs and the oldest of them, the last dead job, the oldest unsent reply.
CREATE INDEX jobs_queued_run_at ON jobs(run_at) WHERE status = 'queued';
CREATE INDEX jobs_dead ON jobs(finished_at) WHERE status = 'dead';
CREATE INDEX outbox_unsent ON outbox(created_at) WHERE status IN ('pending', 'sending');
-- Replies a stopped process left `sending`, found at start without reading the outbox.
CREATE INDEX outbox_sending ON outbox(id) WHERE status = 'sending';

-- What an action made, and whether its reply left: read when a reaction is changed or
-- removed (reaction_context, cancel_action, reply_left), a scan of every record and
-- reply without these (bills have UNIQUE (action_id, position)).
CREATE INDEX tasks_action ON tasks(action_id);
CREATE INDEX calendar_events_action ON calendar_events(action_id);
CREATE INDEX notes_action ON notes(action_id);
CREATE INDEX outbox_action ON outbox(action_id);

-- The list pages' default sorts (records/query.py: the "when" sort puts rows without a
-- date last with COALESCE(…, '~'); notes newest first), each in index order.
CREATE INDEX tasks_due_sort ON tasks(COALESCE(due_local, '~'), id);
CREATE INDEX calendar_events_start_sort ON calendar_events(COALESCE(start_local, '~'), id);
CREATE INDEX bills_due_sort ON bills(COALESCE(due_local, '~'), id);
CREATE INDEX notes_created ON notes(created_at, id);
-- The same sorts within one status (status=open, the page people keep open).
CREATE INDEX tasks_status_due_sort ON tasks(status, COALESCE(due_local, '~'), id);
CREATE INDEX calendar_events_status_start_sort
    ON calendar_events(status, COALESCE(start_local, '~'), id);
CREATE INDEX bills_status_due_sort ON bills(status, COALESCE(due_local, '~'), id);
CREATE INDEX notes_status_created ON notes(status, created_at, id);

-- `q=`: substring search (what LIKE '%q%' did) through trigram FTS5 tables over the
-- searched columns, external content (the text is not stored twice), kept by triggers.
CREATE VIRTUAL TABLE tasks_fts USING fts5(
    title, assignee, tags, content='tasks', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, title, assignee, tags)
    VALUES (NEW.id, NEW.title, NEW.assignee, NEW.tags);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, title, assignee, tags)
    VALUES ('delete', OLD.id, OLD.title, OLD.assignee, OLD.tags);
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, assignee, tags ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, title, assignee, tags)
    VALUES ('delete', OLD.id, OLD.title, OLD.assignee, OLD.tags);
    INSERT INTO tasks_fts (rowid, title, assignee, tags)
    VALUES (NEW.id, NEW.title, NEW.assignee, NEW.tags);
END;
INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE calendar_events_fts USING fts5(
    title, location, platform, attendees,
    content='calendar_events', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER calendar_events_fts_insert AFTER INSERT ON calendar_events BEGIN
    INSERT INTO calendar_events_fts (rowid, title, location, platform, attendees)
    VALUES (NEW.id, NEW.title, NEW.location, NEW.platform, NEW.attendees);
END;
CREATE TRIGGER calendar_events_fts_delete AFTER DELETE ON calendar_events BEGIN
    INSERT INTO calendar_events_fts (calendar_events_fts, rowid, title, location, platform,
                                     attendees)
    VALUES ('delete', OLD.id, OLD.title, OLD.location, OLD.platform, OLD.attendees);
END;
CREATE TRIGGER calendar_events_fts_update
AFTER UPDATE OF title, location, platform, attendees ON calendar_events BEGIN
    INSERT INTO calendar_events_fts (calendar_events_fts, rowid, title, location, platform,
                                     attendees)
    VALUES ('delete', OLD.id, OLD.title, OLD.location, OLD.platform, OLD.attendees);
    INSERT INTO calendar_events_fts (rowid, title, location, platform, attendees)
    VALUES (NEW.id, NEW.title, NEW.location, NEW.platform, NEW.attendees);
END;
INSERT INTO calendar_events_fts (calendar_events_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE bills_fts USING fts5(
    vendor, content='bills', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER bills_fts_insert AFTER INSERT ON bills BEGIN
    INSERT INTO bills_fts (rowid, vendor) VALUES (NEW.id, NEW.vendor);
END;
CREATE TRIGGER bills_fts_delete AFTER DELETE ON bills BEGIN
    INSERT INTO bills_fts (bills_fts, rowid, vendor) VALUES ('delete', OLD.id, OLD.vendor);
END;
CREATE TRIGGER bills_fts_update AFTER UPDATE OF vendor ON bills BEGIN
    INSERT INTO bills_fts (bills_fts, rowid, vendor) VALUES ('delete', OLD.id, OLD.vendor);
    INSERT INTO bills_fts (rowid, vendor) VALUES (NEW.id, NEW.vendor);
END;
INSERT INTO bills_fts (bills_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE notes_fts USING fts5(
    title, body, tags, content='notes', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body, tags)
    VALUES (NEW.id, NEW.title, NEW.body, NEW.tags);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
    VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.tags);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body, tags ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
    VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.tags);
    INSERT INTO notes_fts (rowid, title, body, tags)
    VALUES (NEW.id, NEW.title, NEW.body, NEW.tags);
END;
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');

-- What a calendar's ETag is made of when it shows a whole kind (a feed without a reactor:
-- the usual one): kept per record table, so a feed's poll answered 304 reads one row
-- instead of aggregating every record (records/query.py: fingerprint). `version` moves
-- on every insert, change and deletion.
CREATE TABLE record_versions (
    tbl          TEXT PRIMARY KEY,
    n            INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    last_updated REAL
) WITHOUT ROWID;
INSERT INTO record_versions (tbl, n, version, last_updated)
SELECT 'tasks', COUNT(*), 0, MAX(updated_at) FROM tasks;
INSERT INTO record_versions (tbl, n, version, last_updated)
SELECT 'calendar_events', COUNT(*), 0, MAX(updated_at) FROM calendar_events;
INSERT INTO record_versions (tbl, n, version, last_updated)
SELECT 'bills', COUNT(*), 0, MAX(updated_at) FROM bills;
INSERT INTO record_versions (tbl, n, version, last_updated)
SELECT 'notes', COUNT(*), 0, MAX(updated_at) FROM notes;
CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks BEGIN
    UPDATE record_versions SET n = n + 1, version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'tasks';
END;
CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks BEGIN
    UPDATE record_versions SET version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'tasks';
END;
CREATE TRIGGER tasks_version_delete AFTER DELETE ON tasks BEGIN
    UPDATE record_versions SET n = n - 1, version = version + 1 WHERE tbl = 'tasks';
END;
CREATE TRIGGER calendar_events_version_insert AFTER INSERT ON calendar_events BEGIN
    UPDATE record_versions SET n = n + 1, version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'calendar_events';
END;
CREATE TRIGGER calendar_events_version_update AFTER UPDATE ON calendar_events BEGIN
    UPDATE record_versions SET version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'calendar_events';
END;
CREATE TRIGGER calendar_events_version_delete AFTER DELETE ON calendar_events BEGIN
    UPDATE record_versions SET n = n - 1, version = version + 1 WHERE tbl = 'calendar_events';
END;
CREATE TRIGGER bills_version_insert AFTER INSERT ON bills BEGIN
    UPDATE record_versions SET n = n + 1, version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'bills';
END;
CREATE TRIGGER bills_version_update AFTER UPDATE ON bills BEGIN
    UPDATE record_versions SET version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'bills';
END;
CREATE TRIGGER bills_version_delete AFTER DELETE ON bills BEGIN
    UPDATE record_versions SET n = n - 1, version = version + 1 WHERE tbl = 'bills';
END;
CREATE TRIGGER notes_version_insert AFTER INSERT ON notes BEGIN
    UPDATE record_versions SET n = n + 1, version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'notes';
END;
CREATE TRIGGER notes_version_update AFTER UPDATE ON notes BEGIN
    UPDATE record_versions SET version = version + 1,
        last_updated = MAX(COALESCE(last_updated, NEW.updated_at), NEW.updated_at)
    WHERE tbl = 'notes';
END;
CREATE TRIGGER notes_version_delete AFTER DELETE ON notes BEGIN
    UPDATE record_versions SET n = n - 1, version = version + 1 WHERE tbl = 'notes';
END;
