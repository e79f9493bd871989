"""Flat pandas tables of events and quotations, one row each, with the article they came from."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

import pandas as pd

from newsgraph.analysis.codes import actor_country

EVENT_COLUMNS = [
    "article_id", "event_id", "date", "date_basis", "code", "root", "quad_class", "goldstein",
    "source_actor", "source_text", "source_country", "target_actor", "target_text", "target_country",
    "trigger", "place_name", "place_country", "place_feature", "lat", "lon", "geonameid", "negated", "modality",
    "outlet", "url", "published", "sentence", "sentence_start", "sentence_end",
    "source_name", "source_kind", "source_label", "target_name", "target_kind", "target_label",
]  # fmt: skip
QUOTE_COLUMNS = [
    "article_id", "quote_id", "published", "outlet", "url", "kind", "speaker_actor", "speaker_name",
    "speaker_text", "cue", "text", "start", "end",
]  # fmt: skip


def events_frame(articles: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per event of every article (contract dicts), with actors, place and evidence."""
    rows = [row for article in articles for row in _event_rows(article)]
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce", format="mixed")
    return frame


def _event_rows(article: dict[str, Any]) -> list[dict[str, Any]]:
    actors = {actor.get("id"): actor for actor in article.get("actors") or []}
    entities = sorted((e["start"], e["end"], e.get("label")) for e in article.get("entities") or [])
    return [_event_row(article, event, actors, entities) for event in article.get("events") or []]


def _event_row(
    article: dict[str, Any], event: dict[str, Any], actors: dict[str, dict], entities: list[tuple[int, int, str]]
) -> dict[str, Any]:
    """An event's row; the resolved actors' names and kinds come from ``actors`` and the entity labels of the
    mentions from ``entities`` (left blank when the record lacks those sections)."""
    source, target = event.get("source") or {}, event.get("target") or {}
    source_actor, target_actor = actors.get(source.get("actor_id")) or {}, actors.get(target.get("actor_id")) or {}
    place = _place(article, event.get("place"))
    start, end = (event.get("sentence") or [None, None])[:2]
    return {
        "article_id": article.get("id"), "event_id": event.get("id"),
        "date": _day(event.get("date")), "date_basis": event.get("date_basis"),
        "code": event.get("code"), "root": event.get("root"), "quad_class": event.get("quad_class"),
        "goldstein": event.get("goldstein"),
        "source_actor": source.get("actor"), "source_text": source.get("text"),
        "source_country": actor_country(source.get("actor")),
        "target_actor": target.get("actor"), "target_text": target.get("text"),
        "target_country": actor_country(target.get("actor")),
        "trigger": (event.get("trigger") or {}).get("text"),
        "place_name": place.get("name"), "place_country": place.get("country"), "place_feature": place.get("feature"),
        "lat": place.get("lat"), "lon": place.get("lon"), "geonameid": place.get("geonameid"),
        "negated": bool(event.get("negated")), "modality": event.get("modality"),
        "outlet": article.get("source"), "url": article.get("url"), "published": article.get("published"),
        "sentence": article.get("text", "")[start:end] if start is not None else None,
        "sentence_start": start, "sentence_end": end,
        "source_name": source_actor.get("name"), "source_kind": source_actor.get("kind"),
        "source_label": _entity_label(entities, source),
        "target_name": target_actor.get("name"), "target_kind": target_actor.get("kind"),
        "target_label": _entity_label(entities, target),
    }  # fmt: skip


def _entity_label(entities: list[tuple[int, int, str]], mention: dict[str, Any]) -> str | None:
    """The label of the named entity (sorted by start) that holds an actor mention ('PERSON', 'ORG' …), or None."""
    start, end = mention.get("start"), mention.get("end")
    if start is None or end is None:
        return None
    at = bisect.bisect_right(entities, (start, float("inf"), "")) - 1
    return entities[at][2] if at >= 0 and end <= entities[at][1] else None


def _place(article: dict[str, Any], place_id: str | None) -> dict[str, Any]:
    return next((p for p in article.get("places") or [] if p.get("id") == place_id), {})


def _day(value: str | None) -> str | None:
    """A TIMEX-like date as a day: '2000-10' → '2000-10-01', '2000' → '2000-01-01'; else None."""
    if not value or not value[:4].isdigit():
        return None
    parts = value[:10].split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{parts[0]}-{parts[1]}-01"
    return value[:10] if len(parts) == 3 and all(p.isdigit() for p in parts) else None


def quotes_frame(articles: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per quotation, with its speaker, cue and the article's outlet and date."""
    rows = []
    for article in articles:
        for quote in article.get("quotes") or []:
            speaker = quote.get("speaker") or {}
            rows.append({
                "article_id": article.get("id"), "quote_id": quote.get("id"),
                "published": article.get("published"), "outlet": article.get("source"), "url": article.get("url"),
                "kind": quote.get("kind"), "speaker_actor": speaker.get("actor"), "speaker_name": speaker.get("name"),
                "speaker_text": speaker.get("text"), "cue": (quote.get("cue") or {}).get("text"),
                "text": quote.get("text"), "start": quote.get("start"), "end": quote.get("end"),
            })  # fmt: skip
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce", format="mixed")
    return frame
