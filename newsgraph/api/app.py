"""The HTTP API: JSON under ``/api``, the web page at ``/``, OpenAPI at ``/openapi.json``.

Endpoints parse their parameters and call one store or analysis function. Each request opens the
store and closes it when done. Page sizes above ``max_page_size`` are refused (422); request bodies
above ``max_body`` bytes are refused (413); ingest answers 403 unless an ingest token is configured.
"""

import hmac
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from newsgraph.analysis.queries import actor_report, dyad_table, table_records
from newsgraph.api.limits import RequestLimits
from newsgraph.store import ArticleFilter, EventFilter, QuoteFilter, Store, StoreUnavailable, open_store

WEB = Path(__file__).resolve().parent.parent / "web" / "static"
TOKEN_ENV = "NEWSGRAPH_INGEST_TOKEN"
MAX_BODY = 2_000_000
MAX_PAGE_SIZE = 100
Period = Literal["day", "week", "month", "quarter", "year"]
Date = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="ISO date, inclusive")]
Text = Annotated[str | None, Query(max_length=200)]


def create_app(
    store_url: str,
    *,
    ingest_token: str | None = None,
    max_body: int = MAX_BODY,
    max_page_size: int = MAX_PAGE_SIZE,
    engine: Any = None,
) -> Any:
    """The ASGI application serving the store at ``store_url`` (a SQLite path or a database URL).

    ``ingest_token`` (else $NEWSGRAPH_INGEST_TOKEN) enables POST /api/ingest for requests bearing it;
    ``engine`` is the analysis engine ingest uses (default: the process-wide one, loaded on first use).
    """
    with open_store(store_url, create=False):
        pass  # fail now, with the store's own message, rather than on the first request
    app = FastAPI(
        title="newsgraph",
        docs_url=None,  # the interactive docs pages load scripts from a CDN; we serve nothing from outside
        redoc_url=None,
        version="1",
        summary="Evidence-linked events, quotations, actors and places from stored news articles.",
    )
    app.state.store_url = store_url
    app.state.ingest_token = ingest_token or os.environ.get(TOKEN_ENV) or None
    app.state.engine = engine
    app.state.engine_lock = threading.Lock()
    _add_routes(app, max_page_size)
    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return RequestLimits(app, max_body)


def store_for(request: Request) -> Iterator[Store]:
    """The store for one request, closed when the response is done."""
    try:
        store = open_store(request.app.state.store_url, create=False)
    except StoreUnavailable as exc:
        raise HTTPException(503, f"database unavailable: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(store_for)]


def _paged(page: int, size: int, total: int, items: list[Any]) -> dict[str, Any]:
    return {"page": page, "size": size, "total": total, "pages": -(-total // size), "items": items}


def _add_routes(app: FastAPI, max_page_size: int) -> None:
    Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
    Size = Annotated[int, Query(ge=1, le=max_page_size, description=f"Items per page, at most {max_page_size}")]

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html")

    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        store: StoreDep, page: Page = 1, size: Size = 20, since: Date = None, until: Date = None,
        source: Text = None, duplicates: bool = False,
    ) -> dict[str, Any]:  # fmt: skip
        """Stored articles, newest first, with their numbers of events and quotations."""
        where = ArticleFilter(since, until, source, duplicates)
        items = store.article_page(where, (page - 1) * size, size)
        return _paged(page, size, store.count_articles(where), items)

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
        """The full newsgraph.article/1 record: text, entities, actors, quotations, times, places, events."""
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return article.to_dict()

    @app.get("/api/search", tags=["articles"])
    def search(
        store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=max_page_size)] = 20, since: Date = None, until: Date = None,
        source: Text = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Full-text search: every word and "quoted phrase" must match; best first."""
        hits = store.search(q, ArticleFilter(since, until, source, duplicates=False), limit)
        return {"query": q, "items": [hit.to_dict() for hit in hits]}

    @app.get("/api/actors", tags=["actors"])
    def list_actors(store: StoreDep, q: Text = None, page: Page = 1, size: Size = 50) -> dict[str, Any]:
        """Actor codes with a name and how many articles and events mention them, most frequent first."""
        return _paged(page, size, store.count_actors(q), store.actor_page(q, (page - 1) * size, size))

    @app.get("/api/actors/{code}", tags=["actors"])
    def get_actor(store: StoreDep, code: str, by: Period = "month") -> dict[str, Any]:
        """An actor (code prefix): asserted events per period, top partners, latest quotations."""
        report = actor_report(store, code, by)
        return {
            "code": report.code,
            "by": by,
            "timeline": table_records(report.timeline, "period"),
            "partners": table_records(report.partners, "partner"),
            "quotes": table_records(report.quotes),
        }

    @app.get("/api/dyads/{a}/{b}", tags=["actors"])
    def get_dyad(store: StoreDep, a: str, b: str, by: Period = "month", directed: bool = False) -> dict[str, Any]:
        """Asserted events between two actors or countries per period: counts by quad class, mean Goldstein."""
        table = dyad_table(store, a, b, by, directed)
        return {"a": a.upper(), "b": b.upper(), "by": by, "directed": directed,
                "periods": table_records(table, "period")}  # fmt: skip

    def event_filter(
        actor: Text = None, source_actor: Text = None, target_actor: Text = None, code: Text = None,
        root: Text = None, quad_class: Annotated[int | None, Query(ge=1, le=4)] = None, since: Date = None,
        until: Date = None, outlet: Text = None, article: Text = None,
    ) -> EventFilter:  # fmt: skip
        return EventFilter(actor, source_actor, target_actor, None, code, root, quad_class, since, until, outlet,
                           article)  # fmt: skip

    Events = Annotated[EventFilter, Depends(event_filter)]

    @app.get("/api/events", tags=["events"])
    def list_events(store: StoreDep, where: Events, page: Page = 1, size: Size = 50) -> dict[str, Any]:
        """Events with their place and article, by event date; actor and code filters match by prefix."""
        items = store.query_events(where, (page - 1) * size, size, evidence=False)
        return _paged(page, size, store.count_events(where), items)

    @app.get("/api/places", tags=["events"])
    def list_places(store: StoreDep, where: Events) -> dict[str, Any]:
        """Places of events with coordinates, with how many events happened there (for the map)."""
        return {"items": store.event_places(where)}

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(
        store: StoreDep, speaker: Text = None, words: Text = None, outlet: Text = None, since: Date = None,
        until: Date = None, page: Page = 1, size: Size = 50,
    ) -> dict[str, Any]:  # fmt: skip
        """Quotations by speaker (actor code prefix or part of a name), words, outlet and publication dates."""
        where = QuoteFilter(speaker, tuple((words or "").split()), outlet, since, until)
        items = store.query_quotes(where, (page - 1) * size, size)
        return _paged(page, size, store.count_quotes(where), items)

    @app.get("/api/stats", tags=["articles"])
    def stats(store: StoreDep) -> dict[str, Any]:
        """Counts in the database: articles, section records, duplicates, sources, dates."""
        return store.stats()

    @app.post("/api/ingest", tags=["ingest"], status_code=200)
    async def ingest(
        request: Request, store: StoreDep, authorization: Annotated[str | None, Header()] = None,
        date: Date = None,
    ) -> JSONResponse:  # fmt: skip
        """Analyse and store the body: one plain text article, or JSON Lines records (``text`` plus metadata).
        Needs ``Authorization: Bearer TOKEN``; answers 403 when the server has no ingest token."""
        _check_token(request.app.state.ingest_token, authorization)
        body = await request.body()
        kind = (request.headers.get("content-type") or "text/plain").split(";")[0].strip().lower()
        report = await run_in_threadpool(ingest_body, request.app.state, store, body, kind, date)
        return JSONResponse(report, status_code=200 if not report["errors"] else 422)


def _check_token(expected: str | None, authorization: str | None) -> None:
    if not expected:
        raise HTTPException(
            403, "ingest is disabled: start the server with --ingest-token (or $NEWSGRAPH_INGEST_TOKEN)"
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "ingest needs the header Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"})


JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines"}


def ingest_body(state: Any, store: Store, body: bytes, kind: str, date: str | None) -> dict[str, Any]:
    """Read a request body as one text or as JSON Lines, then analyse and store what is new."""
    from newsgraph.ingest import read_stream
    from newsgraph.store.ingest import ingest_items

    if kind not in JSONL_TYPES and kind not in ("text/plain", "text/html"):
        raise HTTPException(415, f"unsupported body type {kind!r}: send text/plain, text/html or application/x-ndjson")
    label = "request.jsonl" if kind in JSONL_TYPES else "request.html" if kind == "text/html" else "request.txt"
    outcomes: list[dict[str, Any]] = []
    with state.engine_lock:
        if state.engine is None:
            from newsgraph import default_engine

            state.engine = default_engine()
        report = ingest_items(
            read_stream(label, io.BytesIO(body), plain=False),
            store,
            engine=state.engine,
            date=date,
            listener=lambda outcome, name, detail: outcomes.append(
                {"outcome": outcome, "input": name, "detail": detail}
            ),
        )
    return {
        "stored": report.stored,
        "duplicates": report.duplicates,
        "skipped": report.skipped,
        "errors": [error.to_dict() for error in report.errors],
        "items": outcomes,
    }
