-- Text search's probes of the trigram FTS5 tables (reactiond/store/search.py), one name
-- per record table: `{kind}` is task (tasks), event (calendar_events), bill (bills) or
-- note (notes).

-- tasks_holding_text --
-- The first :n ids after :after whose row holds the phrase, in id order.
SELECT rowid AS id FROM tasks_fts WHERE tasks_fts MATCH :text
    AND rowid > :after ORDER BY rowid LIMIT :n;

-- events_holding_text --
SELECT rowid AS id FROM calendar_events_fts WHERE calendar_events_fts MATCH :text
    AND rowid > :after ORDER BY rowid LIMIT :n;

-- bills_holding_text --
SELECT rowid AS id FROM bills_fts WHERE bills_fts MATCH :text
    AND rowid > :after ORDER BY rowid LIMIT :n;

-- notes_holding_text --
SELECT rowid AS id FROM notes_fts WHERE notes_fts MATCH :text
    AND rowid > :after ORDER BY rowid LIMIT :n;

-- first_task_id --
SELECT MIN(id) AS id FROM tasks;

-- first_event_id --
SELECT MIN(id) AS id FROM calendar_events;

-- first_bill_id --
SELECT MIN(id) AS id FROM bills;

-- first_note_id --
SELECT MIN(id) AS id FROM notes;
