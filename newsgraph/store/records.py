"""How an Article maps onto rows: the article row, one row per section record, and back again."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Article

# The article fields kept in their own columns; everything else in the record goes to `record` (JSON).
ARTICLE_COLUMNS = (
    "id",
    "input",
    "url",
    "source",
    "title",
    "published",
    "published_basis",
    "language",
    "author",
    "duplicate_of",
    "text",
)


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _to_float(value: Any) -> float | None:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _to_text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


@dataclass(frozen=True)
class Column:
    """An indexed column of a section table: its name, where its value sits in the record, its type."""

    name: str
    path: str
    convert: Callable[[Any], Any] = _to_text

    def value(self, record: dict[str, Any]) -> Any:
        value: Any = record
        for key in self.path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return self.convert(value)


def _span(*extra: Column) -> tuple[Column, ...]:
    return (
        Column("record_id", "id"),
        Column("span_start", "start", _to_int),
        Column("span_end", "end", _to_int),
        *extra,
    )


SECTION_COLUMNS: dict[str, tuple[Column, ...]] = {
    "entities": _span(Column("label", "label"), Column("text", "text"), Column("actor", "actor")),
    "actors": (
        Column("record_id", "id"),
        Column("code", "code"),
        Column("name", "name"),
        Column("country", "country"),
        Column("sector", "sector"),
    ),
    "quotes": _span(
        Column("kind", "kind"),
        Column("speaker_text", "speaker.text"),
        Column("speaker_actor", "speaker.actor"),
        Column("speaker_name", "speaker.name"),
        Column("cue_text", "cue.text"),
    ),
    "times": _span(Column("type", "type"), Column("value", "value")),
    "places": _span(
        Column("name", "name"),
        Column("country", "country"),
        Column("geonameid", "geonameid", _to_int),
        Column("lat", "lat", _to_float),
        Column("lon", "lon", _to_float),
        Column("feature", "feature"),
    ),
    "events": (
        Column("record_id", "id"),
        Column("code", "code"),
        Column("root", "root"),
        Column("quad_class", "quad_class", _to_int),
        Column("goldstein", "goldstein", _to_float),
        Column("source_actor", "source.actor"),
        Column("target_actor", "target.actor"),
        Column("trigger_start", "trigger.start", _to_int),
        Column("trigger_end", "trigger.end", _to_int),
        Column("event_date", "date"),
        Column("place_id", "place"),
        Column("negated", "negated", _to_int),
        Column("modality", "modality"),
        Column("confidence", "confidence", _to_float),
    ),
}


# Sections with a table of their own; any other field (a section added to the model later included)
# is kept in the article's `record` JSON, so it still round-trips.
TABLE_SECTIONS = tuple(SECTION_COLUMNS)
_NOT_IN_RECORD = {"schema", "text", "sentences", *TABLE_SECTIONS}


def dumps(value: Any) -> str:
    """JSON as stored: compact, keys in the record's own order, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(article: Article) -> dict[str, Any]:
    """The `articles` row of an article."""
    record = article.to_dict()
    row = {name: record.get(name) for name in ARTICLE_COLUMNS}
    row["sentences"] = dumps(record.get("sentences") or [])
    row["record"] = dumps({k: v for k, v in record.items() if k not in _NOT_IN_RECORD})
    return row


def section_rows(article: Article, section: str) -> list[dict[str, Any]]:
    """The rows of one section table for an article, numbered in record order."""
    rows = []
    for seq, record in enumerate(getattr(article, section) or []):
        row = {"article_id": article.id, "seq": seq, "data": dumps(record)}
        row.update(
            {
                column.name: column.value(record if isinstance(record, dict) else {})
                for column in SECTION_COLUMNS[section]
            }
        )
        rows.append(row)
    return rows


def mention_rows(article: Article) -> list[dict[str, Any]]:
    """One `actor_mentions` row per [start, end] mention of each actor."""
    rows = []
    for actor_seq, actor in enumerate(article.actors or []):
        mentions = actor.get("mentions") if isinstance(actor, dict) else None
        for seq, mention in enumerate(mentions or []):
            start, end = (mention + [None, None])[:2] if isinstance(mention, list) else (None, None)
            rows.append(
                {
                    "article_id": article.id,
                    "actor_seq": actor_seq,
                    "seq": seq,
                    "span_start": _to_int(start),
                    "span_end": _to_int(end),
                }
            )
    return rows


def article_from_rows(row: dict[str, Any], sections: dict[str, list[str]]) -> Article:
    """The Article stored as an `articles` row plus the JSON `data` of its section rows, in order."""
    record = json.loads(row["record"])
    record.update({name: row[name] for name in ARTICLE_COLUMNS})
    record["sentences"] = json.loads(row["sentences"])
    for section in TABLE_SECTIONS:
        record[section] = [json.loads(data) for data in sections.get(section, [])]
    return Article.from_dict(record)
