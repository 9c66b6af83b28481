-- What health and metrics report from the database (reactiond/store/snapshot.py).

-- count_jobs_by_status --
SELECT status, COUNT(*) AS n FROM jobs GROUP BY status;

-- queued_jobs_now_and_later --
SELECT SUM(CASE WHEN run_at <= :now THEN 1 ELSE 0 END) AS ready,
       SUM(CASE WHEN run_at > :now THEN 1 ELSE 0 END) AS later,
       MIN(CASE WHEN run_at <= :now THEN run_at END) AS oldest
FROM jobs WHERE status = 'queued';

-- last_dead_job_at --
SELECT MAX(finished_at) AS last FROM jobs WHERE status = 'dead';

-- count_replies_by_status --
SELECT status, COUNT(*) AS n FROM outbox GROUP BY status;

-- oldest_pending_reply_at --
SELECT MIN(created_at) AS oldest FROM outbox WHERE status IN ('pending', 'sending');

-- last_webhook_at --
SELECT MAX(last_at) AS last FROM event_counters;

-- count_parses --
SELECT parser, language, success, COUNT(*) AS n FROM nlp_log GROUP BY parser, language, success;

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
