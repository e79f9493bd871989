-- Duplicate detection across runs: each article's normalised-text hash and MinHash signature.
-- Articles stored before this migration get theirs computed when the store first needs them.

CREATE TABLE fingerprints (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    method TEXT NOT NULL,                  -- how the signature was made (newsgraph.dedup.METHOD)
    signature BYTEA NOT NULL
);
CREATE INDEX fingerprints_text_hash ON fingerprints (text_hash);
