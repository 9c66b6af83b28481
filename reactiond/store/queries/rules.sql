-- Rules as rows (reactiond/store/rules_repo.py). What a rule means (its model, matching,
-- conflicts, the defaults) lives outside the store, in reactiond/engine/rule_book.py.

-- list_rule_rows --
SELECT * FROM rules ORDER BY id;

-- rule_row_by_id --
SELECT * FROM rules WHERE id = :id;

-- rule_row_by_name --
SELECT * FROM rules WHERE name = :name;

-- insert_rule --
INSERT INTO rules (name, triggers, action, parser, config, conditions, priority, enabled,
                   created_at, updated_at)
VALUES (:name, :triggers, :action, :parser, :config, :conditions, :priority, :enabled,
        :now, :now)
RETURNING *;

-- update_rule --
UPDATE rules SET name = :name, triggers = :triggers, action = :action, parser = :parser,
       config = :config, conditions = :conditions, priority = :priority,
       enabled = :enabled, updated_at = :now
WHERE id = :id
RETURNING *;

-- delete_rule --
DELETE FROM rules WHERE id = :id;

-- any_rule --
SELECT 1 AS x FROM rules LIMIT 1;

-- enabled_rules_naming --
-- A cheap first cut for the webhook's transaction: the enabled rules whose triggers
-- mention the emoji; matching proper happens on the parsed rules.
SELECT * FROM rules WHERE enabled = 1 AND triggers LIKE :pattern;

-- app_state_value --
SELECT value FROM app_state WHERE key = :key;

-- set_app_state_once --
INSERT INTO app_state (key, value, updated_at) VALUES (:key, :value, :now)
ON CONFLICT (key) DO NOTHING;

-- lock_rules_seeding --
-- Seeding the default rules happens once: SQLite's one writer already runs it alone.
SELECT 1 AS locked;

-- lock_rules_seeding@postgres --
-- Several processes starting at once on an empty database: one seeds, the others then
-- read that it was done (the lock is the transaction's; READ COMMITTED reads after it).
SELECT pg_advisory_xact_lock(1919246691, 3) IS NOT NULL AS locked;
