-- Actor filters match codes by prefix (`source_actor LIKE 'RUS%'`). PostgreSQL turns a LIKE prefix into
-- an index range only on an index whose ordering is bytewise: a plain index does it in a database with
-- the C collation, but not under a language collation such as en_US.UTF-8 (the usual default), where
-- every dyad, actor timeline and events-by-actor query would scan the whole events table. Pattern
-- operator indexes serve the prefix whatever the collation; each leads with one actor column and
-- carries the other, so a dyad's second actor is checked in the index.

CREATE INDEX events_source_target_prefix ON events (source_actor text_pattern_ops, target_actor text_pattern_ops);
CREATE INDEX events_target_source_prefix ON events (target_actor text_pattern_ops, source_actor text_pattern_ops);
