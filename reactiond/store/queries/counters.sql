-- The webhook counters (event_counters): what arrived, per instance, event and outcome.

-- count_event --
-- One more of this event; `queue stats` and the health's "last webhook" read them.
INSERT INTO event_counters (instance, event, outcome, count, last_at)
VALUES (:instance, :event, :outcome, 1, :now)
ON CONFLICT (instance, event, outcome)
DO UPDATE SET count = event_counters.count + 1, last_at = :now;

-- count_event@postgres --
-- Into this server backend's own row (migration 015): no other webhook waits on it.
INSERT INTO event_counters (instance, event, outcome, backend, count, last_at)
VALUES (:instance, :event, :outcome, pg_backend_pid(), 1, :now)
ON CONFLICT (instance, event, outcome, backend)
DO UPDATE SET count = event_counters.count + 1, last_at = :now;
