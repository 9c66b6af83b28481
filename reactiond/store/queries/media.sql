-- Pictures and documents (reactiond/store/media_repo.py, issue 23).

-- save_media --
-- A redelivered webhook changes nothing, except that bytes arriving for a row that has
-- none (a redelivery with webhookBase64 on, after a first delivery without) are kept.
INSERT INTO media (instance, message_id, kind, mimetype, size, sha256, file_name, pages,
                   caption, evolution_key, data, source, stored_at, received_at)
VALUES (:instance, :message_id, :kind, :mimetype, :size, :sha256, :file_name, :pages,
        :caption, :evolution_key, :data, :source, :stored_at, :now)
ON CONFLICT (instance, message_id) DO UPDATE SET
    data = excluded.data, sha256 = excluded.sha256, size = excluded.size,
    source = excluded.source, stored_at = excluded.stored_at
WHERE media.data IS NULL AND excluded.data IS NOT NULL;

-- media_of_message --
SELECT id, instance, message_id, kind, mimetype, size, sha256, file_name, pages, caption,
       evolution_key, data IS NOT NULL AS has_bytes, source, stored_at, doc_text,
       read_method, read_error, read_at, received_at
FROM media WHERE instance = :instance AND message_id = :message_id;

-- media_bytes --
SELECT data FROM media WHERE id = :id;

-- keep_bytes --
-- Bytes fetched from Evolution, once: a second fetch that raced this one keeps the first.
UPDATE media SET data = :data, sha256 = :sha256, size = :size, mimetype = :mimetype,
                 source = 'evolution', stored_at = :now
WHERE id = :id AND data IS NULL
RETURNING id;

-- record_reading --
UPDATE media SET doc_text = :text, read_method = :method, pages = COALESCE(:pages, pages),
                 read_error = :error, read_at = :now
WHERE id = :id;
