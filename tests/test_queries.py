"""Store queries and the analysis read from them, on SQLite and on PostgreSQL (a throwaway server)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsgraph.analysis.queries import actor_report, dyad_table, events_table, format_table, quotes_table
from newsgraph.export import export_records
from newsgraph.export.tables import TABLES, table_columns, table_frame
from newsgraph.store import ArticleFilter, EventFilter, QuoteFilter, open_store
from tests.browser.sample_corpus import SAMPLES

HOSTILE_VALUES = ["'; DROP TABLE articles; --", '" OR 1=1 --', "%", "_", "\\", "RUS%' OR '1'='1"]


@pytest.fixture(scope="module")
def store(sample_db):
    with open_store(sample_db, create=False) as opened:
        yield opened


def test_events_filtered_by_dyad_actor_code_and_dates(store):
    assert store.count_events(EventFilter()) == 7
    assert store.count_events(EventFilter(dyad=("RUS", "BLR"))) == 4  # RUSGOV matches RUS by prefix
    assert store.count_events(EventFilter(dyad=("BLR", "RUS"))) == 4
    assert store.count_events(EventFilter(source_actor="POL", target_actor="BLR")) == 2
    assert store.count_events(EventFilter(actor="POL", code="11")) == 2
    assert store.count_events(EventFilter(root="17")) == 1
    assert store.count_events(EventFilter(quad_class=4)) == 1
    assert store.count_events(EventFilter(since="2024-04-01", until="2024-05-31")) == 4
    assert store.count_events(EventFilter(since="2024-04", until="2024-05")) == 4
    assert store.count_events(EventFilter(until="2024")) == 7
    assert store.count_events(EventFilter(outlet="example wire")) == 5
    first = store.query_events(EventFilter(actor="POL"), limit=1)[0]
    assert first["event"]["code"] == "112" and first["place"]["name"] == "Warsaw"
    assert first["article"]["id"] == "border-row" and first["article"]["text"].startswith("Poland accused")


def test_paging_is_stable_and_complete(store):
    pages = [store.query_events(EventFilter(), offset, 3, evidence=False) for offset in (0, 3, 6)]
    ids = [(row["article"]["id"], row["event"]["id"]) for page in pages for row in page]
    assert len(ids) == len(set(ids)) == 7
    assert [len(page) for page in pages] == [3, 3, 1]
    assert store.count_articles() == len(SAMPLES)
    assert [a["id"] for a in store.article_page(limit=2)] == ["hostile", "rail-link"]


def test_quotes_by_speaker_words_outlet_and_dates(store):
    assert store.count_quotes(QuoteFilter()) == 4
    assert store.count_quotes(QuoteFilter(speaker="BLR")) == 3
    assert store.count_quotes(QuoteFilter(speaker="tusk")) == 1
    assert store.count_quotes(QuoteFilter(words=("trade", "growing"))) == 1
    assert store.count_quotes(QuoteFilter(words=("trade", "winter"))) == 0
    assert store.count_quotes(QuoteFilter(speaker="lukashenko", since="2024-05-01")) == 2
    assert store.count_quotes(QuoteFilter(until="2024-04")) == 2
    table = quotes_table(store, QuoteFilter(outlet="Northern Post"))
    assert table["text"].tolist() == ["Trade between our countries keeps growing"]


def test_actors_listed_with_counts(store):
    actors = {row["code"]: row for row in store.actor_page()}
    assert actors["BLR"]["articles"] == 4 and actors["BLR"]["events"] == 7
    assert actors["POL"]["name"] == "Poland"
    assert [row["code"] for row in store.actor_page("pol")] == ["POL", "POLGOV"]
    assert store.count_actors("lukash") == 1


def test_dyad_series_by_month(store):
    table = dyad_table(store, "RUS", "BLR", by="month")
    assert [str(p) for p in table.index] == ["2024-03", "2024-05", "2024-06"]
    assert table["events"].tolist() == [2, 1, 1]
    assert table.loc[table.index[0], "mean_goldstein"] == pytest.approx(5.7)
    assert dyad_table(store, "RUS", "BLR", directed=True)["events"].sum() == 4
    assert dyad_table(store, "BLR", "RUS", directed=True).empty
    csv = format_table(table, "csv", "period")
    assert (
        csv.splitlines()[0]
        == "period,verbal_coop,material_coop,verbal_conflict,material_conflict,events,mean_goldstein"
    )


def test_event_places_and_column_types_are_the_same_on_every_backend(store):
    assert store.event_places(EventFilter()) == [
        {"name": "Minsk", "country": "BLR", "lat": 53.9, "lon": 27.56667, "events": 2, "articles": 2},
        {"name": "Warsaw", "country": "POL", "lat": 52.22977, "lon": 21.01178, "events": 2, "articles": 1},
        {"name": "Moscow", "country": "RUS", "lat": 55.75222, "lon": 37.61556, "events": 1, "articles": 1},
    ]
    assert store.event_places(EventFilter(actor="POL")) == [store.event_places(EventFilter())[1]]
    table = dyad_table(store, "RUS", "BLR", by="month")
    assert {str(dtype) for dtype in table.dtypes.drop("mean_goldstein")} == {"int64"}
    assert str(table.dtypes["mean_goldstein"]) == "float64"


def test_actor_report_has_timeline_partners_and_quotes(store):
    report = actor_report(store, "blr")
    assert report.code == "BLR"
    assert report.timeline["events"].sum() == 7
    assert set(report.partners.index) == {"POL", "RUS", "RUSGOV"}
    assert report.partners.loc["POL", "mean_goldstein"] == pytest.approx(-3.0)
    assert len(report.quotes) == 3


def test_events_table_matches_events_frame_columns(store):
    from newsgraph.analysis.frames import EVENT_COLUMNS

    table = events_table(store, EventFilter(article_id="border-row"))
    assert list(table.columns) == EVENT_COLUMNS
    assert (
        table["sentence"].iloc[0]
        == "Poland accused Belarus on Wednesday in Warsaw of pushing migrants across the border."
    )


@pytest.mark.parametrize("table", TABLES)
def test_paged_exports_hold_the_same_rows_as_the_whole_table(store, tmp_path, table):
    """CSV and Parquet written two articles at a time equal the table built from every article at once."""
    articles = [a.to_dict() for a in store.iter_articles(ArticleFilter(duplicates=False))]
    whole = table_frame(articles, table)
    assert len(whole) == {"events": 7, "quotes": 4, "articles": len(SAMPLES)}[table]
    out = tmp_path / "paged.csv"
    assert export_records(iter(articles), "csv", str(out), table, page_size=2) == len(whole)
    assert out.read_text("utf-8") == whole.to_csv(index=False)
    out = tmp_path / "paged.parquet"
    assert export_records(iter(articles), "parquet", str(out), table, page_size=2) == len(whole)
    whole.to_parquet(tmp_path / "whole.parquet", index=False)
    paged, reference = pd.read_parquet(out), pd.read_parquet(tmp_path / "whole.parquet")
    # A column with no value at all is typeless in the whole table but text in every page: compare values.
    empty = [column for column in reference if reference[column].isna().all()]
    pd.testing.assert_frame_equal(paged.drop(columns=empty), reference.drop(columns=empty))
    assert all(paged[column].isna().all() for column in empty)
    kept = [f for f in pq.read_schema(tmp_path / "whole.parquet") if f.name not in empty]
    assert all(pq.ParquetFile(out).schema_arrow.field(f.name).type == f.type for f in kept)
    assert pq.ParquetFile(out).num_row_groups > 1


@pytest.mark.parametrize("table", TABLES)
def test_an_export_of_nothing_still_has_its_columns(tmp_path, table):
    columns = table_columns(table)
    assert export_records(iter([]), "csv", str(tmp_path / "none.csv"), table) == 0
    assert (tmp_path / "none.csv").read_text("utf-8") == ",".join(columns) + "\n"
    assert export_records(iter([]), "parquet", str(tmp_path / "none.parquet"), table) == 0
    assert pq.read_schema(tmp_path / "none.parquet").names == columns


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_filter_values_are_parameters(store, value):
    """Injection attempts are only odd values: nothing matches, and every table is intact."""
    assert store.count_events(EventFilter(actor=value)) == 0
    assert store.count_events(EventFilter(code=value, outlet=value)) == 0
    assert store.count_quotes(QuoteFilter(speaker=value, words=(value,))) == 0
    assert store.actor_page(value) == []
    assert store.search(value) == [] or all(hit.id for hit in store.search(value))
    assert store.count_articles() == len(SAMPLES)
    assert store.count_events(EventFilter()) == 7
