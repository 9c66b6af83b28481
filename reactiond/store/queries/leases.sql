-- Task leases (store/leases_repo.py): one holder per periodic task, across processes.

-- hold_task --
-- Take the task, or renew it, when it is free, expired or already ours; no row back
-- when another holder's lease still runs.
INSERT INTO task_leases (task, holder, acquired_at, expires_at)
VALUES (:task, :holder, :now, :until)
ON CONFLICT (task) DO UPDATE SET
    holder = excluded.holder,
    expires_at = excluded.expires_at,
    acquired_at = CASE WHEN task_leases.holder = excluded.holder
                       THEN task_leases.acquired_at ELSE excluded.acquired_at END
WHERE task_leases.holder = excluded.holder OR task_leases.expires_at <= :now
RETURNING holder;

-- let_go_of_task --
DELETE FROM task_leases WHERE task = :task AND holder = :holder;

-- task_holders --
SELECT task, holder, acquired_at, expires_at FROM task_leases ORDER BY task;
