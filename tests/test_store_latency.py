"""Event queries that name an actor use the actor indexes and return what the plain join returns; the store
latency benchmark fills its stores with exactly the rows ``save_article`` writes, on SQLite and PostgreSQL.

No timings are asserted here: the figures belong to the benchmark's report (bench/README.md).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bench import store_latency
from newsgraph.store import EventFilter, open_store
from newsgraph.store.queries import _EVENT_FROM, event_conditions
from newsgraph.store.records import article_row

FILTERS = [
    EventFilter(),
    EventFilter(dyad=("RUS", "BLR")),
    EventFilter(dyad=("blr", "rus")),
    EventFilter(dyad=("RUSGOV", "USA")),
    EventFilter(actor="UKR"),
    EventFilter(actor="IGO"),
    EventFilter(source_actor="POL", target_actor="DEU"),
    EventFilter(target_actor="CHNMIL"),
    EventFilter(actor="RUS", outlet="bbc"),
    EventFilter(actor="FRA", code="0", since="2019-06", until="2021"),
    EventFilter(dyad=("USA", "CHN"), quad_class=1, root="05"),
    EventFilter(actor="RUS", article_id="synthetic-0003"),
    EventFilter(actor="%"),
    EventFilter(actor="NOBODY"),
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same 60 generated articles (3,000 events) in a SQLite store and, when it can start, PostgreSQL."""
    from newsgraph.store.testing import PostgresUnavailable, shared_postgres

    opened = {"sqlite": open_store(tmp_path_factory.mktemp("latency") / "store.db")}
    try:
        opened["postgresql"] = open_store(shared_postgres().create_database("latency_plans"))
    except PostgresUnavailable:
        pass
    store_latency.fill(opened, store_latency.Generator(50), 60)
    yield opened
    for store in opened.values():
        store.close()


def plain_join(store, where: EventFilter, limit: int | None = None) -> list[dict]:
    """What query_events returned before the subquery: every condition in the one joined query."""
    found = event_conditions(where, "e")
    if where.outlet:
        found.add("lower(a.source) = lower(?)", where.outlet)
    page = f" LIMIT {limit}" if limit else ""
    return store._rows(
        f"SELECT e.data AS event, p.data AS place, a.id, a.title, a.source, a.url, a.published, a.text {_EVENT_FROM} "
        f"WHERE {found.sql()} ORDER BY e.event_date, a.n, e.seq{page}",
        found.params,
    )


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.service)])
def test_event_queries_return_what_the_plain_join_returns(stores, backend):
    if backend not in stores:
        pytest.skip("PostgreSQL is not available")
    store = stores[backend]
    for where in FILTERS:
        expected = plain_join(store, where)
        rows = store.query_events(where)
        assert [(r["article"]["id"], r["event"]) for r in rows] == [
            (r["id"], json.loads(r["event"])) for r in expected
        ], where
        assert store.count_events(where) == len(expected), where
        page = store.query_events(where, 5, 7, evidence=False)
        assert [r["event"] for r in page] == [r["event"] for r in rows[5:12]], where
    assert store.count_events(EventFilter(dyad=("RUS", "BLR"))) > 0
    assert store.count_events(EventFilter(actor="%")) == 0


@pytest.mark.service
def test_both_backends_answer_alike(stores):
    if "postgresql" not in stores:
        pytest.skip("PostgreSQL is not available")
    sqlite, pg = stores["sqlite"], stores["postgresql"]
    for where in FILTERS:
        assert pg.query_events(where) == sqlite.query_events(where), where
        assert pg.event_places(where) == sqlite.event_places(where), where


def explain(store, where: EventFilter, limit: int | None = None) -> str:
    sql, params = store.events_statement(where, 0, limit, evidence=False)
    return "; ".join(row[-1] for row in store._execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    """A SQLite store like the other, with the statistics ANALYZE gathers (which the planner then weighs)."""
    with open_store(tmp_path_factory.mktemp("analyzed") / "store.db") as store:
        store_latency.fill({"sqlite": store}, store_latency.Generator(50), 60)
        store._execute("ANALYZE")
        yield store


@pytest.mark.parametrize(
    "where", [EventFilter(dyad=("RUS", "BLR")), EventFilter(actor="RUSGOV"), EventFilter(source_actor="USA")]
)
def test_sqlite_finds_an_actors_events_through_the_actor_indexes(stores, analyzed, where):
    for store in (stores["sqlite"], analyzed):
        for limit in (None, 50):
            plan = explain(store, where, limit)
            assert "SCAN e" not in plan and "SCAN x" not in plan, plan
            assert "USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
            assert "INDEX events_source_target_prefix" in plan or "INDEX events_target_source_prefix" in plan, plan


def test_the_fill_writes_the_rows_save_article_writes(tmp_path):
    generator = store_latency.Generator(20, seed=3)
    articles = [generator.article(n) for n in range(4)]
    assert store_latency.article_rows(articles[0])["articles"] == [article_row(articles[0])]
    with open_store(tmp_path / "saved.db") as saved, open_store(tmp_path / "filled.db") as filled:
        for article in articles:
            saved.save_article(article)
        store_latency.fill({"sqlite": filled}, store_latency.Generator(20, seed=3), 4, batch=3)
        for table in ("articles", *store_latency.TABLE_SECTIONS, "actor_mentions", "fingerprints", "fingerprint_bands"):
            query = f"SELECT * FROM {table} ORDER BY 1, 2, 3"
            assert saved._rows(query) == filled._rows(query), table
        assert filled.get_article(articles[2].id) == articles[2]
        assert filled.search(articles[1].title.split()[0]) == saved.search(articles[1].title.split()[0])
        assert not saved.save_article(replace(articles[0]))  # the same content: nothing to write


@pytest.mark.service
def test_benchmark_measures_both_backends_and_writes_json(capsys, tmp_path):
    pytest.importorskip("psycopg")
    out = tmp_path / "latency.json"
    assert store_latency.main(["--events", "1000", "--repeats", "4", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1,000 events in 20 articles" in text
    assert "SQLite p50" in text and "PostgreSQL p95" in text
    assert "same rows on every backend: yes" in text
    report = json.loads(out.read_text())
    assert set(report["backends"]) == {"sqlite", "postgresql"}
    for found in report["backends"].values():
        assert found["events"] == 1000
        assert set(found["queries"]) >= {"dyad table, two countries", "search, a rare word", "article list page"}
        assert "events_source_target_prefix" in found["plans"]["actor page"]


def test_article_pages_are_cut_off_an_index_and_match_the_plain_query(stores):
    from newsgraph.store.base import ORIGINALS, ArticleFilter

    store = stores["sqlite"]
    for where in (ORIGINALS, ArticleFilter(since="2019-01-01", duplicates=False), ArticleFilter()):
        condition, params = store._filter_sql(where, "a")
        everything = store._rows(
            "SELECT a.id, (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events "
            f"FROM articles a WHERE {condition} ORDER BY a.published DESC, a.n DESC",
            params,
        )
        for offset in (0, 7, len(everything) - 3):
            page = store.article_page(where, offset, 5)
            assert [(a["id"], a["events"]) for a in page] == [
                (a["id"], a["events"]) for a in everything[offset : offset + 5]
            ]
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)  # the statement as run, its parameters filled in
    store.article_page(ORIGINALS, 20, 20)
    store._conn.set_trace_callback(None)
    plan = "; ".join(row[-1] for row in store._execute(f"EXPLAIN QUERY PLAN {statements[-1]}").fetchall())
    assert "COVERING INDEX articles_original_published" in plan, plan
