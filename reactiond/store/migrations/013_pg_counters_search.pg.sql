-- PostgreSQL's form of what 005_flat_costs.sql gave SQLite (issue 18): the counters health,
-- metrics and feeds read (status_counts, nlp_counts, record_versions), kept by triggers in
-- the transaction that changes a row, and `q=` found through trigram indexes.
--
-- Counters without a hot row: several processes write at once here, and one counter row
-- per status would be locked by every transaction that moves a job or a reply until it
-- commits, serialising the workers (and deadlocking two that take two counters in
-- opposite orders). So each server backend (`pg_backend_pid()`) keeps rows of its own,
-- which no other transaction ever waits on, and a read adds them up: a few rows per
-- connection, exact. Rows of backends that are gone are folded into backend 0 by
-- `fold_counters` (store/postgres/store.py: at start and hourly), keeping the sums.

CREATE TABLE status_counts (
    tbl     TEXT NOT NULL,          -- jobs | outbox
    status  TEXT NOT NULL,
    backend INTEGER NOT NULL,       -- pg_backend_pid() of the writer; 0: folded
    n       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, status, backend)
);
-- Every status a CHECK constraint allows has a row, as on SQLite: health lists zeros too.
INSERT INTO status_counts (tbl, status, backend, n)
SELECT 'jobs', s, 0, (SELECT COUNT(*) FROM jobs j WHERE j.status = s)
FROM unnest(ARRAY['queued', 'running', 'done', 'dead', 'cancelled']) AS s;
INSERT INTO status_counts (tbl, status, backend, n)
SELECT 'outbox', s, 0, (SELECT COUNT(*) FROM outbox o WHERE o.status = s)
FROM unnest(ARRAY['pending', 'sending', 'sent', 'dead', 'cancelled']) AS s;

-- Statement-level triggers over transition tables: one upsert per statement and status,
-- whatever the number of rows (a COPY of a million jobs in `store copy` is one), instead
-- of a row-level trigger updating the same counter row a million times in one
-- transaction, whose chain of row versions grows with every update.
CREATE FUNCTION reactiond_count_status_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO status_counts AS c (tbl, status, backend, n)
    SELECT TG_TABLE_NAME, status, pg_backend_pid(), COUNT(*) FROM new_rows GROUP BY status
    ON CONFLICT (tbl, status, backend) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_count_status_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO status_counts AS c (tbl, status, backend, n)
    SELECT TG_TABLE_NAME, status, pg_backend_pid(), -COUNT(*) FROM old_rows GROUP BY status
    ON CONFLICT (tbl, status, backend) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_count_status_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Transition tables of an UPDATE cannot be limited to a column: most updates leave
    -- the status as it is, and add nothing here.
    INSERT INTO status_counts AS c (tbl, status, backend, n)
    SELECT TG_TABLE_NAME, status, pg_backend_pid(), SUM(d) FROM (
        SELECT status, -1 AS d FROM old_rows UNION ALL SELECT status, 1 FROM new_rows
    ) x GROUP BY status HAVING SUM(d) <> 0
    ON CONFLICT (tbl, status, backend) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;

-- TRUNCATE (store copy --replace) fires no row trigger: the table's counts start over.
CREATE FUNCTION reactiond_count_status_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE status_counts SET n = 0 WHERE tbl = TG_TABLE_NAME;
    RETURN NULL;
END $$;

CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_inserted();
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_deleted();
CREATE TRIGGER jobs_count_update AFTER UPDATE ON jobs
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_updated();
CREATE TRIGGER jobs_count_truncate AFTER TRUNCATE ON jobs
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_truncated();

CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_inserted();
CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_deleted();
CREATE TRIGGER outbox_count_update AFTER UPDATE ON outbox
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_updated();
CREATE TRIGGER outbox_count_truncate AFTER TRUNCATE ON outbox
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_status_truncated();

-- Parser results by parser, language and outcome (the metrics' reactiond_nlp_results).
CREATE TABLE nlp_counts (
    parser   TEXT NOT NULL,
    language TEXT NOT NULL,
    success  BIGINT NOT NULL,
    backend  INTEGER NOT NULL,
    n        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (parser, language, success, backend)
);
INSERT INTO nlp_counts (parser, language, success, backend, n)
SELECT parser, language, success, 0, COUNT(*) FROM nlp_log GROUP BY parser, language, success;

CREATE FUNCTION reactiond_count_parse_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO nlp_counts AS c (parser, language, success, backend, n)
    SELECT parser, language, success, pg_backend_pid(), COUNT(*) FROM new_rows
    GROUP BY parser, language, success
    ON CONFLICT (parser, language, success, backend) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_count_parse_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO nlp_counts AS c (parser, language, success, backend, n)
    SELECT parser, language, success, pg_backend_pid(), -COUNT(*) FROM old_rows
    GROUP BY parser, language, success
    ON CONFLICT (parser, language, success, backend) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_count_parse_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM nlp_counts;
    RETURN NULL;
END $$;
CREATE TRIGGER nlp_log_count_insert AFTER INSERT ON nlp_log REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_parse_inserted();
CREATE TRIGGER nlp_log_count_delete AFTER DELETE ON nlp_log REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_parse_deleted();
CREATE TRIGGER nlp_log_count_truncate AFTER TRUNCATE ON nlp_log
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_count_parse_truncated();

-- A record table's count, a version that moves on every insert, change and deletion, and
-- the last `updated_at`: a whole-kind feed's ETag (store/record_versions.py). Summed over
-- backends, the version still only ever moves forward.
CREATE TABLE record_versions (
    tbl          TEXT NOT NULL,
    backend      INTEGER NOT NULL,
    n            BIGINT NOT NULL,
    version      BIGINT NOT NULL,
    last_updated DOUBLE PRECISION,
    PRIMARY KEY (tbl, backend)
);
INSERT INTO record_versions (tbl, backend, n, version, last_updated)
SELECT 'tasks', 0, COUNT(*), 0, MAX(updated_at) FROM tasks;
INSERT INTO record_versions (tbl, backend, n, version, last_updated)
SELECT 'calendar_events', 0, COUNT(*), 0, MAX(updated_at) FROM calendar_events;
INSERT INTO record_versions (tbl, backend, n, version, last_updated)
SELECT 'bills', 0, COUNT(*), 0, MAX(updated_at) FROM bills;
INSERT INTO record_versions (tbl, backend, n, version, last_updated)
SELECT 'notes', 0, COUNT(*), 0, MAX(updated_at) FROM notes;

CREATE FUNCTION reactiond_record_version_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO record_versions AS v (tbl, backend, n, version, last_updated)
    SELECT TG_TABLE_NAME, pg_backend_pid(), COUNT(*), COUNT(*), MAX(updated_at) FROM new_rows
    HAVING COUNT(*) > 0
    ON CONFLICT (tbl, backend) DO UPDATE SET n = v.n + EXCLUDED.n,
        version = v.version + EXCLUDED.version,
        last_updated = GREATEST(v.last_updated, EXCLUDED.last_updated);
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_record_version_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO record_versions AS v (tbl, backend, n, version, last_updated)
    SELECT TG_TABLE_NAME, pg_backend_pid(), 0, COUNT(*), MAX(updated_at) FROM new_rows
    HAVING COUNT(*) > 0
    ON CONFLICT (tbl, backend) DO UPDATE SET version = v.version + EXCLUDED.version,
        last_updated = GREATEST(v.last_updated, EXCLUDED.last_updated);
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_record_version_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO record_versions AS v (tbl, backend, n, version, last_updated)
    SELECT TG_TABLE_NAME, pg_backend_pid(), -COUNT(*), COUNT(*), NULL FROM old_rows
    HAVING COUNT(*) > 0
    ON CONFLICT (tbl, backend) DO UPDATE SET n = v.n + EXCLUDED.n,
        version = v.version + EXCLUDED.version;
    RETURN NULL;
END $$;
CREATE FUNCTION reactiond_record_version_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- No rows left, and a version past every one an ETag was made from.
    UPDATE record_versions SET n = 0, version = version + 1 WHERE tbl = TG_TABLE_NAME;
    RETURN NULL;
END $$;

CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_inserted();
CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_updated();
CREATE TRIGGER tasks_version_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_deleted();
CREATE TRIGGER tasks_version_truncate AFTER TRUNCATE ON tasks
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_truncated();
CREATE TRIGGER calendar_events_version_insert AFTER INSERT ON calendar_events REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_inserted();
CREATE TRIGGER calendar_events_version_update AFTER UPDATE ON calendar_events
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_updated();
CREATE TRIGGER calendar_events_version_delete AFTER DELETE ON calendar_events REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_deleted();
CREATE TRIGGER calendar_events_version_truncate AFTER TRUNCATE ON calendar_events
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_truncated();
CREATE TRIGGER bills_version_insert AFTER INSERT ON bills REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_inserted();
CREATE TRIGGER bills_version_update AFTER UPDATE ON bills
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_updated();
CREATE TRIGGER bills_version_delete AFTER DELETE ON bills REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_deleted();
CREATE TRIGGER bills_version_truncate AFTER TRUNCATE ON bills
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_truncated();
CREATE TRIGGER notes_version_insert AFTER INSERT ON notes REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_inserted();
CREATE TRIGGER notes_version_update AFTER UPDATE ON notes
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_updated();
CREATE TRIGGER notes_version_delete AFTER DELETE ON notes REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_deleted();
CREATE TRIGGER notes_version_truncate AFTER TRUNCATE ON notes
FOR EACH STATEMENT EXECUTE FUNCTION reactiond_record_version_truncated();

-- Rows of backends that are gone, folded into backend 0 with their sums unchanged: what
-- keeps the tables at a few rows per live connection. One folder at a time (an advisory
-- lock; others skip), and rows a live transaction holds are skipped, not waited on, so a
-- fold never blocks a writer (a backend id the server gave again to a new session).
CREATE FUNCTION reactiond_fold_counters() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    folded BIGINT := 0;
    k BIGINT;
BEGIN
    IF NOT pg_try_advisory_xact_lock(1919246691, 2) THEN
        RETURN 0;
    END IF;
    WITH gone AS (
        DELETE FROM status_counts WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM status_counts c WHERE c.backend <> 0
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.backend)
            FOR UPDATE SKIP LOCKED))
        RETURNING tbl, status, n
    ), moved AS (
        INSERT INTO status_counts AS c (tbl, status, backend, n)
        SELECT tbl, status, 0, SUM(n) FROM gone GROUP BY tbl, status
        ON CONFLICT (tbl, status, backend) DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING 1
    ) SELECT COUNT(*) INTO k FROM gone;
    folded := folded + k;
    WITH gone AS (
        DELETE FROM nlp_counts WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM nlp_counts c WHERE c.backend <> 0
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.backend)
            FOR UPDATE SKIP LOCKED))
        RETURNING parser, language, success, n
    ), moved AS (
        INSERT INTO nlp_counts AS c (parser, language, success, backend, n)
        SELECT parser, language, success, 0, SUM(n) FROM gone GROUP BY parser, language, success
        ON CONFLICT (parser, language, success, backend) DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING 1
    ) SELECT COUNT(*) INTO k FROM gone;
    folded := folded + k;
    WITH gone AS (
        DELETE FROM record_versions WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM record_versions c WHERE c.backend <> 0
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.backend)
            FOR UPDATE SKIP LOCKED))
        RETURNING tbl, n, version, last_updated
    ), moved AS (
        INSERT INTO record_versions AS v (tbl, backend, n, version, last_updated)
        SELECT tbl, 0, SUM(n), SUM(version), MAX(last_updated) FROM gone GROUP BY tbl
        ON CONFLICT (tbl, backend) DO UPDATE SET n = v.n + EXCLUDED.n,
            version = v.version + EXCLUDED.version,
            last_updated = GREATEST(v.last_updated, EXCLUDED.last_updated)
        RETURNING 1
    ) SELECT COUNT(*) INTO k FROM gone;
    RETURN folded + k;
END $$;

-- `q=`: the same substring match as SQLite's trigram FTS5 (store/search.py: `ILIKE
-- '%q%'` over each searched column), found through pg_trgm's GIN indexes instead of
-- reading every row. pg_trgm ships with PostgreSQL (Debian's `postgresql` package, the
-- contrib modules of other builds) and is a trusted extension: the database's owner may
-- create it. `fastupdate = off`: each insert goes into the index itself rather than a
-- pending list that every search would read until a vacuum merges it (records arrive a few
-- a second; a search should not pay for the last hour's), which also keeps the planner on
-- the index between vacuums.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tasks_title_trgm ON tasks
    USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX tasks_assignee_trgm ON tasks
    USING gin (assignee gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX tasks_tags_trgm ON tasks
    USING gin (tags gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX calendar_events_title_trgm ON calendar_events
    USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX calendar_events_location_trgm ON calendar_events
    USING gin (location gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX calendar_events_platform_trgm ON calendar_events
    USING gin (platform gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX calendar_events_attendees_trgm
    ON calendar_events USING gin (attendees gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX bills_vendor_trgm ON bills
    USING gin (vendor gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX notes_title_trgm ON notes
    USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX notes_body_trgm ON notes
    USING gin (body gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX notes_tags_trgm ON notes
    USING gin (tags gin_trgm_ops) WITH (fastupdate = off);
