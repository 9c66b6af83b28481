-- The job queue's claim (reactiond/store/sqlite/queue.py).
--
-- A claim must cost the same whether 10 or 1,000,000 jobs wait: future reminders and
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
