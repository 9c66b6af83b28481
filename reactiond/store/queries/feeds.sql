-- Calendar feeds: private subscription URLs (reactiond/store/feeds_repo.py). Only the
-- token's hash is stored.

-- insert_feed --
INSERT INTO feeds (token_hash, name, filter, created_at)
VALUES (:token_hash, :name, :filter, :now) RETURNING *;

-- list_feeds --
SELECT * FROM feeds ORDER BY id;

-- feed_by_id --
SELECT * FROM feeds WHERE id = :id;

-- set_feed_token --
UPDATE feeds SET token_hash = :token_hash WHERE id = :id RETURNING *;

-- revoke_feed --
UPDATE feeds SET revoked_at = :now WHERE id = :id RETURNING *;

-- live_feed_by_token --
SELECT * FROM feeds WHERE token_hash = :token_hash AND revoked_at IS NULL;

-- save_component --
-- A record's calendar component as rendered from one version (store/feeds_repo.py).
INSERT INTO calendar_components (record_table, record_id, version, renderer, body)
VALUES (:record_table, :record_id, :version, :renderer, :body)
ON CONFLICT (record_table, record_id) DO UPDATE SET
    version = excluded.version, renderer = excluded.renderer, body = excluded.body;
