-- The web pages' sessions, held in the database so that every web process of one house
-- agrees, and a restart forgets nothing (issue 18): several `reactiond run --role web`
-- behind a load balancer on PostgreSQL, or one SQLite daemon started again.
--
-- Sessions that were logged out, until the cookie would have expired anyway: a cookie
-- is signed (web/pages/session.py), so only its nonce needs to be known as ended.
CREATE TABLE web_sessions_ended (
    nonce       TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL      -- unix seconds: the row goes once this has passed
);
CREATE INDEX web_sessions_ended_expiry ON web_sessions_ended(expires_at);

-- Wrong tokens posted to the login form, per address, in a window that starts with the
-- first wrong one: past LOGIN_TRIES in the window, that address waits for its end.
CREATE TABLE web_login_tries (
    address     TEXT PRIMARY KEY,
    first_at    REAL NOT NULL,
    tries       INTEGER NOT NULL
);
CREATE INDEX web_login_tries_window ON web_login_tries(first_at);

-- The house's signing keys that no token derives: the login form's nonce and CSRF
-- token, and the sessions of open pages (no API token). Made once by the first process
-- to ask, then read by every one. Secret: never logged, never shown.
CREATE TABLE web_keys (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,        -- hex
    made_at     REAL NOT NULL
);
