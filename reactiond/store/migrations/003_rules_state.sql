-- Small additions for rules and reactions (issue 5).

-- Facts about this install that must survive restarts, e.g. "default rules were seeded"
-- (so that an operator who deletes every rule does not get them back at the next start).
CREATE TABLE app_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at REAL NOT NULL
);

-- A reactor's previous actions on one message (reaction removed or changed).
CREATE INDEX actions_target ON actions(instance, message_id, reactor_id);

-- Reactions per sender per minute (flood control).
CREATE INDEX reactions_reactor_received ON reactions(reactor_id, received_at);
