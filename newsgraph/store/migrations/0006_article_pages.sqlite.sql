-- The article list shows originals (`duplicate_of IS NULL`) newest first, a page at a time. With only the
-- single-column indexes, SQLite found the originals through `articles_duplicate_of`, read every one of
-- their rows (each with its whole text) for its date and sorted them all for each page: over 100 ms on
-- 20,000 articles. This index holds the originals in date order (the row id, `n`, rides along), so a page
-- is a walk down the index with no row read until the page is reached.

CREATE INDEX articles_original_published ON articles (duplicate_of, published);
