"""Cross-article event deduplication: many reports of one real-world event become one event.

Only reports whose two actors are identified take part: an actor code with a country or an international
prefix (``RUSGOV``, ``IGOUNO``), or else the actor's own name (a person's surname, an organisation's or a
place's name); a bare role code (``GOV``, ``COP``) or a generic group ("officials") identifies no one.
Two such reports are one event when

- their actor identities and CAMEO root are the same (the grouping key);
- where both name a person on a side, the surnames agree (Obama–Putin is not Kerry–Lavrov);
- where both have a specific code, the codes agree: the same 3-digit code, or the same PLOVER event and
  mode (042 "make a visit" and 043 "host a visit" are both CONSULT/visit); a root-level code (040) fits all;
- their places agree: the same country and, where both have one, the same GeoNames id (or one has none);
- the later date is at most ``window_days`` after the first report of the event.

Negated, hypothetical and intended events stay on their own, and so do reports whose two sides are one
party (mostly extraction slips: "Modi → Modi"). Reports are grouped by key, sorted by date
and swept once, so the cost grows with the number of reports, not its square. Each report keeps its own
evidence (article, sentence).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from newsgraph.analysis.codes import actor_country
from newsgraph.analysis.frames import events_frame
from newsgraph.extract.events.tables import cameo_codes
from newsgraph.model import Article
from newsgraph.store.base import EventFilter, Store

INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC", "NGM")
NAMED_KINDS = ("person", "org", "country")
NAMED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
CLUSTERED_MODALITIES = ("asserted", "reported")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
MENTION_COLUMNS = [
    "event_cluster", "article_id", "event_id", "date", "outlet", "code", "source_actor", "source_text",
    "target_actor", "target_text", "trigger", "place_name", "sentence",
]  # fmt: skip


def _plain_words(text: str) -> list[str]:
    """Lower-case words without accents or possessive endings: "Lavrov's" → ["lavrov"]."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in re.sub(r"['’]s\b", "", flat).replace(".", " ").split() if any(c.isalpha() for c in w)]


def surname(name: str | None) -> str | None:
    """The family name of a person's name: "President Barack Obama" → "obama", "Martin Luther King Jr." → "king"."""
    words = [re.sub(r"[^a-z-]", "", w) for w in _plain_words(name or "")]
    words = [w for w in words if w and w not in NAME_SUFFIXES]
    return words[-1] if words else None


def _last_word(text: str | None) -> str | None:
    words = _plain_words(text or "")
    return words[-1] if words and words[-1] not in PRONOUNS else None


def plain_name(name: str | None) -> str | None:
    """A name compared loosely: lower case, no accents, no leading "the": "The Congress Party" → "congress party"."""
    words = _plain_words(name or "")
    words = words[1:] if words[:1] == ["the"] else words
    return " ".join(words) or None


def actor_identity(
    code: Any, name: Any, text: Any, kind: Any, label: Any
) -> tuple[str | None, str | None]:  # fmt: skip
    """Who an actor is, as far as dedup is concerned: (identity, person surname); identity None when the
    mention identifies no one (a bare role code, a group, a pronoun). Without a name, kind or entity label
    (an events table built without the articles' actors), a coded mention's last word stands in for the
    person."""
    code, name, text, kind, label = (v if isinstance(v, str) and v else None for v in (code, name, text, kind, label))
    is_person = kind == "person" or (kind is None and label == "PERSON")
    person = surname(name or text) if is_person else None
    if code and (actor_country(code) or (code[:3].upper() in INTERNATIONAL and len(code) > 3)):
        if name is None and kind is None and label is None:  # the row says nothing of who this is (a bare
            person = _last_word(text)  # events table): the mention's last word must agree, to stay safe
        return code.upper(), person
    if person:
        return f"~{person}", person
    if kind in NAMED_KINDS or (kind is None and label in NAMED_LABELS):
        named = plain_name(name or text)
        return (f"~{named}", None) if named else (None, None)
    return None, None


def code_family(code: Any) -> str | None:
    """What a CAMEO code says beyond its root: None for a root-level code (040, 190), else its PLOVER event
    and mode when the mode is set ("CONSULT/visit" for 042 and 043), else its 3-digit code."""
    if not isinstance(code, str) or len(code) < 3 or code[2] == "0":
        return None
    plover = cameo_codes()[code]["plover"] if code in cameo_codes() else None
    if plover and plover.get("mode"):
        return f"{plover['event']}/{plover['mode']}"
    return code[:3]


@dataclass(slots=True)
class _Event:
    """One real-world event while the sweep builds it: what its reports so far have pinned down."""

    number: int
    first: int  # day number of its first report
    source_person: str | None = None
    target_person: str | None = None
    family: str | None = None
    country: str | None = None
    geonameid: Any = None

    def admits(self, facts: tuple) -> bool:
        source_person, target_person, family, country, geonameid = facts
        return (
            _agree(self.source_person, source_person)
            and _agree(self.target_person, target_person)
            and _agree(self.family, family)
            and _agree(self.country, country)
            and (country is None or _agree(self.geonameid, geonameid))
        )

    def add(self, facts: tuple) -> None:
        source_person, target_person, family, country, geonameid = facts
        self.source_person = self.source_person or source_person
        self.target_person = self.target_person or target_person
        self.family = self.family or family
        if self.country is None and country is not None:
            self.country, self.geonameid = country, geonameid
        elif self.geonameid is None and country == self.country:
            self.geonameid = geonameid


def _agree(first: Any, second: Any) -> bool:
    return first is None or second is None or first == second


def dedup_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Per report: the actor identities and person surnames, the code family, the place (country, GeoNames
    id) and whether the report takes part in clustering at all (``clusterable``)."""

    def column(name: str) -> list[Any]:
        return _values(frame[name]) if name in frame else [None] * len(frame)

    sides = {}
    for side in ("source", "target"):
        parts = zip(*(column(f"{side}_{part}") for part in ("actor", "name", "text", "kind", "label")), strict=True)
        identities = [_identity(*values) for values in parts]
        sides[f"{side}_identity"] = [identity for identity, _ in identities]
        sides[f"{side}_person"] = [person for _, person in identities]
    keys = pd.DataFrame(sides, index=frame.index, dtype=object)
    keys["family"] = pd.Series([code_family(code) for code in column("code")], index=frame.index, dtype=object)
    keys["country"], keys["geonameid"] = frame["place_country"], frame["geonameid"]
    keys["clusterable"] = (
        keys["source_identity"].notna()
        & keys["target_identity"].notna()
        & ~_one_party(keys, frame)
        & frame["root"].notna()
        & frame["date"].notna()
        & ~frame["negated"].fillna(False).astype(bool)
        & frame["modality"].fillna("asserted").isin(CLUSTERED_MODALITIES)
    )
    return keys


def _one_party(keys: pd.DataFrame, frame: pd.DataFrame) -> pd.Series:
    """Reports whose two sides are one person, name or mention, or one code with no person named on either
    side: mostly extraction slips ("Modi → Modi", "the United States → the U.S.")."""
    names, texts = {}, {}
    for side in ("source", "target"):
        identity = keys[f"{side}_identity"].astype(object)
        named = identity.where(identity.str.startswith("~", na=False)).str[1:]
        names[side] = keys[f"{side}_person"].astype(object).fillna(named)
        texts[side] = frame[f"{side}_text"].astype(object).str.lower().str.strip()
    same_name = names["source"].notna() & (names["source"] == names["target"])
    same_text = texts["source"].notna() & (texts["source"] == texts["target"])
    no_person = keys["source_person"].isna() & keys["target_person"].isna()
    same_code = no_person & keys["source_identity"].notna() & (keys["source_identity"] == keys["target_identity"])
    return (same_name | same_text | same_code).astype(bool)


def _values(column: pd.Series) -> list[Any]:
    """The values of a column as a list, every missing value (NaN, NA, None) as None."""
    return column.astype(object).where(column.notna(), None).tolist()


@lru_cache(maxsize=1 << 16)
def _identity(
    code: str | None, name: str | None, text: str | None, kind: str | None, label: str | None
) -> tuple[str | None, str | None]:
    return actor_identity(code, name, text, kind, label)


def cluster_events(frame: pd.DataFrame, window_days: int = 2) -> pd.DataFrame:
    """The events table with an ``event_cluster`` column, one number per real-world event (numbered by first
    date), and ``clusterable`` (whether the report could join others): a report whose actors are not
    identified, or that is negated or hypothetical, is an event of its own."""
    frame = frame.copy()
    keys = dedup_keys(frame)
    frame["event_cluster"] = _sweep(keys, frame, window_days)
    frame["clusterable"] = keys["clusterable"].to_numpy(dtype=bool)
    return _number_by_date(frame)


def _sweep(keys: pd.DataFrame, frame: pd.DataFrame, window_days: int) -> np.ndarray:
    """An event number per report. Reports are sorted by key and date and read once; each joins the first
    event of its key, begun at most ``window_days`` before, that admits it, or begins a new one."""
    numbers = np.full(len(frame), -1, dtype="int64")
    days = frame["date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("int64")
    usable = keys.assign(root=frame["root"], day=days, position=np.arange(len(frame)))[keys["clusterable"]]
    usable = usable.sort_values(["source_identity", "target_identity", "root", "day"], kind="stable")
    fact_columns = ["source_person", "target_person", "family", "country", "geonameid"]
    facts = zip(*(_values(usable[c]) for c in fact_columns), strict=True)
    head_columns = ["source_identity", "target_identity", "root", "day", "position"]
    heads = zip(*(usable[c].tolist() for c in head_columns), strict=True)
    last_key, open_events, count = None, [], 0
    for (source, target, root, day, position), fact in zip(heads, facts, strict=True):
        if (source, target, root) != last_key:
            last_key, open_events = (source, target, root), []
        open_events = [e for e in open_events if day - e.first <= window_days]
        event = next((e for e in open_events if e.admits(fact)), None)
        if event is None:
            event, count = _Event(count, day), count + 1
            open_events.append(event)
        event.add(fact)
        numbers[position] = event.number
    alone = numbers < 0
    numbers[alone] = np.arange(count, count + int(alone.sum()))
    return numbers


def _number_by_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Number the events by their first date (then article and event id)."""
    order = frame.sort_values(["date", "article_id", "event_id"], kind="stable", na_position="last")
    first_seen = order["event_cluster"].drop_duplicates()
    renumber = pd.Series(range(len(first_seen)), index=first_seen.to_numpy())
    frame["event_cluster"] = frame["event_cluster"].map(renumber).astype("int64")
    return frame


def event_clusters(frame: pd.DataFrame, window_days: int = 2, clustered: bool = False) -> pd.DataFrame:
    """One row per real-world event (index ``event_cluster``): actors, code, first and last date, place, how
    many mentions, outlets and articles report it, and its first report (``article_id#event_id``); most
    reported first. ``clustered``: the frame already has its ``event_cluster`` column."""
    frame = frame if clustered else cluster_events(frame, window_days)
    frame = frame.assign(
        source_who=frame["source_name"].fillna(frame["source_text"]),
        target_who=frame["target_name"].fillna(frame["target_text"]),
        report=frame["article_id"].astype(str) + "#" + frame["event_id"].astype(str),
    )
    grouped = frame.sort_values(["date", "article_id", "event_id"], kind="stable").groupby("event_cluster")
    table = grouped.agg(
        first_date=("date", "min"), last_date=("date", "max"),
        source_actor=("source_actor", "first"), source_name=("source_who", "first"), code=("code", "first"),
        target_actor=("target_actor", "first"), target_name=("target_who", "first"),
        place_name=("place_name", "first"), mentions=("event_id", "size"), sources=("outlet", "nunique"),
        articles=("article_id", "nunique"), root=("root", "first"), quad_class=("quad_class", "first"),
        goldstein=("goldstein", "first"), first_report=("report", "first"),
    )  # fmt: skip
    table = table.reset_index().sort_values(["mentions", "first_date", "event_cluster"], ascending=[False, True, True])
    return table.set_index("event_cluster")


@dataclass
class DedupSummary:
    """How many event reports collapse into how many events."""

    reports: int
    clusterable: int
    events: int
    multi_report: int
    multi_article: int
    multi_outlet: int


@dataclass
class EventClusters:
    """Event reports grouped into real-world events: ``reports`` is the events table with its
    ``event_cluster`` and ``clusterable`` columns, ``events`` the ``event_clusters`` table."""

    reports: pd.DataFrame
    events: pd.DataFrame

    def mentions(self, event: int | str) -> pd.DataFrame:
        """The reports of one event (its number, or its first report ``article_id#event_id``), oldest first,
        each with its article and evidence sentence; empty when there is no such event."""
        if isinstance(event, str) and not event.isdigit():
            found = self.events.index[self.events["first_report"] == event]
            event = int(found[0]) if len(found) else -1
        rows = self.reports[self.reports["event_cluster"] == int(event)]
        return rows.sort_values(["date", "article_id", "event_id"], kind="stable")[MENTION_COLUMNS]

    def summary(self) -> DedupSummary:
        table = self.events
        return DedupSummary(
            reports=len(self.reports),
            clusterable=int(self.reports["clusterable"].sum()) if len(self.reports) else 0,
            events=len(table),
            multi_report=int((table["mentions"] > 1).sum()),
            multi_article=int((table["articles"] > 1).sum()),
            multi_outlet=int((table["sources"] > 1).sum()),
        )


def dedup_events(frame: pd.DataFrame, window_days: int = 2) -> EventClusters:
    """Cluster an events table (``events_frame``) into real-world events."""
    reports = cluster_events(frame, window_days)
    return EventClusters(reports, event_clusters(reports, clustered=True))


def stored_events(store: Store, where: EventFilter) -> pd.DataFrame:
    """The events table (``events_frame`` columns, actor names and entity labels included) of the stored
    events ``where`` selects; each article is read once for its actors and entities."""
    selected: dict[str, set[str]] = {}
    for row in store.query_events(where, evidence=False):
        selected.setdefault(row["article"]["id"], set()).add(row["event"]["id"])
    return events_frame(_only_events(store.get_article(aid), ids) for aid, ids in selected.items())


def _only_events(article: Article | None, ids: set[str]) -> dict[str, Any]:
    """The parts of a stored article that ``events_frame`` reads, with only the selected events."""
    if article is None:
        return {}
    return {
        "id": article.id, "source": article.source, "url": article.url, "published": article.published,
        "text": article.text, "actors": article.actors, "entities": article.entities, "places": article.places,
        "events": [event for event in article.events if event.get("id") in ids],
    }  # fmt: skip


def stored_event_clusters(store: Store, where: EventFilter, window_days: int = 2) -> EventClusters:
    """The stored events ``where`` selects, clustered into real-world events (what ``newsgraph events`` shows)."""
    return dedup_events(stored_events(store, where), window_days)
