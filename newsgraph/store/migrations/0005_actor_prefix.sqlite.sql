-- Actor filters match codes by prefix (`source_actor LIKE 'RUS%'`). SQLite's LIKE ignores ASCII case, so
-- it can only turn a prefix into an index range on an index that ignores case too; without these, every
-- dyad, actor timeline and events-by-actor query scans the whole events table. Each index leads with one
-- actor column and carries the other, so a dyad's second actor is checked in the index before any row
-- is read.

CREATE INDEX events_source_target_prefix ON events (source_actor COLLATE NOCASE, target_actor COLLATE NOCASE);
CREATE INDEX events_target_source_prefix ON events (target_actor COLLATE NOCASE, source_actor COLLATE NOCASE);
