-- PostgreSQL's form of 011_calendar_components.sql (BYTEA for the body).
-- Rendered calendar components (issue 17): each dated record's iCalendar component as
-- last rendered, with the version of the record (`updated_at`, moved by every change)
-- and of the renderer it came from. Calendars and feeds read it beside the record and
-- render again only what changed since: after one change, one record, however many
-- records and however long since the daemon started (the in-memory cache it replaces
-- held 16 MB, a fifth of a 100k calendar, and was lost at every restart).
-- One row per record, replaced when the record changes; records are never deleted.
-- A table rather than files under the data dir: it is read in the same query and
-- snapshot as the records, and it works on PostgreSQL, where several processes serve.
CREATE TABLE calendar_components (
    record_table TEXT NOT NULL,
    record_id    BIGINT NOT NULL,
    version      DOUBLE PRECISION NOT NULL,
    renderer     TEXT NOT NULL,
    body         BYTEA NOT NULL,
    PRIMARY KEY (record_table, record_id)
);
