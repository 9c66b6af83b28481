-- The durable job queue (reactiond/store/sqlite/queue.py; store/postgres/queue.py has its
-- own claim, recovery and timer, and shares the rest).
--
-- The claim must cost the same whether 10 or 1,000,000 jobs wait: future reminders and
-- deferred retries sit in the queue for days. `jobs_ready (priority DESC, run_at, id)
-- WHERE status = 'queued'` serves both steps: the priorities present are found by a loose
-- index scan (one seek per distinct priority, of which there are a handful), and within
-- one priority the first due job is the first entry of its range.

-- queued_priorities@sqlite --
-- INDEXED BY: left alone, the planner answers MAX() through jobs_status_kind, reading
-- every queued job.
WITH RECURSIVE p(v) AS (
    SELECT MAX(priority) FROM jobs INDEXED BY jobs_ready WHERE status = 'queued'
    UNION ALL
    SELECT (SELECT MAX(priority) FROM jobs INDEXED BY jobs_ready
            WHERE status = 'queued' AND priority < p.v)
    FROM p WHERE p.v IS NOT NULL
)
SELECT v AS priority FROM p WHERE v IS NOT NULL;

-- queued_priorities --
-- PostgreSQL's planner walks jobs_ready for MAX() by itself.
WITH RECURSIVE p(v) AS (
    SELECT MAX(priority) FROM jobs WHERE status = 'queued'
    UNION ALL
    SELECT (SELECT MAX(priority) FROM jobs WHERE status = 'queued' AND priority < p.v)
    FROM p WHERE p.v IS NOT NULL
)
SELECT v AS priority FROM p WHERE v IS NOT NULL;

-- expired_then_queued_priorities --
-- PostgreSQL's claim, its first look in one round trip: a row with no priority first when
-- some lease has run out (the claim then recovers those jobs and looks again), then the
-- queued priorities as queued_priorities gives them.
SELECT NULL::bigint AS priority
WHERE EXISTS (SELECT 1 FROM jobs WHERE status = 'running' AND lease_expires_at <= :now)
UNION ALL (
    WITH RECURSIVE p(v) AS (
        SELECT MAX(priority) FROM jobs WHERE status = 'queued'
        UNION ALL
        SELECT (SELECT MAX(priority) FROM jobs WHERE status = 'queued' AND priority < p.v)
        FROM p WHERE p.v IS NOT NULL
    )
    SELECT v FROM p WHERE v IS NOT NULL
);

-- claim_due_job_of_priority --
-- PostgreSQL's claim (store/postgres/queue.py), one priority at a time as SQLite's: the
-- first due job of a wanted kind in jobs_ready's range for that priority, locked
-- (SKIP LOCKED: another worker's claim is not waited on), leased and its attempt begun
-- in one statement, so that the claim's COMMIT can go with it.
WITH next AS (
    SELECT id FROM jobs
    WHERE status = 'queued' AND priority = :priority AND run_at <= :now AND kind = ANY(:kinds)
    ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE jobs SET status = 'running', attempts = jobs.attempts + 1, lease_owner = :worker,
        lease_expires_at = :until, updated_at = :now
    FROM next WHERE jobs.id = next.id RETURNING jobs.*
), attempt AS (
    INSERT INTO job_attempts (job_id, attempt, worker, started_at)
    SELECT id, attempts, :worker, :now FROM claimed
    ON CONFLICT (job_id, attempt) DO UPDATE SET worker = excluded.worker,
        started_at = excluded.started_at, finished_at = NULL, outcome = NULL, error = NULL
)
SELECT * FROM claimed;

-- next_queued_run_at@sqlite --
-- The worker's timer: the earliest queued job of its kinds, walking jobs_queued_run_at in
-- order (it stops at the first of a wanted kind) instead of every queued job of the
-- kinds through jobs_status_kind (240 ms with a million reminders waiting).
SELECT run_at FROM jobs INDEXED BY jobs_queued_run_at
WHERE status = 'queued' AND kind IN (SELECT value FROM json_each(:kinds))
ORDER BY run_at LIMIT 1;

-- earliest_lease_expiry@sqlite --
-- The timer's other half: the first lease of the worker's kinds to run out. The kinds as
-- one JSON list, as in next_queued_run_at: one text for any number of kinds, and the same
-- search of jobs_status_kind (status, kind) as an IN list of placeholders.
SELECT MIN(lease_expires_at) AS t FROM jobs
WHERE status = 'running' AND kind IN (SELECT value FROM json_each(:kinds));

-- first_due_job_of_priority@sqlite --
SELECT id, kind FROM jobs INDEXED BY jobs_ready
WHERE status = 'queued' AND priority = :priority AND run_at <= :now
ORDER BY run_at, id;

-- job_lease --
-- Who holds a job now, read before a worker's finish is written.
SELECT status, lease_owner, attempts FROM jobs WHERE id = :id;

-- job_lease@postgres --
-- Locked until the finish commits: a worker paused past its lease cannot commit effects
-- that another worker is committing too.
SELECT status, lease_owner, attempts FROM jobs WHERE id = :id FOR UPDATE;

-- find_expired_leases --
-- The jobs whose worker vanished (crash, kill) before its lease ran out.
SELECT id, attempts, max_attempts, lease_owner FROM jobs
WHERE status = 'running' AND lease_expires_at <= :now;

-- find_expired_leases@postgres --
-- At most 100 at a time, locked: rows another process is recovering (or finishing) right
-- now are skipped, not waited for.
SELECT id, attempts, max_attempts, lease_owner FROM jobs
WHERE status = 'running' AND lease_expires_at <= :now
ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED;

-- release_expired_job --
-- Queued again, or dead (:finished set) when its attempts are spent.
UPDATE jobs SET status = :status, lease_owner = NULL, lease_expires_at = NULL,
    last_error = :error, updated_at = :now, finished_at = :finished WHERE id = :id;

-- close_expired_attempt --
UPDATE job_attempts SET finished_at = :now, outcome = 'lease-expired'
WHERE job_id = :id AND attempt = :attempt;

-- lease_job --
-- SQLite's claim of the job _first_due chose.
UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = :worker,
    lease_expires_at = :until, updated_at = :now WHERE id = :id RETURNING *;

-- begin_attempt --
INSERT INTO job_attempts (job_id, attempt, worker, started_at)
VALUES (:id, :attempt, :worker, :now)
ON CONFLICT (job_id, attempt) DO UPDATE SET worker = excluded.worker,
    started_at = excluded.started_at, finished_at = NULL, outcome = NULL, error = NULL;

-- mark_job_done --
UPDATE jobs SET status = 'done', lease_owner = NULL, lease_expires_at = NULL,
    updated_at = :now, finished_at = :now WHERE id = :id;

-- mark_job_failed --
-- Queued again for :run_at (a retry), or dead (:finished set).
UPDATE jobs SET status = :status, run_at = :run_at, lease_owner = NULL,
    lease_expires_at = NULL, last_error = :error, updated_at = :now,
    finished_at = :finished WHERE id = :id;

-- give_job_back --
-- A release (shutdown): the run does not count as an attempt.
UPDATE jobs SET status = 'queued', attempts = attempts - 1, lease_owner = NULL,
    lease_expires_at = NULL, updated_at = :now WHERE id = :id;

-- make_job_wait --
-- Queued again for :run_at, and, as with a release, the run does not count as an attempt:
-- waiting never uses up a job's retries.
UPDATE jobs SET status = 'queued', attempts = attempts - 1, run_at = :run_at,
    lease_owner = NULL, lease_expires_at = NULL, last_error = :error,
    updated_at = :now WHERE id = :id;

-- forget_attempt --
-- The attempt of a run given back or waiting: it did not count.
DELETE FROM job_attempts WHERE job_id = :id AND attempt = :attempt;

-- finish_attempt --
UPDATE job_attempts SET finished_at = :now, outcome = :outcome, error = :error
WHERE job_id = :id AND attempt = :attempt;

-- retry_dead_job --
-- A fresh set of attempts, runnable now.
UPDATE jobs SET status = 'queued', attempts = 0, run_at = :now, updated_at = :now,
    finished_at = NULL WHERE id = :id AND status IN ('dead', 'cancelled') RETURNING *;

-- next_job_or_lease_due --
-- PostgreSQL's timer for a worker (store/postgres/queue.py): the earliest queued job of
-- its kinds, or lease to run out, in one statement. The queued half walks
-- jobs_queued_run_at in order and stops at the first job of a wanted kind, as SQLite's
-- INDEXED BY does: `kind || ''` keeps jobs_status_kind out of the planner's reach, through
-- which, without fresh statistics (a new database, a burst of jobs, a copy), it read every
-- queued job of the kinds for each completion (0.3 ms with 1,000 queued; it grows).
SELECT LEAST((SELECT run_at FROM jobs WHERE status = 'queued' AND kind || '' = ANY(:kinds)
    ORDER BY run_at LIMIT 1), (SELECT MIN(lease_expires_at) FROM jobs
    WHERE status = 'running' AND kind = ANY(:kinds))) AS due;

-- The listings, newest first. One query per set of filters given: `:status IS NULL OR
-- status = :status` hid the status from the planner, which then walked every job newest
-- first to find a few dead ones among 100,000 done (jobs_status_id, migration 010, is the
-- walk it needs).

-- list_jobs --
SELECT * FROM jobs ORDER BY id DESC LIMIT :limit;

-- list_jobs_of_status --
SELECT * FROM jobs WHERE status = :status ORDER BY id DESC LIMIT :limit;

-- list_jobs_of_kind --
SELECT * FROM jobs WHERE kind = :kind ORDER BY id DESC LIMIT :limit;

-- list_jobs_of_status_and_kind --
SELECT * FROM jobs WHERE status = :status AND kind = :kind ORDER BY id DESC LIMIT :limit;

-- get_job --
SELECT * FROM jobs WHERE id = :id;

-- list_job_attempts --
SELECT * FROM job_attempts WHERE job_id = :id ORDER BY attempt;

-- count_jobs_by_kind_and_status --
SELECT kind, status, COUNT(*) AS n FROM jobs GROUP BY kind, status;

-- oldest_due_job_run_at --
SELECT MIN(run_at) AS t FROM jobs WHERE status = 'queued' AND run_at <= :now;

-- count_deferred_jobs --
SELECT COUNT(*) AS n FROM jobs WHERE status = 'queued' AND run_at > :now;

-- count_ignored_events --
SELECT event, SUM(count) AS n FROM event_counters WHERE outcome = 'ignored'
GROUP BY event;
