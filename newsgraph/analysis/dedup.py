"""Cross-article event deduplication: many reports of one real-world event become one event.

Two event mentions are the same event when they have the same source and target actors, the same
CAMEO root, compatible places (the same GeoNames id or country, or a place on one side only) and
dates no more than ``window_days`` apart. Each mention keeps its own evidence (article, sentence).
"""

from __future__ import annotations

import pandas as pd

CLUSTER_KEY = ["source_actor", "target_actor", "root"]


def cluster_events(frame: pd.DataFrame, window_days: int = 2) -> pd.DataFrame:
    """The events table with an ``event_cluster`` column: one number per real-world event."""
    frame = frame.copy()
    frame["event_cluster"] = -1
    next_id = 0
    keyed = frame.dropna(subset=[*CLUSTER_KEY, "date"])
    for _, group in keyed.sort_values("date").groupby(CLUSTER_KEY, sort=False):
        clusters: list[tuple[pd.Timestamp, object, int]] = []  # (last date, place, id)
        for index, row in group.iterrows():
            place = row["geonameid"] if pd.notna(row["geonameid"]) else row["place_country"]
            match = next((c for c in clusters if _same(c, row["date"], place, window_days)), None)
            if match is None:
                match = (row["date"], place, next_id)
                next_id += 1
            clusters = [c for c in clusters if c[2] != match[2]] + [(row["date"], match[1] or place, match[2])]
            frame.at[index, "event_cluster"] = match[2]
    singles = frame["event_cluster"] < 0
    frame.loc[singles, "event_cluster"] = range(next_id, next_id + int(singles.sum()))
    return frame


def _same(cluster: tuple, date: pd.Timestamp, place: object, window_days: int) -> bool:
    last, cluster_place, _ = cluster
    close = abs((date - last).days) <= window_days
    compatible = pd.isna(place) or pd.isna(cluster_place) or place == cluster_place
    return close and compatible


def event_clusters(frame: pd.DataFrame, window_days: int = 2) -> pd.DataFrame:
    """One row per real-world event: actors, code, dates, and how many mentions, outlets, articles."""
    clustered = cluster_events(frame, window_days)
    grouped = clustered.sort_values(["date", "article_id"]).groupby("event_cluster")
    table = grouped.agg(
        source_actor=("source_actor", "first"), target_actor=("target_actor", "first"), code=("code", "first"),
        root=("root", "first"), quad_class=("quad_class", "first"), goldstein=("goldstein", "first"),
        first_date=("date", "min"), last_date=("date", "max"), place_name=("place_name", "first"),
        mentions=("event_id", "size"), sources=("outlet", "nunique"), articles=("article_id", "nunique"),
    )  # fmt: skip
    return table.sort_values("mentions", ascending=False)
