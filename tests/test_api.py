"""The HTTP API over a real store (SQLite, and PostgreSQL on a throwaway server) holding our sample articles."""

from __future__ import annotations

import json

import pytest
from conftest import new_database
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.store import open_store
from tests.browser.sample_corpus import SAMPLES

TOKEN = "test-token-123"
INJECTIONS = ["'; DROP TABLE articles; --", '" OR 1=1 --', "1' OR '1'='1", "%' --"]


@pytest.fixture(scope="module")
def client(sample_db):
    return TestClient(create_app(sample_db, max_body=50_000, max_page_size=10))


@pytest.fixture(scope="module")
def ingest_client(backend, tmp_path_factory, engine):
    url = new_database(backend, tmp_path_factory.mktemp("ingest"))
    open_store(url).close()
    return TestClient(create_app(url, ingest_token=TOKEN, engine=engine, max_body=50_000))


def test_articles_are_paginated(client):
    first = client.get("/api/articles", params={"size": 3}).json()
    assert (first["total"], first["pages"], len(first["items"])) == (len(SAMPLES), 2, 3)
    second = client.get("/api/articles", params={"size": 3, "page": 2}).json()
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert sorted(ids) == sorted(s.id for s in SAMPLES)
    assert client.get("/api/articles", params={"source": "northern post"}).json()["total"] == 1


def test_page_size_over_the_limit_is_refused(client):
    response = client.get("/api/articles", params={"size": 11})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "size"]
    assert client.get("/api/events", params={"page": 0}).status_code == 422


def test_article_is_the_full_contract_record(client):
    record = client.get("/api/articles/gas-deal").json()
    assert record["schema"] == "newsgraph.article/1"
    assert record["title"] == "Russia and Belarus sign gas agreement in Minsk"
    assert {e["code"] for e in record["events"]} == {"057", "051"}
    assert any(a["code"] == "BLR" for a in record["actors"])
    assert client.get("/api/articles/no-such-id").status_code == 404


def test_search(client):
    hits = client.get("/api/search", params={"q": "sanctions"}).json()["items"]
    assert [h["id"] for h in hits] == ["border-row"]
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_actors_and_one_actor(client):
    listing = client.get("/api/actors", params={"q": "bl"}).json()
    assert [a["code"] for a in listing["items"]][:2] == ["BLR", "BLRGOV"]
    actor = client.get("/api/actors/POL", params={"by": "month"}).json()
    assert actor["timeline"] == [
        {"period": "2024-04", "verbal_coop": 0, "material_coop": 0, "verbal_conflict": 2, "material_conflict": 1,
         "events": 3, "mean_goldstein": -3.0}
    ]  # fmt: skip
    assert actor["partners"] == [{"partner": "BLR", "events": 3, "mean_goldstein": -3.0}]
    assert [q["speaker_name"] for q in actor["quotes"]] == ["Donald Tusk"]


def test_dyad_series(client):
    dyad = client.get("/api/dyads/rus/blr", params={"by": "month"}).json()
    assert (dyad["a"], dyad["b"], dyad["by"]) == ("RUS", "BLR", "month")
    assert [(p["period"], p["events"]) for p in dyad["periods"]] == [("2024-03", 2), ("2024-05", 1), ("2024-06", 1)]
    assert client.get("/api/dyads/RUS/BLR", params={"by": "fortnight"}).status_code == 422


def test_events_filters_and_places(client):
    page = client.get("/api/events", params={"actor": "POL", "size": 2}).json()
    assert (page["total"], len(page["items"])) == (3, 2)
    assert page["items"][0]["event"]["code"] == "112"
    assert "text" not in page["items"][0]["article"]
    assert client.get("/api/events", params={"root": "17"}).json()["total"] == 1
    assert client.get("/api/events", params={"since": "2024-05-01"}).json()["total"] == 2
    assert client.get("/api/events", params={"since": "May 2024"}).status_code == 422
    places = client.get("/api/places").json()["items"]
    assert {p["name"] for p in places} == {"Minsk", "Moscow", "Warsaw"}


def test_quotes(client):
    page = client.get("/api/quotes", params={"speaker": "lukashenko", "words": "trade growing"}).json()
    assert [q["quote"]["text"] for q in page["items"]] == ["Trade between our countries keeps growing"]


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["sections"]["events"], stats["sections"]["quotes"]) == (len(SAMPLES), 7, 4)
    assert stats["published"] == {"first": "2024-03-05", "last": "2024-06-02", "unknown": 0}
    assert stats["sources"][0] == {"source": "Example Wire", "articles": 2}
    assert stats["duplicates"] == {"total": 0, "exact": 0, "near": 0} and stats["errors"] == 0


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/actors", "/api/actors/{code}",
                 "/api/dyads/{a}/{b}", "/api/events", "/api/places", "/api/quotes", "/api/stats", "/api/ingest"):  # fmt: skip
        assert path in paths


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and '<main id="view"' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("app.js", "dom.js", "evidence.js", "charts.js", "style.css", "world.json"):
        assert client.get(f"/static/{asset}").status_code == 200
    assert client.get("/docs").status_code == 404  # the interactive docs would load scripts from a CDN


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_values_are_only_values(client, sample_db, value):
    for path, params in [
        ("/api/search", {"q": value}),
        ("/api/articles", {"source": value}),
        ("/api/actors", {"q": value}),
        ("/api/events", {"actor": value, "code": value, "outlet": value}),
        ("/api/quotes", {"speaker": value, "words": value}),
        ("/api/places", {"actor": value}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        assert body.get("total", 0) == 0 and body["items"] == [], (path, body)
    assert client.get(f"/api/articles/{value}").status_code == 404
    assert client.get(f"/api/dyads/{value}/BLR").json()["periods"] == []
    with open_store(sample_db, create=False) as store:
        assert store.count_articles() == len(SAMPLES)
    assert client.get("/api/articles").json()["total"] == len(SAMPLES)


def test_oversized_body_is_refused_with_413(ingest_client):
    response = ingest_client.post(
        "/api/ingest", content=b"x" * 60_000, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "request body too large: the limit is 50000 bytes"


def test_oversized_chunked_body_is_refused_with_413(ingest_client):
    def chunks():
        for _ in range(10):
            yield b"y" * 10_000

    response = ingest_client.post("/api/ingest", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_ingest_is_off_without_a_token(client):
    response = client.post("/api/ingest", content=b"Russia praised Belarus.", headers={"Content-Type": "text/plain"})
    assert response.status_code == 403
    assert "ingest is disabled" in response.json()["detail"]


def test_ingest_needs_the_right_token(ingest_client):
    for header in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        assert ingest_client.post("/api/ingest", content=b"Some text.", headers=header).status_code == 401


def test_ingest_with_token_stores_text_and_json_lines(ingest_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = "Poland and Lithuania agreed on Monday to build a new power line, officials in Vilnius said."
    first = ingest_client.post("/api/ingest", content=text.encode(), headers={**auth, "Content-Type": "text/plain"})
    assert first.status_code == 200 and first.json()["stored"] == 1
    article_id = first.json()["items"][0]["detail"]
    record = ingest_client.get(f"/api/articles/{article_id}").json()
    assert record["text"] == text and any(a["code"] == "POL" for a in record["actors"])
    lines = "\n".join(
        json.dumps({"id": f"jl-{n}", "title": f"Note {n}", "source": "Wire", "published": "2024-07-0{n}",
                    "text": f"Estonia thanked Finland for its help with the cable repair, report {n} said."})
        for n in (1, 2)
    )  # fmt: skip
    second = ingest_client.post(
        "/api/ingest", content=lines.encode(), headers={**auth, "Content-Type": "application/x-ndjson"}
    )
    assert second.status_code == 200, second.text
    assert second.json()["stored"] + second.json()["duplicates"] == 2
    assert ingest_client.get("/api/articles/jl-1").json()["source"] == "Wire"
    again = ingest_client.post("/api/ingest", content=text.encode(), headers={**auth, "Content-Type": "text/plain"})
    assert again.json()["skipped"] == 1
    assert (
        ingest_client.post("/api/ingest", content=b"{}", headers={**auth, "Content-Type": "image/png"}).status_code
        == 415
    )


def test_article_ids_with_slashes_are_reachable(backend, tmp_path, engine):
    """Corpus ids such as "bbc/politics/009" hold slashes, raw or percent-encoded in the address."""
    from newsgraph.model import RawArticle

    url = new_database(backend, tmp_path)
    with open_store(url) as store:
        raw = RawArticle(input="x.jsonl#1", id="wire/politics/009", text="Ministers met in Oslo on Monday.")
        store.save_article(engine.analyze_one(raw, "2024-05-06"))
    client = TestClient(create_app(url))
    for address in ("/api/articles/wire/politics/009", "/api/articles/wire%2Fpolitics%2F009"):
        assert client.get(address).json()["id"] == "wire/politics/009"


def test_dyad_of_actors_with_no_events_is_empty_not_an_error(client):
    response = client.get("/api/dyads/ZZZ/QQQ", params={"by": "month"})
    assert response.status_code == 200 and response.json()["periods"] == []
