-- Reminders: delayed `reminder` jobs keyed `reminder:<kind>:<record id>:…`, and what
-- planning them needs to know (reactiond/store/reminders_repo.py).

-- cancel_queued_reminders --
-- The dedupe key is freed (suffixed with the job id): planning the same moment again
-- after a change must queue a new job, not collide with the cancelled one.
UPDATE jobs SET status = 'cancelled', updated_at = :now, finished_at = :now,
       dedupe_key = dedupe_key || ':cancelled:' || id
WHERE kind = :kind AND status = 'queued' AND dedupe_key LIKE :prefix
RETURNING id;

-- last_planned_reminder --
-- Cancelled ones count too: a task marked done and then reopened gets its reminder back.
SELECT payload FROM jobs
WHERE kind = :kind AND status IN ('queued', 'cancelled') AND dedupe_key LIKE :prefix
ORDER BY id DESC LIMIT 1;

-- confirmation_route --
SELECT instance, destination, language FROM outbox
WHERE dedupe_key = :key AND kind = 'text';

-- rule_config --
SELECT config FROM rules WHERE id = :id;
