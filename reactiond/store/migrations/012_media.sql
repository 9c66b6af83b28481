-- Pictures and documents messages carry (issue 23): what Evolution said about each file,
-- its bytes while retention keeps them, and the text read from it.
--
-- The bytes live in the database, not in files under the data dir: PostgreSQL deployments
-- run several processes, maybe on several machines, with no shared directory; a backup,
-- `store copy` and retention then cover them with the rest, in the same transactions; and
-- no file can outlive or miss its row. They are bounded (REACTIOND_MEDIA_MAX_BYTES) and
-- dropped after REACTIOND_RETENTION_MEDIA_DAYS; a table of their own keeps them out of
-- every read of `messages`.
CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    instance      TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    kind          TEXT NOT NULL,      -- image | document
    mimetype      TEXT NOT NULL,
    size          INTEGER,            -- bytes: the file's length as known
    sha256        TEXT,               -- hex, of the bytes
    file_name     TEXT,
    pages         INTEGER,
    caption       TEXT,
    evolution_key TEXT NOT NULL,      -- the message key getBase64FromMediaMessage takes (JSON)
    data          BLOB,               -- the bytes; NULL until fetched, and once pruned
    source        TEXT,               -- webhook | evolution: where the bytes came from
    stored_at     REAL,               -- when the bytes arrived (bytes NULL after: pruned)
    doc_text      TEXT,               -- the text read from it (OCR or the PDF's text layer)
    read_method   TEXT,               -- ocr | pdf_text | mixed
    read_error    TEXT,               -- why it could not be read (DocumentError.reason)
    read_at       REAL,
    received_at   REAL NOT NULL,
    UNIQUE (instance, message_id)
);
CREATE INDEX media_bytes_held ON media(stored_at) WHERE data IS NOT NULL;
