-- CalDAV targets and the resources pushed to them (reactiond/store/caldav_repo.py).

-- insert_target --
INSERT INTO caldav_targets (name, url, collection_url, username, password_file,
    password_env, kinds, bills_as, on_cancel, person_id, rule_id, created_at)
VALUES (:name, :url, :collection_url, :username, :password_file, :password_env, :kinds,
    :bills_as, :on_cancel, :person_id, :rule_id, :now)
ON CONFLICT (name) DO NOTHING RETURNING *;

-- update_target --
-- `calendars edit`: every field but the name, the id and when it was added.
UPDATE caldav_targets SET url = :url, collection_url = :collection_url,
    username = :username, password_file = :password_file, password_env = :password_env,
    kinds = :kinds, bills_as = :bills_as, on_cancel = :on_cancel, person_id = :person_id,
    rule_id = :rule_id
WHERE id = :id RETURNING *;

-- list_targets --
SELECT * FROM caldav_targets ORDER BY name;

-- target_by_name --
SELECT * FROM caldav_targets WHERE name = :name;

-- target_by_id --
SELECT * FROM caldav_targets WHERE id = :id;

-- delete_target --
DELETE FROM caldav_targets WHERE name = :name RETURNING id;

-- delete_target_resources --
DELETE FROM caldav_resources WHERE target_id = :id;

-- targets_for_task --
-- The targets a record goes to: its kind is among theirs, and their person and rule (if
-- they name one) are the record's. `kinds` is a small JSON list: LIKE on the quoted name
-- reads the same on SQLite and PostgreSQL.
SELECT t.id FROM caldav_targets t JOIN tasks r ON r.id = :id
WHERE t.kinds LIKE '%"task"%'
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id);

-- targets_for_event --
SELECT t.id FROM caldav_targets t JOIN calendar_events r ON r.id = :id
WHERE t.kinds LIKE '%"event"%'
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id);

-- targets_for_bill --
SELECT t.id FROM caldav_targets t JOIN bills r ON r.id = :id
WHERE t.kinds LIKE '%"bill"%'
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id);

-- get_resource --
SELECT * FROM caldav_resources
WHERE target_id = :target_id AND kind = :kind AND record_id = :record_id;

-- put_resource --
INSERT INTO caldav_resources (target_id, kind, record_id, href, etag, body_hash, state,
    conflict, updated_at)
VALUES (:target_id, :kind, :record_id, :href, :etag, :body_hash, :state, :conflict, :now)
ON CONFLICT (target_id, kind, record_id) DO UPDATE SET href = excluded.href,
    etag = excluded.etag, body_hash = excluded.body_hash, state = excluded.state,
    conflict = excluded.conflict, updated_at = excluded.updated_at;

-- resources_of_target --
SELECT * FROM caldav_resources WHERE target_id = :target_id ORDER BY kind, record_id;

-- conflicts_of_target --
SELECT * FROM caldav_resources WHERE target_id = :target_id AND state = 'conflict'
ORDER BY kind, record_id;

-- push_jobs_of_target --
-- The push jobs of one target still waiting (after a failure) or given up on: `calendars
-- test` runs them again at once when the target answers.
SELECT id FROM jobs
WHERE kind = 'caldav_push' AND status IN ('queued', 'dead')
  AND dedupe_key LIKE :prefix;

-- run_push_job_now --
UPDATE jobs SET status = 'queued', run_at = :now, updated_at = :now, finished_at = NULL,
    attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END
WHERE id = :id AND status IN ('queued', 'dead') RETURNING id;

-- push_jobs_in_trouble --
-- One target's pushes that wait after a failure, and those given up on, with the newest
-- error (health, `calendars list`). Reached through jobs_status_kind.
SELECT SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS waiting,
       SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead
FROM jobs
WHERE kind = 'caldav_push' AND status IN ('queued', 'dead') AND last_error IS NOT NULL
  AND dedupe_key LIKE :prefix;

-- newest_push_error --
SELECT last_error FROM jobs
WHERE kind = 'caldav_push' AND status IN ('queued', 'dead') AND last_error IS NOT NULL
  AND dedupe_key LIKE :prefix
ORDER BY updated_at DESC LIMIT 1;

-- open_tasks_for_target --
-- The records a target takes that are not cancelled: `calendars push` queues them all
-- (a target added after the records were made).
SELECT r.id FROM tasks r JOIN caldav_targets t ON t.id = :target_id
WHERE r.status != 'cancelled' AND r.due_local IS NOT NULL
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id)
ORDER BY r.id;

-- open_events_for_target --
SELECT r.id FROM calendar_events r JOIN caldav_targets t ON t.id = :target_id
WHERE r.status != 'cancelled'
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id)
ORDER BY r.id;

-- open_bills_for_target --
SELECT r.id FROM bills r JOIN caldav_targets t ON t.id = :target_id
WHERE r.status != 'cancelled' AND r.due_local IS NOT NULL
  AND (t.person_id IS NULL OR t.person_id = r.reactor_id)
  AND (t.rule_id IS NULL OR t.rule_id = r.rule_id)
ORDER BY r.id;
