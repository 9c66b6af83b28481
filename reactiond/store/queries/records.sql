-- What a reaction writes (reactiond/store/records_repo.py) and the reads of one record
-- table (reactiond/store/records_query.py). A statement on one record table has one name
-- per table, `{kind}` in its name: task (tasks), event (calendar_events), bill (bills),
-- note (notes).

-- log_action --
-- Keyed by (rule, message, reactor) while not cancelled (partial unique index
-- `actions_once`): a replay inserts nothing.
INSERT INTO actions (rule_id, rule_name, action, instance, chat_jid, message_id,
    reactor_id, reaction_row_id, emoji, outcome, detail, created_at)
VALUES (:rule_id, :rule_name, :action, :instance, :chat, :message, :reactor,
    :reaction, :emoji, :outcome, :detail, :now) ON CONFLICT DO NOTHING RETURNING id;

-- untouched_tasks_of_action --
-- How many records an action made, and how many nobody touched since: as created, or
-- last changed by an edit of its own message (issue 20), which the message's reaction
-- may still take back.
SELECT COUNT(*) AS n, SUM(CASE WHEN (status = :initial AND updated_at = created_at)
    OR updated_at = (SELECT MAX(c.at) FROM chat_changes c WHERE c.via = 'edit'
    AND c.record_kind = :kind AND c.record_id = tasks.id)
    THEN 1 ELSE 0 END) AS untouched FROM tasks WHERE action_id = :id;

-- untouched_events_of_action --
SELECT COUNT(*) AS n, SUM(CASE WHEN (status = :initial AND updated_at = created_at)
    OR updated_at = (SELECT MAX(c.at) FROM chat_changes c WHERE c.via = 'edit'
    AND c.record_kind = :kind AND c.record_id = calendar_events.id)
    THEN 1 ELSE 0 END) AS untouched FROM calendar_events WHERE action_id = :id;

-- untouched_bills_of_action --
SELECT COUNT(*) AS n, SUM(CASE WHEN (status = :initial AND updated_at = created_at)
    OR updated_at = (SELECT MAX(c.at) FROM chat_changes c WHERE c.via = 'edit'
    AND c.record_kind = :kind AND c.record_id = bills.id)
    THEN 1 ELSE 0 END) AS untouched FROM bills WHERE action_id = :id;

-- untouched_notes_of_action --
SELECT COUNT(*) AS n, SUM(CASE WHEN (status = :initial AND updated_at = created_at)
    OR updated_at = (SELECT MAX(c.at) FROM chat_changes c WHERE c.via = 'edit'
    AND c.record_kind = :kind AND c.record_id = notes.id)
    THEN 1 ELSE 0 END) AS untouched FROM notes WHERE action_id = :id;

-- mark_action_cancelled --
UPDATE actions SET cancelled_at = :now, outcome = 'cancelled'
WHERE id = :id AND cancelled_at IS NULL RETURNING id;

-- cancel_tasks_of_action --
UPDATE tasks SET status = 'cancelled', updated_at = :now
WHERE action_id = :id RETURNING id;

-- cancel_events_of_action --
UPDATE calendar_events SET status = 'cancelled', updated_at = :now
WHERE action_id = :id RETURNING id;

-- cancel_bills_of_action --
UPDATE bills SET status = 'cancelled', updated_at = :now
WHERE action_id = :id RETURNING id;

-- cancel_notes_of_action --
UPDATE notes SET status = 'cancelled', updated_at = :now
WHERE action_id = :id RETURNING id;

-- log_nlp_result --
INSERT INTO nlp_log (action_id, parser, language, success, confidence, reason,
    micros, created_at) VALUES (:action_id, :parser, :language, :success, :confidence,
    :reason, :micros, :now);

-- reply_went_out --
-- A reply about this action went out, or is going out right now.
SELECT 1 AS x FROM outbox WHERE action_id = :id AND status IN ('sending', 'sent') LIMIT 1;

-- tasks_of_action --
SELECT * FROM tasks WHERE action_id = :id ORDER BY id;

-- events_of_action --
SELECT * FROM calendar_events WHERE action_id = :id ORDER BY id;

-- bills_of_action --
SELECT * FROM bills WHERE action_id = :id ORDER BY id;

-- notes_of_action --
SELECT * FROM notes WHERE action_id = :id ORDER BY id;

-- task_with_reactor --
SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name
FROM tasks r JOIN people p ON p.id = r.reactor_id WHERE r.id = :id;

-- event_with_reactor --
SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name
FROM calendar_events r JOIN people p ON p.id = r.reactor_id WHERE r.id = :id;

-- bill_with_reactor --
SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name
FROM bills r JOIN people p ON p.id = r.reactor_id WHERE r.id = :id;

-- note_with_reactor --
SELECT r.*, p.display_jid AS reactor_jid, p.name AS reactor_name
FROM notes r JOIN people p ON p.id = r.reactor_id WHERE r.id = :id;

-- totals_of_tasks --
-- A selection's fingerprint: any row added, changed or removed changes them. The
-- whole table's; records_query.selection_totals appends the selection's WHERE.
SELECT COUNT(*) AS n, MAX(r.updated_at) AS last, SUM(r.updated_at) AS total,
    SUM(r.id) AS ids FROM tasks r;

-- totals_of_events --
SELECT COUNT(*) AS n, MAX(r.updated_at) AS last, SUM(r.updated_at) AS total,
    SUM(r.id) AS ids FROM calendar_events r;

-- totals_of_bills --
SELECT COUNT(*) AS n, MAX(r.updated_at) AS last, SUM(r.updated_at) AS total,
    SUM(r.id) AS ids FROM bills r;

-- totals_of_notes --
SELECT COUNT(*) AS n, MAX(r.updated_at) AS last, SUM(r.updated_at) AS total,
    SUM(r.id) AS ids FROM notes r;

-- task_row --
SELECT * FROM tasks WHERE id = :id;

-- event_row --
SELECT * FROM calendar_events WHERE id = :id;

-- bill_row --
SELECT * FROM bills WHERE id = :id;

-- note_row --
SELECT * FROM notes WHERE id = :id;
