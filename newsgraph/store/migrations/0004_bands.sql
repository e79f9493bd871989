-- Near-duplicate candidates by query instead of an index held in memory: each article's MinHash
-- signature cut into bands, each band hashed to a bucket (newsgraph.dedup.band_buckets). Articles
-- sharing a bucket in any band are candidates. Filled for stored articles when the store first needs it.

CREATE TABLE fingerprint_bands (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    PRIMARY KEY (article_id, band)
);
CREATE INDEX fingerprint_bands_bucket ON fingerprint_bands (bucket, band);
