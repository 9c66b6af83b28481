-- The webhook counters (`event_counters`, 001) without a hot row (issue 18).
--
-- Every webhook adds one to the row of its (instance, event, outcome) in the transaction
-- that stores it, and holds that row locked until it commits: concurrent webhooks of the
-- same kind (several clients, or several web processes) waited on each other's commit,
-- one fsync after the other (8–23 ms a statement with 50 at once). As the analytics'
-- counters of 014 do, each server backend (`pg_backend_pid()`) now adds to a row of its
-- own, which no other transaction waits on. Every read already adds rows up (SUM of
-- count, MAX of last_at), so none changes.

ALTER TABLE event_counters ADD COLUMN backend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_counters DROP CONSTRAINT event_counters_pkey;
ALTER TABLE event_counters ADD PRIMARY KEY (instance, event, outcome, backend);
