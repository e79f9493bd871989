-- Full-text search over title and text: a generated tsvector (title weighted above text, English
-- stemming) with a GIN index; rows already stored get theirs when the column is added.

ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')
) STORED;

CREATE INDEX articles_search ON articles USING GIN (search);
