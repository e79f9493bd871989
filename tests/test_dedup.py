"""Cross-article event dedup on articles we wrote, analysed by the engine: one meeting reported by two outlets
is one event; other people's talks, bare role codes, other dates and other places stay apart."""

from __future__ import annotations

import copy
import json
import time

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from newsgraph.analysis import events_frame
from newsgraph.analysis.dedup import (
    actor_identity,
    cluster_events,
    code_family,
    dedup_events,
    event_clusters,
    stored_event_clusters,
    stored_events,
    surname,
)
from newsgraph.analysis.frames import EVENT_COLUMNS
from newsgraph.analysis.queries import events_table
from newsgraph.cli import main
from newsgraph.model import RawArticle
from newsgraph.store import EventFilter, open_store

ARTICLES = {
    "g20-a": ("Wire One", "2016-09-06", "President Barack Obama met Russian President Vladimir Putin in Hangzhou on "
              "Monday. The two leaders talked for 90 minutes about Syria."),
    "g20-b": ("Wire Two", "2016-09-06", "U.S. President Barack Obama met Vladimir Putin in Hangzhou, China, on Monday, "
              "the White House said."),
    "g20-c": ("Wire Three", "2016-09-05", "Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in "
              "Hangzhou on Sunday, a day before the summit."),
    "gov-a": ("Times of India", "2002-03-01", "The state government appealed to the central government on Friday to "
              "send more troops to Ahmedabad."),
    "gov-b": ("Indian Express", "2002-03-01", "The state government appealed to the central government on Friday to "
              "send more police to Vadodara."),
}  # fmt: skip
MOSCOW = {"name": "Moscow", "country": "RUS", "geonameid": 524901, "lat": 55.75, "lon": 37.62, "feature": "city"}


@pytest.fixture(scope="module")
def records(engine) -> dict[str, dict]:
    raws = [RawArticle(input=aid, id=aid, text=text, source=outlet, published=day)
            for aid, (outlet, day, text) in ARTICLES.items()]  # fmt: skip
    return {article.id: article.to_dict() for article in engine.analyze(raws)}


def meetings_of(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """The consultations (CAMEO root 04) whose source mention ends with a surname."""
    return frame[(frame["root"] == "04") & frame["source_text"].str.endswith(source, na=False)]


def meetings(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """The consultations (CAMEO root 04) a person's surname starts, with their event numbers."""
    return frame[(frame["root"] == "04") & frame["source_name"].str.endswith(source, na=False)]


def test_two_outlets_reporting_one_meeting_are_one_event(records):
    found = dedup_events(events_frame([records["g20-a"], records["g20-b"]]))
    obama = meetings(found.reports, "Obama")
    assert len(obama) == 2 and obama["event_cluster"].nunique() == 1
    event = found.events.loc[obama["event_cluster"].iloc[0]]
    assert event[["mentions", "sources", "articles"]].tolist() == [2, 2, 2]
    assert event["place_name"] == "Hangzhou" and str(event["first_date"].date()) == "2016-09-05"
    evidence = found.mentions(int(obama["event_cluster"].iloc[0]))
    assert evidence["article_id"].tolist() == ["g20-a", "g20-b"]
    assert all("Obama met" in sentence for sentence in evidence["sentence"])


def test_kerry_and_lavrov_are_not_obama_and_putin(records):
    """Regression: same codes (USAGOV, RUSGOV), same root, a day apart, same city; different people."""
    frame = events_frame([records["g20-a"], records["g20-b"], records["g20-c"]])
    clustered = cluster_events(frame)
    kerry, obama = meetings(clustered, "Kerry"), meetings(clustered, "Obama")
    assert set(kerry["source_actor"]) == set(obama["source_actor"]) == {"USAGOV"}
    assert set(kerry["event_cluster"]).isdisjoint(obama["event_cluster"])
    table = event_clusters(frame)
    assert sorted(table[table["root"] == "04"]["mentions"]) == [1, 1, 2, 2]  # each direction of each meeting


def test_bare_role_codes_do_not_merge(records):
    """Regression: two different state governments' appeals to the Centre, coded GOV → GOV 020 on one day."""
    clustered = cluster_events(events_frame([records["gov-a"], records["gov-b"]]))
    appeals = clustered[(clustered["code"] == "020") & (clustered["source_actor"] == "GOV")]
    assert len(appeals) == 2 and set(appeals["target_actor"]) == {"GOV"}
    assert not appeals["clusterable"].any() and appeals["event_cluster"].nunique() == 2


def shifted(record: dict, new_id: str, days: int = 0, place: dict | None = None, **event_fields) -> dict:
    """A copy of an analysed article under another id and outlet, its events moved or placed elsewhere."""
    article = copy.deepcopy(record)
    article.update(id=new_id, source=f"Outlet {new_id}")
    for event in article["events"]:
        event["date"] = str((pd.Timestamp(event["date"]) + pd.Timedelta(days=days)).date())
        event.update(event_fields)
    if place:
        article["places"] = [
            {**p, **place} if p["id"] == article["events"][0]["place"] else p for p in article["places"]
        ]
    return article


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [({}, {"days": 2}, True), ({}, {"days": 3}, False), ({}, {"place": MOSCOW}, False), ({}, {"negated": True}, False),
     ({}, {"modality": "hypothetical"}, False), ({}, {"code": "042"}, True), ({"code": "042"}, {"code": "043"}, True),
     ({"code": "042"}, {"code": "041"}, False)],
)  # fmt: skip
def test_date_window_place_code_and_modality(records, first, second, together):
    frame = events_frame([shifted(records["g20-a"], "one", **first), shifted(records["g20-a"], "two", **second)])
    obama = meetings(cluster_events(frame, window_days=2), "Obama")
    assert len(obama) == 2
    assert (obama["event_cluster"].nunique() == 1) is together


def test_code_families():
    assert code_family("040") is None and code_family("190") is None  # a root-level code fits every code
    assert code_family("042") == code_family("043") == "CONSULT/visit"
    assert code_family("041") != code_family("042")
    assert code_family("1411") == code_family("1412")
    assert code_family("173") == "COERCE/arrest"
    assert code_family("0211") == code_family("021") == "021"  # no PLOVER mode: the 3-digit code


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (("USAGOV", "Barack Obama", "he", "person", None), ("USAGOV", "obama")),
        (("IGOUNO", "UN Security Council", "the Council", "org", "ORG"), ("IGOUNO", None)),
        (("GOV", "L K Advani", "Home Minister L K Advani", "person", "PERSON"), ("~advani", "advani")),
        ((None, None, "Machinea", None, "ORG"), ("~machinea", None)),
        ((None, None, "Sergei Lavrov's", None, "PERSON"), ("~lavrov", "lavrov")),
        (("IGO", "Group of Twenty", "the G20", "org", "ORG"), ("~group of twenty", None)),
        (("GOV", "government", "The state government", "group", None), (None, None)),
        (("COP", "police", "the police", "group", None), (None, None)),
        ((None, None, "he", None, None), (None, None)),
        (("RUSGOV", None, "Russian President Vladimir Putin", None, None), ("RUSGOV", "putin")),
        (("RUSGOV", None, "he", None, None), ("RUSGOV", None)),
    ],
)
def test_actor_identity(actor, expected):
    assert actor_identity(*actor) == expected


def test_surname():
    assert surname("Martin Luther King Jr.") == "king"
    assert surname("President Vladimir V. Putin") == "putin"
    assert surname("José Ramos-Horta") == "ramos-horta"


@pytest.fixture
def database(records, tmp_path) -> str:
    from newsgraph.model import Article

    path = str(tmp_path / "dedup.db")
    with open_store(path) as store:
        for record in records.values():
            store.save_article(Article.from_dict(record))
    return path


def test_stored_events_match_events_frame(database, records):
    with open_store(database, create=False) as store:
        stored = stored_events(store, EventFilter(since="2016-01-01"))
        found = stored_event_clusters(store, EventFilter(since="2016-01-01"))
    assert list(stored.columns) == EVENT_COLUMNS
    direct = events_frame([records["g20-a"], records["g20-b"], records["g20-c"]])
    key = ["article_id", "event_id"]
    assert stored.sort_values(key).reset_index(drop=True).equals(direct.sort_values(key).reset_index(drop=True))
    assert found.summary().multi_article == 2
    with open_store(database, create=False) as store:  # without actor names: mentions must agree instead
        bare = cluster_events(events_table(store, EventFilter(since="2016-01-01")))
    assert bare["source_name"].isna().all()
    kerry, obama = meetings_of(bare, "Kerry"), meetings_of(bare, "Obama")
    assert len(obama) == 2 and obama["event_cluster"].nunique() == 1
    assert set(kerry["event_cluster"]).isdisjoint(obama["event_cluster"])


def test_events_command_lists_events_and_their_evidence(database):
    run = CliRunner().invoke(main, ["events", "--db", database, "--clusters", "--format", "jsonl"])
    assert run.exit_code == 0, run.output
    events = [json.loads(line) for line in run.output.splitlines()]
    assert {(e["source_name"], e["target_name"], e["mentions"], e["sources"]) for e in events} == {
        ("Barack Obama", "Vladimir Putin", 2, 2), ("Vladimir Putin", "Barack Obama", 2, 2)
    }  # fmt: skip
    first = events[0]
    for event in (str(first["event"]), first["first_report"]):
        run = CliRunner().invoke(main, ["events", "--db", database, "--event", event, "--format", "jsonl"])
        mentions = [json.loads(line) for line in run.output.splitlines()]
        assert [m["article_id"] for m in mentions] == ["g20-a", "g20-b"]
        assert all(m["sentence"].startswith(("President Barack Obama", "U.S. President")) for m in mentions)
    table = CliRunner().invoke(main, ["events", "--db", database, "--format", "table"]).output
    assert table.startswith("# ") and "Hangzhou" in table


def test_gdelt_export_writes_one_row_per_event(records, tmp_path):
    from newsgraph.export import export_records

    chosen = [records["g20-a"], records["g20-b"], records["g20-c"]]
    out = tmp_path / "events.tsv"
    assert export_records(chosen, "gdelt", str(out)) == len(event_clusters(events_frame(chosen)))
    rows = [line.split("\t") for line in out.read_text("utf-8").splitlines()]
    obama = next(row for row in rows if row[6] == "BARACK OBAMA")
    assert obama[5] == "USAGOV" and obama[16] == "VLADIMIR PUTIN" and obama[31:34] == ["2", "2", "2"]
    said = next(row for row in rows if row[26] == "010")  # "the White House said": no target
    assert said[15:25] == [""] * 10


@pytest.mark.slow
def test_a_large_table_is_clustered_in_one_sweep(records):
    """200,000 reports: copies of the analysed articles 10 days apart, so each copy is its own set of events."""
    base = events_frame(records.values())
    copies = 200_000 // len(base) + 1
    number = np.repeat(np.arange(copies), len(base))
    frame = base.iloc[np.tile(np.arange(len(base)), copies)].reset_index(drop=True)
    frame["date"] = frame["date"] + pd.to_timedelta(number * 10, unit="D")
    frame["article_id"] = frame["article_id"] + "/" + pd.Series(number).astype(str)
    started = time.perf_counter()
    clustered = cluster_events(frame)
    seconds = time.perf_counter() - started
    assert clustered["event_cluster"].nunique() == cluster_events(base)["event_cluster"].nunique() * copies
    assert seconds < 60, seconds
