-- Talking to reactiond in WhatsApp (issue 20): what the ingest asks to decide whether a
-- message, an edit, a deletion or a reaction needs a conversation job, and what those
-- jobs read and write (reactiond/store/conversation_repo.py).

-- sent_by_us --
-- A message reactiond sent (a confirmation, a reminder, an answer), by its WhatsApp id.
SELECT id, dedupe_key, instance, destination, language, action_id, body, sent_at
FROM outbox
WHERE sent_message_id = :message_id AND instance = :instance AND kind = 'text'
ORDER BY id DESC LIMIT 1;

-- message_made_records --
-- Whether a message still has an action that made records (a deletion of it means
-- something).
SELECT 1 AS x FROM actions
WHERE instance = :instance AND message_id = :message_id AND cancelled_at IS NULL
  AND outcome = 'created'
LIMIT 1;

-- message_was_acted_on --
-- Whether a message still has an action, that made records or failed to parse (an edit
-- of it means something: it may parse now).
SELECT 1 AS x FROM actions
WHERE instance = :instance AND message_id = :message_id AND cancelled_at IS NULL
  AND outcome IN ('created', 'parse_failed')
LIMIT 1;

-- failed_actions_of_message --
-- Every action on a message whose parse failed and that still stands, whoever reacted.
SELECT a.id, a.rule_id, a.rule_name, a.action, a.instance, a.chat_jid, a.message_id,
       a.reactor_id, a.reaction_row_id, a.emoji, a.created_at, r.sent_at_ms
FROM actions a JOIN reactions r ON r.id = a.reaction_row_id
WHERE a.instance = :instance AND a.message_id = :message_id AND a.cancelled_at IS NULL
  AND a.outcome = 'parse_failed'
ORDER BY a.id;

-- message_row_id --
SELECT id FROM messages WHERE instance = :instance AND message_id = :message_id;

-- message_for_conversation --
SELECT m.id, m.instance, m.message_id, m.chat_jid, m.is_group, m.from_me, m.author_id,
       m.text, m.quoted_message_id, m.owner_jid, m.sent_at, m.edited_at, m.deleted_at,
       m.received_at,
       p.display_jid AS author_display, p.tz AS author_tz, p.language AS author_language
FROM messages m JOIN people p ON p.id = m.author_id
WHERE m.instance = :instance AND m.message_id = :message_id;

-- message_by_row --
SELECT m.id, m.instance, m.message_id, m.chat_jid, m.is_group, m.from_me, m.author_id,
       m.text, m.quoted_message_id, m.owner_jid, m.sent_at, m.edited_at, m.deleted_at,
       m.received_at,
       p.display_jid AS author_display, p.tz AS author_tz, p.language AS author_language
FROM messages m JOIN people p ON p.id = m.author_id
WHERE m.id = :id;

-- live_actions_of_message --
-- Every action on a message that made records and still stands, whoever reacted.
SELECT a.id, a.rule_id, a.rule_name, a.action, a.instance, a.chat_jid, a.message_id,
       a.reactor_id, a.reaction_row_id, a.emoji, a.created_at, r.sent_at_ms
FROM actions a JOIN reactions r ON r.id = a.reaction_row_id
WHERE a.instance = :instance AND a.message_id = :message_id AND a.cancelled_at IS NULL
  AND a.outcome = 'created'
ORDER BY a.id;

-- action_by_id --
SELECT a.id, a.rule_id, a.rule_name, a.action, a.instance, a.chat_jid, a.message_id,
       a.reactor_id, a.reaction_row_id, a.emoji, a.created_at, a.cancelled_at, r.sent_at_ms
FROM actions a JOIN reactions r ON r.id = a.reaction_row_id
WHERE a.id = :id;

-- confirmation_of_action --
SELECT id, dedupe_key, instance, destination, language, action_id, body, status,
       sent_message_id
FROM outbox WHERE dedupe_key = :key AND kind = 'text';

-- last_edit_change --
-- The record's updated_at after the last change its own message's edit made.
SELECT MAX(at) AS at FROM chat_changes
WHERE record_kind = :kind AND record_id = :record_id AND via = 'edit';

-- add_chat_change --
INSERT INTO chat_changes (via, instance, message_id, action_id, record_kind, record_id,
                          person_id, changed, at)
VALUES (:via, :instance, :message_id, :action_id, :kind, :record_id, :person_id, :changed,
        :at);

-- chat_changes_of_record --
SELECT via, instance, message_id, action_id, person_id, changed, at FROM chat_changes
WHERE record_kind = :kind AND record_id = :record_id ORDER BY id;

-- last_reaction_change --
-- The change a reaction by this person on this message of ours made last (to undo it).
SELECT id, record_kind, record_id, changed, at FROM chat_changes
WHERE via = 'reaction' AND instance = :instance AND action_id = :action_id
  AND record_kind = :kind AND record_id = :record_id AND person_id = :person_id
ORDER BY id DESC LIMIT 1;

-- cancel_action --
UPDATE actions SET cancelled_at = :now, outcome = 'cancelled',
       detail = COALESCE(detail || '; ', '') || :why
WHERE id = :id AND cancelled_at IS NULL
RETURNING id;

-- person_by_id --
SELECT p.id, p.display_jid, p.tz, p.language FROM people p WHERE p.id = :id;

-- reaction_for_conversation --
SELECT r.id, r.instance, r.reaction_id, r.target_message_id, r.chat_jid, r.is_group,
       r.reactor_id, r.reactor_from_me, r.emoji, r.sent_at_ms, r.owner_jid, r.received_at,
       p.display_jid AS reactor_display, p.language AS reactor_language, p.tz AS reactor_tz
FROM reactions r JOIN people p ON p.id = r.reactor_id
WHERE r.id = :id;

-- newer_reaction_on_target --
SELECT 1 AS x FROM reactions
WHERE instance = :instance AND target_message_id = :message_id AND reactor_id = :reactor_id
  AND (sent_at_ms > :sent_at_ms OR (sent_at_ms = :sent_at_ms AND id > :id))
LIMIT 1;

-- recent_chat_jobs --
-- How many conversation jobs this person caused in the last minute (flood control): their
-- messages to reactiond (a question, a correction), not what they wrote to anyone else.
SELECT COUNT(*) AS n FROM messages m
WHERE m.author_id = :person_id AND m.received_at > :since AND m.id < :id
  AND EXISTS (SELECT 1 FROM jobs j
              WHERE j.dedupe_key = 'said:' || m.instance || ':' || m.message_id);

-- action_of_tasks --
SELECT action_id FROM tasks WHERE id = :id;

-- action_of_calendar_events --
SELECT action_id FROM calendar_events WHERE id = :id;

-- action_of_bills --
SELECT action_id FROM bills WHERE id = :id;

-- action_of_notes --
SELECT action_id FROM notes WHERE id = :id;

-- record_stamps_tasks --
SELECT id, updated_at FROM tasks WHERE action_id = :action_id ORDER BY id;

-- record_stamps_calendar_events --
SELECT id, updated_at FROM calendar_events WHERE action_id = :action_id ORDER BY id;

-- record_stamps_bills --
SELECT id, updated_at FROM bills WHERE action_id = :action_id ORDER BY id;

-- record_stamps_notes --
SELECT id, updated_at FROM notes WHERE action_id = :action_id ORDER BY id;

-- open_tasks_due --
-- Open tasks due before :due_to (exclusive; NULL: any time, undated too) and from
-- :due_from (NULL: overdue ones too), of one person or (NULL) everyone's. A filter that
-- may be NULL says its type (CAST): PostgreSQL prepares the statement, and cannot tell a
-- parameter's type from `IS NULL` alone.
SELECT id, title, due_local, tz, language FROM tasks
WHERE status = 'open' AND (CAST(:person AS BIGINT) IS NULL OR reactor_id = :person)
  AND (CAST(:due_to AS TEXT) IS NULL OR (due_local IS NOT NULL AND due_local < :due_to))
  AND (CAST(:due_from AS TEXT) IS NULL OR due_local >= :due_from)
ORDER BY due_local IS NULL, due_local, id
LIMIT :n;

-- pending_bills_due --
SELECT id, vendor, amount, currency, due_local, tz, language FROM bills
WHERE status = 'pending' AND (CAST(:person AS BIGINT) IS NULL OR reactor_id = :person)
  AND (CAST(:due_to AS TEXT) IS NULL OR (due_local IS NOT NULL AND due_local < :due_to))
  AND (CAST(:due_from AS TEXT) IS NULL OR due_local >= :due_from)
ORDER BY due_local IS NULL, due_local, id
LIMIT :n;

-- scheduled_events_from --
SELECT id, title, start_local, tz, location, language FROM calendar_events
WHERE status = 'scheduled' AND (CAST(:person AS BIGINT) IS NULL OR reactor_id = :person)
  AND start_local >= :start_from
  AND (CAST(:start_to AS TEXT) IS NULL OR start_local < :start_to)
ORDER BY start_local, id
LIMIT :n;

-- state_value --
SELECT value FROM app_state WHERE key = :key;

-- set_state_value --
INSERT INTO app_state (key, value, updated_at) VALUES (:key, :value, :now)
ON CONFLICT (key) DO UPDATE SET value = :value, updated_at = :now
WHERE app_state.value <> :value;

-- set_digest --
INSERT INTO digests (person_id, instance, destination, hour, minute, tz, language, everyone,
                     enabled, created_at, updated_at)
VALUES (:person_id, :instance, :destination, :hour, :minute, :tz, :language, :everyone,
        :enabled, :now, :now)
ON CONFLICT (person_id) DO UPDATE SET instance = :instance, destination = :destination,
    hour = :hour, minute = :minute, tz = :tz, language = :language, everyone = :everyone,
    enabled = :enabled, updated_at = :now;

-- get_digest --
SELECT person_id, instance, destination, hour, minute, tz, language, everyone, enabled,
       last_day
FROM digests WHERE person_id = :person_id;

-- list_digests --
SELECT person_id, instance, destination, hour, minute, tz, language, everyone, enabled,
       last_day
FROM digests ORDER BY person_id;

-- mark_digest_day --
-- Once a day: only the first run for a day gets a row back.
UPDATE digests SET last_day = :day, updated_at = :now
WHERE person_id = :person_id AND (last_day IS NULL OR last_day < :day)
RETURNING person_id;

-- person_last_message --
-- Where a person last wrote: the instance to send through, and whether it is the owner.
SELECT instance, owner_jid, chat_jid, is_group FROM messages
WHERE author_id = :person_id ORDER BY id DESC LIMIT 1;
