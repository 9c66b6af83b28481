-- PostgreSQL's form of 010_page_reads.sql: the same indexes and kept counters, the
-- counters kept by PL/pgSQL triggers (SQLite's trigger bodies are not PostgreSQL's).
--
-- What the web pages read (issue 19: every page under 100 ms with 100,000 records),
-- each an index range or kept counters instead of a scan or a sort of a whole table.
-- tests/store/test_page_plans.py pins the plans; tests/store/contract checks the counters.

-- The list pages' other sorts (created, updated; records/query.py), each in index order
-- (the "when" sorts and notes' created have theirs from 005).
CREATE INDEX tasks_created ON tasks(created_at, id);
CREATE INDEX tasks_updated ON tasks(updated_at, id);
CREATE INDEX calendar_events_created ON calendar_events(created_at, id);
CREATE INDEX calendar_events_updated ON calendar_events(updated_at, id);
CREATE INDEX bills_created ON bills(created_at, id);
CREATE INDEX bills_updated ON bills(updated_at, id);
CREATE INDEX notes_updated ON notes(updated_at, id);
-- The same sorts within one status (a status picked on the page, sorted by date added).
CREATE INDEX tasks_status_created ON tasks(status, created_at, id);
CREATE INDEX tasks_status_updated ON tasks(status, updated_at, id);
CREATE INDEX calendar_events_status_created ON calendar_events(status, created_at, id);
CREATE INDEX calendar_events_status_updated ON calendar_events(status, updated_at, id);
CREATE INDEX bills_status_created ON bills(status, created_at, id);
CREATE INDEX bills_status_updated ON bills(status, updated_at, id);
CREATE INDEX notes_status_updated ON notes(status, updated_at, id);

-- Jobs and replies of one status, newest first (the Queue and Replies pages' filter, and
-- Today's dead jobs and dead replies): a few dead rows among 100,000 done ones.
CREATE INDEX jobs_status_id ON jobs(status, id);
CREATE INDEX outbox_status_id ON outbox(status, id);

-- Today's "not understood": the latest refused parses, without walking every action.
CREATE INDEX actions_refused ON actions(id)
    WHERE outcome = 'parse_failed' AND cancelled_at IS NULL;

-- A reply language chosen for a person (the People page, PATCH /api/people/{who}):
-- 1 = `language` is the operator's and what their messages are detected in no longer
-- changes it (records_repo.set_language); 0 = detected, as before.
ALTER TABLE people ADD COLUMN language_set BIGINT NOT NULL DEFAULT 0;

-- Analytics (store/analytics_repo.py) per quarter hour, kept by triggers in the
-- transaction that writes the action or the parse (see 010_page_reads.sql).
CREATE TABLE action_quarters (
    bucket     BIGINT NOT NULL,
    emoji      TEXT NOT NULL,
    rule_id    BIGINT NOT NULL,
    rule_name  TEXT NOT NULL,
    reactor_id BIGINT NOT NULL,
    n          BIGINT NOT NULL DEFAULT 0,
    ok         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, emoji, rule_id, rule_name, reactor_id)
);

INSERT INTO action_quarters (bucket, emoji, rule_id, rule_name, reactor_id, n, ok)
SELECT (floor(created_at / 900) * 900)::bigint, emoji, COALESCE(rule_id, 0), rule_name,
       reactor_id, COUNT(*), SUM(CASE WHEN outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END)
FROM actions
GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION action_quarters_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE action_quarters SET n = n - 1,
            ok = ok - CASE WHEN OLD.outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END
        WHERE bucket = (floor(OLD.created_at / 900) * 900)::bigint AND emoji = OLD.emoji
          AND rule_id = COALESCE(OLD.rule_id, 0) AND rule_name = OLD.rule_name
          AND reactor_id = OLD.reactor_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO action_quarters (bucket, emoji, rule_id, rule_name, reactor_id, n, ok)
        VALUES ((floor(NEW.created_at / 900) * 900)::bigint, NEW.emoji, COALESCE(NEW.rule_id, 0),
                NEW.rule_name, NEW.reactor_id, 1,
                CASE WHEN NEW.outcome IN ('created', 'cancelled') THEN 1 ELSE 0 END)
        ON CONFLICT (bucket, emoji, rule_id, rule_name, reactor_id)
        DO UPDATE SET n = action_quarters.n + 1, ok = action_quarters.ok + EXCLUDED.ok;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_quarter_insert_delete AFTER INSERT OR DELETE ON actions
FOR EACH ROW EXECUTE FUNCTION action_quarters_follow();
-- A rule deleted (rule_id set NULL), an outcome changed: the action moves between rows.
CREATE TRIGGER actions_quarter_update
AFTER UPDATE OF created_at, emoji, rule_id, rule_name, reactor_id, outcome ON actions
FOR EACH ROW WHEN (
    OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.emoji IS DISTINCT FROM NEW.emoji
    OR OLD.rule_id IS DISTINCT FROM NEW.rule_id OR OLD.rule_name IS DISTINCT FROM NEW.rule_name
    OR OLD.reactor_id IS DISTINCT FROM NEW.reactor_id
    OR (OLD.outcome IN ('created', 'cancelled'))
       IS DISTINCT FROM (NEW.outcome IN ('created', 'cancelled'))
) EXECUTE FUNCTION action_quarters_follow();

CREATE TABLE parse_quarters (
    bucket         BIGINT NOT NULL,
    parser         TEXT NOT NULL,
    language       TEXT NOT NULL,
    n              BIGINT NOT NULL DEFAULT 0,
    ok             BIGINT NOT NULL DEFAULT 0,
    confidence_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
    micros_sum     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, parser, language)
);

INSERT INTO parse_quarters (bucket, parser, language, n, ok, confidence_sum, micros_sum)
SELECT (floor(created_at / 900) * 900)::bigint, parser, language, COUNT(*), SUM(success),
       SUM(confidence), SUM(micros)
FROM nlp_log
GROUP BY 1, 2, 3;

CREATE FUNCTION parse_quarters_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE parse_quarters SET n = n - 1, ok = ok - OLD.success,
            confidence_sum = confidence_sum - OLD.confidence, micros_sum = micros_sum - OLD.micros
        WHERE bucket = (floor(OLD.created_at / 900) * 900)::bigint AND parser = OLD.parser
          AND language = OLD.language;
    ELSE
        INSERT INTO parse_quarters (bucket, parser, language, n, ok, confidence_sum, micros_sum)
        VALUES ((floor(NEW.created_at / 900) * 900)::bigint, NEW.parser, NEW.language, 1,
                NEW.success, NEW.confidence, NEW.micros)
        ON CONFLICT (bucket, parser, language) DO UPDATE SET
            n = parse_quarters.n + 1, ok = parse_quarters.ok + EXCLUDED.ok,
            confidence_sum = parse_quarters.confidence_sum + EXCLUDED.confidence_sum,
            micros_sum = parse_quarters.micros_sum + EXCLUDED.micros_sum;
    END IF;
    RETURN NULL;
END
$$;

-- Retention deletes old parses: their quarters go with them.
CREATE TRIGGER nlp_log_quarter AFTER INSERT OR DELETE ON nlp_log
FOR EACH ROW EXECUTE FUNCTION parse_quarters_follow();
