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
ALTER TABLE people ADD COLUMN language_set INTEGER NOT NULL DEFAULT 0;

-- Analytics (store/analytics_repo.py) per quarter hour, kept by triggers in the
-- transaction that writes the action or the parse, so any code path keeps them right.
-- A window sums the quarters it covers whole and reads the raw rows of the two partial
-- quarters at its ends through actions_created / nlp_log_created. A quarter hour because
-- every time zone's offset is a whole number of them: hours of the day are exact in any
-- zone. `bucket` = the quarter's first second (unix); `rule_id` 0 = no rule (deleted).
CREATE TABLE action_quarters (
    bucket     INTEGER NOT NULL,
    emoji      TEXT NOT NULL,
    rule_id    INTEGER NOT NULL,
    rule_name  TEXT NOT NULL,
    reactor_id INTEGER NOT NULL,
    n          INTEGER NOT NULL DEFAULT 0,
    ok         INTEGER NOT NULL DEFAULT 0,      -- made their record (created or cancelled)
    PRIMARY KEY (bucket, emoji, rule_id, rule_name, reactor_id)
) WITHOUT ROWID;

INSERT INTO action_quarters (bucket, emoji, rule_id, rule_name, reactor_id, n, ok)
SELECT CAST(created_at / 900 AS INTEGER) * 900, emoji, COALESCE(rule_id, 0), rule_name,
       reactor_id, COUNT(*), SUM(outcome IN ('created', 'cancelled'))
FROM actions
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER actions_quarter_insert AFTER INSERT ON actions BEGIN
    INSERT INTO action_quarters (bucket, emoji, rule_id, rule_name, reactor_id, n, ok)
    VALUES (CAST(NEW.created_at / 900 AS INTEGER) * 900, NEW.emoji, COALESCE(NEW.rule_id, 0),
            NEW.rule_name, NEW.reactor_id, 1, NEW.outcome IN ('created', 'cancelled'))
    ON CONFLICT (bucket, emoji, rule_id, rule_name, reactor_id)
    DO UPDATE SET n = n + 1, ok = ok + excluded.ok;
END;
CREATE TRIGGER actions_quarter_delete AFTER DELETE ON actions BEGIN
    UPDATE action_quarters SET n = n - 1, ok = ok - (OLD.outcome IN ('created', 'cancelled'))
    WHERE bucket = CAST(OLD.created_at / 900 AS INTEGER) * 900 AND emoji = OLD.emoji
      AND rule_id = COALESCE(OLD.rule_id, 0) AND rule_name = OLD.rule_name
      AND reactor_id = OLD.reactor_id;
END;
-- A rule deleted (rule_id set NULL), an outcome changed: the action moves between rows.
CREATE TRIGGER actions_quarter_update
AFTER UPDATE OF created_at, emoji, rule_id, rule_name, reactor_id, outcome ON actions
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.emoji IS NOT NEW.emoji
  OR OLD.rule_id IS NOT NEW.rule_id OR OLD.rule_name IS NOT NEW.rule_name
  OR OLD.reactor_id IS NOT NEW.reactor_id
  OR (OLD.outcome IN ('created', 'cancelled')) IS NOT (NEW.outcome IN ('created', 'cancelled'))
BEGIN
    UPDATE action_quarters SET n = n - 1, ok = ok - (OLD.outcome IN ('created', 'cancelled'))
    WHERE bucket = CAST(OLD.created_at / 900 AS INTEGER) * 900 AND emoji = OLD.emoji
      AND rule_id = COALESCE(OLD.rule_id, 0) AND rule_name = OLD.rule_name
      AND reactor_id = OLD.reactor_id;
    INSERT INTO action_quarters (bucket, emoji, rule_id, rule_name, reactor_id, n, ok)
    VALUES (CAST(NEW.created_at / 900 AS INTEGER) * 900, NEW.emoji, COALESCE(NEW.rule_id, 0),
            NEW.rule_name, NEW.reactor_id, 1, NEW.outcome IN ('created', 'cancelled'))
    ON CONFLICT (bucket, emoji, rule_id, rule_name, reactor_id)
    DO UPDATE SET n = n + 1, ok = ok + excluded.ok;
END;

CREATE TABLE parse_quarters (
    bucket         INTEGER NOT NULL,
    parser         TEXT NOT NULL,
    language       TEXT NOT NULL,
    n              INTEGER NOT NULL DEFAULT 0,
    ok             INTEGER NOT NULL DEFAULT 0,
    confidence_sum REAL NOT NULL DEFAULT 0,
    micros_sum     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, parser, language)
) WITHOUT ROWID;

INSERT INTO parse_quarters (bucket, parser, language, n, ok, confidence_sum, micros_sum)
SELECT CAST(created_at / 900 AS INTEGER) * 900, parser, language, COUNT(*), SUM(success),
       SUM(confidence), SUM(micros)
FROM nlp_log
GROUP BY 1, 2, 3;

CREATE TRIGGER nlp_log_quarter_insert AFTER INSERT ON nlp_log BEGIN
    INSERT INTO parse_quarters (bucket, parser, language, n, ok, confidence_sum, micros_sum)
    VALUES (CAST(NEW.created_at / 900 AS INTEGER) * 900, NEW.parser, NEW.language, 1,
            NEW.success, NEW.confidence, NEW.micros)
    ON CONFLICT (bucket, parser, language) DO UPDATE SET
        n = n + 1, ok = ok + excluded.ok, confidence_sum = confidence_sum + excluded.confidence_sum,
        micros_sum = micros_sum + excluded.micros_sum;
END;
-- Retention deletes old parses: their quarters go with them.
CREATE TRIGGER nlp_log_quarter_delete AFTER DELETE ON nlp_log BEGIN
    UPDATE parse_quarters SET n = n - 1, ok = ok - OLD.success,
        confidence_sum = confidence_sum - OLD.confidence, micros_sum = micros_sum - OLD.micros
    WHERE bucket = CAST(OLD.created_at / 900 AS INTEGER) * 900 AND parser = OLD.parser
      AND language = OLD.language;
END;
