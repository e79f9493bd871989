"""Events and quotations as tables, dyad series, cross-article dedup, plots and exports."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from conftest import shared_path

from newsgraph.analysis import actor_timeline, dyad_series, events_frame, quotes_frame, top_partners
from newsgraph.analysis.dedup import event_clusters
from newsgraph.analysis.plots import plot_period_table
from newsgraph.export import export_records, gdelt_columns, read_gdelt_events

SOCHI = {"id": "p1", "text": "Sochi", "start": 0, "end": 5, "name": "Sochi", "country": "RUS",
         "lat": 43.6, "lon": 39.73, "geonameid": 491422, "feature": "city"}  # fmt: skip


def event(eid, code, quad, goldstein, src, tgt, date, **extra):
    record = {"id": eid, "code": code, "root": code[:2], "quad_class": quad, "goldstein": goldstein,
              "source": {"text": src, "start": 0, "end": 1, "actor": src}, "date": date,
              "target": {"text": tgt, "start": 0, "end": 1, "actor": tgt}, "trigger": {"text": "met"},
              "sentence": [0, 20], "place": "p1", "negated": False, "modality": "asserted"}  # fmt: skip
    record.update(extra)
    return record


def article(aid, outlet, published, events, quotes=()):
    return {"id": aid, "source": outlet, "published": published, "url": f"https://example.org/{aid}",
            "text": "Sochi talks were held.", "places": [SOCHI], "events": list(events), "quotes": list(quotes)}  # fmt: skip


@pytest.fixture
def articles():
    return [
        article("a1", "Wire A", "2020-09-14", [
            event("v1", "043", 1, 2.8, "RUSGOV", "BLRGOV", "2020-09-14"),
            event("v2", "1411", 4, -6.5, "BLROPP", "BLRGOV", "2020-09-13"),
            event("v3", "138", 3, -7.0, "RUSGOV", "BLRGOV", "2020-09-14", negated=True),
        ], [{"id": "q1", "text": "We will help.", "start": 0, "end": 13, "kind": "direct",
             "speaker": {"text": "Putin", "actor": "RUSGOV", "name": "Vladimir Putin"}, "cue": {"text": "said"}}]),
        article("a2", "Wire B", "2020-09-15", [event("v1", "042", 1, 1.9, "RUSGOV", "BLRGOV", "2020-09-15")]),
        article("a3", "Wire A", "2020-10-02", [event("v1", "057", 1, 8.0, "BLRGOV", "RUSGOV", "2020-10-02")]),
    ]  # fmt: skip


def test_dyad_series_counts_asserted_events_by_month(articles):
    series = dyad_series(events_frame(articles), "RUS", "BLR", by="month")
    assert list(series.index.astype(str)) == ["2020-09", "2020-10"]
    assert series.loc["2020-09", "events"] == 2  # the negated threat is not counted
    assert series.loc["2020-10", "verbal_coop"] == 1
    assert series.loc["2020-09", "mean_goldstein"] == pytest.approx(2.35)


def test_timeline_and_partners(articles):
    frame = events_frame(articles)
    assert actor_timeline(frame, "BLRGOV", by="year")["events"].tolist() == [4]
    partners = top_partners(frame, "BLRGOV")
    assert partners.index.tolist()[0] == "RUSGOV" and partners.loc["RUSGOV", "events"] == 3


def test_reports_of_one_meeting_collapse_into_one_event(articles):
    clusters = event_clusters(events_frame(articles), window_days=2)
    meeting = clusters[clusters["root"] == "04"]
    assert len(meeting) == 1
    assert meeting.iloc[0][["mentions", "sources", "articles"]].tolist() == [2, 2, 2]


def test_quotes_frame(articles):
    quotes = quotes_frame(articles)
    assert quotes.loc[0, "speaker_name"] == "Vladimir Putin" and quotes.loc[0, "kind"] == "direct"


def test_plot_writes_png_and_svg(articles, tmp_path):
    table = dyad_series(events_frame(articles), "RUS", "BLR", by="month")
    png = plot_period_table(table, "RUS–BLR", tmp_path / "dyad.png")
    svg = plot_period_table(table, "RUS–BLR", tmp_path / "dyad.svg")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in svg.read_bytes()[:500]


def test_gdelt_export_has_61_columns_and_reads_back(articles, tmp_path):
    out = tmp_path / "events.tsv"
    rows = export_records(articles, "gdelt", str(out))
    lines = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert rows == len(lines) == 4  # the two reports of the meeting are one event
    assert all(len(line) == 61 for line in lines)
    meeting = next(line for line in lines if line[26] == "043")
    assert meeting[1] == "20200914" and meeting[5] == "RUSGOV" and meeting[7] == "RUS" and meeting[12] == "GOV"
    assert meeting[31:34] == ["2", "2", "2"] and meeting[53] == "RS" and meeting[58] == "491422"
    back = read_gdelt_events(out)
    assert len(dyad_series(back, "RUS", "BLR", by="year")) == 1


def test_gdelt_columns_match_the_published_schema():
    path = shared_path(
        "reference", "gdelt2-schema", "schema_csvs", "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
    )
    names = [row[0] for row in list(csv.reader(path.open(encoding="utf-8")))[1:]]
    assert gdelt_columns() == names


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_table_exports(articles, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    count = export_records(articles, fmt, str(out), table="events")
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in out.open()] == ["a1", "a2", "a3"]
    elif fmt == "csv":
        assert len(pd.read_csv(out)) == count == 5
    else:
        assert pd.read_parquet(out)["code"].tolist() == ["043", "1411", "138", "042", "057"]
