-- What a reaction job reads in one snapshot (reactiond/store/reaction_reads.py, used by
-- reactiond/engine/reaction_context.py).

-- reaction_with_reactor --
SELECT r.*, p.display_jid AS reactor_display, p.language AS reactor_language
FROM reactions r JOIN people p ON p.id = r.reactor_id
WHERE r.id = :id;

-- identities_of_person --
SELECT jid FROM person_ids WHERE person_id = :person_id;

-- message_with_author --
-- has_media: whether a picture or document came with it (a text message's reaction then
-- skips the read of its file: one transaction less per reaction).
SELECT m.text, m.sent_at, m.deleted_at, m.author_id, p.display_jid, p.tz, p.language,
       EXISTS (SELECT 1 FROM media d WHERE d.instance = m.instance
               AND d.message_id = m.message_id) AS has_media
FROM messages m JOIN people p ON p.id = m.author_id
WHERE m.instance = :instance AND m.message_id = :message_id;

-- newer_reaction_exists --
-- A later reaction by the same person to the same message (it decides, not this one).
SELECT 1 AS x FROM reactions
WHERE instance = :instance AND target_message_id = :message_id AND reactor_id = :reactor_id
  AND (sent_at_ms > :sent_at_ms OR (sent_at_ms = :sent_at_ms AND id > :id))
LIMIT 1;

-- count_reactions_since --
SELECT COUNT(*) AS n FROM reactions
WHERE reactor_id = :reactor_id AND received_at > :since AND id < :id;

-- live_actions_on_message --
-- The person's earlier actions on this message that still stand (not cancelled).
SELECT a.id, a.rule_id, a.action, a.emoji, rr.sent_at_ms
FROM actions a JOIN reactions rr ON rr.id = a.reaction_row_id
WHERE a.instance = :instance AND a.message_id = :message_id AND a.reactor_id = :reactor_id
  AND a.cancelled_at IS NULL AND a.outcome IN ('created', 'parse_failed')
  AND a.reaction_row_id <> :reaction_row_id;

-- mark_reaction_unseen --
-- The reaction's job gave up on its message (unseen after every retry). Its id back
-- when marked now.
UPDATE reactions SET unseen_at = :now WHERE id = :id AND unseen_at IS NULL RETURNING id;

-- message_stored --
SELECT 1 AS x FROM messages WHERE instance = :instance AND message_id = :message_id;

-- run_unseen_reactions_again --
-- The message is in the store: every reaction to it that gave up as unseen, and was not
-- run again yet, is marked run again now (its row back with again = 1). Every reaction to
-- the message is written, marked or not: on PostgreSQL the row lock orders this with a
-- concurrent mark_reaction_unseen, so that whichever commits second sees the other (the
-- message's insert, or the reaction's giving up) and the reaction is never left behind.
UPDATE reactions SET late_run_at = CASE
    WHEN unseen_at IS NOT NULL AND late_run_at IS NULL THEN :now ELSE late_run_at END
WHERE instance = :instance AND target_message_id = :message_id
RETURNING id, reaction_id, instance,
    CASE WHEN late_run_at = :now AND unseen_at IS NOT NULL THEN 1 ELSE 0 END AS again;
