-- The sender's reads of the outbox (reactiond/store/outbox.py).
--
-- INDEXED BY (SQLite): each chat's head is found by walking outbox_pending (instance,
-- destination, id; only unsent rows) in order. Left alone, the planner prefers
-- outbox_status_id (migration 010, the pages' replies of one status), which reads every
-- unsent row and sorts them by chat: 7 times slower with a backlog of 10,000.

-- due_heads@sqlite --
SELECT o.* FROM outbox o JOIN (
    SELECT instance, destination, MIN(id) AS head FROM outbox INDEXED BY outbox_pending
    WHERE status IN ('pending', 'sending') GROUP BY instance, destination
) h ON o.id = h.head
WHERE o.next_attempt_at <= :now ORDER BY o.next_attempt_at, o.id LIMIT :limit;

-- due_heads --
SELECT o.* FROM outbox o JOIN (
    SELECT instance, destination, MIN(id) AS head FROM outbox
    WHERE status IN ('pending', 'sending') GROUP BY instance, destination
) h ON o.id = h.head
WHERE o.next_attempt_at <= :now ORDER BY o.next_attempt_at, o.id LIMIT :limit;

-- chat_heads@sqlite --
SELECT o.instance, o.destination, o.next_attempt_at FROM outbox o JOIN (
    SELECT MIN(id) AS head FROM outbox INDEXED BY outbox_pending
    WHERE status IN ('pending', 'sending') GROUP BY instance, destination
) h ON o.id = h.head;

-- chat_heads --
SELECT o.instance, o.destination, o.next_attempt_at FROM outbox o JOIN (
    SELECT MIN(id) AS head FROM outbox WHERE status IN ('pending', 'sending')
    GROUP BY instance, destination
) h ON o.id = h.head;

-- The writers' side: queuing, withdrawing and rewording replies.

-- queue_reply --
INSERT INTO outbox (dedupe_key, instance, destination, kind, body, language,
    action_id, status, attempts, next_attempt_at, last_error, created_at, updated_at)
VALUES (:key, :instance, :destination, :kind, :body, :language, :action_id,
    :status, 0, :send_at, :why, :now, :now)
ON CONFLICT (dedupe_key) DO NOTHING RETURNING id;

-- cancel_unsent_replies --
-- A `sending` row is in flight: cancelled, its `sent` still lands (mark_sent_withdrawn),
-- and the replies held for that case follow it.
UPDATE outbox SET status = 'cancelled', updated_at = :now
WHERE action_id = :action_id AND status IN ('pending', 'sending') RETURNING id;

-- unsent_reply_by_key --
SELECT * FROM outbox WHERE dedupe_key = :key AND kind = 'text'
    AND status IN ('pending', 'sending');

-- reword_unsent_reply --
UPDATE outbox SET body = :body, updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending');

-- The sender's side: claiming, and the outcome of each attempt.

-- next_in_chat --
SELECT * FROM outbox WHERE instance = :instance AND destination = :destination
    AND status IN ('pending', 'sending') AND id > :after ORDER BY id LIMIT 1;

-- claim_for_sending --
UPDATE outbox SET status = 'sending', last_error = :note, next_attempt_at = :recheck,
    updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending') AND updated_at = :seen
RETURNING id;

-- claim_for_sending_while_holding_the_lease --
-- Several processes: only while the outbox's task lease is this process's.
UPDATE outbox SET status = 'sending', last_error = :note, next_attempt_at = :recheck,
    updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending') AND updated_at = :seen
    AND EXISTS (SELECT 1 FROM task_leases WHERE task = 'outbox'
        AND holder = :holder AND expires_at > :now)
RETURNING id;

-- mark_sent --
UPDATE outbox SET status = 'sent', sent_message_id = :mid, sent_at = :now,
    attempts = :attempts, last_error = NULL, updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending') RETURNING id;

-- reply_status --
SELECT status FROM outbox WHERE id = :id;

-- release_held_replies --
UPDATE outbox SET status = 'pending', last_error = NULL, next_attempt_at = :now,
    updated_at = :now
WHERE action_id = :action_id AND status = 'cancelled' AND last_error = :held AND id <> :id
RETURNING id;

-- mark_sent_withdrawn --
-- Cancelled while in flight: it did go out, so say so.
UPDATE outbox SET status = 'sent', sent_message_id = :mid, sent_at = :now,
    attempts = :attempts, last_error = NULL, updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending', 'cancelled');

-- mark_retry --
UPDATE outbox SET status = 'pending', last_error = :error, next_attempt_at = :at,
    attempts = :attempts, updated_at = :now
WHERE id = :id AND status IN ('pending', 'sending');

-- mark_dead --
UPDATE outbox SET status = 'dead', last_error = :error, attempts = :attempts,
    updated_at = :now
WHERE id = :id;

-- resume_interrupted --
UPDATE outbox SET status = 'pending', updated_at = :now,
    last_error = COALESCE(last_error, 'interrupted while sending')
WHERE status = 'sending' RETURNING id;

-- retry_now --
UPDATE outbox SET status = 'pending', next_attempt_at = :now, updated_at = :now
WHERE id = :id AND status IN ('dead', 'pending') RETURNING *;

-- Listings.

-- reply_by_id --
SELECT * FROM outbox WHERE id = :id;

-- reply_counts --
SELECT status, COUNT(*) AS n FROM outbox GROUP BY status;
