"""Analysis straight from a store: the events and quotations a query selects through SQL on the indexed
tables, as the same pandas tables ``events_frame`` and ``quotes_frame`` make, and the series built on them.

    from newsgraph.store import open_store
    from newsgraph.analysis.queries import dyad_table
    with open_store("news.db") as store:
        table = dyad_table(store, "RUS", "BLR", by="month")
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from newsgraph.analysis.frames import events_frame, quotes_frame
from newsgraph.analysis.series import actor_timeline, dyad_series, top_partners
from newsgraph.store.base import EventFilter, QuoteFilter, Store


def _carrier(article: dict[str, Any], **sections: list[dict[str, Any]]) -> dict[str, Any]:
    """A partial contract record holding one stored event or quotation with the article fields it needs."""
    return {
        "id": article["id"],
        "source": article.get("source"),
        "url": article.get("url"),
        "published": article.get("published"),
        "text": article.get("text") or "",
        **sections,
    }


def events_table(store: Store, where: EventFilter, evidence: bool = True) -> pd.DataFrame:
    """One row per stored event ``where`` selects (columns of ``events_frame``; sentences when ``evidence``)."""
    rows = store.query_events(where, evidence=evidence)
    return events_frame(
        _carrier(row["article"], events=[row["event"]], places=[row["place"]] if row["place"] else []) for row in rows
    )


def quotes_table(store: Store, where: QuoteFilter | None = None) -> pd.DataFrame:
    """One row per stored quotation ``where`` selects (columns of ``quotes_frame``), oldest first."""
    rows = store.query_quotes(where or QuoteFilter())
    return quotes_frame(_carrier(row["article"], quotes=[row["quote"]]) for row in rows)


def dyad_table(store: Store, a: str, b: str, by: str = "month", directed: bool = False) -> pd.DataFrame:
    """Asserted events between actors (or countries) a and b per period: counts by quad class, mean Goldstein."""
    frame = events_table(store, EventFilter(dyad=(a, b)), evidence=False)
    return dyad_series(frame, a, b, by, directed)


@dataclass
class ActorReport:
    """What the store says about one actor: events per period, main partners, latest quotations."""

    code: str
    timeline: pd.DataFrame
    partners: pd.DataFrame
    quotes: pd.DataFrame


def actor_report(store: Store, code: str, by: str = "month", partners: int = 10, quotes: int = 20) -> ActorReport:
    """The timeline, top partners and most recent quotations of an actor code (matched by prefix)."""
    frame = events_table(store, EventFilter(actor=code), evidence=False)
    said = quotes_table(store, QuoteFilter(speaker=code)).tail(quotes)
    return ActorReport(code.upper(), actor_timeline(frame, code, by), top_partners(frame, code, partners), said)


def table_records(table: pd.DataFrame, index: str | None = None) -> list[dict[str, Any]]:
    """A table as JSON-ready dicts: the index as a column named ``index``, periods and dates as strings."""
    if index is not None:
        table = table.rename_axis(index).reset_index()
    return [{str(k): _plain(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    if value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") else value


def format_table(table: pd.DataFrame, fmt: str, index: str | None = None) -> str:
    """A table as text: aligned columns for people ("table"), CSV, or JSON Lines."""
    if fmt == "csv":
        return table.to_csv(index=index is not None, index_label=index)
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in table_records(table, index))
    if table.empty:
        return "(nothing)\n"
    with pd.option_context("display.width", 200, "display.max_columns", None, "display.max_colwidth", 80):
        return table.to_string(index=index is not None) + "\n"


QUOTE_TABLE_COLUMNS = ["published", "outlet", "speaker_name", "speaker_actor", "text"]
