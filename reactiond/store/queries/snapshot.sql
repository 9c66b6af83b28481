-- What health and metrics report from the database (reactiond/store/snapshot.py).

-- Every figure here costs the same at any size (issue 17: whole-table counts took 1 s
-- at 1M records): kept counters (migration 005), or an index range over what is due.
-- INDEXED BY: with no statistics the planner prefers jobs_status_kind, which walks every
-- job of the status. tests/store/test_flat_cost_plans.py pins the plans.

-- count_jobs_by_status --
SELECT status, n FROM status_counts WHERE tbl = 'jobs';

-- count_jobs_by_status@postgres --
-- Rows per writing backend there (migration 012): their sum.
SELECT status, CAST(SUM(n) AS BIGINT) AS n FROM status_counts WHERE tbl = 'jobs' GROUP BY status;

-- queued_jobs_runnable_now@sqlite --
-- Only the runnable ones (the backlog); those queued for later are the counter's rest.
SELECT COUNT(*) AS ready, MIN(run_at) AS oldest FROM jobs INDEXED BY jobs_queued_run_at
WHERE status = 'queued' AND run_at <= :now;

-- queued_jobs_runnable_now --
SELECT COUNT(*) AS ready, MIN(run_at) AS oldest FROM jobs
WHERE status = 'queued' AND run_at <= :now;

-- last_dead_job_at@sqlite --
SELECT MAX(finished_at) AS last FROM jobs INDEXED BY jobs_dead WHERE status = 'dead';

-- last_dead_job_at --
SELECT MAX(finished_at) AS last FROM jobs WHERE status = 'dead';

-- count_replies_by_status --
SELECT status, n FROM status_counts WHERE tbl = 'outbox';

-- count_replies_by_status@postgres --
SELECT status, CAST(SUM(n) AS BIGINT) AS n FROM status_counts WHERE tbl = 'outbox'
GROUP BY status;

-- oldest_pending_reply_at@sqlite --
SELECT MIN(created_at) AS oldest FROM outbox INDEXED BY outbox_unsent
WHERE status IN ('pending', 'sending');

-- oldest_pending_reply_at --
SELECT MIN(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending');

-- last_webhook_at --
SELECT MAX(last_at) AS last FROM event_counters;

-- count_parses --
SELECT parser, language, success, n FROM nlp_counts WHERE n > 0;

-- count_parses@postgres --
SELECT parser, language, success, CAST(SUM(n) AS BIGINT) AS n FROM nlp_counts
GROUP BY parser, language, success HAVING SUM(n) > 0;

-- insert_probe_event --
-- A real write that leaves nothing behind (deleted in the same transaction): the pages
-- still reach the WAL and fsync, so a full disk or a read-only mount shows here.
INSERT INTO event_log (type, data, created_at) VALUES ('health.probe', '{}', :now) RETURNING id;

-- delete_probe_event --
DELETE FROM event_log WHERE id = :id;

-- instances_by_last_webhook --
-- Only instances whose webhooks were stored or ignored here: a refused post (wrong secret)
-- may name any instance at all.
SELECT instance, MAX(last_at) AS at FROM event_counters
WHERE outcome IN ('stored', 'ignored')
GROUP BY instance ORDER BY at DESC, instance LIMIT :n;

-- record_version --
-- A record table's kept count and version (store/record_versions.py: feeds' ETags).
SELECT n, version, last_updated FROM record_versions WHERE tbl = :table;

-- record_version@postgres --
SELECT CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(version) AS BIGINT) AS version,
    MAX(last_updated) AS last_updated
FROM record_versions WHERE tbl = :table HAVING COUNT(*) > 0;

-- fold_counters --
-- The counters' rows of backends that are gone, folded (migration 012, PostgreSQL's
-- only: SQLite keeps one row per counter and has nothing to fold).
SELECT 0 AS folded;

-- fold_counters@postgres --
SELECT reactiond_fold_counters() AS folded;
