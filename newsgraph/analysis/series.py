"""Time series over an events table (dyads, actor timelines, partners) and over a quotations table."""

from __future__ import annotations

import pandas as pd

from newsgraph.analysis.codes import matches_actor

PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def matching(codes: pd.Series, query: str) -> pd.Series:
    """A boolean mask of the actor codes that match ``query`` by prefix (whatever the column's dtype)."""
    return pd.Series([matches_actor(code, query) for code in codes], index=codes.index, dtype=bool)


def asserted(frame: pd.DataFrame) -> pd.DataFrame:
    """Only events asserted as facts: not negated, not intended, hypothetical or merely reported."""
    return frame[~frame["negated"].astype(bool) & frame["modality"].fillna("asserted").eq("asserted")]


def dyad_events(frame: pd.DataFrame, a: str, b: str, directed: bool = False) -> pd.DataFrame:
    """Events from actor a to b (and b to a unless directed), matching codes by prefix."""
    src, tgt = frame["source_actor"], frame["target_actor"]
    forward = matching(src, a) & matching(tgt, b)
    if directed:
        return frame[forward]
    backward = matching(src, b) & matching(tgt, a)
    return frame[forward | backward]


def period_table(events: pd.DataFrame, by: str) -> pd.DataFrame:
    """Event counts by quad class and mean Goldstein value per period."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    dated = events.dropna(subset=["date"])
    columns = [*QUAD_NAMES.values(), "events", "mean_goldstein"]
    if dated.empty:
        return pd.DataFrame(columns=columns).rename_axis("period")
    period = dated["date"].dt.to_period(PERIODS[by]).rename("period")
    counts = pd.crosstab(period, dated["quad_class"]).reindex(columns=list(QUAD_NAMES), fill_value=0)
    counts.columns = list(QUAD_NAMES.values())
    counts["events"] = counts.sum(axis=1)
    counts["mean_goldstein"] = dated.groupby(period)["goldstein"].mean().round(3)
    return counts[columns]


def dyad_series(frame: pd.DataFrame, a: str, b: str, by: str = "month", directed: bool = False) -> pd.DataFrame:
    """How relations between two actors (or countries) moved: asserted events per period."""
    return period_table(dyad_events(asserted(frame), a, b, directed), by)


def actor_timeline(frame: pd.DataFrame, actor: str, by: str = "month") -> pd.DataFrame:
    """Asserted events in which an actor is source or target, per period."""
    events = asserted(frame)
    involved = matching(events["source_actor"], actor) | matching(events["target_actor"], actor)
    return period_table(events[involved], by)


def top_partners(frame: pd.DataFrame, actor: str, n: int = 10) -> pd.DataFrame:
    """The actors an actor interacts with most, with event counts and mean Goldstein value."""
    events = asserted(frame)
    out = events[matching(events["source_actor"], actor)].assign(partner=events["target_actor"])
    inc = events[matching(events["target_actor"], actor)].assign(partner=events["source_actor"])
    both = pd.concat([out, inc]).dropna(subset=["partner"])
    both = both[~matching(both["partner"], actor)]
    table = both.groupby("partner").agg(events=("event_id", "size"), mean_goldstein=("goldstein", "mean"))
    return table.sort_values("events", ascending=False).head(n).round(3)


def quote_series(quotes: pd.DataFrame, by: str = "month") -> pd.DataFrame:
    """Quotations per period (by the article's date) with how many articles and outlets carried them:
    a speaker's quotations over time when ``quotes`` holds one speaker's."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    columns = ["quotations", "direct", "articles", "outlets"]
    dated = quotes.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame(columns=columns).rename_axis("period")
    period = dated["published"].dt.to_period(PERIODS[by]).rename("period")
    grouped = dated.assign(direct=dated["kind"].eq("direct")).groupby(period)
    table = grouped.agg(
        quotations=("quote_id", "size"), direct=("direct", "sum"),
        articles=("article_id", "nunique"), outlets=("outlet", "nunique"),
    )  # fmt: skip
    return table[columns].astype(int)
