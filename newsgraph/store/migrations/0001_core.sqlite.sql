-- Articles and one table per contract section. Every section row keeps its whole record as JSON in
-- `data` (what get_article returns) plus copies of the fields worth querying in indexed columns.

CREATE TABLE articles (
    n INTEGER PRIMARY KEY,                 -- storage order; the row id of the full-text index
    id TEXT NOT NULL UNIQUE,
    input TEXT NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,                        -- ISO date
    published_basis TEXT,
    language TEXT,
    author TEXT,
    duplicate_of TEXT,                     -- id of the first copy when this article repeats it
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,               -- JSON
    record TEXT NOT NULL                   -- JSON: the record's other fields (sections excluded)
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (lower(source));
CREATE INDEX articles_input ON articles (input);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    span_start INTEGER,
    span_end INTEGER,
    label TEXT,
    text TEXT,
    actor TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX entities_label_text ON entities (label, text);
CREATE INDEX entities_actor ON entities (actor);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    code TEXT,
    name TEXT,
    country TEXT,
    sector TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_country ON actors (country);

CREATE TABLE actor_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY (article_id, actor_seq, seq)
);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    span_start INTEGER,
    span_end INTEGER,
    kind TEXT,
    speaker_text TEXT,
    speaker_actor TEXT,
    speaker_name TEXT,
    cue_text TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor);
CREATE INDEX quotes_speaker_name ON quotes (speaker_name);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    span_start INTEGER,
    span_end INTEGER,
    type TEXT,
    value TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX times_value ON times (value);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    span_start INTEGER,
    span_end INTEGER,
    name TEXT,
    country TEXT,
    geonameid INTEGER,
    lat REAL,
    lon REAL,
    feature TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_geonameid ON places (geonameid);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT,
    code TEXT,
    root TEXT,
    quad_class INTEGER,
    goldstein REAL,
    source_actor TEXT,
    target_actor TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    event_date TEXT,
    place_id TEXT,
    negated INTEGER,
    modality TEXT,
    confidence REAL,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_root ON events (root);
CREATE INDEX events_source_actor ON events (source_actor);
CREATE INDEX events_target_actor ON events (target_actor);
CREATE INDEX events_date ON events (event_date);

-- Inputs that could not be read or analysed; a later run retries them and clears the row on success.
CREATE TABLE errors (
    input TEXT PRIMARY KEY,
    error TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1
);
