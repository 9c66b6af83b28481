-- What `reactiond doctor` reads from a database file (reactiond/store/sqlite/inspect.py).

-- quick_check --
-- SQLite's own integrity check, the quick form: one row "ok", or what is damaged.
PRAGMA quick_check;
