-- Periodic tasks that one process at a time runs (the outbox sender, retention, the
-- event-log pruner) when several reactiond processes share one PostgreSQL database:
-- who holds each task, until when. The holder renews its lease well before it expires;
-- when the holder dies or stalls, the lease runs out and another process takes over.
-- On SQLite there is one process, which holds every task.
CREATE TABLE task_leases (
    task        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    acquired_at REAL NOT NULL,
    expires_at  REAL NOT NULL
);
