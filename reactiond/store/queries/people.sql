-- People: the statements of store/sqlite/ingest.py whose SQL differs between SQLite and
-- PostgreSQL (the schema is read from the catalogue of each); then the contacts' reads and
-- settings (store/people_repo.py, and records_repo.set_language).

-- person_reference_columns@sqlite --
-- Every (table, column) that refers to a person, but person_ids: a table added later
-- moves with a merge too.
SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f
WHERE m.type = 'table' AND f."table" = 'people' AND m.name <> 'person_ids'
ORDER BY m.name, f."from";

-- person_reference_columns@postgres --
SELECT cl.relname AS tbl, a.attname AS col
FROM pg_constraint c
JOIN pg_class cl ON cl.oid = c.conrelid
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
WHERE c.contype = 'f' AND c.confrelid = 'people'::regclass AND cl.relname <> 'person_ids'
ORDER BY cl.relname, a.attname;

-- chat_columns@sqlite --
-- Every (table, column) that names a chat.
SELECT m.name AS tbl, c.name AS col FROM sqlite_master m, pragma_table_info(m.name) c
WHERE m.type = 'table' AND c.name IN ('chat_jid', 'target_chat_jid')
ORDER BY m.name, c.name;

-- chat_columns@postgres --
SELECT c.table_name AS tbl, c.column_name AS col
FROM information_schema.columns c
JOIN information_schema.tables t
  ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
  AND c.column_name IN ('chat_jid', 'target_chat_jid')
ORDER BY c.table_name, c.column_name;

-- reroute_pending_replies@sqlite --
-- Replies still waiting for a LID go to the phone number instead; one being tried at the
-- LID right now too ('sending'): that try fails, and its retry goes to the number.
UPDATE outbox SET destination = :number, body = json_set(body, '$.number', :number)
WHERE status IN ('pending', 'sending')
  AND destination IN (SELECT jid FROM person_ids WHERE person_id = :person AND jid LIKE '%@lid');

-- reroute_pending_replies@postgres --
UPDATE outbox SET destination = :number,
    body = jsonb_set(body::jsonb, '{number}', to_jsonb(CAST(:number AS text)))::text
WHERE status IN ('pending', 'sending')
  AND destination IN (SELECT jid FROM person_ids WHERE person_id = :person AND jid LIKE '%@lid');

-- merge_person_settings@sqlite --
-- What was set on either person survives, the kept person's first; a phone JID is the
-- better thing to show than a LID.
UPDATE people SET
    tz = COALESCE(people.tz, g.tz), language = COALESCE(people.language, g.language),
    language_set = CASE WHEN people.language IS NULL THEN g.language_set
        ELSE people.language_set END,
    name = COALESCE(people.name, g.name),
    display_jid = CASE WHEN people.display_jid NOT LIKE '%@s.whatsapp.net'
        AND g.display_jid LIKE '%@s.whatsapp.net' THEN g.display_jid ELSE people.display_jid END,
    created_at = MIN(people.created_at, g.created_at)
FROM (SELECT * FROM people WHERE id = :gone) AS g WHERE people.id = :keep;

-- merge_person_settings@postgres --
UPDATE people SET
    tz = COALESCE(people.tz, g.tz), language = COALESCE(people.language, g.language),
    language_set = CASE WHEN people.language IS NULL THEN g.language_set
        ELSE people.language_set END,
    name = COALESCE(people.name, g.name),
    display_jid = CASE WHEN people.display_jid NOT LIKE '%@s.whatsapp.net'
        AND g.display_jid LIKE '%@s.whatsapp.net' THEN g.display_jid ELSE people.display_jid END,
    created_at = LEAST(people.created_at, g.created_at)
FROM (SELECT * FROM people WHERE id = :gone) AS g WHERE people.id = :keep;

-- person_of_jid --
SELECT person_id FROM person_ids WHERE jid = :jid;

-- people_after --
SELECT * FROM people WHERE id > :after ORDER BY id;

-- people_page_after --
SELECT * FROM people WHERE id > :after ORDER BY id LIMIT :limit;

-- identities_of_people_between --
-- Only a page's identities: a range of person_ids_person.
SELECT jid, person_id FROM person_ids WHERE person_id BETWEEN :first AND :last
ORDER BY jid;

-- set_person_tz --
UPDATE people SET tz = :tz WHERE id = :id;

-- forget_chosen_reply_language --
-- Back to the language their messages are detected in (from their next message).
UPDATE people SET language_set = 0 WHERE id = :id;

-- choose_reply_language --
UPDATE people SET language = :language, language_set = 1 WHERE id = :id;

-- set_detected_language --
-- The language a person's messages were detected in becomes their reply language, unless
-- one was chosen for them (language_set).
UPDATE people SET language = :language
WHERE id = :id AND language IS DISTINCT FROM :language AND language_set = 0;
