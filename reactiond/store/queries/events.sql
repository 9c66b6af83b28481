-- The event log behind `GET /api/stream` (reactiond/store/events.py, and the record events
-- of reactiond/store/records_repo.py).

-- log_event --
INSERT INTO event_log (type, data, created_at) VALUES (:type, :data, :now) RETURNING id;

-- log_record_event --
-- A record created or cancelled by a reaction (records_repo.log_event): the same row,
-- without its id back.
INSERT INTO event_log (type, data, created_at) VALUES (:type, :data, :now);

-- events_after --
SELECT id, type, data, created_at FROM event_log WHERE id > :after
ORDER BY id LIMIT :limit;

-- last_event_id --
SELECT MAX(id) AS id FROM event_log;

-- oldest_event_id --
SELECT MIN(id) AS id FROM event_log;

-- drop_old_events --
-- Every event beyond the newest :keep and older than :cutoff, in one statement.
DELETE FROM event_log
WHERE created_at < :cutoff OR id <= (SELECT COALESCE(MAX(id), 0) - :keep FROM event_log)
RETURNING id;

-- drop_old_events_in_batch --
-- drop_old_events, at most :batch of them, oldest first: one statement over a year's log
-- held the writer, and the GIL, for seconds (issue 17); the caller repeats it.
DELETE FROM event_log
WHERE id IN (SELECT id FROM event_log
    WHERE created_at < :cutoff OR id <= (SELECT COALESCE(MAX(id), 0) - :keep FROM event_log)
    ORDER BY id LIMIT :batch)
RETURNING id;
