-- What happened to one message and the reactions on it (reactiond/store/trace_repo.py,
-- read by reactiond/records/trace.py for `GET /api/trace/…`, `reactiond trace` and the
-- trace page).

-- message --
SELECT m.id, m.instance, m.message_id, m.chat_jid, m.is_group, m.from_me, m.author_id,
       m.author_name, m.kind, m.text, m.sent_at, m.received_at, m.edited_at, m.deleted_at,
       m.status, p.display_jid AS author_jid, p.name AS person_name
FROM messages m JOIN people p ON p.id = m.author_id
WHERE m.instance = :instance AND m.message_id = :message_id;

-- instances_of_message --
-- The instances a WhatsApp message id was seen on (as a message or as a reaction's target).
SELECT instance FROM messages WHERE message_id = :message_id
UNION
SELECT instance FROM reactions WHERE target_message_id = :message_id
ORDER BY instance
LIMIT 5;

-- reaction_target --
SELECT instance, target_message_id FROM reactions WHERE id = :id;

-- reactions_by_whatsapp_id --
-- The reactions a WhatsApp reaction id (the reaction message's key.id) names: one per
-- instance it was seen on, as `instances_of_message` finds a message's.
SELECT id, instance FROM reactions WHERE reaction_id = :reaction_id ORDER BY instance LIMIT 5;

-- reaction_by_whatsapp_id --
SELECT id, instance FROM reactions WHERE instance = :instance AND reaction_id = :reaction_id;

-- reactions_on_message --
-- The job shown is the reaction's last: its second run when it gave up on an unseen
-- message that arrived later (reaction_reads.late_job_key), else its own.
SELECT r.id, r.reaction_id, r.emoji, r.sent_at_ms, r.received_at, r.reactor_id,
       r.reactor_name, r.reactor_from_me, r.chat_jid, r.is_group,
       r.unseen_at, r.late_run_at,
       p.display_jid AS reactor_jid, p.name AS person_name,
       j.id AS job_id, j.status AS job_status, j.attempts AS job_attempts,
       j.last_error AS job_error
FROM reactions r
JOIN people p ON p.id = r.reactor_id
LEFT JOIN jobs j ON j.dedupe_key = CASE WHEN r.late_run_at IS NULL THEN 'reaction:'
    ELSE 'reaction-late:' END || r.instance || ':' || r.reaction_id
WHERE r.instance = :instance AND r.target_message_id = :message_id
ORDER BY r.sent_at_ms, r.id
LIMIT 200;

-- actions_on_message --
SELECT id, rule_id, rule_name, action, reactor_id, reaction_row_id, emoji, outcome, detail,
       created_at, cancelled_at
FROM actions
WHERE instance = :instance AND message_id = :message_id
ORDER BY id
LIMIT 200;

-- parses_on_message --
SELECT n.action_id, n.parser, n.language, n.success, n.confidence, n.reason, n.micros
FROM nlp_log n JOIN actions a ON a.id = n.action_id
WHERE a.instance = :instance AND a.message_id = :message_id
ORDER BY n.id;

-- replies_on_message --
SELECT o.*
FROM outbox o JOIN actions a ON a.id = o.action_id
WHERE a.instance = :instance AND a.message_id = :message_id
ORDER BY o.id
LIMIT 200;

-- chat_changes_of_record --
-- What the chat changed in one record (an edit followed, a correction by reply, a ✅/❌
-- on reactiond's confirmation or reminder, the undo of one).
SELECT c.id, c.via, c.message_id, c.action_id, c.record_kind, c.record_id, c.changed, c.at,
       p.display_jid AS person_jid, p.name AS person_name
FROM chat_changes c LEFT JOIN people p ON p.id = c.person_id
WHERE c.record_kind = :kind AND c.record_id = :record_id
ORDER BY c.id
LIMIT 200;

-- chat_changes_asked_by --
-- What one message asked to change (a correction quoting a confirmation).
SELECT c.id, c.via, c.message_id, c.action_id, c.record_kind, c.record_id, c.changed, c.at,
       p.display_jid AS person_jid, p.name AS person_name
FROM chat_changes c LEFT JOIN people p ON p.id = c.person_id
WHERE c.instance = :instance AND c.message_id = :message_id
ORDER BY c.id
LIMIT 200;

-- tasks_of_message --
SELECT id, action_id FROM tasks WHERE instance = :instance AND message_id = :message_id ORDER BY id;

-- calendar_events_of_message --
SELECT id, action_id FROM calendar_events
WHERE instance = :instance AND message_id = :message_id ORDER BY id;

-- bills_of_message --
SELECT id, action_id FROM bills WHERE instance = :instance AND message_id = :message_id ORDER BY id;

-- notes_of_message --
SELECT id, action_id FROM notes WHERE instance = :instance AND message_id = :message_id ORDER BY id;

-- recent_reactions --
-- The last reactions received, with what their message said and what came of them
-- (the Today page).
SELECT r.id, r.instance, r.target_message_id, r.emoji, r.received_at, r.sent_at_ms,
       p.display_jid AS reactor_jid, COALESCE(p.name, r.reactor_name) AS reactor_name,
       m.text AS message_text,
       (SELECT a.outcome FROM actions a WHERE a.reaction_row_id = r.id ORDER BY a.id DESC
        LIMIT 1) AS outcome,
       (SELECT a.rule_name FROM actions a WHERE a.reaction_row_id = r.id ORDER BY a.id DESC
        LIMIT 1) AS rule_name
FROM reactions r
JOIN people p ON p.id = r.reactor_id
LEFT JOIN messages m ON m.instance = r.instance AND m.message_id = r.target_message_id
ORDER BY r.id DESC
LIMIT :n;

-- refused_parses --
-- The latest reactions whose rule fired but whose message the parser could not read.
SELECT a.id, a.instance, a.message_id, a.rule_name, a.emoji, a.detail, a.created_at,
       n.parser, n.language, n.reason
FROM actions a LEFT JOIN nlp_log n ON n.action_id = a.id
WHERE a.outcome = 'parse_failed' AND a.cancelled_at IS NULL
ORDER BY a.id DESC
LIMIT :n;
