-- Writing inbound events (reactiond/store/sqlite/ingest.py): messages, reactions, edits,
-- receipts, deletions, the people who sent them, and the jobs that follow them. Natural
-- keys make a redelivery a no-op. The statements whose SQL differs between SQLite and
-- PostgreSQL are in people.sql and counters.sql.

-- store_message --
-- Its row id back; no row when the message is a redelivery.
INSERT INTO messages (instance, message_id, chat_jid, chat_alt_jid, is_group, from_me,
    author_id, author_name, kind, text, quoted_message_id, owner_jid, sent_at,
    received_at, raw)
VALUES (:instance, :id, :chat, :chat_alt, :group, :from_me, :author, :name, :kind,
    :text, :quoted, :owner, :sent_at, :now, :raw)
ON CONFLICT (instance, message_id) DO NOTHING RETURNING id;

-- store_reaction --
-- Its row id back; no row when the reaction is a redelivery (by its own message id, or by
-- target, reactor, emoji and send time).
INSERT INTO reactions (instance, reaction_id, target_message_id, target_chat_jid,
    target_from_me, target_participant, chat_jid, is_group, reactor_id, reactor_from_me,
    reactor_name, emoji, sent_at_ms, owner_jid, received_at, raw)
VALUES (:instance, :id, :target, :target_chat, :target_from_me, :target_participant,
    :chat, :group, :reactor, :from_me, :name, :emoji, :sent_ms, :owner, :now, :raw)
ON CONFLICT DO NOTHING RETURNING id;

-- apply_message_edit --
-- The same edit arrives as messages.edited and (from 2.3.7) as messages.update: the text
-- is applied once. messages.update gives no edit time (:at = 0): such edits apply in
-- arrival order among themselves, and never over a timed one.
UPDATE messages SET text = :text, edited_at = :at
WHERE instance = :instance AND message_id = :id AND text IS DISTINCT FROM :text
  AND (edited_at IS NULL OR edited_at < :at OR (:at = 0 AND edited_at = 0))
RETURNING id;

-- advance_message_status --
-- A status never moves backwards: a late SERVER_ACK (2.3.7 sends one with every edit)
-- must not turn READ back into "sent". The CASE ranks Evolution's delivery statuses (names,
-- or Baileys' numbers 0-5) as ingest.py's _STATUS_ORDER does, which gives :rank; ERROR
-- ranks with PENDING (a send can fail only before it is acknowledged), and a status not
-- listed ranks lowest and is kept only over nothing.
UPDATE messages SET status = :status WHERE instance = :instance
  AND message_id = :id AND status IS DISTINCT FROM :status
  AND (CASE WHEN status IS NULL THEN -1
    WHEN status = 'ERROR' THEN 1 WHEN status = '0' THEN 1
    WHEN status = 'PENDING' THEN 1 WHEN status = '1' THEN 1
    WHEN status = 'SERVER_ACK' THEN 2 WHEN status = '2' THEN 2
    WHEN status = 'DELIVERY_ACK' THEN 3 WHEN status = '3' THEN 3
    WHEN status = 'READ' THEN 4 WHEN status = '4' THEN 4
    WHEN status = 'PLAYED' THEN 5 WHEN status = '5' THEN 5
    ELSE 0 END) < :rank
RETURNING id;

-- mark_message_deleted --
UPDATE messages SET deleted_at = :now WHERE instance = :instance
  AND message_id = :id AND deleted_at IS NULL RETURNING id;

-- create_person --
INSERT INTO people (display_jid, name, created_at)
VALUES (:jid, :name, :now) RETURNING id;

-- add_person_identity --
INSERT INTO person_ids (jid, person_id) VALUES (:jid, :person)
ON CONFLICT (jid) DO NOTHING;

-- rename_person --
UPDATE people SET name = :name WHERE id = :id AND name IS DISTINCT FROM :name;

-- show_person_by_phone --
-- A phone JID is the better thing to show than a LID; the id back when it changed.
UPDATE people SET display_jid = :jid
WHERE id = :id AND display_jid NOT LIKE '%@s.whatsapp.net' RETURNING id;

-- phone_jid_of_person --
SELECT jid FROM person_ids WHERE person_id = :person AND jid LIKE '%@s.whatsapp.net'
ORDER BY jid LIMIT 1;

-- phone_chat_of_lid --
-- A 1:1 chat given by LID is named by its person's phone JID when that is known.
SELECT o.jid FROM person_ids l JOIN person_ids o ON o.person_id = l.person_id
WHERE l.jid = :chat AND o.jid LIKE '%@s.whatsapp.net' ORDER BY o.jid LIMIT 1;

-- begin_merge_people --
-- A merge runs in its own savepoint: if anything refuses the move, it is undone and both
-- people stay apart, so the message that revealed the link is still stored.
SAVEPOINT merge_people;

-- undo_merge_people --
ROLLBACK TO merge_people;

-- end_merge_people --
RELEASE merge_people;

-- same_reaction_of_both_people --
-- The same reaction stored once under each identity (two deliveries before the link was
-- known): the row of each.
SELECT g.id AS gone_row, k.id AS keep_row FROM reactions g JOIN reactions k
  ON k.instance = g.instance AND k.target_message_id = g.target_message_id
  AND k.emoji = g.emoji AND k.sent_at_ms = g.sent_at_ms AND k.reactor_id = :keep
WHERE g.reactor_id = :gone;

-- move_actions_to_kept_reaction --
UPDATE actions SET reaction_row_id = :keep_row WHERE reaction_row_id = :gone_row;

-- delete_duplicate_reaction --
DELETE FROM reactions WHERE id = :gone_row;

-- supersede_merged_actions --
-- One live action per (rule, message, reactor): when each identity made one, the later is
-- marked superseded (its record is left as it is, nothing the user sees changes), as a
-- second tap by one person would have been a no-op.
UPDATE actions SET cancelled_at = :now,
    detail = COALESCE(detail || '; ', '') || 'merged: same person as another action'
WHERE reactor_id = :gone AND cancelled_at IS NULL AND EXISTS (SELECT 1 FROM actions k
    WHERE k.reactor_id = :keep AND k.rule_id = actions.rule_id
    AND k.instance = actions.instance AND k.message_id = actions.message_id
    AND k.cancelled_at IS NULL);

-- move_person_identities --
UPDATE person_ids SET person_id = :keep WHERE person_id = :gone;

-- delete_merged_person --
DELETE FROM people WHERE id = :gone;

-- enqueue_job --
-- No new row when a job with this dedupe key already exists: the id back only when the
-- job is queued now. Both stores' Transaction.enqueue run it.
INSERT INTO jobs (kind, dedupe_key, payload, priority, status, attempts,
    max_attempts, run_at, created_at, updated_at)
VALUES (:kind, :dedupe, :payload, :priority, 'queued', 0, :max, :run_at, :now, :now)
ON CONFLICT (dedupe_key) DO NOTHING RETURNING id;
