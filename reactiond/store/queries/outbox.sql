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
