-- Retention (reactiond/store/retention_repo.py): each kind of old data has a finder (ids
-- older than :cutoff, at most :n) and one or more drops over those ids (:ids, a JSON
-- array of integers).

-- find_expired_message_payloads --
SELECT id FROM messages WHERE raw IS NOT NULL AND received_at < :cutoff LIMIT :n;

-- drop_message_payloads --
UPDATE messages SET raw = NULL WHERE id IN (SELECT value FROM json_each(:ids));

-- find_expired_reaction_payloads --
SELECT id FROM reactions WHERE raw IS NOT NULL AND received_at < :cutoff LIMIT :n;

-- drop_reaction_payloads --
UPDATE reactions SET raw = NULL WHERE id IN (SELECT value FROM json_each(:ids));

-- find_finished_jobs --
-- Dead jobs are kept: they wait for a human (`queue retry`).
SELECT id FROM jobs WHERE status IN ('done', 'cancelled') AND finished_at < :cutoff LIMIT :n;

-- drop_job_attempts --
DELETE FROM job_attempts WHERE job_id IN (SELECT value FROM json_each(:ids));

-- drop_finished_jobs@sqlite --
-- `+status`: the batch is found by id. Left alone, the planner read jobs_finished for
-- every finished job and probed the batch's ids, per batch (quadratic: 200 ms a batch at
-- 100k records, a catch-up of 40 s for 110k jobs).
DELETE FROM jobs
WHERE id IN (SELECT value FROM json_each(:ids)) AND +status IN ('done', 'cancelled');

-- drop_finished_jobs --
DELETE FROM jobs
WHERE id IN (SELECT value FROM json_each(:ids)) AND status IN ('done', 'cancelled');

-- find_finished_replies --
SELECT id FROM outbox WHERE status IN ('sent', 'cancelled') AND updated_at < :cutoff LIMIT :n;

-- find_finished_replies@sqlite --
-- INDEXED BY: left alone, the planner prefers outbox_status_id (migration 010, the pages'
-- replies of one status), which walks every sent reply instead of the old ones.
SELECT id FROM outbox INDEXED BY outbox_finished
WHERE status IN ('sent', 'cancelled') AND updated_at < :cutoff LIMIT :n;

-- drop_finished_replies --
DELETE FROM outbox
WHERE id IN (SELECT value FROM json_each(:ids)) AND status IN ('sent', 'cancelled');

-- drop_finished_replies@sqlite --
-- NOT INDEXED: by id (the rowid), not one seek per (status, id) in outbox_status_id.
DELETE FROM outbox NOT INDEXED
WHERE id IN (SELECT value FROM json_each(:ids)) AND status IN ('sent', 'cancelled');

-- find_idle_reactions --
-- A reaction no action came from and whose jobs are gone (its own, and the second run a
-- message that arrived late queues: `reaction-late:`). Kept reactions stay in the index,
-- so each batch starts after the last row the previous one looked at (:after_at,
-- :after_id): a run reads each old row once, where starting over read every kept row
-- again per batch (quadratic: > 900 s at 1M records).
SELECT id, received_at AS at FROM reactions r
WHERE received_at < :cutoff AND (received_at, id) > (:after_at, :after_id)
  AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.reaction_row_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM jobs j
                  WHERE j.dedupe_key = 'reaction:' || r.instance || ':' || r.reaction_id)
  AND NOT EXISTS (SELECT 1 FROM jobs j
                  WHERE j.dedupe_key = 'reaction-late:' || r.instance || ':' || r.reaction_id)
ORDER BY received_at, id
LIMIT :n;

-- drop_reactions --
DELETE FROM reactions WHERE id IN (SELECT value FROM json_each(:ids));

-- find_idle_messages --
-- A message nobody acted or reacted on. Correlated by (instance, message id): an index
-- lookup per candidate, where `NOT IN (SELECT …)` read every action and reaction per batch.
-- Resumes after the last row looked at, as find_idle_reactions does.
SELECT id, received_at AS at FROM messages m
WHERE received_at < :cutoff AND (received_at, id) > (:after_at, :after_id)
  AND NOT EXISTS (SELECT 1 FROM actions a
                  WHERE a.instance = m.instance AND a.message_id = m.message_id)
  AND NOT EXISTS (SELECT 1 FROM reactions x
                  WHERE x.instance = m.instance AND x.target_message_id = m.message_id)
ORDER BY received_at, id
LIMIT :n;

-- drop_messages --
DELETE FROM messages WHERE id IN (SELECT value FROM json_each(:ids));

-- find_old_events --
SELECT id FROM event_log WHERE created_at < :cutoff LIMIT :n;

-- drop_events --
DELETE FROM event_log WHERE id IN (SELECT value FROM json_each(:ids));

-- find_old_parse_logs --
SELECT id FROM nlp_log WHERE created_at < :cutoff LIMIT :n;

-- drop_parse_logs --
DELETE FROM nlp_log WHERE id IN (SELECT value FROM json_each(:ids));

-- find_expired_media_bytes --
-- Through media_bytes_held: only rows that still hold bytes are read.
SELECT id FROM media WHERE data IS NOT NULL AND stored_at < :cutoff LIMIT :n;

-- drop_media_bytes --
-- The bytes go; what the file was (type, size, hash, pages, caption, text read) stays
-- with the record's trace.
UPDATE media SET data = NULL
WHERE id IN (SELECT value FROM json_each(:ids)) AND data IS NOT NULL;

-- drop_media_of_messages --
-- The media rows of idle messages, before the messages themselves go.
DELETE FROM media WHERE id IN (
    SELECT d.id FROM media d JOIN messages m
      ON m.instance = d.instance AND m.message_id = d.message_id
    WHERE m.id IN (SELECT value FROM json_each(:ids)));
