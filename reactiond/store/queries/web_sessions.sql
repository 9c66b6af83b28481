-- The web pages' sessions (store/web_sessions_repo.py): ended sessions, wrong logins and
-- the house's signing key, shared by every web process of one database.

-- session_ended --
SELECT 1 AS ended FROM web_sessions_ended WHERE nonce = :nonce;

-- forget_expired_sessions --
-- Bounded by the index on expires_at: only the rows whose cookies can no longer be read.
DELETE FROM web_sessions_ended WHERE expires_at <= :now;

-- end_session --
INSERT INTO web_sessions_ended (nonce, expires_at) VALUES (:nonce, :expires_at)
ON CONFLICT (nonce) DO NOTHING;

-- login_tries --
SELECT address, first_at, tries FROM web_login_tries WHERE address = :address;

-- forget_old_login_tries --
DELETE FROM web_login_tries WHERE first_at <= :stale;

-- count_wrong_login --
-- One more wrong token from :address: a new window when its last one has passed
-- (first_at <= :stale), else one more try in it. One statement: concurrent wrong tries,
-- on any process, each count.
INSERT INTO web_login_tries (address, first_at, tries) VALUES (:address, :now, 1)
ON CONFLICT (address) DO UPDATE SET
    tries = CASE WHEN web_login_tries.first_at <= :stale
                 THEN 1 ELSE web_login_tries.tries + 1 END,
    first_at = CASE WHEN web_login_tries.first_at <= :stale
                    THEN excluded.first_at ELSE web_login_tries.first_at END
RETURNING address, first_at, tries;

-- web_key --
SELECT secret FROM web_keys WHERE name = :name;

-- offer_web_key --
-- The first process to ask makes it; every other offer loses to it (read it back).
INSERT INTO web_keys (name, secret, made_at) VALUES (:name, :secret, :now)
ON CONFLICT (name) DO NOTHING;
