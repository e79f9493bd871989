"""The store on real SQLite files: round trips, idempotent upserts, atomic writes, migrations, search, export."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading

import pytest
from conftest import EXAMPLE, ROOT, STORE_BACKENDS, new_database

from newsgraph.dedup import Fingerprint
from newsgraph.ingest import read_inputs
from newsgraph.model import SECTIONS, Article, InputError, RawArticle
from newsgraph.store import ArticleFilter, StoreUnavailable, open_store
from newsgraph.store.migrations import latest_version, migrations_for
from newsgraph.store.records import article_row
from newsgraph.store.sqlite import fts5_query
from newsgraph.store.views import export_jsonl

# Short texts written for these tests; the events in them are invented.
HARBOUR = (
    "On Tuesday, the mayor of Rostock, Anna Berger, opened a new ferry terminal at the city harbour. "
    "The terminal cost 40 million euros and will serve routes to Denmark and Sweden. "
    '"This harbour has waited twenty years for a building like this," Berger told reporters.'
)
STRIKE = (
    "Dock workers in Antwerp began a two-day strike on Monday over pay and night shifts. "
    "The union said that talks with the port authority had failed last week. "
    "Shipping companies warned that container traffic to Belgium would be delayed."
)
ORCHARD = (
    "Apple growers in Poland expect a smaller harvest this year after a late frost in April. "
    "The farmers' association in Warsaw said prices for U.S. buyers would rise by about ten percent."
)


def full_article() -> Article:
    """An article with a record in every contract section, offsets into its own text."""
    text = 'Putin met Lukashenko in Sochi on Monday. "We agree," Putin said.'
    return Article(
        id="full-1",
        input="hand-built",
        text=text,
        source="TEST WIRE",
        title="A meeting in Sochi",
        published="2020-09-14",
        published_basis="given",
        sentences=[[0, 40], [41, 64]],
        entities=[
            {"id": "e1", "text": "Putin", "start": 0, "end": 5, "label": "PERSON", "actor": "RUSGOV"},
            {"id": "e2", "text": "Sochi", "start": 24, "end": 29, "label": "GPE", "actor": None},
        ],
        actors=[
            {"id": "a1", "code": "RUSGOV", "name": "Vladimir Putin", "country": "RUS", "sector": "GOV",
             "mentions": [[0, 5], [53, 58]]},
            {"id": "a2", "code": "BLRGOV", "name": "Alexander Lukashenko", "country": "BLR", "sector": "GOV",
             "mentions": [[10, 20]]},
        ],
        quotes=[
            {"id": "q1", "text": "We agree,", "start": 42, "end": 51, "kind": "direct",
             "speaker": {"text": "Putin", "start": 53, "end": 58, "actor": "RUSGOV", "name": "Vladimir Putin"},
             "cue": {"text": "said", "start": 59, "end": 63}},
        ],
        times=[{"id": "t1", "text": "Monday", "start": 33, "end": 39, "type": "DATE", "value": "2020-09-14"}],
        places=[
            {"id": "p1", "text": "Sochi", "start": 24, "end": 29, "name": "Sochi", "country": "RUS",
             "lat": 43.59699, "lon": 39.72477, "geonameid": 491422, "feature": "city"},
        ],
        events=[
            {"id": "v1", "code": "043", "root": "04", "label": "Host a visit", "quad_class": 1, "goldstein": 2.8,
             "source": {"text": "Putin", "start": 0, "end": 5, "actor": "RUSGOV"},
             "target": {"text": "Lukashenko", "start": 10, "end": 20, "actor": "BLRGOV"},
             "trigger": {"text": "met", "start": 6, "end": 9}, "sentence": [0, 40], "date": "2020-09-14",
             "date_basis": "text", "place": "p1", "negated": False, "modality": "asserted",
             "attributed_to": None, "plover": {"event": "CONSULT", "mode": "visit"}, "confidence": 0.82},
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def analysed(engine) -> list[Article]:
    """The three test texts and the example page, analysed by the real engine."""
    raws = [
        RawArticle(
            "harbour.txt", HARBOUR, source="BALTIC POST", title="Rostock opens ferry terminal", published="2024-05-14"
        ),
        RawArticle("strike.txt", STRIKE, source="PORT NEWS", title="Antwerp dock strike", published="2024-06-03"),
        RawArticle(
            "orchard.txt", ORCHARD, source="Baltic Post", title="Frost hits Polish apples", published="2024-07-20"
        ),
        *read_inputs([str(EXAMPLE)]),
    ]
    articles = list(engine.analyze(raws))
    assert all(isinstance(a, Article) for a in articles)
    return articles


TABLES = (*SECTIONS, "articles", "actor_mentions", "errors", "fingerprints", "schema_migrations")


@pytest.fixture(params=STORE_BACKENDS)
def db_url(request, tmp_path) -> str:
    """A new, empty database: a SQLite file, or a database on a throwaway PostgreSQL server."""
    return new_database(request.param, tmp_path)


def is_postgres(url: str) -> bool:
    return str(url).startswith("postgresql://")


def raw_sql(url, sql: str, params: tuple = ()) -> list[tuple]:
    """Run SQL straight through the database driver (not the store); rows as tuples."""
    if is_postgres(url):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            cursor = conn.execute(sql.replace("?", "%s"), params) if params else conn.execute(sql)
            return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
    conn = sqlite3.connect(url)
    try:
        if not params and sql.count(";") > 1:
            conn.executescript(sql)
            return []
        rows = conn.execute(sql, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def dump(url) -> list[str]:
    """Every row of every table, as text: the SQLite file's SQL dump, or each PostgreSQL table's rows."""
    if not is_postgres(url):
        conn = sqlite3.connect(url)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()
    return [
        f"{table}: {row!r}" for table in TABLES for row in sorted(map(repr, raw_sql(url, f"SELECT * FROM {table}")))
    ]


def test_round_trip_every_section(db_url):
    article = full_article()
    with open_store(db_url) as store:
        store.save_article(article)
        assert store.get_article(article.id).to_dict() == article.to_dict()
    with open_store(db_url) as store:  # and after reopening the database
        assert store.get_article(article.id).to_dict() == article.to_dict()
        assert store.get_article("no-such-id") is None


def test_round_trip_analysed_articles(db_url, analysed):
    with open_store(db_url) as store:
        for article in analysed:
            assert store.save_article(article) is True
        for article in analysed:
            assert store.get_article(article.id).to_dict() == article.to_dict()
        assert [a.id for a in store.iter_articles()] == [a.id for a in analysed]


def test_indexed_columns_answer_queries(db_url):
    with open_store(db_url) as store:
        store.save_article(full_article())
    assert raw_sql(db_url, "SELECT code, source_actor, target_actor, event_date, place_id, goldstein FROM events") == [
        ("043", "RUSGOV", "BLRGOV", "2020-09-14", "p1", 2.8)
    ]
    assert raw_sql(db_url, "SELECT speaker_actor, speaker_name, cue_text FROM quotes") == [
        ("RUSGOV", "Vladimir Putin", "said")
    ]
    mentions = raw_sql(db_url, "SELECT actor_seq, span_start, span_end FROM actor_mentions ORDER BY actor_seq, seq")
    assert mentions == [(0, 0, 5), (0, 53, 58), (1, 10, 20)]
    assert raw_sql(db_url, "SELECT geonameid, country, lat FROM places") == [(491422, "RUS", 43.59699)]
    assert raw_sql(db_url, "SELECT value FROM times") == [("2020-09-14",)]
    assert raw_sql(db_url, "SELECT label, text, actor FROM entities WHERE actor = ?", ("RUSGOV",)) == [
        ("PERSON", "Putin", "RUSGOV")
    ]


def test_saving_the_same_article_twice_changes_nothing(db_url, analysed):
    with open_store(db_url) as store:
        for article in analysed:
            store.save_article(article)
    before = dump(db_url)
    with open_store(db_url) as store:
        assert [store.save_article(a) for a in analysed] == [False] * len(analysed)
    assert dump(db_url) == before


def test_upsert_replaces_a_changed_article(db_url):
    article = full_article()
    with open_store(db_url) as store:
        store.save_article(article)
        article.title = "Talks on the Black Sea coast"
        article.events = []
        assert store.save_article(article) is True
        assert store.get_article(article.id).to_dict() == article.to_dict()
        stats = store.stats()
        assert stats["articles"] == 1 and stats["sections"]["events"] == 0 and stats["sections"]["quotes"] == 1
        assert [h.id for h in store.search("coast")] == [article.id]
        assert store.search("meeting") == []


def test_a_failed_write_leaves_the_stored_article_whole(db_url):
    article = full_article()
    with open_store(db_url) as store:
        store.save_article(article)
    before = dump(db_url)
    broken = full_article()
    broken.title = "changed"
    broken.events = [*broken.events, {"id": "v2", "code": {1, 2}}]  # a set is not JSON: fails mid-write
    with open_store(db_url) as store:
        with pytest.raises(TypeError):
            store.save_article(broken)
        assert store.get_article(article.id).to_dict() == article.to_dict()
        store.save_article(full_article())  # the connection is still usable
    assert dump(db_url) == before


def test_wal_mode(tmp_path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrates_an_empty_database_to_the_latest_version(db_url):
    dialect = "postgresql" if is_postgres(db_url) else "sqlite"
    if not is_postgres(db_url):
        sqlite3.connect(db_url).close()  # an empty file: version 0
    with open_store(db_url) as store:
        assert store.schema_version() == latest_version(dialect) >= 3
        store.save_article(full_article())
    versions = [v for (v,) in raw_sql(db_url, "SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, latest_version(dialect) + 1))
    with open_store(db_url) as store:  # reopening applies nothing
        assert store.schema_version() == latest_version(dialect)
        assert store.get_article("full-1").to_dict() == full_article().to_dict()


def test_migrates_a_version_1_database_keeping_its_articles(db_url):
    dialect = "postgresql" if is_postgres(db_url) else "sqlite"
    first = migrations_for(dialect)[0]
    article = Article(id="old-1", input="old.txt", text=HARBOUR, title="Rostock opens ferry terminal")
    row = article_row(article)
    raw_sql(db_url, first.sql)
    raw_sql(db_url, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    raw_sql(db_url, "INSERT INTO schema_migrations VALUES (1, ?, '2026-01-01')", (first.name,))
    insert = f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
    raw_sql(db_url, insert, tuple(row.values()))
    with open_store(db_url) as store:
        assert store.schema_version() == latest_version(dialect)
        assert store.get_article("old-1").to_dict() == article.to_dict()
        assert [h.id for h in store.search("ferry terminal")] == ["old-1"]  # full-text index filled
        match = store.find_duplicate(Fingerprint.of(HARBOUR.upper()))  # fingerprint computed for the old row
        assert match is not None and (match.article_id, match.kind) == ("old-1", "exact")


def test_several_processes_may_open_a_new_database_at_once(db_url):
    barrier = threading.Barrier(3)
    failures: list[BaseException] = []

    def open_and_save(number: int) -> None:
        barrier.wait()
        try:
            with open_store(db_url) as store:
                article = full_article()
                article.id = f"full-{number}"
                store.save_article(article)
        except BaseException as exc:  # reported below: a thread's exception would be lost
            failures.append(exc)

    threads = [threading.Thread(target=open_and_save, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with open_store(db_url) as store:
        assert sorted(a.id for a in store.iter_articles()) == ["full-0", "full-1", "full-2"]
        assert store.schema_version() == latest_version("postgresql" if is_postgres(db_url) else "sqlite")


def test_a_crash_mid_write_leaves_no_part_of_the_article(tmp_path):
    path = tmp_path / "news.db"
    with open_store(path) as store:
        store.save_article(full_article())
    before = dump(path)
    crash = (
        "import os, sys\n"
        "from newsgraph.dedup import Fingerprint\n"
        "from newsgraph.store import open_store\n"
        "from newsgraph.model import Article\n"
        "store = open_store(sys.argv[1])\n"
        "article = Article(id='half', input='crash', text='Text of an article cut off mid-write.')\n"
        "article.entities = [{'id': 'e1', 'text': 'Text', 'start': 0, 'end': 4, 'label': 'X'}]\n"
        "with store._transaction():\n"
        "    store._write_article(article, Fingerprint.of(article.text))\n"
        "    os._exit(3)  # the process dies before COMMIT\n"
    )
    done = subprocess.run([sys.executable, "-c", crash, str(path)], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 3, done.stderr
    with open_store(path) as store:
        assert store.get_article("half") is None
        assert store.get_article("full-1").to_dict() == full_article().to_dict()
    assert dump(path) == before


def test_refuses_a_database_from_a_newer_newsgraph(db_url):
    open_store(db_url).close()
    raw_sql(db_url, "INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    with pytest.raises(StoreUnavailable, match="newer"):
        open_store(db_url)


def test_full_text_search_with_filters(db_url, analysed):
    with open_store(db_url) as store:
        for article in analysed:
            store.save_article(article)
        assert [h.id for h in store.search("harbour")][:1] == [analysed[0].id]
        assert {h.id for h in store.search("strike")} == {analysed[1].id}
        hit = store.search("ferry terminal")[0]
        assert (hit.source, hit.published, hit.title) == ("BALTIC POST", "2024-05-14", "Rostock opens ferry terminal")
        assert "[" in hit.snippet and "]" in hit.snippet
        # Outlet filter is case-insensitive; dates are inclusive.
        baltic = ArticleFilter(source="baltic post")
        assert {h.id for h in store.search("harbour OR apple", baltic)} == set()  # every word must match
        assert {h.id for h in store.search("year", baltic)} == {analysed[0].id, analysed[2].id}
        assert {h.id for h in store.search("year", ArticleFilter(since="2024-06-01"))} == {analysed[2].id}
        assert {h.id for h in store.search("year", ArticleFilter(until="2024-05-14"))} == {
            analysed[0].id,
            analysed[3].id,
        }
        assert {h.id for h in store.search("year", ArticleFilter(since="2024-05-14", until="2024-05-14"))} == {
            analysed[0].id
        }
        assert store.search("year", ArticleFilter(since="2024-05-15", until="2024-06-30")) == []
        assert [h.id for h in store.search('"two-day strike"')] == [analysed[1].id]
        assert [h.id for h in store.search("U.S. buyers")] == [analysed[2].id]  # punctuation is safe
        assert store.search("zeppelin") == [] and store.search('  "" ') == []
        assert len(store.search("year", limit=2)) == 2


def test_fts5_query_quotes_every_term():
    assert fts5_query('energy "undersea cables" U.S.') == '"energy" AND "undersea cables" AND "U S"'
    assert fts5_query("NEAR( OR -") == '"NEAR" AND "OR"'


def test_errors_are_remembered_and_cleared(db_url):
    with open_store(db_url) as store:
        store.record_error(InputError("a.txt", "no article text"))
        store.record_error(InputError("a.txt", "binary content, not text"))
        store.record_error(InputError("b.txt", "no such file or folder"))
        assert [e.to_dict() for e in store.errors()] == [
            InputError("a.txt", "binary content, not text").to_dict(),
            InputError("b.txt", "no such file or folder").to_dict(),
        ]
        store.clear_error("a.txt")
        assert [e.input for e in store.errors()] == ["b.txt"]


def test_export_writes_contract_records(tmp_path, db_url, analysed):
    out = tmp_path / "export.jsonl"
    with open_store(db_url) as store:
        for article in analysed:
            store.save_article(article)
        assert export_jsonl(store, out) == len(analysed)
        only_port = tmp_path / "port.jsonl"
        assert export_jsonl(store, only_port, ArticleFilter(source="Port News")) == 1
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert lines == [a.to_dict() for a in analysed]
    assert all(line["schema"] == "newsgraph.article/1" for line in lines)
    assert json.loads(only_port.read_text("utf-8"))["id"] == analysed[1].id


def test_stats(db_url, analysed):
    with open_store(db_url) as store:
        for article in analysed:
            store.save_article(article)
        store.record_error(InputError("bad.txt", "no article text"))
        stats = store.stats()
    assert stats["articles"] == len(analysed)
    assert stats["duplicates"] == {"total": 0, "exact": 0, "near": 0}
    assert stats["sections"]["entities"] == sum(len(a.entities) for a in analysed) > 0
    assert set(stats["sections"]) == {*SECTIONS, "actor_mentions"}
    sources = {row["source"]: row["articles"] for row in stats["sources"]}
    assert sources == {"BALTIC POST": 1, "PORT NEWS": 1, "Baltic Post": 1, "NORTHERN WIRE": 1}
    assert stats["published"]["first"] == analysed[3].published == "2024-03-07"
    assert stats["published"]["last"] == "2024-07-20"
    assert stats["errors"] == 1


def test_open_store_by_url_and_missing_files(tmp_path):
    with pytest.raises(StoreUnavailable, match="no such database"):
        open_store(tmp_path / "absent.db", create=False)
    with pytest.raises(StoreUnavailable, match="scheme"):
        open_store("mysql://localhost/news")
    (tmp_path / "notes.txt").write_text("not a database, " * 100, "utf-8")
    with pytest.raises(StoreUnavailable, match="cannot open"):
        open_store(tmp_path / "notes.txt")
    with pytest.raises(StoreUnavailable, match="cannot connect|psycopg") as failure:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(failure.value)
    with open_store(f"sqlite:///{tmp_path / 'url.db'}") as store:
        assert store.schema_version() == latest_version("sqlite")
    assert (tmp_path / "url.db").is_file()
