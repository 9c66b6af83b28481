-- PostgreSQL's form of 005_flat_costs.sql: the indexes only. The counters kept by
-- trigger (status_counts, nlp_counts, record_versions) and the FTS5 text search are
-- SQLite's; on PostgreSQL the snapshot's named queries have @postgres variants that
-- aggregate, record_version answers no row (feeds fingerprint by aggregate), and a text
-- search is an ILIKE (store/search.py). Keeping them by trigger here too is follow-up work.

CREATE INDEX jobs_queued_run_at ON jobs(run_at) WHERE status = 'queued';
CREATE INDEX jobs_dead ON jobs(finished_at) WHERE status = 'dead';
CREATE INDEX outbox_unsent ON outbox(created_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_sending ON outbox(id) WHERE status = 'sending';

CREATE INDEX tasks_action ON tasks(action_id);
CREATE INDEX calendar_events_action ON calendar_events(action_id);
CREATE INDEX notes_action ON notes(action_id);
CREATE INDEX outbox_action ON outbox(action_id);

CREATE INDEX tasks_due_sort ON tasks(COALESCE(due_local, '~'), id);
CREATE INDEX calendar_events_start_sort ON calendar_events(COALESCE(start_local, '~'), id);
CREATE INDEX bills_due_sort ON bills(COALESCE(due_local, '~'), id);
CREATE INDEX notes_created ON notes(created_at, id);
CREATE INDEX tasks_status_due_sort ON tasks(status, COALESCE(due_local, '~'), id);
CREATE INDEX calendar_events_status_start_sort
    ON calendar_events(status, COALESCE(start_local, '~'), id);
CREATE INDEX bills_status_due_sort ON bills(status, COALESCE(due_local, '~'), id);
CREATE INDEX notes_status_created ON notes(status, created_at, id);
